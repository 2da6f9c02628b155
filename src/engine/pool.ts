import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError } from './errors.js';
import { reportedSource } from './findings.js';
import type { Finding } from './findings.js';
import type { ApiFacts, LintOptions } from './lint.js';
import { PACKAGE_ROOT } from './package-root.js';

/** Options reach a worker as a message: a ruleset goes by name or file (a definition's functions cannot). */
export type PoolLintOptions = LintOptions & { ruleset?: string };

export interface WorkerRequest {
  id: number;
  file: string;
  /** The document's text when it is not read from `file` (standard input). */
  content?: string;
  options: PoolLintOptions;
}

export type WorkerReply =
  | { id: number; started: true }
  | { id: number; findings: Finding[]; facts: ApiFacts }
  | { id: number; inputError: { location: string; reason: string } }
  | { id: number; rulesetError: { location: string; reason: string } }
  | { id: number; crash: string };

export interface FileOutcome {
  file: string;
  findings: Finding[];
  /** Set when the file was linted to the end. */
  facts?: ApiFacts;
  /** Set when the file could not be linted at all. */
  error?: InputError;
}

export interface PoolOptions {
  /** Files linted at once, each in its own worker thread. */
  jobs: number;
  /** Per-file budget: a file still running after it is stopped and reported, and the run goes on. */
  timeoutMs: number;
  /** Called as each file finishes, with how many have finished of how many. */
  onFileDone?: (done: number, total: number) => void;
}

export const DEFAULT_TIMEOUT_MS = 300_000;
export const DEFAULT_JOBS = Math.max(1, Math.min(4, availableParallelism()));

// Compiled code runs the compiled worker; tests that import the TypeScript use it too (npm test builds first).
const WORKER_FILE = path.join(PACKAGE_ROOT, 'dist', 'src', 'engine', 'lint-worker.js');

/**
 * Lints files in worker threads, `jobs` at a time, so one pathological file can be stopped at
 * its time budget without stopping the run. Outcomes come back in the order of `files`. A
 * ruleset that does not load stops the run: it throws its InputError, since no file can be linted.
 * `contents` holds the text of inputs read before the run (standard input), by their name in `files`.
 */
export async function lintFiles(
  files: string[],
  options: PoolLintOptions,
  pool: PoolOptions,
  contents: ReadonlyMap<string, string> = new Map(),
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  let next = 0;
  let done = 0;
  let rulesetError: InputError | undefined;
  const lanes = Math.max(1, Math.min(pool.jobs, files.length, Math.ceil((await totalBytes(files)) / BYTES_PER_WORKER)));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < files.length && rulesetError === undefined) {
        const index = next++;
        const worker = idleWorkers.pop() ?? startWorker();
        worker.ref();
        const outcome = await lintInWorker(
          worker,
          { id: index, file: files[index], content: contents.get(files[index]), options },
          pool.timeoutMs,
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

async function totalBytes(files: string[]): Promise<number> {
  const sizes = await Promise.all(
    files.map(file =>
      stat(file).then(
        s => s.size,
        () => 0,
      ),
    ),
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
      if ('started' in reply) timer = setTimeout(() => finish({ file, findings: [timeoutFinding(file, timeoutMs)] }, true), timeoutMs);
      else if ('findings' in reply) finish({ file, findings: reply.findings, facts: reply.facts }, false);
      else if ('inputError' in reply)
        finish({ file, findings: [], error: new InputError(reply.inputError.location, reply.inputError.reason) }, false);
      else if ('rulesetError' in reply) {
        const error = new InputError(reply.rulesetError.location, reply.rulesetError.reason);
        finish({ file, findings: [], error }, false, error);
      } else
        finish({ file, findings: [], error: new InputError(file, `internal error while linting: ${reply.crash.split('\n')[0]}`) }, false);
    };
    const onError = (error: Error) => {
      const reason =
        (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'ran out of memory while linting'
          : `internal error while linting: ${error.message}`;
      finish({ file, findings: [], error: new InputError(file, reason) }, true);
    };
    const onExit = () => finish({ file, findings: [], error: new InputError(file, 'the linting worker stopped unexpectedly') }, true);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request);
  });
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
