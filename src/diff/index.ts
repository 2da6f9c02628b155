import { InputError } from '../parse/errors.js';
import { sortFindings } from '../findings/findings.js';
import type { Finding } from '../findings/findings.js';
import { lintFiles } from '../engine/pool.js';
import { applyExemptions } from '../results/exemptions.js';
import type { PoolLintOptions } from '../engine/lint-request.js';
import type { FileOutcome, PoolOptions } from '../engine/pool.js';
import { applyBaseline, readBaseline } from '../results/baseline.js';
import { notLintedFinding } from '../results/not-linted.js';
import type { RunOutcome } from '../run/pipeline.js';
import { displayPath } from '../results/summary.js';
import { boundRegressions } from './bounds.js';
import { readDocument } from './document.js';
import type { DiffDocument } from './document.js';
import { exposureRegressions } from './exposure.js';
import { matchOperations } from './match.js';
import { newLintFindings, notRestated } from './new-findings.js';
import { securityRegressions } from './security.js';
import { serverRegressions } from './servers.js';
import { openSide, pairFiles } from './sides.js';
import type { Side } from './sides.js';
import { sunsetRegressions } from './sunset.js';

export { diffCatalog, REGRESSION_KINDS } from './kinds.js';
export type { RegressionKind } from './kinds.js';

/*
 * `specguard diff OLD NEW`: what got weaker between two versions of an API. Each stage is its
 * own module: the sides and how their files pair (sides.ts, git.ts), reading a version
 * (document.ts), pairing operations (match.ts), one module per kind of regression, and the lint
 * findings new in NEW (new-findings.ts). The results go through the lint pipeline's baseline,
 * formatters and exit code.
 */

export interface DiffRequest {
  /** OLD and NEW as typed: files, folders or git:REF:path. */
  old: string;
  new: string;
  lint: PoolLintOptions & { maxFileBytes: number };
  pool: PoolOptions;
  /** A baseline file: regressions and findings it lists are not reported. */
  baseline?: string;
  /** Where fingerprints and displayed paths are relative to (the folder the user runs in). */
  root: string;
}

export type DiffOutcome = Pick<RunOutcome, 'files' | 'findings' | 'errors' | 'filesWithFindings' | 'filesNotLinted' | 'baselined'>;

/** Every regression between two versions of one API description, located in NEW, with where it was in OLD. */
export function compareDocuments(old: DiffDocument, current: DiffDocument): Finding[] {
  const pairs = matchOperations(old.index, current.index);
  return [
    ...securityRegressions(pairs, old, current),
    ...boundRegressions(pairs, old, current),
    ...exposureRegressions(pairs, old, current),
    ...serverRegressions(old, current),
    ...sunsetRegressions(pairs, old, current),
  ];
}

export async function runDiff(request: DiffRequest): Promise<DiffOutcome> {
  const known = request.baseline === undefined ? undefined : await readBaseline(request.baseline);
  const { maxFileBytes } = request.lint;
  const old = await openSide(request.old, 'old', maxFileBytes);
  try {
    const current = await openSide(request.new, 'new', maxFileBytes);
    try {
      return await diffSides(old, current, request, known);
    } finally {
      await current.dispose();
    }
  } finally {
    await old.dispose();
  }
}

async function diffSides(old: Side, current: Side, request: DiffRequest, known: Set<string> | undefined): Promise<DiffOutcome> {
  const pairs = pairFiles(old, current);
  const oldFiles = pairs.flatMap(pair => (pair.old === undefined ? [] : [pair.old]));
  const outcomes = new Map<string, FileOutcome>();
  for (const outcome of await lintFiles([...oldFiles, ...current.files], request.lint, request.pool)) outcomes.set(outcome.file, outcome);
  const errors: InputError[] = [];
  const notLinted: Finding[] = [];
  const failed = (side: Side, file: string, error: InputError) => {
    const named = relabel(error, side);
    errors.push(named);
    notLinted.push({ ...notLintedFinding(file, error), source: side.reportAs(file), message: named.reason });
  };
  const found: Finding[] = [];
  const fileOf = new Map<Finding, string>();
  for (const pair of pairs) {
    const after = outcomes.get(pair.new)!;
    const before = pair.old === undefined ? undefined : outcomes.get(pair.old)!;
    if (before?.error) failed(old, before.file, before.error);
    if (after.error) failed(current, after.file, after.error);
    if (after.error || before?.error) continue;
    // What an exemption in the spec covers is not a new finding either (the results stage lint runs).
    const [was, now] = [before && applyExemptions(before).findings, applyExemptions(after).findings];
    let fromPair = was === undefined ? now : newLintFindings(was, now, old, current, current.root);
    if (pair.old !== undefined) {
      const options = { maxFileBytes: request.lint.maxFileBytes, allowRemoteRefs: request.lint.allowRemoteRefs === true };
      const versions = await Promise.all([readDocument(pair.old, options), readDocument(pair.new, options)]).catch((error: unknown) => {
        if (!(error instanceof InputError)) throw error;
        failed(current, pair.new, error);
        return undefined;
      });
      const regressions = versions === undefined ? [] : compareDocuments(...versions);
      fromPair = [...notRestated(fromPair, regressions), ...regressions];
    }
    for (const finding of fromPair) {
      const reported = named(finding, old, current, request.root);
      found.push(reported);
      fileOf.set(reported, current.reportAs(pair.new));
    }
  }
  sortFindings(found);
  const { reported, baselined } = known ? applyBaseline(found, known, request.root) : { reported: found, baselined: 0 };
  const filesWithFindings = new Set(reported.map(f => fileOf.get(f)!));
  const filesNotLinted = new Set(notLinted.map(f => f.source!));
  return {
    files: [...new Set([...current.files.map(file => current.reportAs(file)), ...filesNotLinted])].sort(),
    findings: sortFindings(reported.concat(notLinted)),
    errors,
    filesWithFindings,
    filesNotLinted,
    baselined,
  };
}

/** A finding with its files named as the user knows them, and the old place said in its message too (every format shows that). */
function named(finding: Finding, old: Side, current: Side, root: string): Finding {
  const result: Finding = { ...finding };
  if (finding.source !== undefined) result.source = current.reportAs(finding.source);
  if (finding.was !== undefined) {
    const was = { ...finding.was, ...(finding.was.source !== undefined ? { source: old.reportAs(finding.was.source) } : {}) };
    result.was = was;
    const where = `${was.source === undefined ? '' : `${displayPath(was.source, root)}:`}${was.range.start.line + 1}:${was.range.start.character + 1}`;
    result.message = `${finding.message} Before: ${where}.`;
  }
  return result;
}

/** An error about a git side's temporary copy, naming the file as the user gave it. */
function relabel(error: InputError, side: Side): InputError {
  const { file, line, column } = error.place;
  const name = side.reportAs(file);
  return name === file ? error : new InputError(`${name}${line === undefined ? '' : `:${line}:${column}`}`, error.reason);
}
