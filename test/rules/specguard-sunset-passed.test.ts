import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, HEADERS, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-sunset-passed';
const FUNCTION = ruleDefinition(CODE).functionName;
const finding = findingOf(CODE);
const passed = (name: string, sunset: string) =>
  `${name} reached its sunset date (${sunset}) and is still in the description: remove it (and switch it off), or move the date if the retirement was postponed.`;

const withSunsetHeader = (v: '3.0' | '3.1', date: string) =>
  `${HEADERS[v]}paths:\n  /a:\n    get:\n      deprecated: true\n      responses:\n        '200':\n          description: ok\n          headers:\n            Sunset: {schema: {type: string, example: '${date}'}}\n`;

const invalid: RuleCase[] = [
  {
    name: '2.0: x-sunset in the past on an operation and a parameter',
    spec: `${HEADERS['2.0']}paths:\n  /a:\n    get:\n      deprecated: true\n      x-sunset: '2020-06-30'\n      parameters: [{name: q, in: query, type: string, deprecated: true, x-sunset: '2021-01-01'}]\n      responses: {'200': {description: ok}}\n`,
    expected: [
      finding(passed('Operation GET /a', '2020-06-30'), ['paths', '/a', 'get', 'deprecated']),
      finding(passed('Parameter "q" of Operation GET /a', '2021-01-01'), ['paths', '/a', 'get', 'parameters', '0', 'deprecated']),
    ],
  },
  {
    name: '3.0: an HTTP-date Sunset header in the past',
    spec: withSunsetHeader('3.0', 'Sat, 31 Dec 2022 23:59:59 GMT'),
    expected: [finding(passed('Operation GET /a', 'Sat, 31 Dec 2022 23:59:59 GMT'), ['paths', '/a', 'get', 'deprecated'])],
  },
  {
    name: '3.1: a deprecated schema with a past x-sunset',
    spec: `${HEADERS['3.1']}paths:\n  /a:\n    get:\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Old'}}}}}\ncomponents:\n  schemas:\n    Old: {type: object, deprecated: true, x-sunset: '2019-01-01'}\n`,
    expected: [finding(passed('Schema "Old"', '2019-01-01'), ['components', 'schemas', 'Old', 'deprecated'])],
  },
];

const valid = [
  { name: '3.0: a future Sunset', spec: withSunsetHeader('3.0', 'Wed, 31 Dec 2036 23:59:59 GMT') },
  { name: '3.1: a sunset that is not a date', spec: withSunsetHeader('3.1', 'soon') },
  {
    name: '3.1: a past x-sunset on something not deprecated',
    spec: `${HEADERS['3.1']}paths:\n  /a:\n    get:\n      x-sunset: '2019-01-01'\n      responses: {'200': {description: ok}}\n`,
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}annotationTypes:\n  deprecated: boolean\n  sunset: string\n/things:\n  get:\n    (deprecated): true\n    (sunset): '2020-01-01'\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 8,
      severity: 'error',
      message:
        'Operation GET /things reached its sunset date (2020-01-01) and is still in the description: remove it (and switch it off), or move the date if the retirement was postponed.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}annotationTypes:\n  deprecated: boolean\n  sunset: string\n/things:\n  get:\n    (deprecated): true\n    (sunset): '2099-01-01'\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, raml: RAML });
  it('today is injectable', async () => {
    const spec = withSunsetHeader('3.1', '2030-01-01');
    expect(await findingsOf(CODE, spec, { ruleset: rulesetWithOptions(CODE, FUNCTION, { today: '2029-12-31' }) })).toEqual([]);
    expect(await findingsOf(CODE, spec, { ruleset: rulesetWithOptions(CODE, FUNCTION, { today: '2030-01-01' }) })).toEqual([
      finding(passed('Operation GET /a', '2030-01-01'), ['paths', '/a', 'get', 'deprecated']),
    ]);
  });
  it('a today that is not an ISO date is a ruleset error', async () => {
    await expect(
      findingsOf(CODE, withSunsetHeader('3.1', '2030-01-01'), { ruleset: rulesetWithOptions(CODE, FUNCTION, { today: 'yesterday' }) }),
    ).rejects.toThrow(/invalid ruleset: .*today/);
  });
});
