import { discoverFiles } from '../engine/discover.js';
import { InputError } from '../parse/errors.js';
import { sortFindings } from '../findings/findings.js';
import type { Finding } from '../findings/findings.js';
import type { ApiFacts } from '../engine/api-facts.js';
import { readSpecStream } from '../parse/load.js';
import { lintFiles } from '../engine/pool.js';
import type { PoolLintOptions } from '../engine/lint-request.js';
import type { PoolOptions } from '../engine/pool.js';
import type { SeverityLevel } from '../findings/severity.js';
import { applyBaseline, readBaseline } from '../results/baseline.js';
import { applyExemptions } from '../results/exemptions.js';
import type { ExemptionPolicy } from '../results/exemptions.js';
import { notLintedFinding } from '../results/not-linted.js';
import { inShard } from '../results/shard.js';
import type { Shard } from '../results/shard.js';

/*
 * The results pipeline, one stage per function: find the files, lint them, set apart what the
 * exemptions in each file cover (applyExemptions, the stage the programmatic lint() runs too),
 * drop what the baseline accepts, add an error entry for each input that could not be linted,
 * then the caller formats, and the exit code is decided last. The CLI only wires these.
 */

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export interface RunRequest {
  /** Files, folders and globs. */
  inputs: string[];
  /** Skip files named in `inputs` that are not API descriptions, as a folder search does. */
  ignoreUnknown?: boolean;
  /** Standard input: one document, linted beside the inputs under `name`. */
  stdin?: { name: string; stream: AsyncIterable<Uint8Array | string> };
  lint: PoolLintOptions & { maxFileBytes: number };
  pool: PoolOptions;
  /** A baseline file: findings it lists are not reported. */
  baseline?: string;
  /** Where fingerprints and shards are relative to (the folder the user runs in). */
  root: string;
  /** Lint only this shard of the files found (and of the arguments that named nothing). */
  shard?: Shard;
  /** The day exemptions expire against, and the fields they must have. */
  exemptions?: ExemptionPolicy;
}

export interface RunOutcome {
  /** Every file linted or tried, and every argument that named nothing to lint; sorted. */
  files: string[];
  /** Reported findings, and one `specguard-not-linted` error per input in `errors`; sorted. */
  findings: Finding[];
  /** Inputs that could not be linted at all: each makes the run exit 2. */
  errors: InputError[];
  /** The linted files (not finding sources: a RAML API reports in its includes) with a reported finding. */
  filesWithFindings: Set<string>;
  /** The entries of `files` that could not be linted. */
  filesNotLinted: Set<string>;
  /** Findings left out because the baseline lists them. */
  baselined: number;
  /** Findings an exemption in the spec covers, each with `exempted`; sorted. Never in `findings`, `all` or a baseline. */
  exempted: Finding[];
  /** Every finding no exemption covers, before the baseline, for --update-baseline. */
  all: Finding[];
  /** Files found and arguments that named nothing, in every shard: `files` counts this shard's. */
  foundInAllShards: number;
  /** The facts of each file linted to the end (see ApiFacts). */
  facts: Map<string, ApiFacts>;
  /** The linted file each rule finding came from (a RAML API's findings sit in its includes). */
  lintedFileOf: ReadonlyMap<Finding, string>;
}

export async function runLint(request: RunRequest): Promise<RunOutcome> {
  const known = request.baseline === undefined ? undefined : await readBaseline(request.baseline);
  const found = await discoverFiles(request.inputs, request.lint.maxFileBytes, request.ignoreUnknown);
  const stdin = request.stdin && (await readStdin(request.stdin, request.lint.maxFileBytes));
  if (stdin?.error) found.errors.push(stdin.error);
  // Standard input named as a file on the command line too (an editor's buffer) is linted once, as the buffer.
  if (stdin?.content !== undefined) found.files = [...found.files.filter(file => file !== stdin.name), stdin.name].sort();
  const contents = new Map(stdin?.content !== undefined ? [[stdin.name, stdin.content]] : []);
  // After discovery and sorting: each shard keeps the files, and the arguments that named nothing, that hash to it.
  const mine = (file: string) => request.shard === undefined || inShard(file, request.shard, request.root);
  const discovery = { files: found.files.filter(mine), errors: found.errors.filter(error => mine(error.location)) };
  const errors = [...discovery.errors];
  const notLinted = discovery.errors.map(error => notLintedFinding(stdin?.error === error ? stdin.name : error.location, error));
  const all: Finding[] = [];
  const exempted: Finding[] = [];
  const fileOf = new Map<Finding, string>();
  const facts = new Map<string, ApiFacts>();
  for (const outcome of await lintFiles(discovery.files, request.lint, request.pool, contents)) {
    if (outcome.error) {
      errors.push(outcome.error);
      notLinted.push(notLintedFinding(outcome.file, outcome.error));
    }
    const checked = applyExemptions(outcome, request.exemptions);
    if (outcome.facts) facts.set(outcome.file, { ...outcome.facts, exempted: checked.exempted.length });
    // A loop, not push(...): a spread of hundreds of thousands of findings overflows the stack.
    for (const finding of checked.findings) {
      all.push(finding);
      fileOf.set(finding, outcome.file);
    }
    for (const finding of checked.exempted) exempted.push(finding);
  }
  sortFindings(all);
  sortFindings(exempted);
  const { reported, baselined } = known ? applyBaseline(all, known, request.root) : { reported: all, baselined: 0 };
  const filesWithFindings = new Set<string>();
  for (const finding of reported) filesWithFindings.add(fileOf.get(finding)!);
  const filesNotLinted = new Set(notLinted.map(f => f.source!));
  return {
    files: [...new Set([...discovery.files, ...filesNotLinted])].sort(),
    findings: sortFindings(reported.concat(notLinted)),
    errors,
    baselined,
    exempted,
    all,
    filesWithFindings,
    filesNotLinted,
    foundInAllShards: found.files.length + found.errors.length,
    facts,
    lintedFileOf: fileOf,
  };
}

/** Standard input's text, or why it cannot be linted (too large, not text): then it is reported as a file would be. */
async function readStdin(
  stdin: NonNullable<RunRequest['stdin']>,
  maxFileBytes: number,
): Promise<{ name: string; content?: string; error?: InputError }> {
  try {
    return { name: stdin.name, content: await readSpecStream(stdin.stream, stdin.name, maxFileBytes) };
  } catch (error) {
    if (error instanceof InputError) return { name: stdin.name, error };
    throw error;
  }
}

/** 2 when an input could not be linted, 1 when a finding reaches the fail severity, else 0. */
export function exitCodeOf(outcome: Pick<RunOutcome, 'findings' | 'errors'>, failSeverity: SeverityLevel): number {
  if (outcome.errors.length > 0) return EXIT.usage;
  return outcome.findings.some(f => f.severity <= failSeverity) ? EXIT.findings : EXIT.ok;
}
