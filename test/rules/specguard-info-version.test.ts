import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, firstRulesetWith, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-info-version';
const FUNCTION = ruleDefinition(CODE).functionName;
const finding = findingOf(CODE);
const noVersion = (version: string) =>
  `info.version "${version}" names no version: give the version this description is (a semantic version such as 2.1.0, or the major version or date the API goes by), so clients, changelogs and the API inventory can tell which version is deployed where.`;
const commitHash = (version: string) =>
  `info.version "${version}" is a commit hash, not a version: give the version this description is (a semantic version such as 2.1.0), so clients, changelogs and the API inventory can tell which version is deployed where and which is newer.`;
const notSemver = (version: string, or = '') =>
  `info.version "${version}" is not a semantic version: use MAJOR.MINOR.PATCH (for example 2.1.0)${or}, so clients, changelogs and the API inventory can tell which version is deployed where.`;
const head = { '2.0': "swagger: '2.0'", '3.0': 'openapi: 3.0.3', '3.1': 'openapi: 3.1.0' } as const;
const doc = (v: keyof typeof head, info: string) => `${head[v]}\ninfo: ${info}\npaths: {}\n`;
const AT = ['info', 'version'];

const invalid: RuleCase[] = [
  { name: '3.0: latest', spec: doc('3.0', '{title: t, version: latest}'), expected: [finding(noVersion('latest'), AT)] },
  { name: '2.0: beta', spec: doc('2.0', '{title: t, version: beta}'), expected: [finding(noVersion('beta'), AT)] },
  { name: '3.1: N/A', spec: doc('3.1', "{title: t, version: 'N/A'}"), expected: [finding(noVersion('N/A'), AT)] },
  {
    name: '3.1: a template placeholder nobody filled in',
    spec: doc('3.1', "{title: t, version: '${API_VERSION}'}"),
    expected: [finding(noVersion('${API_VERSION}'), AT)],
  },
  { name: '3.0: empty', spec: doc('3.0', "{title: t, version: ''}"), expected: [finding(noVersion(''), AT)] },
  { name: '2.0: a commit hash', spec: doc('2.0', "{title: t, version: '9dcb0dc8'}"), expected: [finding(commitHash('9dcb0dc8'), AT)] },
  {
    name: '3.0: missing',
    spec: doc('3.0', '{title: t}'),
    expected: [finding('info.version is missing: give the description the version it is (a semantic version such as 2.1.0).', ['info'])],
  },
];

// Real APIs go by many version schemes; each names a version an inventory can tell apart.
const valid = [
  { name: '2.0: 0.9.3', spec: doc('2.0', "{title: t, version: '0.9.3'}") },
  { name: '3.0: pre-release and build', spec: doc('3.0', "{title: t, version: '2.1.0-rc.1+build.5'}") },
  { name: '3.1: 10.20.30', spec: doc('3.1', "{title: t, version: '10.20.30'}") },
  { name: '2.0: MAJOR.MINOR', spec: doc('2.0', "{title: t, version: '1.0'}") },
  { name: '3.0: a major version, v1', spec: doc('3.0', '{title: t, version: v1}') },
  { name: '3.1: v1.2.3', spec: doc('3.1', "{title: t, version: 'v1.2.3'}") },
  { name: '3.0: a date with a preview suffix (Azure)', spec: doc('3.0', "{title: t, version: '2019-07-01-preview'}") },
  { name: '3.1: a Google-style version', spec: doc('3.1', '{title: t, version: v1p7beta1}') },
  { name: '2.0: a number', spec: doc('2.0', '{title: t, version: 2}') },
  { name: '3.0: a date-only number string', spec: doc('3.0', "{title: t, version: '20240630'}") },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: a version that is a list',
    spec: doc('3.0', '{title: t, version: [1]}'),
    expected: [finding(noVersion('[1]'), AT)],
  },
  { name: '3.1: info is a string', spec: `openapi: 3.1.0\ninfo: x\npaths: {}\n`, expected: [] },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}version: latest\n` },
  expected: [
    {
      file: 'api.raml',
      line: 3,
      severity: 'warn',
      message:
        'version "latest" names no version: give the version this description is (a semantic version such as 2.1.0, or the major version or date the API goes by), so clients, changelogs and the API inventory can tell which version is deployed where.',
    },
  ],
  silent: { 'api.raml': `${HEAD}version: 1.2.0\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  const base = firstRulesetWith(CODE);
  it('requireSemver asks for MAJOR.MINOR.PATCH', async () => {
    const ruleset = rulesetWithOptions(CODE, FUNCTION, { requireSemver: true }, base);
    for (const version of ['1.0', 'v1.2.3', '2024-06-30', 'latest'])
      expect(await findingsOf(CODE, doc('3.1', `{title: t, version: '${version}'}`), { ruleset }), version).toEqual([
        finding(notSemver(version), AT),
      ]);
    expect(await findingsOf(CODE, doc('2.0', "{title: t, version: '2.1.0'}"), { ruleset })).toEqual([]);
  });

  it('allowDates accepts ISO dates beside semantic versions, and says so', async () => {
    const ruleset = rulesetWithOptions(CODE, FUNCTION, { requireSemver: true, allowDates: true }, base);
    expect(await findingsOf(CODE, doc('3.1', "{title: t, version: '2024-06-30'}"), { ruleset })).toEqual([]);
    expect(await findingsOf(CODE, doc('3.1', "{title: t, version: '2024-13-01'}"), { ruleset })).toEqual([
      finding(notSemver('2024-13-01', ' or a date (2024-06-30)'), AT),
    ]);
  });
});
