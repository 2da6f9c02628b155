import { describe, expect, it } from 'vitest';
import { anchorGap, backtrackingRisk, patternCompileError } from '../src/patterns.js';

describe('patternCompileError', () => {
  it.each([
    ['^\\p{L}+$', undefined],
    ['^[\\w-.]+$', 'Invalid character class'],
    ['[a', 'Unterminated character class'],
  ])('%s', (pattern, reason) => expect(patternCompileError(pattern)).toBe(reason));
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
    ['^\\d+\\s*\\d+$', 'polynomial'],
    ['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'polynomial'],
    ['^[a-z]{1,8}$', undefined],
    ['^[a-zA-Z0-9._-]+$', undefined],
    ['^\\+?[1-9]\\d{1,14}$', undefined],
    ['^\\p{L}+$', undefined],
    ['^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$', undefined],
    ['[a', undefined], // does not compile: pattern-syntax's finding
    ['^(a+)+$'.padEnd(3000, 'x'), undefined], // too long to analyse
  ])('%s', (pattern, risk) => {
    expect(backtrackingRisk(pattern)).toBe(risk);
    expect(backtrackingRisk(pattern)).toBe(risk); // the cached verdict
  });

  it('analyses a nested bounded repetition quickly and without throwing', () => {
    const start = performance.now();
    expect(() => backtrackingRisk('^((a{1,50}){1,50}){1,50}$')).not.toThrow();
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
