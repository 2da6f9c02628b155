import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runGenericChecks } from '../helpers.js';
import { bodyOp, bodyPath, componentPath, doc, int, itSchemaCases, obj, post, ref, responseOf, str, VERSIONS } from '../oas-docs.js';
import type { SchemaCase } from '../oas-docs.js';

const CODE = 'specguard-request-privileged-properties';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string, why: string) =>
  `${name} is accepted in a request body, but ${why}: mark it readOnly (or remove it from the request schema) so a client cannot set it by mass assignment.`;
const s = str({ maxLength: 5 });

const VALID: Array<SchemaCase<Finding>> = [
  {
    name: 'readOnly server-owned properties',
    paths: v => post(v, obj({ id: str({ readOnly: true }), role: str({ readOnly: true }), name: s })),
  },
  {
    name: 'response-only schemas',
    paths: v => ({ '/u': { get: { responses: { '200': responseOf(v, obj({ id: s, isAdmin: { type: 'boolean' } })) } } } }),
  },
  { name: 'names that only contain a listed word', paths: v => post(v, obj({ productId: s, roleName: s, statusNote: s })) },
  { name: 'an x- extension named like a property', paths: v => post(v, { ...obj({ name: s }), 'x-role': 'admin', 'x-id': s }) },
  {
    name: 'readOnly given by an allOf peer',
    paths: v => post(v, { allOf: [ref(v, 'User'), { properties: { id: { readOnly: true } } }] }),
    schemas: () => ({ User: obj({ id: s, name: s }) }),
  },
  { name: 'a components-only file (ignored by default)', paths: () => ({}), schemas: () => ({ User: obj({ id: s }) }) },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'privileged, money, ownership and server-assigned properties in any case style',
    paths: v =>
      post(v, obj({ is_admin: { type: 'boolean' }, Balance: int(), 'owner-id': s, createdAt: str({ format: 'date-time' }), name: s })),
    expected: v => [
      finding(message('Property "is_admin"', 'it grants privileges'), [...bodyPath(v), 'properties', 'is_admin']),
      finding(message('Property "Balance"', 'it holds money or credit'), [...bodyPath(v), 'properties', 'Balance']),
      finding(message('Property "owner-id"', 'it decides who owns the record'), [...bodyPath(v), 'properties', 'owner-id']),
      finding(message('Property "createdAt"', 'the server assigns it'), [...bodyPath(v), 'properties', 'createdAt']),
    ],
  },
  {
    name: 'a component used as request and response, reported once at the definition',
    paths: v => ({ '/a': { put: bodyOp(v, ref(v, 'User'), ref(v, 'User')) } }),
    schemas: () => ({ User: obj({ id: s, role: s }) }),
    expected: v => [
      finding(message('Property "id"', 'the server assigns it'), [...componentPath(v, 'User'), 'properties', 'id']),
      finding(message('Property "role"', 'it grants privileges'), [...componentPath(v, 'User'), 'properties', 'role']),
    ],
  },
];

describe(CODE, () => {
  runGenericChecks(CODE);
  describe.each(VERSIONS)('OAS %s', version => {
    itSchemaCases(CODE, version, VALID, INVALID);
  });
  it('properties replaces the default map; unreachedSchemas: judge reads a schema library', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, {
      properties: { tenantId: 'it picks the tenant' },
      unreachedSchemas: 'judge',
    });
    const spec = doc('3.1', {}, { User: obj({ id: s, tenant_id: s }) });
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(message('Property "tenant_id"', 'it picks the tenant'), [...componentPath('3.1', 'User'), 'properties', 'tenant_id']),
    ]);
  });
});
