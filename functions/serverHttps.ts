import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { expandServerUrl, hostOf, normalizeHost } from '../src/rule-helpers/server-urls.js';

interface Options extends Record<string, unknown> {
  allowedHosts: string[];
}

const INSECURE_SCHEMES = new Set(['http', 'ws']);
const SECURE_COUNTERPART: Record<string, string> = { http: 'https', ws: 'wss' };

export default defineRule<Options>(
  {
    code: 'specguard-server-https',
    description: 'Servers and schemes must use TLS (https/wss); plain HTTP exposes credentials and data in transit.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-319'],
    controls: { nist80053: ['SC-8', 'SC-8(1)'], soc2: ['CC6.7'], hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'] },
    securitySeverity: 7.5,
    options: {
      allowedHosts: {
        type: 'array',
        items: { type: 'string' },
        default: ['localhost', '127.0.0.1', '[::1]', '.localhost', '.local'],
        description:
          "Hosts that may be reached over `http`/`ws`: loopback, where traffic never leaves the machine, and `.local` (mDNS) names, which only the local network resolves and no public certificate authority issues certificates for (a local development name, a device on the LAN, a self-hosted product's placeholder). Host names only, without scheme or port; an entry starting with a dot allows every host under it (`.local`); case-insensitive; an IPv6 address may be written with or without brackets. The list replaces the default, so repeat the defaults you want to keep. An empty list allows no plain-HTTP host at all.",
      },
    },
    messages: {
      plainUrl: ({ url, scheme, secure }) =>
        `Server URL "${url}" uses plain ${scheme}: use ${secure}:// so credentials and data are encrypted in transit.`,
      templatedUrl: ({ template, url, scheme, secure }) =>
        `Server URL "${template}" can resolve to "${url}", which uses plain ${scheme}: use ${secure}:// so credentials and data are encrypted in transit.`,
      plainScheme: ({ scheme, secure }) => `Scheme "${scheme}" lets clients call the API without TLS: list only "${secure}" in schemes.`,
    },
  },
  (index, { allowedHosts }, messages) => {
    const results: RuleResult[] = [];
    const allowed = hostAllowance(allowedHosts);
    if (index.version === '2.0') {
      const schemes = index.root.schemes;
      // `schemes: http` (a string, not a list) is invalid, but its meaning is plain.
      const entries: Array<[unknown, Array<string | number>]> = Array.isArray(schemes)
        ? schemes.map((scheme, i) => [scheme, ['schemes', i]])
        : [[schemes, ['schemes']]];
      const host = typeof index.root.host === 'string' ? hostOf(`x://${index.root.host}`) : null;
      if (host !== null && allowed(host)) return results;
      for (const [scheme, path] of entries) {
        if (typeof scheme !== 'string') continue;
        const lower = scheme.trim().toLowerCase();
        if (!INSECURE_SCHEMES.has(lower)) continue;
        results.push({
          message: messages.plainScheme({ scheme, secure: SECURE_COUNTERPART[lower] }),
          path,
        });
      }
      return results;
    }
    // Operation-level `servers` often repeat one URL per operation: each message once, at its first server.
    const reported = new Set<string>();
    for (const server of index.servers) {
      for (const url of expandServerUrl(server.url, server.variables)) {
        const scheme = /^\s*([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
        if (scheme === undefined || !INSECURE_SCHEMES.has(scheme)) continue;
        const host = hostOf(url);
        if (host !== null && allowed(host)) continue;
        // A templated URL is named as written, with the insecure URL its variables allow.
        const parts = { url, scheme: scheme.toUpperCase(), secure: SECURE_COUNTERPART[scheme] };
        const message = url === server.url ? messages.plainUrl(parts) : messages.templatedUrl({ ...parts, template: server.url });
        if (!reported.has(message)) results.push({ message, path: [...server.path, 'url'] });
        reported.add(message);
        break; // one finding per server entry, however many variable values are insecure
      }
    }
    return results;
  },
);

/** Whether a host is allowed: named exactly, or under an entry that starts with a dot (`.local`). */
function hostAllowance(allowedHosts: readonly string[]): (host: string) => boolean {
  const entries = allowedHosts.map(normalizeHost);
  const exact = new Set(entries.filter(entry => !entry.startsWith('.')));
  const suffixes = entries.filter(entry => entry.startsWith('.'));
  return host => exact.has(host) || suffixes.some(suffix => host.endsWith(suffix));
}
