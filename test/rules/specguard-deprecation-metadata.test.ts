import { describe } from 'vitest';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';

const CODE = 'specguard-deprecation-metadata';
const finding = findingOf(CODE);
const incomplete = (name: string, missing: string) =>
  `${name} is deprecated but documents no ${missing}: say when it goes away and what replaces it, so clients migrate before it is retired and it does not live on forgotten.`;
const ALL_OP =
  'sunset date (a Sunset response header or x-sunset), Deprecation response header, successor (a Link header with rel="successor-version" or x-successor)';

const invalid: RuleCase[] = [
  {
    name: '2.0: a deprecated operation and a deprecated body property',
    spec: `${HEADERS['2.0']}paths:\n  /pets:\n    post:\n      deprecated: true\n      parameters: [{name: b, in: body, schema: {$ref: '#/definitions/Pet'}}]\n      responses: {'200': {description: ok}}\ndefinitions:\n  Pet:\n    type: object\n    properties:\n      tag: {type: string, deprecated: true, x-sunset: '2036-01-01'}\n`,
    expected: [
      finding(incomplete('Operation POST /pets', ALL_OP), ['paths', '/pets', 'post', 'deprecated']),
      finding(incomplete('Property "tag"', 'successor (x-successor)'), ['definitions', 'Pet', 'properties', 'tag', 'deprecated']),
    ],
  },
  {
    name: '3.0: Sunset and Link headers present, Deprecation missing; a shared deprecated parameter reported once',
    spec: `${HEADERS['3.0']}paths:\n  /a:\n    get:\n      deprecated: true\n      parameters: [{$ref: '#/components/parameters/Old'}]\n      responses:\n        '200':\n          description: ok\n          headers:\n            Sunset: {schema: {type: string}}\n            Link: {schema: {type: string, example: '<https://api.example.com/v2/a>; rel="successor-version"'}}\n  /b:\n    get:\n      parameters: [{$ref: '#/components/parameters/Old'}]\n      responses: {'200': {description: ok}}\ncomponents:\n  parameters:\n    Old: {name: old, in: query, deprecated: true, schema: {type: string}}\n`,
    expected: [
      finding(incomplete('Operation GET /a', 'Deprecation response header'), ['paths', '/a', 'get', 'deprecated']),
      finding(incomplete('Parameter "old" of Operation GET /a', 'sunset date (x-sunset), successor (x-successor)'), [
        'components',
        'parameters',
        'Old',
        'deprecated',
      ]),
    ],
  },
];

const valid = [
  {
    name: '3.1: operation with all three headers; schema with both extensions',
    spec: `${HEADERS['3.1']}paths:\n  /a:\n    get:\n      deprecated: true\n      responses:\n        '200':\n          description: ok\n          headers:\n            Deprecation: {schema: {type: string}}\n            Sunset: {schema: {type: string}}\n            Link: {description: 'rel="successor-version" to /v2/a', schema: {type: string}}\n          content:\n            application/json:\n              schema: {type: object, deprecated: true, x-sunset: '2036-01-01', x-successor: B}\n`,
  },
  {
    name: '3.0: deprecated: false and "true" as a string are not deprecated',
    spec: `${HEADERS['3.0']}paths:\n  /a:\n    get:\n      deprecated: 'true'\n      parameters: [{name: q, in: query, deprecated: false, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
  },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid });
});
