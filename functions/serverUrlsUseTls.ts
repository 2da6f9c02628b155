import { isObject } from '../src/document-index/index.js';
import { defineIndexRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  /** Hosts that may be reached over plain HTTP because traffic never leaves the machine. */
  allowedHosts: string[];
}

const INSECURE_SCHEMES = new Set(['http', 'ws']);

export default defineIndexRule<Options>(
  'serverUrlsUseTls',
  {
    type: 'object',
    properties: { allowedHosts: { type: 'array', items: { type: 'string' } } },
    additionalProperties: false,
  },
  { allowedHosts: ['localhost', '127.0.0.1', '[::1]'] },
  (index, { allowedHosts }) => {
    const results: RuleResult[] = [];
    const allowed = new Set(allowedHosts.map(h => h.toLowerCase()));
    if (index.version === '2.0') {
      const schemes = index.root.schemes;
      if (!Array.isArray(schemes)) return results;
      const host = typeof index.root.host === 'string' ? hostOf(`x://${index.root.host}`) : null;
      if (host !== null && allowed.has(host)) return results;
      schemes.forEach((scheme, i) => {
        if (typeof scheme === 'string' && INSECURE_SCHEMES.has(scheme.toLowerCase())) {
          results.push({
            message: `Scheme "${scheme}" lets clients call the API without TLS: list only "${scheme.toLowerCase() === 'ws' ? 'wss' : 'https'}" in schemes.`,
            path: ['schemes', i],
          });
        }
      });
      return results;
    }
    for (const server of index.servers) {
      for (const url of expandServerUrl(server.url, server.variables)) {
        const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
        if (scheme === undefined || !INSECURE_SCHEMES.has(scheme)) continue;
        const host = hostOf(url);
        if (host !== null && allowed.has(host)) continue;
        results.push({
          message: `Server URL "${url}" uses plain ${scheme.toUpperCase()}: use ${scheme === 'ws' ? 'wss' : 'https'}:// so credentials and data are encrypted in transit.`,
          path: [...server.path, 'url'],
        });
        break; // one finding per server entry, however many variable values are insecure
      }
    }
    return results;
  },
);

/** Every concrete URL a templated server URL can become, from its variables' default and enum. */
function expandServerUrl(url: string, variables: Record<string, unknown> | undefined): string[] {
  let urls = [url];
  for (const [name, variable] of Object.entries(variables ?? {})) {
    if (!isObject(variable)) continue;
    const values = new Set<string>();
    if (typeof variable.default === 'string') values.add(variable.default);
    if (Array.isArray(variable.enum)) for (const v of variable.enum) if (typeof v === 'string') values.add(v);
    if (values.size === 0) continue;
    const placeholder = `{${name}}`;
    urls = urls.flatMap(u => (u.includes(placeholder) ? [...values].map(v => u.split(placeholder).join(v)) : [u]));
    if (urls.length > 256) break; // enough to judge; a templated URL cannot make us explode
  }
  return urls;
}

function hostOf(url: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
  return match ? match[1].toLowerCase() : null;
}
