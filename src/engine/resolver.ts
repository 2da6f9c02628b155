import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Resolver } from '@stoplight/spectral-ref-resolver';

export interface RefPolicy {
  /** Local $refs may only reach files inside this folder (default: the spec's own folder). */
  refRoot: string;
  /** Fetch http(s) $refs. Off by default: linting must not phone home. */
  allowRemoteRefs: boolean;
  /** Limits for a fetched remote $ref. */
  remoteTimeoutMs: number;
  remoteMaxBytes: number;
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
    resolvers: {
      file: {
        async resolve(ref: { path(): string }) {
          const target = path.resolve(decodeURIComponent(ref.path()));
          const real = await fs.realpath(target).catch(() => target);
          if (!isInside(real, root)) {
            throw new Error(`$ref to "${target}" is outside the allowed folder "${root}" and was not read; pass --ref-root to widen it`);
          }
          try {
            return await fs.readFile(real, 'utf8');
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            throw new Error(code === 'ENOENT' ? `$ref target "${target}" does not exist` : `$ref target "${target}" cannot be read (${code})`);
          }
        },
      },
      http: remote,
      https: remote,
    },
  });
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
    throw new Error(`remote $ref "${url}" could not be fetched: ${error.name === 'TimeoutError' ? `no answer within ${policy.remoteTimeoutMs} ms` : error.message}`);
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
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(url: string, policy: RefPolicy): Error {
  return new Error(`remote $ref "${url}" is larger than ${policy.remoteMaxBytes} bytes and was not read`);
}
