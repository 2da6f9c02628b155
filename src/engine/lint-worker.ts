import { parentPort } from 'node:worker_threads';
import { InputError } from './errors.js';
import { lintOne } from './lint.js';
import { loadRuleset } from './ruleset.js';
import type { LintOptions } from './lint.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

/** Lints the files the pool sends, one at a time, answering with findings or the reason it could not. */
parentPort?.on('message', async ({ id, file, options }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    // The time budget starts once the ruleset is loaded: a cold worker's start-up is not the file's fault.
    await loadRuleset(options.ruleset);
    parentPort?.postMessage({ id, started: true } satisfies WorkerReply);
    reply = { id, findings: await lintOne(file, options as LintOptions) };
  } catch (error) {
    reply =
      error instanceof InputError
        ? { id, inputError: { location: error.location, reason: error.reason } }
        : { id, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
