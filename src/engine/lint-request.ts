import { InputError } from '../parse/errors.js';
import { STDIN } from '../findings/findings.js';
import { lintFile, lintStdin } from './lint.js';
import type { EngineOptions, LintedApi } from './lint.js';
import { loadRuleset } from './ruleset.js';

/** Options reach a worker as a message: a ruleset goes by name or file (a definition's functions cannot). */
export type PoolLintOptions = EngineOptions & { ruleset?: string };

export interface WorkerRequest {
  id: number;
  file: string;
  /** The document's text when it is not read from `file` (standard input). */
  content?: string;
  options: PoolLintOptions;
}

/** How linting one file ended: its findings, the exemptions it writes (the results stage applies them) and its facts, or why not. */
export type FileReply =
  | ({ id: number } & LintedApi)
  | { id: number; inputError: { location: string; reason: string } }
  | { id: number; rulesetError: { location: string; reason: string } }
  | { id: number; crash: string };

/** A worker says when a file's time budget starts, then how it ended. */
export type WorkerReply = { id: number; started: true } | FileReply;

/**
 * Lints one file of a run, in a worker thread or in the CLI's own, and answers with its findings
 * and the exemptions it writes (the results stage applies them), or the reason it could not: the file's, or the ruleset's (which no file can be linted with).
 * `onStarted` is called once the ruleset is loaded: a file's time budget starts there, since a
 * cold worker's start-up is not the file's fault.
 */
export async function lintRequest({ id, file, content, options }: WorkerRequest, onStarted?: () => void): Promise<FileReply> {
  let started = false;
  try {
    await loadRuleset(options.ruleset);
    started = true;
    onStarted?.();
    const linted =
      content === undefined
        ? lintFile(file, options)
        : file === STDIN
          ? lintStdin(content, options)
          : lintFile({ content, source: file }, options);
    return { id, ...(await linted) };
  } catch (error) {
    const problem = error instanceof InputError ? { location: error.location, reason: error.reason } : undefined;
    return !problem
      ? { id, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) }
      : started
        ? { id, inputError: problem }
        : { id, rulesetError: problem };
  }
}
