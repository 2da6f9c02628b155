import { isObject } from '../document-index/json.js';

/* Server URLs as the transport rules read them: expanded from their variables, and their hosts. */

/** Every concrete URL a templated server URL can become, from its variables' default and enum. */
export function expandServerUrl(url: string, variables: Record<string, unknown> | undefined): string[] {
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

/** The host of an absolute URL, lower-cased, IPv6 in brackets; null when there is none. */
export function hostOf(url: string): string | null {
  const match = /^\s*[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
  return match ? normalizeHost(match[1]) : null;
}

/** `LocalHost` -> `localhost`, `::1` -> `[::1]`, so option entries and URL hosts compare equal. */
export function normalizeHost(host: string): string {
  const lower = host.trim().toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/** Host name suffixes that only resolve inside a network: specguard-server-internal-host's default. */
export const INTERNAL_SUFFIXES: readonly string[] = ['localhost', 'local', 'internal', 'lan', 'corp', 'home.arpa'];

/** Whether `host` is `suffix` or a name under it, for each suffix given without its leading dot. */
export const hasSuffix = (host: string, suffixes: readonly string[]) =>
  suffixes.some(suffix => host === suffix || host.endsWith(`.${suffix}`));

/** Loopback, private, link-local and unique-local addresses, and names under an internal suffix. */
export function isInternal(host: string, suffixes: readonly string[]): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(bare);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (bare.includes(':')) return bare === '::1' || /^f[cd][0-9a-f]{2}:/.test(bare) || /^fe[89ab][0-9a-f]:/.test(bare);
  return hasSuffix(bare, suffixes);
}
