import { parentPort } from 'node:worker_threads';
import { InputError } from './errors.js';
import { STDIN } from './findings.js';
import { lintApi, lintStdin } from './lint.js';
import { loadRuleset } from './ruleset.js';
import type { LintOptions } from './lint.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

/**
 * Lints the files the pool sends, one at a time, answering with findings (and the API's facts) or the reason it could
 * not: the file's, or the ruleset's (which no file can be linted with).
 */
parentPort?.on('message', async ({ id, file, content, options }: WorkerRequest) => {
  let reply: WorkerReply;
  let started = false;
  try {
    // The time budget starts once the ruleset is loaded: a cold worker's start-up is not the file's fault.
    await loadRuleset(options.ruleset);
    started = true;
    parentPort?.postMessage({ id, started: true } satisfies WorkerReply);
    const linted =
      content === undefined
        ? lintApi(file, options as LintOptions)
        : file === STDIN
          ? lintStdin(content, options as LintOptions)
          : lintApi({ content, source: file }, options as LintOptions);
    reply = { id, ...(await linted) };
  } catch (error) {
    const problem = error instanceof InputError ? { location: error.location, reason: error.reason } : undefined;
    reply = !problem
      ? { id, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) }
      : started
        ? { id, inputError: problem }
        : { id, rulesetError: problem };
  }
  parentPort?.postMessage(reply);
});
