import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError } from '../parse/errors.js';
import { reportedSource } from '../findings/findings.js';
import type { Finding } from '../findings/findings.js';
import type { ApiFacts } from './api-facts.js';
import type { FileReply, PoolLintOptions, WorkerReply, WorkerRequest } from './lint-request.js';
import type { LintedFile } from './declared-exemptions.js';
import { PACKAGE_ROOT } from '../package/package-root.js';

export interface FileOutcome extends LintedFile {
  file: string;
  /** Set when the file was linted to the end. */
  facts?: ApiFacts;
  /** Set when the file could not be linted at all. */
  error?: InputError;
}

export interface PoolOptions {
  /** Files linted at once, each in its own worker thread. */
  jobs: number;
  /**
   * Per-file budget: a file still running after it is stopped and reported, and the run goes on.
   * Without one, a small run (IN_THREAD_BYTES in all) is linted in this thread, where no file can
   * be stopped, and a larger one in worker threads with DEFAULT_TIMEOUT_MS.
   */
  timeoutMs?: number;
  /** Called as each file finishes, with how many have finished of how many. */
  onFileDone?: (done: number, total: number) => void;
}

export const DEFAULT_TIMEOUT_MS = 300_000;
export const DEFAULT_JOBS = Math.max(1, Math.min(4, availableParallelism()));

// Compiled code runs the compiled worker; tests that import the TypeScript use it too (npm test builds first).
const WORKER_FILE = path.join(PACKAGE_ROOT, 'dist', 'src', 'engine', 'lint-worker.js');

/**
 * Lints files in worker threads, `jobs` at a time, so one pathological file can be stopped at
 * its time budget without stopping the run; a small run with no budget asked for is linted in
 * this thread instead, since starting a worker (a thread that loads Spectral and the rules
 * again) costs more than linting a small file. Outcomes come back in the order of `files`. A
 * ruleset that does not load stops the run: it throws its InputError, since no file can be linted.
 * `contents` holds the text of inputs read before the run (standard input), by their name in `files`.
 */
export async function lintFiles(
  files: string[],
  options: PoolLintOptions,
  pool: PoolOptions,
  contents: ReadonlyMap<string, string> = new Map(),
): Promise<FileOutcome[]> {
  const bytes = await totalBytes(files, contents);
  if (pool.timeoutMs === undefined && bytes <= IN_THREAD_BYTES) return lintInThread(files, options, pool, contents);
  const timeoutMs = pool.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outcomes = new Array<FileOutcome>(files.length);
  let next = 0;
  let done = 0;
  let rulesetError: InputError | undefined;
  const lanes = Math.max(1, Math.min(pool.jobs, files.length, Math.ceil(bytes / BYTES_PER_WORKER)));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < files.length && rulesetError === undefined) {
        const index = next++;
        const worker = idleWorkers.pop() ?? startWorker();
        worker.ref();
        const outcome = await lintInWorker(
          worker,
          { id: index, file: files[index], content: contents.get(files[index]), options },
          timeoutMs,
        );
        outcomes[index] = outcome.result;
        rulesetError ??= outcome.rulesetError;
        if (!outcome.workerDead) returnIdleWorker(worker);
        pool.onFileDone?.(++done, files.length);
      }
    }),
  );
  if (rulesetError) throw rulesetError;
  return outcomes;
}

/** One file after another in this thread, with the worker's own code: the same findings and errors. */
async function lintInThread(
  files: string[],
  options: PoolLintOptions,
  pool: PoolOptions,
  contents: ReadonlyMap<string, string>,
): Promise<FileOutcome[]> {
  const { lintRequest } = await import('./lint-request.js');
  const outcomes: FileOutcome[] = [];
  for (const [index, file] of files.entries()) {
    const { result, rulesetError } = outcomeOf(await lintRequest({ id: index, file, content: contents.get(file), options }), file);
    if (rulesetError) throw rulesetError;
    outcomes.push(result);
    pool.onFileDone?.(index + 1, files.length);
  }
  return outcomes;
}

/**
 * Workers outlive a run: starting one costs about a second (Spectral and the ruleset load in
 * each), so later runs in the same process (tests, API users) reuse them. An idle worker is
 * unref'd and never keeps the process alive.
 */
const idleWorkers: Worker[] = [];

function startWorker(): Worker {
  const worker = new Worker(WORKER_FILE);
  worker.once('exit', () => {
    const idle = idleWorkers.indexOf(worker);
    if (idle >= 0) idleWorkers.splice(idle, 1);
  });
  return worker;
}

function returnIdleWorker(worker: Worker): void {
  worker.unref();
  idleWorkers.push(worker);
}

/** Small runs use fewer workers than --jobs allows: one per this much input. */
const BYTES_PER_WORKER = 512 * 1024;
/** A run this small (in all) is linted in this thread when no time budget is asked for: what one worker would take. */
export const IN_THREAD_BYTES = BYTES_PER_WORKER;

async function totalBytes(files: string[], contents: ReadonlyMap<string, string>): Promise<number> {
  const sizes = await Promise.all(
    files.map(file => {
      const content = contents.get(file);
      if (content !== undefined) return Promise.resolve(Buffer.byteLength(content));
      return stat(file).then(
        s => s.size,
        () => 0,
      );
    }),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

function lintInWorker(
  worker: Worker,
  request: WorkerRequest,
  timeoutMs: number,
): Promise<{ result: FileOutcome; workerDead: boolean; rulesetError?: InputError }> {
  const { id, file } = request;
  return new Promise(resolve => {
    const finish = (result: FileOutcome, workerDead: boolean, rulesetError?: InputError) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (workerDead) void worker.terminate();
      resolve({ result, workerDead, ...(rulesetError ? { rulesetError } : {}) });
    };
    let timer: NodeJS.Timeout | undefined;
    const onMessage = (reply: WorkerReply) => {
      if (reply.id !== id) return;
      if ('started' in reply)
        timer = setTimeout(() => finish({ file, findings: [timeoutFinding(file, timeoutMs)], exemptions: [] }, true), timeoutMs);
      else {
        const { result, rulesetError } = outcomeOf(reply, file);
        finish(result, false, rulesetError);
      }
    };
    const onError = (error: Error) => {
      const reason =
        (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'ran out of memory while linting'
          : `internal error while linting: ${error.message}`;
      finish({ file, findings: [], exemptions: [], error: new InputError(file, reason) }, true);
    };
    const onExit = () =>
      finish({ file, findings: [], exemptions: [], error: new InputError(file, 'the linting worker stopped unexpectedly') }, true);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request);
  });
}

/** A file's outcome from its final reply; a ruleset that does not load is also the run's error. */
function outcomeOf(reply: FileReply, file: string): { result: FileOutcome; rulesetError?: InputError } {
  const failed = (error: InputError): FileOutcome => ({ file, findings: [], exemptions: [], error });
  if ('findings' in reply) return { result: { file, findings: reply.findings, exemptions: reply.exemptions, facts: reply.facts } };
  if ('inputError' in reply) return { result: failed(new InputError(reply.inputError.location, reply.inputError.reason)) };
  if ('rulesetError' in reply) {
    const error = new InputError(reply.rulesetError.location, reply.rulesetError.reason);
    return { result: failed(error), rulesetError: error };
  }
  return { result: failed(new InputError(file, `internal error while linting: ${reply.crash.split('\n')[0]}`)) };
}

/** A file that hits its time budget is an error result, so the run fails but goes on. */
function timeoutFinding(file: string, timeoutMs: number): Finding {
  return {
    code: 'specguard-timeout',
    message: `Linting stopped after ${timeoutMs / 1000} s (--timeout): this file was not fully checked; raise --timeout or split the file.`,
    path: [],
    severity: 0,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    source: reportedSource(file),
  };
}
