import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import { bodyPath, componentPath, getWith, versionCases, obj, OK, param, paramPath, post, ref, responseOf, str } from '../spec-builders.js';
import type { SchemaCase } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-request-schema';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const missing = (name: string) =>
  `${name} has no schema, so anything a client sends is passed on unvalidated: declare a schema (type, properties, bounds) so the edge can reject malformed input.`;
const anything = (name: string) =>
  `${name} accepts any value (its schema declares no type or constraint): declare a type and its bounds so the edge can reject malformed input.`;
const s = str({ maxLength: 5 });
const put = (requestBody: unknown) => ({ '/users': { put: { requestBody, responses: { '204': OK } } } });
const putPath = ['paths', '/users', 'put', 'requestBody'];

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'typed bodies and parameters', paths: v => ({ ...post(v, obj({ name: s })), ...getWith(v, param(v, 'q', 'query', s)) }) },
  {
    name: 'an annotation-only allOf branch beside a typed one',
    paths: v => post(v, obj({ name: { allOf: [s, { description: 'the name' }] } })),
  },
  { name: 'a free-form object (specguard-request-additional-properties owns it)', paths: v => post(v, { type: 'object' }) },
  { name: 'an empty schema in a response', paths: v => ({ '/u': { get: { responses: { '200': responseOf(v, {}) } } } }) },
  { name: 'a readOnly property without a type', paths: v => post(v, obj({ name: s, etag: { readOnly: true, description: 'server' } })) },
  {
    name: 'a raw body without a schema (specguard-upload-size owns it)',
    only: ['3.0', '3.1'],
    paths: () => put({ content: { 'application/octet-stream': {} } }),
  },
  { name: 'x- extensions only beside a type', paths: v => post(v, obj({ name: str({ maxLength: 3, 'x-internal': true }) })) },
  {
    name: 'a parameter with content',
    only: ['3.0', '3.1'],
    paths: () => ({
      '/users': {
        get: {
          parameters: [{ name: 'f', in: 'query', content: { 'application/json': { schema: obj({ a: s }) } } }],
          responses: { '200': OK },
        },
      },
    }),
  },
  {
    name: 'a callback request body is output',
    only: ['3.0', '3.1'],
    paths: () => ({
      '/s': {
        post: {
          responses: { '200': OK },
          callbacks: {
            c: { 'https://x.example.com': { post: { requestBody: { content: { 'application/json': {} } }, responses: { '200': OK } } } },
          },
        },
      },
    }),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'an empty body schema and an untyped property',
    paths: v => post(v, obj({ meta: { description: 'anything' } })),
    expected: v => [finding(anything('Property "meta"'), [...bodyPath(v), 'properties', 'meta'])],
  },
  {
    name: 'an empty request body schema',
    paths: v => post(v, {}),
    expected: v => [finding(anything('Request body'), bodyPath(v))],
  },
  {
    name: '3.0 nullable alone',
    only: ['3.0'],
    paths: v => getWith(v, param(v, 'q', 'query', { nullable: true })),
    expected: v => [finding(anything('Parameter "q"'), paramPath(v, 0))],
  },
  {
    name: 'a request body without content, and a media type without a schema',
    only: ['3.0', '3.1'],
    paths: () => ({
      ...put({ description: 'the user' }),
      '/forms': { post: { requestBody: { content: { 'application/x-www-form-urlencoded': {} } }, responses: { '204': OK } } },
    }),
    expected: () => [
      finding(missing('Request body of Operation PUT /users'), putPath),
      finding(missing('Request body of Operation POST /forms (application/x-www-form-urlencoded)'), [
        'paths',
        '/forms',
        'post',
        'requestBody',
        'content',
        'application/x-www-form-urlencoded',
      ]),
    ],
  },
  {
    name: 'a parameter without a schema',
    paths: v => getWith(v, { name: 'q', in: 'query' }),
    expected: () => [finding(missing('Parameter "q" of Operation GET /users'), ['paths', '/users', 'get', 'parameters', '0'])],
  },
  {
    name: 'a 2.0 body parameter without a schema',
    only: ['2.0'],
    paths: () => ({ '/users': { post: { parameters: [{ name: 'body', in: 'body' }], responses: { '200': OK } } } }),
    expected: () => [finding(missing('Request body of Operation POST /users'), ['paths', '/users', 'post', 'parameters', '0'])],
  },
  {
    name: 'an empty component two operations use, once at the definition',
    paths: v => ({ ...post(v, obj({ a: ref(v, 'Any') })), '/b': post(v, obj({ b: ref(v, 'Any') }))['/users'] }),
    schemas: () => ({ Any: { description: 'anything' } }),
    expected: v => [finding(anything('Property "a"'), componentPath(v, 'Any'))],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/notes:\n  post:\n    body:\n      application/json:\n  put:\n    body:\n      application/json: {description: The note.}\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 6,
      severity: 'error',
      message:
        'Request body of Operation POST /notes (application/json) has no schema, so anything a client sends is passed on unvalidated: declare a schema (type, properties, bounds) so the edge can reject malformed input.',
    },
    {
      file: 'api.raml',
      line: 9,
      severity: 'error',
      message:
        'Request body accepts any value (its schema declares no type or constraint): declare a type and its bounds so the edge can reject malformed input.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/notes:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          text: {type: string, maxLength: 1000}\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
});
