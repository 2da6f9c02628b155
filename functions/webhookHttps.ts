import { isObject } from '../src/document-index/json.js';
import type { JsonObject, JsonPath } from '../src/document-index/index.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { describeOutbound } from '../src/rule-helpers/outbound.js';

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-webhook-https',
    description:
      'Callbacks and webhooks must be sent over https: a callback URL or callback server written with http:// sends the payload in clear text.',
    severity: { recommended: 'error', strict: 'error' },
    formats: ['oas3'],
    owasp: ['API10:2023', 'API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-319'],
    controls: { nist80053: ['SC-8'], soc2: ['CC6.7'], hipaa: ['164.312(e)(1)'] },
    securitySeverity: 6.5,
    notInRaml: 'RAML has no callbacks or webhooks',
    options: {},
    messages: {
      plainUrl: ({ name, url }) =>
        `${name} is sent to "${url}" over plain HTTP: use an https:// URL, so the payload and its signature cannot be read or replayed in transit.`,
    },
  },
  (index, _options, messages) => {
    const results: RuleResult[] = [];
    const seenPathItems = new Set<JsonObject>();
    for (const op of index.outboundOperations) {
      const name = describeOutbound(op);
      // A callback's key is a runtime expression; a literal URL (or one that starts with http://) is its address.
      if (op.kind === 'callback' && /^\s*http:\/\//i.test(op.pathKey)) {
        results.push({ message: messages.plainUrl({ name, url: op.pathKey }), path: op.path.slice(0, -1) });
        continue;
      }
      const plainServers = (servers: unknown, at: JsonPath) => {
        if (!Array.isArray(servers)) return;
        servers.forEach((server, i) => {
          if (isObject(server) && typeof server.url === 'string' && /^\s*http:\/\//i.test(server.url))
            results.push({ message: messages.plainUrl({ name, url: server.url }), path: [...at, 'servers', i, 'url'] });
        });
      };
      plainServers(op.operation.servers, op.path);
      // Path-item servers serve every method below them: reported once, named by the first.
      if (!seenPathItems.has(op.pathItem)) {
        seenPathItems.add(op.pathItem);
        plainServers(op.pathItem.servers, op.path.slice(0, -1));
      }
    }
    return results;
  },
);
