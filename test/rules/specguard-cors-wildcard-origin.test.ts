import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { headerPaths, withHeaders } from './cors-docs.js';

const CODE = 'specguard-cors-wildcard-origin';
const finding = findingOf(CODE);
const wildcard = (status: string) =>
  `The ${status} response of Operation GET /x documents Access-Control-Allow-Origin: *, so any web page can read it from a visitor's browser: list the allowed origins (and send Vary: Origin), or keep * only for public, unauthenticated data.`;
const VERSIONS = ['2.0', '3.0', '3.1'] as const;

const invalid: RuleCase[] = [
  ...VERSIONS.map(v => ({
    name: `${v}: * as enum, in a response and in a shared response`,
    spec: withHeaders(v, {
      'access-control-allow-origin': v === '2.0' ? { type: 'string', enum: ['*'] } : { schema: { type: 'string', enum: ['*'] } },
    }),
    expected: headerPaths(v, 'access-control-allow-origin').map((path, i) => finding(wildcard(i === 0 ? '200' : '201'), path)),
  })),
  {
    name: '3.1: * as a header example and as a schema examples entry',
    spec: withHeaders('3.1', { 'Access-Control-Allow-Origin': { example: ' * ', schema: { type: 'string' } } }),
    expected: headerPaths('3.1', 'Access-Control-Allow-Origin').map((path, i) => finding(wildcard(i === 0 ? '200' : '201'), path)),
  },
];

const valid = [
  ...VERSIONS.map(v => ({
    name: `${v}: a listed origin`,
    spec: withHeaders(v, {
      'Access-Control-Allow-Origin':
        v === '2.0'
          ? { type: 'string', default: 'https://app.example.com' }
          : { schema: { type: 'string', example: 'https://app.example.com' } },
    }),
  })),
  {
    name: '3.0: * only in components.headers, used by no response',
    spec: withHeaders('3.0', {}, "  headers:\n    Access-Control-Allow-Origin: {schema: {type: string, enum: ['*']}}\n"),
  },
  {
    name: "3.0: * with credentials is the other rule's finding",
    spec: withHeaders('3.0', {
      'Access-Control-Allow-Origin': { schema: { const: '*' } },
      'Access-Control-Allow-Credentials': { schema: { default: true } },
    }),
  },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: header examples that are a string, schema that is a list',
    spec: withHeaders('3.0', { 'Access-Control-Allow-Origin': { examples: '*', schema: ['*'] } }),
    expected: [],
  },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes });
});
