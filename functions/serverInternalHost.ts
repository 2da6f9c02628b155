import { nameHasPhrase, nameWords } from '../src/naming.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { expandServerUrl, hostOf } from '../src/server-urls.js';

interface Options extends Record<string, unknown> {
  internalSuffixes: string[];
  nonProductionWords: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-server-internal-host',
    description:
      'Servers must not point at localhost, loopback, private-range or .local hosts unless their description says they are not production.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API8:2023', 'API9:2023'],
    owasp2019: ['API7:2019', 'API9:2019'],
    cwe: ['CWE-200', 'CWE-1188'],
    controls: { nist80053: ['CM-7', 'SC-7'], soc2: ['CC6.6'], hipaa: ['164.312(e)(1)'] },
    securitySeverity: 4.0,
    options: {
      internalSuffixes: {
        type: 'array',
        items: { type: 'string' },
        default: ['localhost', 'local', 'internal', 'lan', 'corp', 'home.arpa'],
        description:
          'Host name suffixes that only resolve inside a network (`api.local`, `billing.internal`). Loopback and private IP ranges (127/8, 10/8, 172.16/12, 192.168/16, 169.254/16, ::1, fc00::/7, fe80::/10) are always internal. Replaces the default.',
      },
      nonProductionWords: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'local',
          'localhost',
          'development',
          'dev',
          'test',
          'testing',
          'mock',
          'sandbox',
          'non production',
          'nonprod',
          'internal',
        ],
        description:
          'Words in a server description (whole words, any case) that mark it as not production, so an internal host is expected: `Local development`, `Mock server`. Replaces the default.',
      },
    },
    messages: {
      internal: ({ url, host }) =>
        `Server URL "${url}" points at the internal host ${host}: remove it from the published description, or describe it as a non-production server (for example "Local development"); internal addresses map your network for attackers and send clients to the wrong place.`,
    },
  },
  (index, { internalSuffixes, nonProductionWords }, messages) => {
    const results: RuleResult[] = [];
    const suffixes = internalSuffixes.map(s => s.toLowerCase().replace(/^\./, ''));
    const isNonProduction = (description: unknown) => {
      if (typeof description !== 'string') return false;
      const words = nameWords(description);
      return nonProductionWords.some(word => nameHasPhrase(words, word));
    };
    const check = (urls: string[], path: Array<string | number>, shown: string) => {
      for (const url of urls) {
        const host = hostOf(url.includes('://') ? url : `x://${url}`);
        if (host === null || !isInternal(host, suffixes)) continue;
        results.push({ message: messages.internal({ url: shown, host }), path });
        return;
      }
    };
    if (index.version === '2.0') {
      if (typeof index.root.host === 'string') check([index.root.host], ['host'], index.root.host);
      return results;
    }
    for (const server of index.servers) {
      if (isNonProduction(server.server.description)) continue;
      check(expandServerUrl(server.url, server.variables), [...server.path, 'url'], server.url);
    }
    return results;
  },
);

/** Loopback, private, link-local and unique-local addresses, and names under an internal suffix. */
export function isInternal(host: string, suffixes: readonly string[]): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(bare);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (bare.includes(':')) return bare === '::1' || /^f[cd][0-9a-f]{2}:/.test(bare) || /^fe[89ab][0-9a-f]:/.test(bare);
  return suffixes.some(suffix => bare === suffix || bare.endsWith(`.${suffix}`));
}
