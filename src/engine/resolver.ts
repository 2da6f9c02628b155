import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Resolver } from '@stoplight/spectral-ref-resolver';
import { InputError } from '../parse/errors.js';
import { decodeText } from '../parse/input-guards.js';
import { parseSafely, readSpecFile } from '../parse/load.js';

export interface RefPolicy {
  /** Local $refs may only reach files inside this folder (default: the spec's own folder). */
  refRoot: string;
  /** Fetch http(s) $refs. Off by default: linting must not phone home. */
  allowRemoteRefs: boolean;
  /** Limits for a fetched remote $ref. */
  remoteTimeoutMs: number;
  remoteMaxBytes: number;
  /** Largest local file a $ref may read. */
  maxFileBytes: number;
}

export const DEFAULT_REMOTE_TIMEOUT_MS = 10_000;
export const DEFAULT_REMOTE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A $ref resolver that reads local files only inside the policy's folder tree and fetches
 * remote documents only when asked, with a timeout and a size limit. A refused $ref becomes
 * Spectral's `invalid-ref` finding with the reason in its message.
 */
export function createSafeResolver(policy: RefPolicy): Resolver {
  const root = path.resolve(policy.refRoot);
  const remote = { resolve: (ref: { toString(): string }) => fetchRemote(String(ref), policy) };
  return new Resolver({
    // A `$ref` inside example values and defaults is literal data, not a reference (OpenAPI 3.x).
    transformRef: ({ ref, jsonPointer }) => (jsonPointer !== undefined && isLiteralData(jsonPointer) ? undefined : ref),
    resolvers: {
      file: {
        async resolve(ref: { path(): string }) {
          const target = path.resolve(decodeURIComponent(ref.path()));
          const real = await fs.realpath(target).catch(() => target);
          if (!isInside(real, root)) {
            throw new Error(`$ref to "${target}" is outside the allowed folder "${root}" and was not read; pass --ref-root to widen it`);
          }
          let text: string;
          try {
            text = await readSpecFile(real, policy.maxFileBytes);
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
            throw new Error(`$ref target "${target}" ${error.reason === 'no such file' ? 'does not exist' : error.reason}`, {
              cause: error,
            });
          }
          return checkedText(text, target);
        },
      },
      http: remote,
      https: remote,
    },
  });
}

/**
 * Keys whose value is a map of names (a schema's `properties`, `components.schemas`...): a key
 * below one is a name, not a keyword, so a property called `example` is still a schema.
 */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'dependentSchemas',
  'definitions',
  '$defs',
  'schemas',
  'parameters',
  'responses',
  'headers',
  'requestBodies',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
  'paths',
  'webhooks',
  'content',
  'encoding',
  'variables',
  'examples',
]);
/** Keywords whose value is data the API sends or receives, never read as a description. */
const LITERAL_KEYWORDS = new Set(['example', 'default', 'enum', 'const', 'x-example']);

/**
 * Whether a JSON pointer (`#/components/schemas/A/example/owner`) lies inside literal data: the
 * value of an `example`, `default`, `enum` or `const` keyword, an Example Object's `value`
 * (`examples/<name>/value`), or a JSON Schema `examples` list. Spectral's resolver would follow
 * a `$ref` there (GitHub's dereferenced description got false invalid-ref errors from it).
 */
export function isLiteralData(jsonPointer: string): boolean {
  const keys = jsonPointer
    .replace(/^#?\//, '')
    .split('/')
    .map(key => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const isName = i > 0 && NAME_MAPS.has(keys[i - 1]) && !(keys[i - 1] === 'examples' && /^\d+$/.test(key));
    if (isName) continue;
    if (LITERAL_KEYWORDS.has(key)) return true;
    // A 3.1 schema's `examples` list holds values; an Example Object's `value` is one.
    if (key === 'examples' && /^\d+$/.test(keys[i + 1] ?? '')) return true;
    if (key === 'value' && i >= 2 && keys[i - 2] === 'examples') return true;
  }
  return false;
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function fetchRemote(url: string, policy: RefPolicy): Promise<string> {
  if (!policy.allowRemoteRefs) {
    throw new Error(`remote $ref "${url}" was not fetched: specguard reads no network by default; pass --allow-remote-refs to fetch it`);
  }
  const response = await fetch(url, { signal: AbortSignal.timeout(policy.remoteTimeoutMs), redirect: 'follow' }).catch((error: Error) => {
    throw new Error(
      `remote $ref "${url}" could not be fetched: ${error.name === 'TimeoutError' ? `no answer within ${policy.remoteTimeoutMs} ms` : error.message}`,
    );
  });
  if (!response.ok) throw new Error(`remote $ref "${url}" answered HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > policy.remoteMaxBytes) throw tooLarge(url, policy);
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > policy.remoteMaxBytes) {
      await reader.cancel();
      throw tooLarge(url, policy);
    }
    chunks.push(value);
  }
  const decoded = decodeText(Buffer.concat(chunks));
  if ('reason' in decoded) throw new Error(`remote $ref "${url}" is ${decoded.reason}`);
  return checkedText(decoded.text, url);
}

/**
 * Spectral parses what a $ref reaches without the guards the main document gets; running them
 * here turns an alias bomb or a too-deep file behind a $ref into an invalid-ref finding.
 */
function checkedText(text: string, source: string): string {
  try {
    parseSafely(text, source);
  } catch (error) {
    if (error instanceof InputError) throw new Error(`$ref target "${source}" ${error.reason}`, { cause: error });
    throw error;
  }
  return text;
}

function tooLarge(url: string, policy: RefPolicy): Error {
  return new Error(`remote $ref "${url}" is larger than ${policy.remoteMaxBytes} bytes and was not read`);
}
