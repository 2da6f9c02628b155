import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';

const CODE = 'specguard-info-version';
const FUNCTION = ruleDefinition(CODE).functionName;
const finding = findingOf(CODE);
const notSemver = (version: string, or = '') =>
  `info.version "${version}" is not a semantic version: use MAJOR.MINOR.PATCH (for example 2.1.0)${or}, so clients, changelogs and the API inventory can tell which version is deployed where.`;
const head = { '2.0': "swagger: '2.0'", '3.0': 'openapi: 3.0.3', '3.1': 'openapi: 3.1.0' } as const;
const doc = (v: keyof typeof head, info: string) => `${head[v]}\ninfo: ${info}\npaths: {}\n`;

const invalid: RuleCase[] = [
  { name: '2.0: 1.0', spec: doc('2.0', "{title: t, version: '1.0'}"), expected: [finding(notSemver('1.0'), ['info', 'version'])] },
  { name: '3.0: latest', spec: doc('3.0', '{title: t, version: latest}'), expected: [finding(notSemver('latest'), ['info', 'version'])] },
  {
    name: '3.1: v1.2.3 and a leading zero',
    spec: doc('3.1', "{title: t, version: 'v1.2.3'}"),
    expected: [finding(notSemver('v1.2.3'), ['info', 'version'])],
  },
  {
    name: '3.1: a date without allowDates',
    spec: doc('3.1', "{title: t, version: '2024-06-30'}"),
    expected: [finding(notSemver('2024-06-30'), ['info', 'version'])],
  },
  {
    name: '3.0: missing',
    spec: doc('3.0', '{title: t}'),
    expected: [finding('info.version is missing: give the description a semantic version (MAJOR.MINOR.PATCH).', ['info'])],
  },
];

const valid = [
  { name: '2.0: 0.9.3', spec: doc('2.0', "{title: t, version: '0.9.3'}") },
  { name: '3.0: pre-release and build', spec: doc('3.0', "{title: t, version: '2.1.0-rc.1+build.5'}") },
  { name: '3.1: 10.20.30', spec: doc('3.1', "{title: t, version: '10.20.30'}") },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: a version that is a list',
    spec: doc('3.0', '{title: t, version: [1]}'),
    expected: [finding(notSemver('[1]'), ['info', 'version'])],
  },
  { name: '3.1: info is a string', spec: `openapi: 3.1.0\ninfo: x\npaths: {}\n`, expected: [] },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes });
  it('allowDates accepts ISO dates, and says so', async () => {
    const ruleset = rulesetWithOptions(CODE, FUNCTION, { allowDates: true }, 'strict');
    expect(await findingsOf(CODE, doc('3.1', "{title: t, version: '2024-06-30'}"), { ruleset })).toEqual([]);
    expect(await findingsOf(CODE, doc('3.1', "{title: t, version: '2024-13-01'}"), { ruleset })).toEqual([
      finding(notSemver('2024-13-01', ' or a date (2024-06-30)'), ['info', 'version']),
    ]);
  });
});
