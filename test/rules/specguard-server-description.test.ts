import { describe } from 'vitest';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-server-description';
const finding = findingOf(CODE);
const missing = (url: string) =>
  `Server URL "${url}" has no description: say which environment it is (production, staging, sandbox...), so nobody points a client or a test at production by mistake.`;
const noEnvironment = (url: string) =>
  `Server URL "${url}" has a description that names no environment: say whether it is production, staging, sandbox or development, so the API inventory is clear.`;

const invalid: RuleCase[] = (['3.0', '3.1'] as const).map(v => ({
  name: `${v}: no description, an empty one, one without an environment, and an operation-level server`,
  spec: `${HEADERS[v]}servers:\n  - {url: 'https://a.example.com'}\n  - {url: 'https://b.example.com', description: ' '}\n  - {url: 'https://c.example.com', description: Secondary cluster}\npaths:\n  /x:\n    get:\n      servers: [{url: 'https://d.example.com'}]\n      responses: {'200': {description: ok}}\n`,
  expected: [
    finding(missing('https://a.example.com'), ['servers', '0']),
    finding(missing('https://b.example.com'), ['servers', '1']),
    finding(noEnvironment('https://c.example.com'), ['servers', '2', 'description']),
    finding(missing('https://d.example.com'), ['paths', '/x', 'get', 'servers', '0']),
  ],
}));

const valid = [
  {
    name: '3.0: environment words in any case',
    spec: `${HEADERS['3.0']}servers:\n  - {url: 'https://a.example.com', description: EU PRODUCTION cluster}\n  - {url: /v1, description: 'Sandbox (test cards)'}\npaths: {}\n`,
  },
  { name: '3.1: no servers at all', spec: `${HEADERS['3.1']}paths: {}\n` },
  { name: '2.0: host has no description to give', spec: `${HEADERS['2.0']}host: api.example.com\npaths: {}\n` },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: a description that is a list',
    spec: `${HEADERS['3.0']}servers:\n  - {url: 'https://a.example.com', description: [production]}\npaths: {}\n`,
    expected: [finding(missing('https://a.example.com'), ['servers', '0'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}baseUri: https://api.example.com\n` },
  expected: [
    {
      file: 'api.raml',
      line: 3,
      severity: 'warn',
      message:
        'baseUri "https://api.example.com" has no description: say which environment it is (production, staging, sandbox...), so nobody points a client or a test at production by mistake.',
    },
  ],
  silent: { 'api.raml': `${HEAD}/things:\n  get:\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
