import { describe, expect, it } from 'vitest';
import { anchorGap, backtrackingRisk, delimiterFlags, harmfulLength, patternCompileError } from '../src/rule-helpers/patterns.js';

describe('patternCompileError', () => {
  it.each([
    ['^\\p{L}+$', undefined],
    ['^[\\w-.]+$', 'Invalid character class'],
    ['[a', 'Unterminated character class'],
  ])('%s', (pattern, reason) => expect(patternCompileError(pattern)).toBe(reason));
});

describe('delimiterFlags', () => {
  it.each([
    ['/^.*[a-z]+.*$/i', 'i'],
    ['/^\\d{4}$/', ''],
    ['/[a-z]+$/', ''],
    ['/[A-Z]{3}/gm', 'gm'],
    ['/v1/', undefined], // a path check
    ['/[a-z]+/', undefined],
    ['/files/.+\\$/', undefined], // an escaped dollar is text
    ['^/api/', undefined],
    ['/', undefined],
    ['//', undefined],
    ['/a/b/c', undefined],
  ])('%s', (pattern, flags) => expect(delimiterFlags(pattern)).toBe(flags));
});

describe('anchorGap', () => {
  it.each([
    ['^[a-z]{1,8}$', undefined],
    ['^(?:a|b)$', undefined],
    ['^(a|b)$', undefined],
    ['(^[a-z]+$)', undefined],
    ['(?:^a+$|^b+$)', undefined],
    ['^(?=.*\\d)[a-z\\d]{8,64}$', undefined],
    ['^https://', undefined], // a prefix check
    ['^refs/(heads|tags)/', undefined],
    ['^ssh-(rsa|dss) |^ecdsa-sha2 ', undefined],
    ['github', undefined], // a substring check
    ['^https://.*', undefined],
    ['^(?!\\s*$).+', undefined], // not blank: .+ runs to the end anyway
    ['.+@example\\.com$', undefined],
    ['^[\\s\\S]+', undefined],
    ['^[^]*', undefined],
    ['^\\S+', 'end'],
    ['^[\\s\\w]+', 'end'],
    ['/^[a-z]+/i', undefined], // delimited: pattern-syntax's finding
    ['', undefined],
    ['[a', undefined], // does not compile: pattern-syntax's finding
    ['^a|b$', 'alternatives'],
    ['^[a-z]+|[0-9]+$', 'alternatives'],
    ['(?:^a|b$)', 'alternatives'],
    ['^[a-z]+', 'end'],
    ['^\\d{5}', 'end'],
    ['^(heads|[a-z]+)', 'end'],
    ['[a-z]+$', 'start'],
    ['[a-z0-9_]{1,30}', 'both'],
    ['\\d{3}-\\d{4}', 'both'],
  ])('%s', (pattern, gap) => expect(anchorGap(pattern)).toBe(gap));
});

describe('backtrackingRisk', () => {
  it.each([
    ['^(a+)+$', 'exponential'],
    ['^(\\w+\\s?)+$', 'exponential'],
    ['^\\d+\\s*\\d+$', 'polynomial 2'],
    ['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'polynomial 2'],
    ['.*\\S.*', 'polynomial 2'], // an unanchored search retries from every position
    ['[\\w-]+:[0-9a-f-]+', 'polynomial 2'],
    ['^a*a*b', 'polynomial 2'],
    ['^a*a*a*b', 'polynomial 3'], // three quantifiers trade one run
    ['\\d*\\w+x', 'polynomial 3'], // two trade, and the search restarts them
    ['a*a*a*b', 'polynomial 4'],
    ['^(a+){0,3}$', 'polynomial 3'], // a quantifier reaching itself in a parent repeated at most 3 times
    ['^[0-9a-zA-Z]*?[a-zA-Z]+[0-9a-zA-Z]*$', 'polynomial 3'],
    ['^[a-z]{1,8}$', undefined],
    ['^[a-zA-Z0-9._-]+$', undefined],
    ['^\\+?[1-9]\\d{1,14}$', undefined],
    ['^\\p{L}+$', undefined],
    ['^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$', undefined],
    ['[a', undefined], // does not compile: pattern-syntax's finding
    ['/^.*[a-z]+.*$/i', undefined], // delimited: pattern-syntax's finding
    ['^(a+)+$'.padEnd(3000, 'x'), undefined], // too long to analyse
  ])('%s', (pattern, risk) => {
    const said = (r: ReturnType<typeof backtrackingRisk>) =>
      r === undefined ? undefined : r.kind === 'exponential' ? r.kind : `${r.kind} ${r.degree}`;
    expect(said(backtrackingRisk(pattern))).toBe(risk);
    expect(said(backtrackingRisk(pattern))).toBe(risk); // the cached verdict
  });

  it('analyses a nested bounded repetition quickly and without throwing', () => {
    const start = performance.now();
    expect(() => backtrackingRisk('^((a{1,50}){1,50}){1,50}$')).not.toThrow();
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('harmfulLength', () => {
  it.each([
    [{ kind: 'polynomial', degree: 2 } as const, 10_000],
    [{ kind: 'polynomial', degree: 3 } as const, 465],
    [{ kind: 'polynomial', degree: 4 } as const, 100],
    [{ kind: 'exponential' } as const, 27],
  ])('%j at 1e8 steps', (risk, length) => expect(harmfulLength(risk, 1e8)).toBe(length));
});
