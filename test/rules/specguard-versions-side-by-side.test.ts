import { describe } from 'vitest';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-versions-side-by-side';
const finding = findingOf(CODE);
const sideBySide = (path: string, versions: string, others: string) =>
  `Path ${path} is one of several major versions of the same resource (${versions}; also ${others}): retire the old version, or mark it deprecated with a sunset date, and describe each major version in its own document.`;
const OP = "    get: {responses: {'200': {description: ok}}}\n";
const doc = (v: keyof typeof HEADERS, paths: string[]) => `${HEADERS[v]}paths:\n${paths.map(p => `  ${p}:\n${OP}`).join('')}`;

const invalid: RuleCase[] = [
  {
    name: '3.1: an old version only partly deprecated',
    spec: `${HEADERS['3.1']}paths:\n  /v1/pets:\n    get: {deprecated: true, responses: {'200': {description: ok}}}\n    post: {responses: {'201': {description: ok}}}\n  /v2/pets:\n${OP}`,
    expected: [finding(sideBySide('/v1/pets', 'v1, v2', '/v2/pets'), ['paths', '/v1/pets'])],
  },
  {
    name: '2.0: v1 and v2',
    spec: doc('2.0', ['/v2/pets', '/v1/pets']),
    expected: [finding(sideBySide('/v1/pets', 'v1, v2', '/v2/pets'), ['paths', '/v1/pets'])],
  },
  {
    name: '3.0: three versions, reported at the two older ones',
    spec: doc('3.0', ['/api/v1/pets/{id}', '/api/v3/pets/{id}', '/api/v2beta/pets/{id}']),
    expected: [
      finding(sideBySide('/api/v1/pets/{id}', 'v1, v2, v3', '/api/v2beta/pets/{id}, /api/v3/pets/{id}'), ['paths', '/api/v1/pets/{id}']),
      finding(sideBySide('/api/v2beta/pets/{id}', 'v1, v2, v3', '/api/v1/pets/{id}, /api/v3/pets/{id}'), [
        'paths',
        '/api/v2beta/pets/{id}',
      ]),
    ],
  },
];

const valid = [
  { name: '3.1: one version, several resources', spec: doc('3.1', ['/v2/pets', '/v2/owners']) },
  { name: '3.1: different resources under different versions', spec: doc('3.1', ['/v1/pets', '/v2/owners']) },
  { name: '3.0: no versions in paths; /vets is not a version', spec: doc('3.0', ['/vets', '/pets']) },
  {
    name: '3.0: the old version already deprecated (deprecation-metadata asks when it goes)',
    spec: `${HEADERS['3.0']}paths:\n  /v1/pets:\n    get: {deprecated: true, responses: {'200': {description: ok}}}\n    post: {deprecated: true, responses: {'201': {description: ok}}}\n  /v2/pets:\n${OP}`,
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/v1/things:\n  get:\n/v2/things:\n  get:\n` },
  expected: [
    {
      file: 'api.raml',
      line: 3,
      severity: 'warn',
      message:
        'Path /v1/things is one of several major versions of the same resource (v1, v2; also /v2/things): retire the old version, or mark it deprecated with a sunset date, and describe each major version in its own document.',
    },
  ],
  silent: { 'api.raml': `${HEAD}/v2/things:\n  get:\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, raml: RAML });
});
