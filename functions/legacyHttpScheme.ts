import { CREDENTIAL_ENDPOINTS_OPTION, httpSchemeOf, onlyAtCredentialEndpoints } from '../src/rule-helpers/auth-facts.js';
import type { JsonObject } from '../src/document-index/index.js';
import { nameHasPhrase } from '../src/rule-helpers/naming.js';
import { defineRule } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  schemes: string[];
  credentialEndpoints: string[];
}

/** How each legacy scheme is named in messages, and what is wrong with it. */
const KNOWN = new Map([
  ['digest', { title: 'Digest', why: 'which rests on a shared password the server keeps in password-equivalent form, mostly with MD5' }],
  ['negotiate', { title: 'Negotiate (SPNEGO)', why: 'which falls back to NTLM and ties the API to a Windows domain' }],
  ['ntlm', { title: 'NTLM', why: 'whose challenge-response can be relayed and cracked offline' }],
  ['oauth', { title: 'OAuth 1.0', why: 'an obsolete protocol with long-lived token secrets, replaced by OAuth 2.0' }],
]);

export default defineRule<Options>(
  {
    code: 'specguard-legacy-http-scheme',
    description: 'HTTP security schemes must not use legacy authentication: Digest, Negotiate, NTLM or OAuth 1.0.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API2:2023'],
    owasp2019: ['API2:2019'],
    cwe: ['CWE-287', 'CWE-327'],
    controls: { nist80053: ['IA-2', 'IA-5', 'SC-13'], soc2: ['CC6.1'], hipaa: ['164.312(d)'] },
    securitySeverity: 5.5,
    options: {
      schemes: {
        type: 'array',
        items: { type: 'string' },
        default: ['digest', 'negotiate', 'ntlm', 'oauth'],
        description:
          "HTTP authentication scheme names (RFC 7235, case-insensitive) to report when used with OpenAPI 3.x `type: http`. Basic is specguard-no-http-basic's concern. The list replaces the default.",
      },
      credentialEndpoints: {
        ...CREDENTIAL_ENDPOINTS_OPTION,
        description: `${CREDENTIAL_ENDPOINTS_OPTION.description} A scheme that only such operations accept is not reported: it signs or authenticates the request for a token, and the token is what the API's other operations accept.`,
      },
    },
    messages: {
      legacy: ({ name, title, why }) =>
        `Security scheme "${name}" uses HTTP ${title} authentication, ${why}: use OAuth 2.0, OpenID Connect or short-lived bearer tokens.`,
    },
  },
  (index, { schemes, credentialEndpoints }, messages) => {
    const reported = new Set(schemes.map(s => s.trim().toLowerCase()));
    return index.securitySchemes.flatMap(({ name, scheme, path }) => {
      const http = httpSchemeOf(scheme);
      if (http === '' || http === 'basic' || !reported.has(http)) return [];
      if ((http === 'negotiate' && saysKerberos(name, scheme)) || onlyAtCredentialEndpoints(index, name, credentialEndpoints)) return [];
      const { title, why } = KNOWN.get(http) ?? { title: String(scheme.scheme).trim(), why: 'which this API does not accept' };
      return [{ message: messages.legacy({ name, title, why }), path: [...path, 'scheme'] }];
    });
  },
);

/**
 * A Negotiate scheme named or described as Kerberos: Kerberos tickets are short-lived and the
 * NTLM fallback that makes Negotiate a risk is not what it offers.
 */
function saysKerberos(name: string, scheme: JsonObject): boolean {
  const description = typeof scheme.description === 'string' ? scheme.description : '';
  return nameHasPhrase(name, 'kerberos') || (nameHasPhrase(description, 'kerberos') && !nameHasPhrase(description, 'ntlm'));
}
