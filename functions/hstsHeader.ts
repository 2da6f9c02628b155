import type { DocumentIndex } from '../src/document-index/index.js';
import { defineRule } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  scope: 'browser' | 'all';
}

const HSTS = 'strict-transport-security';

export default defineRule<Options>(
  {
    code: 'specguard-hsts-header',
    description:
      'An API that browsers call (cookie authentication, Set-Cookie or CORS headers) should document a Strict-Transport-Security header, so browsers never fall back to plain HTTP.',
    severity: { recommended: 'info', strict: 'info' },
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-319', 'CWE-523'],
    controls: { nist80053: ['SC-8'], soc2: ['CC6.7'], hipaa: ['164.312(e)(1)'] },
    securitySeverity: 3.0,
    options: {
      scope: {
        type: 'string',
        enum: ['browser', 'all'],
        default: 'browser',
        description:
          'Which APIs must document the header: `browser`, those whose description shows that browsers call them (a cookie security scheme or parameter, a Set-Cookie or Access-Control-* response header), since only browsers honour HSTS; `all`, every API with operations.',
      },
    },
    messages: {
      browser: ({ evidence }) =>
        `The API is called from browsers (${evidence}) but no response documents a Strict-Transport-Security header: send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on every response and document it, so a browser that once reached the API over HTTPS never downgrades to HTTP.`,
      missing: ({ count }) =>
        `No response of the ${count} operations documents a Strict-Transport-Security header: send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on every response and document it, so a browser that once reached the API over HTTPS never downgrades to HTTP.`,
    },
  },
  (index, { scope }, messages) => {
    if (index.operations.length === 0) return [];
    const documented = index.operations.some(op =>
      op.responses.some(response => response.headers.some(h => h.name.toLowerCase() === HSTS)),
    );
    if (documented) return [];
    // One finding for the document: the header is a server-wide setting, not an operation's.
    const evidence = browserEvidence(index);
    if (evidence !== undefined) return [{ message: messages.browser({ evidence }), path: ['paths'] }];
    return scope === 'all' ? [{ message: messages.missing({ count: String(index.operations.length) }), path: ['paths'] }] : [];
  },
);

/**
 * What in the description shows that browsers call the API, first found: HSTS is honoured by
 * browsers only, so for an API only servers and apps call it changes nothing.
 */
function browserEvidence(index: DocumentIndex): string | undefined {
  const cookieScheme = index.securitySchemes.find(
    ({ scheme }) =>
      scheme.type === 'apiKey' && (scheme.in === 'cookie' || (scheme.in === 'header' && String(scheme.name).toLowerCase() === 'cookie')),
  );
  if (cookieScheme !== undefined) return `security scheme "${cookieScheme.name}" takes a cookie`;
  for (const op of index.operations) {
    const cookie = op.parameters.find(
      ({ parameter }) => parameter.in === 'cookie' || (parameter.in === 'header' && String(parameter.name).toLowerCase() === 'cookie'),
    );
    if (cookie !== undefined)
      return `${op.method.toUpperCase()} ${op.pathKey} takes ${cookie.parameter.in === 'cookie' ? 'the cookie' : 'the header'} "${String(cookie.parameter.name)}"`;
    for (const response of op.responses) {
      const header = response.headers.find(h => {
        const name = h.name.toLowerCase();
        return name === 'set-cookie' || name.startsWith('access-control-');
      });
      if (header !== undefined) return `the ${response.status} response of ${op.method.toUpperCase()} ${op.pathKey} sends ${header.name}`;
    }
  }
  return undefined;
}
