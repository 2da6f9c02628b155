import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { headerPaths, withHeaders } from './cors-docs.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-cors-credentials-wildcard';
const finding = findingOf(CODE);
const credentials = (status: string) =>
  `The ${status} response of Operation GET /x documents Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true: browsers refuse the pair, and servers "fixed" to echo the request's Origin instead let any site read signed-in users' data. Allow credentials only for a list of trusted origins.`;
const VERSIONS = ['2.0', '3.0', '3.1'] as const;

const invalid: RuleCase[] = VERSIONS.map(v => ({
  name: `${v}: * with credentials true (boolean or string)`,
  spec: withHeaders(
    v,
    v === '2.0'
      ? {
          'Access-Control-Allow-Origin': { type: 'string', enum: ['*'] },
          'Access-Control-Allow-Credentials': { type: 'string', enum: ['true'] },
        }
      : {
          'Access-Control-Allow-Origin': { schema: { type: 'string', default: '*' } },
          'access-control-allow-credentials': { schema: { type: 'boolean', const: true } },
        },
  ),
  expected: headerPaths(v, 'Access-Control-Allow-Origin').map((path, i) => finding(credentials(i === 0 ? '200' : '201'), path)),
}));

const valid = VERSIONS.flatMap(v => [
  {
    name: `${v}: credentials with a listed origin`,
    spec: withHeaders(v, {
      'Access-Control-Allow-Origin':
        v === '2.0' ? { type: 'string', default: 'https://a.example.com' } : { schema: { enum: ['https://a.example.com'] } },
      'Access-Control-Allow-Credentials': v === '2.0' ? { type: 'boolean', default: true } : { schema: { const: true } },
    }),
  },
  {
    name: `${v}: * with credentials false`,
    spec: withHeaders(v, {
      'Access-Control-Allow-Origin': v === '2.0' ? { type: 'string', default: '*' } : { schema: { const: '*' } },
      'Access-Control-Allow-Credentials': v === '2.0' ? { type: 'boolean', default: false } : { schema: { const: false } },
    }),
  },
]);

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n        headers:\n          Access-Control-Allow-Origin: {enum: ['*']}\n          Access-Control-Allow-Credentials: {enum: ['true']}\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 8,
      severity: 'error',
      message:
        'The 200 response of Operation GET /things documents Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true: browsers refuse the pair, and servers "fixed" to echo the request\'s Origin instead let any site read signed-in users\' data. Allow credentials only for a list of trusted origins.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n        headers:\n          Access-Control-Allow-Origin: {enum: ['https://app.example.com']}\n          Access-Control-Allow-Credentials: {enum: ['true']}\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, raml: RAML });
});
