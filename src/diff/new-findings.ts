import type { Finding } from '../engine/findings.js';
import { applyBaseline } from '../results/baseline.js';
import { fingerprint } from '../results/fingerprint.js';
import { counterpartIn } from './sides.js';
import type { Side } from './sides.js';

/**
 * The lint findings of NEW that OLD did not have, matched as a baseline matches them: OLD's
 * findings are the baseline, each fingerprinted as if its file were its counterpart in NEW (see
 * counterpartIn), so a finding that stayed where it was is not new, whatever line it moved to.
 */
export function newLintFindings(oldFindings: readonly Finding[], newFindings: Finding[], old: Side, current: Side, root: string): Finding[] {
  const known = new Set(
    oldFindings.map(f => fingerprint(f.source === undefined ? f : { ...f, source: counterpartIn(current, old, f.source) }, root)),
  );
  return applyBaseline(newFindings, known, root).reported;
}
