import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runGenericChecks } from '../helpers.js';
import {
  bodyOp,
  bodyPath,
  componentPath,
  doc,
  getWith,
  int,
  itSchemaCases,
  obj,
  param,
  paramPath,
  post,
  responseOf,
  VERSIONS,
} from '../oas-docs.js';
import type { SchemaCase } from '../oas-docs.js';

const CODE = 'specguard-integer-format';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string) =>
  `${name} is an integer without format int32 or int64: declare its size so servers and generated clients agree on where it overflows.`;

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'int32 and int64', paths: v => post(v, obj({ a: int({ format: 'int32' }), b: int({ format: 'int64' }) })) },
  { name: 'format in an allOf branch', paths: v => post(v, obj({ a: { allOf: [int(), { format: 'int64' }] } })) },
  { name: 'an enum path parameter', paths: v => getWith(v, param(v, 'v', 'path', int({ enum: [1, 2] }))) },
  { name: 'response-only integers', paths: v => ({ '/u': { get: { responses: { '200': responseOf(v, obj({ n: int() })) } } } }) },
  { name: 'a readOnly integer in a request', paths: v => post(v, obj({ id: int({ readOnly: true }) })) },
  { name: 'numbers are not integers', paths: v => post(v, obj({ price: { type: 'number' } })) },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'an integer property and parameter without format',
    paths: v => ({
      '/users': { post: bodyOp(v, obj({ qty: int({ minimum: 0 }) })), get: getWith(v, param(v, 'page', 'query', int()))['/users'].get },
    }),
    expected: v => [
      finding(message('Property "qty"'), [...bodyPath(v), 'properties', 'qty']),
      finding(message('Parameter "page"'), paramPath(v, 0)),
    ],
  },
  {
    name: 'a components-only file',
    paths: () => ({}),
    schemas: () => ({ Page: obj({ size: int() }) }),
    expected: v => [finding(message('Property "size"'), [...componentPath(v, 'Page'), 'properties', 'size'])],
  },
];

describe(CODE, () => {
  runGenericChecks(CODE);
  describe.each(VERSIONS)('OAS %s', version => {
    itSchemaCases(CODE, version, VALID, INVALID);
  });
  it('formats replaces the default list', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { formats: ['int64'] });
    const spec = doc('3.1', post('3.1', obj({ a: int({ format: 'int32' }), b: int({ format: 'int64' }) })));
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([finding(message('Property "a"'), [...bodyPath('3.1'), 'properties', 'a'])]);
  });
});
