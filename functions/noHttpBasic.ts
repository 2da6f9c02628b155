import { CREDENTIAL_ENDPOINTS_OPTION, onlyAtCredentialEndpoints } from '../src/rule-helpers/auth-facts.js';
import { defineRule } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  schemes: string[];
  credentialEndpoints: string[];
}

/**
 * The registered name and the weakness of the schemes people commonly reject; any other scheme
 * is named as written, with a neutral reason.
 */
const KNOWN = new Map([
  ['basic', { title: 'Basic', why: 'which sends a reusable password with every request' }],
  [
    'digest',
    { title: 'Digest', why: 'which relies on a long-lived shared password that the server must keep in password-equivalent form' },
  ],
]);

export default defineRule<Options>(
  {
    code: 'specguard-no-http-basic',
    description: 'Security schemes must not use HTTP Basic authentication.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API2:2023'],
    owasp2019: ['API2:2019'],
    cwe: ['CWE-522'],
    controls: { nist80053: ['IA-2', 'IA-5(1)'], soc2: ['CC6.1'], hipaa: ['164.312(d)'] },
    securitySeverity: 7.0,
    options: {
      schemes: {
        type: 'array',
        items: { type: 'string' },
        minItems: 1,
        default: ['basic'],
        description:
          'HTTP authentication scheme names (RFC 7235, case-insensitive) to reject when used with OpenAPI 3.x `type: http`. Swagger 2.0 `type: basic` counts as `basic`. The list replaces the default, so keep `basic` in it to go on rejecting Basic; it must not be empty (turn the rule off with a severity override instead).',
      },
      credentialEndpoints: {
        ...CREDENTIAL_ENDPOINTS_OPTION,
        description: `${CREDENTIAL_ENDPOINTS_OPTION.description} A scheme that only such operations accept is not reported: the password goes out once, to get a token, not with every request.`,
      },
    },
    messages: {
      weakScheme: ({ name, title, why }) =>
        `Security scheme "${name}" uses HTTP ${title} authentication, ${why}: use OAuth 2.0, OpenID Connect or short-lived bearer tokens.`,
    },
  },
  (index, { schemes, credentialEndpoints }, messages) => {
    const rejected = new Set(schemes.map(s => s.trim().toLowerCase()));
    return index.securitySchemes.flatMap(({ name, scheme, path }) => {
      const type = typeof scheme.type === 'string' ? scheme.type.trim().toLowerCase() : null;
      // OAS2 spells HTTP Basic as its own type; OAS3 as type http with an RFC 7235 scheme name.
      // Each spelling is read in either version: a hand-migrated document mixes them, and its
      // meaning is plain even where it is not valid for the declared version.
      const viaType = type === 'basic';
      const written = viaType ? 'basic' : type === 'http' && typeof scheme.scheme === 'string' ? scheme.scheme.trim() : '';
      const httpScheme = written.toLowerCase();
      if (httpScheme === '' || !rejected.has(httpScheme) || onlyAtCredentialEndpoints(index, name, credentialEndpoints)) return [];
      const { title, why } = KNOWN.get(httpScheme) ?? { title: written, why: 'which is not an accepted way to authenticate to this API' };
      return [
        {
          message: messages.weakScheme({ name, title, why }),
          path: [...path, viaType ? 'type' : 'scheme'],
        },
      ];
    });
  },
);
