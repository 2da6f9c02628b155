import { describe, expect, it } from 'vitest';
import { HALF_SCORE_PENALTY, rulePenalty, score, SEVERITY_WEIGHTS, topFixes } from '../src/report/score.js';
import type { RuleCount } from '../src/results/summary.js';

/*
 * The score formula of README "The score", on cases computed by hand:
 *   penalty(rule) = weight x (1 + min(1, findings / operations)) / 2, weight 10/3/1/0 by severity
 *   score = round(100 x 30 / (30 + sum of penalties))
 */

const rule = (code: string, count: number, severity: RuleCount['severity']): RuleCount => ({ code, count, severity });

describe('score: hand-computed cases', () => {
  it('states its constants as the README does', () => {
    expect(SEVERITY_WEIGHTS).toEqual({ 0: 10, 1: 3, 2: 1, 3: 0 });
    expect(HALF_SCORE_PENALTY).toBe(30);
  });

  it('is 100 with no findings, and with hints only (hints weigh nothing)', () => {
    expect(score([], 5)).toBe(100);
    expect(score([rule('h', 40, 3)], 5)).toBe(100);
  });

  it('one error in a one-operation API: penalty 10 x (1 + 1) / 2 = 10, score 3000 / 40 = 75', () => {
    expect(rulePenalty(rule('a', 1, 0), 1)).toBe(10);
    expect(score([rule('a', 1, 0)], 1)).toBe(75);
  });

  it('one error in a ten-operation API: penalty 10 x 1.1 / 2 = 5.5, score 3000 / 35.5 = 84.5 -> 85', () => {
    expect(rulePenalty(rule('a', 1, 0), 10)).toBeCloseTo(5.5, 10);
    expect(score([rule('a', 1, 0)], 10)).toBe(85);
  });

  it('one error in a hundred-operation API still costs half its weight (a plain-HTTP server is one finding): 3000 / 35.05 -> 86', () => {
    expect(score([rule('a', 1, 0)], 100)).toBe(86);
  });

  it('compares APIs of different sizes by spread: 10 findings in 10 operations score as 100 in 100', () => {
    expect(score([rule('a', 10, 0)], 10)).toBe(score([rule('a', 100, 0)], 100));
    expect(score([rule('a', 5, 1)], 10)).toBe(score([rule('a', 50, 1)], 100));
  });

  it('caps a noisy rule at its weight: 50 errors of one rule in 10 operations cost what 10 do (75)', () => {
    expect(rulePenalty(rule('a', 50, 0), 10)).toBe(10);
    expect(score([rule('a', 50, 0)], 10)).toBe(75);
  });

  it('counts an API without operations as one operation', () => {
    expect(score([rule('a', 1, 0)], 0)).toBe(75);
  });

  it('is 50 when three error rules each fire on every operation (HALF_SCORE_PENALTY = 30)', () => {
    expect(score([rule('a', 4, 0), rule('b', 4, 0), rule('c', 9, 0)], 4)).toBe(50);
  });

  it('mixes severities: error x2 and warning x5 in 4 operations: 7.5 + 3 = 10.5, score 3000 / 40.5 = 74.07 -> 74', () => {
    expect(score([rule('a', 2, 0), rule('b', 5, 1)], 4)).toBe(74);
  });
});

describe('topFixes', () => {
  it('gives each rule the score gain of fixing all its findings, most first', () => {
    // Without a: 3000 / 33 = 90.9 -> 91 (+17); without b: 3000 / 37.5 = 80 (+6).
    expect(topFixes([rule('b', 5, 1), rule('a', 2, 0)], 4)).toEqual([
      { code: 'a', findings: 2, gain: 17 },
      { code: 'b', findings: 5, gain: 6 },
    ]);
  });

  it('leaves out fixes that gain nothing and keeps at most `limit`, ties by code', () => {
    const rules = [rule('d', 1, 0), rule('c', 1, 0), rule('b', 1, 0), rule('a', 1, 0), rule('hint', 9, 3)];
    expect(topFixes(rules, 1).map(fix => fix.code)).toEqual(['a', 'b', 'c']);
    expect(topFixes(rules, 1, 10).map(fix => fix.code)).toEqual(['a', 'b', 'c', 'd']);
    expect(topFixes([rule('hint', 9, 3)], 1)).toEqual([]);
  });
});
