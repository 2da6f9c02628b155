import { httpSchemeOf } from '../src/rule-helpers/auth-facts.js';
import { phraseMatcher } from '../src/rule-helpers/naming.js';
import { defineRule } from '../src/rule-kit.js';

/** Phrases by which a scheme's description already says what its tokens are: their kind, prefix or lifetime. */
const namesTokenKind = phraseMatcher([
  'jwt',
  'jwts',
  'json web token',
  'opaque',
  'reference token',
  'personal access token',
  'personal access tokens',
  'macaroon',
  'paseto',
  'prefix',
  'prefixed',
  'never expires',
  'expires',
  'expire',
]);

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-bearer-format',
    description: 'HTTP bearer schemes should say what their tokens are with bearerFormat.',
    severity: { recommended: 'info', strict: 'warn' },
    formats: ['oas3'],
    owasp: ['API2:2023'],
    owasp2019: ['API2:2019'],
    cwe: ['CWE-287'],
    controls: { nist80053: ['IA-5', 'PL-2'], soc2: ['CC6.1'], hipaa: ['164.312(d)'] },
    securitySeverity: 2.0,
    notInRaml: 'RAML has no bearer-token scheme type (its schemes map to oauth2, basic, digest, OAuth 1.0 and apiKey)',
    options: {},
    messages: {
      noFormat: ({ name }) =>
        `Security scheme "${name}" is a bearer scheme without bearerFormat: say what the tokens are (JWT, opaque reference token...), so clients and reviewers know how they are validated, scoped and expire.`,
    },
  },
  (index, _options, messages) =>
    index.securitySchemes.flatMap(({ name, scheme, path }) => {
      if (httpSchemeOf(scheme) !== 'bearer') return [];
      if (typeof scheme.bearerFormat === 'string' && scheme.bearerFormat.trim() !== '') return [];
      if (typeof scheme.description === 'string' && namesTokenKind(scheme.description) !== undefined) return [];
      return [{ message: messages.noFormat({ name }), path }];
    }),
);
