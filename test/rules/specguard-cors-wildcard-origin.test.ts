import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { headerPaths, withHeaders } from './cors-docs.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-cors-wildcard-origin';
const finding = findingOf(CODE);
const wildcard = (status: string) =>
  `The ${status} response of Operation GET /x documents Access-Control-Allow-Origin: *, so any web page can read it from a visitor's browser: list the allowed origins (and send Vary: Origin), or keep * only for public, unauthenticated data.`;
const VERSIONS = ['2.0', '3.0', '3.1'] as const;

/** Root security that a browser sends by itself: HTTP Basic (2.0), a session cookie (3.0), a client certificate (3.1). */
const AMBIENT = {
  '2.0': 'securityDefinitions:\n  basic: {type: basic}\nsecurity: [{basic: []}]\n',
  '3.0': '  securitySchemes:\n    session: {type: apiKey, in: cookie, name: sid}\nsecurity: [{session: []}]\n',
  '3.1': '  securitySchemes:\n    clientCert: {type: mutualTLS}\nsecurity: [{clientCert: []}]\n',
};
/** Root security a page must set explicitly: an API key header, or a bearer token beside one. */
const EXPLICIT = {
  '2.0': 'securityDefinitions:\n  key: {type: apiKey, in: header, name: X-RapidAPI-Key}\nsecurity: [{key: []}]\n',
  '3.0': '  securitySchemes:\n    key: {type: apiKey, in: header, name: X-RapidAPI-Key}\nsecurity: [{key: []}]\n',
  '3.1':
    '  securitySchemes:\n    token: {type: http, scheme: bearer}\n    key: {type: apiKey, in: query, name: key}\nsecurity: [{token: []}, {key: []}]\n',
};
const STAR = (v: (typeof VERSIONS)[number]) =>
  v === '2.0' ? { type: 'string', enum: ['*'] } : { schema: { type: 'string', enum: ['*'] } };

const invalid: RuleCase[] = [
  ...VERSIONS.map(v => ({
    name: `${v}: * as enum, in a response and in a shared response, with credentials the browser sends by itself`,
    spec: withHeaders(v, { 'access-control-allow-origin': STAR(v) }, AMBIENT[v]),
    expected: headerPaths(v, 'access-control-allow-origin').map((path, i) => finding(wildcard(i === 0 ? '200' : '201'), path)),
  })),
  {
    name: '3.1: * as a header example and as a schema examples entry, on an internal server',
    spec: withHeaders(
      '3.1',
      { 'Access-Control-Allow-Origin': { example: ' * ', schema: { type: 'string' } } },
      "servers: [{url: 'https://reports.corp.internal'}]\n",
    ),
    expected: headerPaths('3.1', 'Access-Control-Allow-Origin').map((path, i) => finding(wildcard(i === 0 ? '200' : '201'), path)),
  },
  {
    name: '2.0: * on a private-network host, with no security',
    spec: withHeaders('2.0', { 'Access-Control-Allow-Origin': STAR('2.0') }, 'host: 10.1.2.3:8080\n'),
    expected: headerPaths('2.0', 'Access-Control-Allow-Origin').map((path, i) => finding(wildcard(i === 0 ? '200' : '201'), path)),
  },
  {
    name: '3.0: * where a cookie is one of the accepted credentials',
    spec: withHeaders(
      '3.0',
      { 'Access-Control-Allow-Origin': STAR('3.0') },
      '  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n    basic: {type: http, scheme: Basic}\nsecurity: [{key: []}, {basic: []}]\n',
    ),
    expected: headerPaths('3.0', 'Access-Control-Allow-Origin').map((path, i) => finding(wildcard(i === 0 ? '200' : '201'), path)),
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
  // Public data, or credentials the calling page must set itself: * exposes nothing a page could not fetch itself.
  ...VERSIONS.map(v => ({
    name: `${v}: * on a public API with no security`,
    spec: withHeaders(
      v,
      { 'Access-Control-Allow-Origin': STAR(v) },
      v === '2.0' ? 'host: api.example.com\n' : "servers: [{url: 'https://api.example.com/public'}]\n",
    ),
  })),
  ...VERSIONS.map(v => ({
    name: `${v}: * on an API authenticated by explicit keys or tokens`,
    spec: withHeaders(v, { 'Access-Control-Allow-Origin': STAR(v) }, EXPLICIT[v]),
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

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}baseUri: https://reports.corp.internal\n/things:\n  get:\n    responses:\n      200:\n        headers:\n          Access-Control-Allow-Origin:\n            example: '*'\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 9,
      severity: 'warn',
      message:
        "The 200 response of Operation GET /things documents Access-Control-Allow-Origin: *, so any web page can read it from a visitor's browser: list the allowed origins (and send Vary: Origin), or keep * only for public, unauthenticated data.",
    },
  ],
  silent: {
    'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n        headers:\n          Access-Control-Allow-Origin:\n            example: https://app.example.com\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
