import { describe, expect, it } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';

const CODE = 'specguard-write-scope';
const finding = findingOf(CODE);
const readOnly = (operation: string, scopes: string) =>
  `${operation} writes, but a token with only the read-only scope(s) ${scopes} satisfies one of its requirements: require a scope that grants writing.`;

/** An OAuth scheme with read, write and mixed scopes. */
const schemes3 = `components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://a.example.com/token', scopes: {'pets:read': r, 'pets:write': w, read_write: rw, 'drive.readonly': ro, 'list-pets': l}}}}\n    key: {type: apiKey, in: header, name: X-Key}\n    mtls: {type: mutualTLS}\n`;

const invalid: RuleCase[] = [
  {
    name: '3.0: DELETE with a read scope',
    spec: authSpec('3.0', { '/pets/{id}': { delete: op("security: [{oauth: ['pets:read']}]") } }, '', schemes3),
    expected: [finding(readOnly('Operation DELETE /pets/{id}', '"pets:read"'), ['paths', '/pets/{id}', 'delete', 'security', '0'])],
  },
  {
    name: '3.1: POST inheriting a read-only root requirement is reported at the operation; GET is not',
    spec: authSpec('3.1', { '/pets': { get: op(), post: op() } }, "security: [{oauth: ['drive.readonly', 'list-pets']}]\n", schemes3),
    expected: [finding(readOnly('Operation POST /pets', '"drive.readonly", "list-pets"'), ['paths', '/pets', 'post'])],
  },
  {
    name: '3.0: one alternative of an OR list is read-only',
    spec: authSpec('3.0', { '/pets': { put: op("security: [{oauth: ['pets:write']}, {oauth: ['pets:read']}]") } }, '', schemes3),
    expected: [finding(readOnly('Operation PUT /pets', '"pets:read"'), ['paths', '/pets', 'put', 'security', '1'])],
  },
  {
    name: '2.0: PATCH override with a read scope',
    spec: authSpec(
      '2.0',
      { '/pets': { get: op(), patch: op("security: [{oauth: ['pets:read']}]") } },
      "security: [{oauth: ['pets:read']}]\n",
    ),
    expected: [finding(readOnly('Operation PATCH /pets', '"pets:read"'), ['paths', '/pets', 'patch', 'security', '0'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: '3.0: GET with a read scope',
    spec: authSpec('3.0', { '/pets': { get: op("security: [{oauth: ['pets:read']}]") } }, '', schemes3),
  },
  {
    name: '3.0: read and write scopes AND-ed',
    spec: authSpec('3.0', { '/pets': { post: op("security: [{oauth: ['pets:read', 'pets:write']}]") } }, '', schemes3),
  },
  {
    name: '3.0: a search by POST (criteria in the body) with a read scope, by path or by operationId',
    spec: authSpec(
      '3.0',
      {
        '/payment-methods/search': { post: op("security: [{oauth: ['pets:read']}]") },
        '/pets/{id}/lookup': { post: op("security: [{oauth: ['pets:read']}]") },
        '/reports': { post: op("operationId: queryReports, security: [{oauth: ['pets:read']}]") },
      },
      '',
      schemes3,
    ),
  },
  { name: '3.0: a read_write scope', spec: authSpec('3.0', { '/pets': { post: op('security: [{oauth: [read_write]}]') } }, '', schemes3) },
  {
    name: '3.0: an OR list whose every alternative grants writing',
    spec: authSpec('3.0', { '/pets': { post: op("security: [{oauth: ['pets:write']}, {oauth: [read_write]}]") } }, '', schemes3),
  },
  {
    name: '3.1: a read scope AND-ed with mutual TLS (another kind of scheme)',
    spec: authSpec('3.1', { '/pets': { post: op("security: [{oauth: ['pets:read'], mtls: []}]") } }, '', schemes3),
  },
  { name: '3.0: an API key', spec: authSpec('3.0', { '/pets': { post: op('security: [{key: []}]') } }, '', schemes3) },
  {
    name: '2.0: root read scope, write override',
    spec: authSpec(
      '2.0',
      { '/pets': { get: op(), post: op("security: [{oauth: ['pets:write']}]") } },
      "security: [{oauth: ['pets:read']}]\n",
    ),
  },
  {
    name: '3.0: a callback whose requirement is read-only (the API is the caller)',
    spec: authSpec(
      '3.0',
      {
        '/pets': {
          post: op(
            "security: [{oauth: ['pets:write']}], callbacks: {onPet: {'{$request.body#/url}': {post: {security: [{oauth: ['pets:read']}], responses: {'200': {description: ok}}}}}}",
          ),
        },
      },
      '',
      schemes3,
    ),
  },
  {
    name: '3.0: an anonymous write (operation-security reports it)',
    spec: authSpec('3.0', { '/pets': { post: op('security: [{}]') } }, '', schemes3),
  },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid });

  it('readWords and writeWords replace the defaults', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { readWords: ['lookup'], writeWords: [] });
    const spec = authSpec(
      '3.0',
      { '/pets': { post: op("security: [{oauth: ['pets:lookup']}]"), put: op("security: [{oauth: ['pets:read']}]") } },
      '',
      `components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://a.example.com/t', scopes: {'pets:lookup': l, 'pets:read': r}}}}\n`,
    );
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(readOnly('Operation POST /pets', '"pets:lookup"'), ['paths', '/pets', 'post', 'security', '0']),
    ]);
  });
});
