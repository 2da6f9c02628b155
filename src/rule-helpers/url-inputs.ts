import { isObject } from '../document-index/json.js';
import type { JsonObject } from '../document-index/index.js';

/*
 * What counts as pinning a URL input to known destinations, for the SSRF rules
 * (specguard-url-input, specguard-callback-url-allowlist): an enum or const of whole URLs, a
 * pattern that fixes the scheme and the host, or a documented allowlist extension.
 */

/** The extension both SSRF rules read: the server checks the URL against an allowlist, described here. */
export const URL_ALLOWLIST_EXTENSION = 'x-specguard-url-allowlist';

/** A host written literally: letters, digits, hyphens and escaped dots (an unescaped `.` matches any character). */
const HOST_LITERAL = String.raw`(?:[A-Za-z0-9-]|\\\.)+`;
/**
 * `^`, a scheme (`https`, `http`, `https?`, `(https|http)`), `://` (slashes escaped or not), a host
 * made of literal characters and groups of literal alternatives (`(cdn|img)\.example\.com`), then
 * something that ends the host: `/`, `$`, a port, or a group starting with one of those. Every
 * repeated part starts with a character no neighbour can, so matching is linear.
 */
const PINNED_URL_PATTERN = new RegExp(
  String.raw`^\^(?:https\??|http|\((?:\?:)?https?\|https?\))(?::|\\:)(?:\\?/){2}` +
    String.raw`(?:[A-Za-z0-9-]|\\\.|\((?:\?:)?${HOST_LITERAL}(?:\|${HOST_LITERAL})*\))+` +
    String.raw`(?:\$|\\?/|:\d|\((?:\?:)?(?:\\?/|\$|:))`,
);

/** Patterns longer than this are not analysed (and not taken as pinning). */
const MAX_PATTERN_LENGTH = 2000;

/**
 * Whether a regular expression only accepts URLs with one fixed scheme and a literal host (or a
 * few): `^https://api\.example\.com/` does; `^https://example\.com` (also `example.com.evil.net`),
 * `^https://api.example.com/` (the dot matches any character) and `^https?://.+` do not.
 */
export function pinsSchemeAndHost(pattern: string): boolean {
  return pattern.length <= MAX_PATTERN_LENGTH && PINNED_URL_PATTERN.test(pattern);
}

/** A non-empty description or list: an allowlist extension that says something. */
export function isDocumented(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return isObject(value) && Object.keys(value).length > 0;
}

/** Whether a schema pins the URL it describes: an enum or const, a pinning pattern, or a documented allowlist. */
export function pinsUrl(schema: JsonObject, allowlistExtension: string): boolean {
  return (
    Array.isArray(schema.enum) ||
    'const' in schema ||
    (typeof schema.pattern === 'string' && pinsSchemeAndHost(schema.pattern)) ||
    isDocumented(schema[allowlistExtension])
  );
}
