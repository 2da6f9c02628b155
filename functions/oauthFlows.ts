import { isObject } from '../src/document-index/json.js';
import type { JsonObject, JsonPath } from '../src/document-index/index.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  allowedFlows: string[];
}

/** The flows RFC 9700 (OAuth 2.0 Security Best Current Practice) deprecates, with why and what instead. */
const DEPRECATED_FLOWS = new Map([
  [
    'implicit',
    {
      why: 'it returns the access token in the redirect URL, where it leaks and cannot be sender-constrained',
      instead: 'the authorization code flow with PKCE',
    },
  ],
  [
    'password',
    {
      why: "it hands the user's password to the client",
      instead: 'the authorization code flow with PKCE (or client credentials for machine clients)',
    },
  ],
]);

const OAUTH_URLS = ['authorizationUrl', 'tokenUrl', 'refreshUrl'];

export default defineRule<Options>(
  {
    code: 'specguard-oauth-flows',
    description: 'OAuth 2.0 schemes must not use the deprecated implicit or password flows, and their endpoints must use https.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API2:2023'],
    owasp2019: ['API2:2019'],
    cwe: ['CWE-287', 'CWE-522', 'CWE-319'],
    controls: { nist80053: ['IA-2', 'IA-5', 'SC-8'], soc2: ['CC6.1', 'CC6.7'], hipaa: ['164.312(d)', '164.312(e)(1)'] },
    securitySeverity: 7.0,
    options: {
      allowedFlows: {
        type: 'array',
        items: { enum: ['implicit', 'password'] },
        uniqueItems: true,
        default: [],
        description:
          'Deprecated flows (`implicit`, `password`) this API accepts with intent, say while clients migrate: they are not reported. Insecure endpoint URLs are still reported.',
      },
    },
    messages: {
      deprecatedFlow: ({ name, flow, why, instead }) =>
        `Security scheme "${name}" uses the OAuth 2.0 ${flow} flow, which RFC 9700 (OAuth 2.0 Security Best Current Practice) deprecates because ${why}: use ${instead}.`,
      insecureUrl: ({ name, field, url }) =>
        `Security scheme "${name}" has ${field} "${url}" over plain HTTP: use https:// so tokens, codes and credentials are encrypted in transit.`,
    },
  },
  (index, { allowedFlows }, messages) => {
    const allowed = new Set(allowedFlows);
    const results: RuleResult[] = [];
    for (const { name, scheme, path } of index.securitySchemes) {
      const type = typeof scheme.type === 'string' ? scheme.type.trim().toLowerCase() : '';
      const report = (flow: string, at: JsonPath) => {
        const deprecated = DEPRECATED_FLOWS.get(flow);
        if (deprecated !== undefined && !allowed.has(flow))
          results.push({ message: messages.deprecatedFlow({ name, flow, ...deprecated }), path: at });
      };
      const checkUrls = (holder: JsonObject, at: JsonPath, fields: string[]) => {
        for (const field of fields) {
          const url = holder[field];
          // A relative URL resolves against the server URL, which specguard-server-https checks.
          if (typeof url === 'string' && /^\s*http:\/\//i.test(url))
            results.push({ message: messages.insecureUrl({ name, field, url }), path: [...at, field] });
        }
      };
      if (type === 'oauth2') {
        // OpenAPI 3.x: a `flows` object keyed by flow name.
        if (isObject(scheme.flows)) {
          for (const [flow, settings] of Object.entries(scheme.flows)) {
            if (!isObject(settings) || flow.startsWith('x-')) continue;
            report(flow, [...path, 'flows', flow]);
            checkUrls(settings, [...path, 'flows', flow], OAUTH_URLS);
          }
        }
        // Swagger 2.0: one `flow` with its URLs on the scheme itself.
        if (typeof scheme.flow === 'string') {
          report(scheme.flow.trim().toLowerCase(), [...path, 'flow']);
          checkUrls(scheme, path, OAUTH_URLS);
        }
      } else if (type === 'openidconnect') {
        checkUrls(scheme, path, ['openIdConnectUrl']);
      }
    }
    return results;
  },
);
