import type { DocumentIndex, OperationEntry } from '../src/document-index/index.js';
import { httpSchemeOf, schemeTypeOf } from '../src/rule-helpers/auth-facts.js';
import { wildcardOrigins } from '../src/rule-helpers/cors.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import { expandServerUrl, hostOf, INTERNAL_SUFFIXES, isInternal } from '../src/rule-helpers/server-urls.js';

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-cors-wildcard-origin',
    description:
      'Responses must not allow every origin (`Access-Control-Allow-Origin: *`) where the browser vouches for the caller: operations authenticated by cookies, HTTP Basic/Digest/Negotiate or mutual TLS, and APIs served from internal hosts.',
    severity: { recommended: 'warn', strict: 'warn' },
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-942'],
    controls: { nist80053: ['AC-4', 'SC-7'], soc2: ['CC6.6'], hipaa: ['164.312(e)(1)'] },
    securitySeverity: 4.0,
    options: {},
    messages: {
      wildcard: ({ status, operation }) =>
        `The ${status} response of ${operation} documents Access-Control-Allow-Origin: *, so any web page can read it from a visitor's browser: list the allowed origins (and send Vary: Origin), or keep * only for public, unauthenticated data.`,
    },
  },
  (index, _options, messages) => {
    const internal = servesFromInternalHost(index);
    return (
      wildcardOrigins(index)
        .filter(found => !found.withCredentials) // specguard-cors-credentials-wildcard reports those, as errors
        // `*` on data any page could fetch itself, or on explicit API keys and tokens, exposes nothing: the documented exception.
        .filter(found => internal || acceptsAmbientCredentials(found.operation))
        .map(({ operation, response, header }) => ({
          message: messages.wildcard({ status: response.status, operation: describeOperation(operation) }),
          path: header.path,
        }))
    );
  },
);

/**
 * Whether the operation accepts credentials a browser attaches by itself, so that the caller's
 * identity comes with the visitor rather than with the calling page: a cookie, HTTP Basic,
 * Digest or Negotiate (Kerberos, NTLM), or a client certificate. An API key or token the page
 * must set explicitly is not one.
 */
function acceptsAmbientCredentials(op: OperationEntry): boolean {
  return op.security.requirements.some(requirement =>
    requirement.schemes.some(({ scheme }) => {
      if (scheme === undefined) return false;
      const type = schemeTypeOf(scheme.scheme);
      return (
        (type === 'apikey' && scheme.scheme.in === 'cookie') ||
        type === 'mutualtls' ||
        AMBIENT_HTTP_SCHEMES.has(httpSchemeOf(scheme.scheme))
      );
    }),
  );
}

const AMBIENT_HTTP_SCHEMES: ReadonlySet<string> = new Set(['basic', 'digest', 'negotiate', 'ntlm']);

/**
 * Whether a server (OAS3 `servers` at any level, the Swagger 2.0 `host`) is an internal host:
 * such an API trusts its callers for being inside the network, which a visitor's browser is.
 */
function servesFromInternalHost(index: DocumentIndex): boolean {
  const urls =
    index.version === '2.0'
      ? typeof index.root.host === 'string'
        ? [`x://${index.root.host}`]
        : []
      : index.servers.flatMap(server => expandServerUrl(server.url, server.variables));
  return urls.some(url => {
    const host = hostOf(url);
    return host !== null && isInternal(host, INTERNAL_SUFFIXES);
  });
}
