/*
 * Document builders for the sensitive-data rules' tests: one case is written once per OpenAPI
 * version, and the helpers put each schema where that version keeps it.
 */
export const VERSIONS = ['2.0', '3.0', '3.1'] as const;
export type Version = (typeof VERSIONS)[number];
export type Json = Record<string, unknown>;

/** A whole document: `paths`, named component schemas (`definitions` in 2.0) and extra root keys. */
export function doc(version: Version, paths: Json, schemas: Json = {}, extra: Json = {}): string {
  const header = version === '2.0' ? { swagger: '2.0' } : { openapi: version === '3.0' ? '3.0.3' : '3.1.0' };
  const components = version === '2.0' ? { definitions: schemas } : { components: { schemas } };
  return JSON.stringify({ ...header, info: { title: 't', version: '1.0.0' }, paths, ...components, ...extra }, null, 2);
}

export const ref = (version: Version, name: string) => ({
  $ref: version === '2.0' ? `#/definitions/${name}` : `#/components/schemas/${name}`,
});
export const componentPath = (version: Version, ...rest: string[]): string[] =>
  version === '2.0' ? ['definitions', ...rest] : ['components', 'schemas', ...rest];

/** A response whose body is `schema`. */
export function responseOf(version: Version, schema: unknown): Json {
  return version === '2.0' ? { description: 'ok', schema } : { description: 'ok', content: { 'application/json': { schema } } };
}

/** An operation that returns `schema` with 200 (and takes `requestSchema` as its body when given). */
export function op(version: Version, schema: unknown, requestSchema?: unknown): Json {
  const responses = { '200': responseOf(version, schema) };
  if (requestSchema === undefined) return { responses };
  return version === '2.0'
    ? { parameters: [{ name: 'body', in: 'body', schema: requestSchema }], responses }
    : { requestBody: { content: { 'application/json': { schema: requestSchema } } }, responses };
}

/** Path of the 200 response body schema of `method` `p` (as op builds it). */
export const responsePath = (version: Version, p: string, method = 'get'): string[] =>
  version === '2.0'
    ? ['paths', p, method, 'responses', '200', 'schema']
    : ['paths', p, method, 'responses', '200', 'content', 'application/json', 'schema'];

export const object = (properties: Json, more: Json = {}) => ({ type: 'object', properties, ...more });
