import type { RuleCount } from '../results/summary.js';
import type { SeverityLevel } from '../findings/severity.js';

/*
 * The report's 0-100 score of one API (the README's "Score" section states the formula):
 *
 *   penalty(rule) = weight(its most severe finding) x (1 + min(1, findings / operations)) / 2
 *   score         = round(100 x HALF / (HALF + sum of the rules' penalties))
 *
 * Half of a rule's penalty is for firing at all: a flaw such as a plain-HTTP server is one
 * finding however many operations the API has, and must cost a large API as much as a small
 * one. The other half grows with how much of the API it reaches, per operation, so APIs of
 * different sizes compare fairly; it stops at one finding per operation, so a rule that fires
 * on every property of every schema costs no more than one that fires once per operation, and
 * no single noisy rule can cost more than its weight. The curve never reaches 0, so two bad
 * APIs still rank, and HALF is the penalty that halves a score: three error rules, each firing
 * on every operation.
 */

/** What a finding at each severity (error, warning, info, hint) weighs: hints are suggestions, not flaws. */
export const SEVERITY_WEIGHTS: Readonly<Record<SeverityLevel, number>> = { 0: 10, 1: 3, 2: 1, 3: 0 };

/** The total penalty at which the score is 50. */
export const HALF_SCORE_PENALTY = 30;

/** One rule's share of an API's penalty (see the formula above). `operations` below 1 counts as 1. */
export function rulePenalty(rule: Pick<RuleCount, 'count' | 'severity'>, operations: number): number {
  const spread = Math.min(1, rule.count / Math.max(1, operations));
  return (SEVERITY_WEIGHTS[rule.severity] * (1 + spread)) / 2;
}

/** The exact (unrounded) score of an API with these rules' findings. */
function exactScore(rules: ReadonlyArray<Pick<RuleCount, 'count' | 'severity'>>, operations: number): number {
  const penalty = rules.reduce((sum, rule) => sum + rulePenalty(rule, operations), 0);
  return (100 * HALF_SCORE_PENALTY) / (HALF_SCORE_PENALTY + penalty);
}

/** The 0-100 score: 100 for no findings. */
export function score(rules: ReadonlyArray<Pick<RuleCount, 'count' | 'severity'>>, operations: number): number {
  return Math.round(exactScore(rules, operations));
}

export interface Fix {
  code: string;
  /** The rule's findings in the API: all of them go with the fix. */
  findings: number;
  /** Points the score rises by once the rule's findings are fixed, as the scores shown differ. */
  gain: number;
}

/** The rules whose fixing raises the score most, most first (then by code), at most `limit`, none that gains nothing. */
export function topFixes(rules: readonly RuleCount[], operations: number, limit = 3): Fix[] {
  const now = score(rules, operations);
  return rules
    .map(rule => ({ code: rule.code, findings: rule.count, gain: score(without(rules, rule), operations) - now }))
    .filter(fix => fix.gain > 0)
    .sort((a, b) => b.gain - a.gain || (a.code < b.code ? -1 : 1))
    .slice(0, limit);
}

const without = <T>(list: readonly T[], item: T): T[] => list.filter(other => other !== item);
