import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import { arr, bodyPath, componentPath, versionCases, obj, post, ref, responseOf, str } from '../spec-builders.js';
import type { Json, SchemaCase, Version } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-request-depth';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const recursive = (name: string) =>
  `${name} contains itself, so a request can nest it without limit: enforce a depth limit in the parser and document it in x-max-depth, or unroll the recursion to a fixed depth, so deeply nested input cannot exhaust the stack or CPU.`;
const deep = (name: string, depth: number) =>
  `${name} nests objects ${depth} levels deep (more than 6): flatten the request, or enforce and document a depth limit, so deeply nested input cannot exhaust the stack or CPU.`;
const s = str({ maxLength: 5 });
/** An object `levels` levels deep: {a: {a: ... {name}}}. */
const nested = (levels: number, extra: Json = {}): Json => (levels === 1 ? obj({ name: s }, extra) : obj({ a: nested(levels - 1) }, extra));
const tree = (v: Version, extra: Json = {}) => ({ Node: obj({ name: s, children: arr(ref(v, 'Node')) }, extra) });

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'six levels', paths: v => post(v, nested(6)) },
  {
    name: 'a recursive schema only responses use',
    paths: v => ({ '/t': { get: { responses: { '200': responseOf(v, ref(v, 'Node')) } } } }),
    schemas: tree,
  },
  {
    name: 'a recursive schema with a documented depth limit',
    paths: v => post(v, ref(v, 'Node')),
    schemas: v => tree(v, { 'x-max-depth': 10 }),
  },
  {
    name: 'recursion through a readOnly property',
    paths: v => post(v, ref(v, 'Node')),
    schemas: v => ({ Node: obj({ name: s, parent: { ...ref(v, 'Node'), readOnly: true } }) }),
  },
  { name: 'allOf branches stay at their level', paths: v => post(v, { allOf: [nested(6), nested(5)] }) },
  { name: 'x- extensions named like properties', paths: v => post(v, { ...nested(6), 'x-a': nested(9) }) },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'seven levels, at the request body',
    paths: v => post(v, nested(7)),
    expected: v => [finding(deep('Request body', 7), bodyPath(v))],
  },
  {
    name: 'a recursive component, once at its definition',
    paths: v => ({ ...post(v, ref(v, 'Node')), '/b': post(v, obj({ root: ref(v, 'Node') }))['/users'] }),
    schemas: tree,
    expected: v => [finding(recursive('Schema "Node"'), componentPath(v, 'Node'))],
  },
  {
    name: 'an array of arrays does not add levels, objects in it do',
    paths: v => post(v, obj({ rows: arr(arr(nested(6))) })),
    expected: v => [finding(deep('Request body', 7), bodyPath(v))],
  },
  {
    name: 'a recursive component in a components-only file',
    paths: () => ({}),
    schemas: tree,
    expected: v => [finding(recursive('Schema "Node"'), componentPath(v, 'Node'))],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}types:\n  Node:\n    properties:\n      name: string\n      children: Node[]\n/trees:\n  post:\n    body:\n      application/json: Node\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 4,
      severity: 'warn',
      message:
        'Schema "Node" contains itself, so a request can nest it without limit: enforce a depth limit in the parser and document it in (max-depth), or unroll the recursion to a fixed depth, so deeply nested input cannot exhaust the stack or CPU.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}annotationTypes:\n  max-depth: integer\ntypes:\n  Node:\n    (max-depth): 10\n    properties:\n      name: string\n      children: Node[]\n/trees:\n  post:\n    body:\n      application/json: Node\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
});
