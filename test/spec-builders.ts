import type { RuleCase } from './helpers.js';

/*
 * Document builders for schema rule tests: one case written once for OpenAPI 2.0, 3.0 and 3.1,
 * the helpers putting each schema where that version keeps it. Documents are built as objects
 * and linted as JSON (JSON is YAML).
 */
export const VERSIONS = ['2.0', '3.0', '3.1'] as const;
export type Version = (typeof VERSIONS)[number];
export type Json = Record<string, unknown>;
export type Path = string[];

export const OK = { description: 'ok' };

/** A whole document: `paths` plus named component schemas (`definitions` in 2.0) and any extra root keys. */
export function doc(version: Version, paths: Json, schemas: Json = {}, extra: Json = {}): string {
  const header = version === '2.0' ? { swagger: '2.0' } : { openapi: version === '3.0' ? '3.0.3' : '3.1.0' };
  const components = version === '2.0' ? { definitions: schemas } : { components: { schemas } };
  return JSON.stringify({ ...header, info: { title: 't', version: '1' }, paths, ...components, ...extra }, null, 2);
}

export const ref = (version: Version, name: string) => ({
  $ref: version === '2.0' ? `#/definitions/${name}` : `#/components/schemas/${name}`,
});
export const componentPath = (version: Version, name: string): Path =>
  version === '2.0' ? ['definitions', name] : ['components', 'schemas', name];

/** An operation whose request body is `schema` (and whose 200 response returns `responseSchema`). */
export function bodyOp(version: Version, schema: unknown, responseSchema?: unknown, mediaType = 'application/json'): Json {
  const responses = { '200': responseSchema === undefined ? OK : responseOf(version, responseSchema) };
  return version === '2.0'
    ? { consumes: [mediaType], parameters: [{ name: 'body', in: 'body', schema }], responses }
    : { requestBody: { content: { [mediaType]: { schema } } }, responses };
}
/** Where bodyOp puts the request body schema. */
export const bodyPath = (version: Version, p = '/users', method = 'post', mediaType = 'application/json'): Path =>
  version === '2.0'
    ? ['paths', p, method, 'parameters', '0', 'schema']
    : ['paths', p, method, 'requestBody', 'content', mediaType, 'schema'];

export function responseOf(version: Version, schema: unknown, headers?: Json): Json {
  return version === '2.0'
    ? { ...OK, schema, ...(headers ? { headers } : {}) }
    : { ...OK, content: { 'application/json': { schema } }, ...(headers ? { headers } : {}) };
}

/** A non-body parameter with the given schema keywords (OAS2 puts them on the parameter itself). */
export function param(version: Version, name: string, where: string, schema: Json): Json {
  const required = where === 'path' ? { required: true } : {};
  return version === '2.0' ? { name, in: where, ...required, ...schema } : { name, in: where, ...required, schema };
}
/** Path of the i-th parameter's schema of GET /users. */
export const paramPath = (version: Version, i: number, p = '/users', method = 'get'): Path =>
  version === '2.0' ? ['paths', p, method, 'parameters', String(i)] : ['paths', p, method, 'parameters', String(i), 'schema'];

export const post = (version: Version, schema: unknown, responseSchema?: unknown) => ({
  '/users': { post: bodyOp(version, schema, responseSchema) },
});
export const getWith = (version: Version, ...parameters: Json[]) => ({ '/users': { get: { parameters, responses: { '200': OK } } } });

export const str = (extra: Json = {}) => ({ type: 'string', ...extra });
export const int = (extra: Json = {}) => ({ type: 'integer', ...extra });
export const obj = (properties: Json, extra: Json = {}) => ({ type: 'object', properties, ...extra });
export const arr = (items: unknown, extra: Json = {}) => ({ type: 'array', items, ...extra });

/** A table case written once for every version it applies to (see versionCases). */
export interface SchemaCase<F> {
  name: string;
  only?: Version[];
  paths: (v: Version) => Json;
  schemas?: (v: Version) => Json;
  expected?: (v: Version) => F[];
  /** A ruleset to lint with instead of the bundled one (see rulesetOverriding); the rule under test stays on. */
  ruleset?: RuleCase['ruleset'];
}

/**
 * Schema cases as the harness's cases (runRuleCases): one per version each applies to, named
 * `OAS <version>: <name>`, the document built by `build` (by default: its paths and component schemas).
 */
export function versionCases<C extends SchemaCase<RuleCase['expected'][number]>>(
  cases: C[],
  build: (v: Version, c: C) => string = (v, c) => doc(v, c.paths(v), c.schemas?.(v)),
): RuleCase[] {
  return VERSIONS.flatMap(v =>
    cases
      .filter(c => !c.only || c.only.includes(v))
      .map(c => ({ name: `OAS ${v}: ${c.name}`, spec: build(v, c), expected: c.expected?.(v) ?? [], ruleset: c.ruleset })),
  );
}
