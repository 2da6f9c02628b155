/*
 * Where a run's files are linted: a small run with no time budget asked for in this thread (no
 * worker to start), anything else in worker threads; the findings are the same either way.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from './helpers.js';

/** Files sent to a worker thread (workers outlive a run, so counting them started would not do). */
const workers = vi.hoisted(() => ({ files: 0 }));
vi.mock('node:worker_threads', async importOriginal => {
  const original = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends original.Worker {
    override postMessage(...args: Parameters<InstanceType<typeof original.Worker>['postMessage']>) {
      workers.files++;
      super.postMessage(...args);
    }
  }
  return { ...original, Worker: CountedWorker };
});
// Test files share a module graph (isolate: false): another file may have loaded the pool with the
// real Worker already, so this file loads its own copy, which sees the counting one.
vi.resetModules();
const { IN_THREAD_BYTES, lintFiles } = await import('../src/engine/pool.js');

const dir = tempDir('specguard-pool-');
const file = (name: string, content: string) => {
  const full = path.join(dir, name);
  writeFileSync(full, content);
  return full;
};
const HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
const plainHttp = file('plain-http.yaml', `${HEAD}servers: [{url: 'http://x.example.com'}]\n`);
const broken = file('broken.yaml', `${HEAD}servers: [{url: 'http://x.example.com'}\n`);
const summary = (outcomes: Awaited<ReturnType<typeof lintFiles>>) =>
  outcomes.map(({ file: linted, findings, error }) => ({
    file: path.basename(linted),
    findings: findings.map(f => [f.code, f.path.join('.'), f.severity, f.range.start.line]),
    error: error?.message,
  }));
const EXPECTED = [
  { file: 'plain-http.yaml', findings: [['specguard-server-https', 'servers.0.url', 0, 3]], error: undefined },
  { file: 'broken.yaml', findings: [], error: `${broken}:5:1: invalid YAML: Unexpected end of the stream within a flow collection` },
];

beforeEach(() => {
  workers.files = 0;
});

describe('lintFiles', () => {
  it('lints a small run in this thread when no time budget is asked for', async () => {
    expect(summary(await lintFiles([plainHttp, broken], {}, { jobs: 2 }))).toEqual(EXPECTED);
    expect(workers.files).toBe(0);
  });

  it('lints in worker threads when a time budget is asked for, with the same outcomes', async () => {
    expect(summary(await lintFiles([plainHttp, broken], {}, { jobs: 2, timeoutMs: 60_000 }))).toEqual(EXPECTED);
    expect(workers.files).toBe(2);
  });

  it('lints a run over the in-thread size in worker threads', async () => {
    const big = `${HEAD}x-padding: '${'x'.repeat(IN_THREAD_BYTES)}'\n`;
    const name = path.join(dir, 'big.yaml');
    const outcomes = await lintFiles([name], {}, { jobs: 1 }, new Map([[name, big]]));
    expect(summary(outcomes)).toEqual([{ file: 'big.yaml', findings: expect.any(Array) as unknown, error: undefined }]);
    expect(workers.files).toBe(1);
  });

  it('stops the run at a ruleset that does not load, in this thread too', async () => {
    await expect(lintFiles([plainHttp], { ruleset: path.join(dir, 'missing.yaml') }, { jobs: 1 })).rejects.toThrow(
      `${path.join(dir, 'missing.yaml')}: ruleset not found`,
    );
    expect(workers.files).toBe(0);
  });
});
