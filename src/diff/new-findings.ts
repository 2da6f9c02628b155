import type { Finding } from '../findings/findings.js';
import { applyBaseline } from '../results/baseline.js';
import { fingerprint } from '../results/fingerprint.js';
import { counterpartIn } from './sides.js';
import type { Side } from './sides.js';

/**
 * The lint findings of NEW that OLD did not have, matched as a baseline matches them: OLD's
 * findings are the baseline, each fingerprinted as if its file were its counterpart in NEW (see
 * counterpartIn), so a finding that stayed where it was is not new, whatever line it moved to.
 */
export function newLintFindings(
  oldFindings: readonly Finding[],
  newFindings: Finding[],
  old: Side,
  current: Side,
  root: string,
): Finding[] {
  const known = new Set(
    oldFindings.map(f => fingerprint(f.source === undefined ? f : { ...f, source: counterpartIn(current, old, f.source) }, root)),
  );
  return applyBaseline(newFindings, known, root).reported;
}

/**
 * The findings a regression already reports: at its place or below it, in its file (the lint
 * finding for an http server a regression says moved to http). One flaw gets one finding, the
 * one that shows both versions.
 */
export function notRestated(findings: Finding[], regressions: readonly Finding[]): Finding[] {
  const covers = (r: Finding, f: Finding) =>
    r.source === f.source && r.path.length <= f.path.length && r.path.every((key, i) => String(key) === String(f.path[i]));
  return findings.filter(f => !regressions.some(r => covers(r, f)));
}
