import { exampleValue, namedExamples } from './examples.js';
import { securityRequirements, securitySchemes } from './security.js';
import { SourceMap } from './source-map.js';
import { entriesOf, get, listOf, text } from './tree.js';
import type { Loc, RNode } from './tree.js';
import { annotationsOf, objectProperties, schemaOf } from './types.js';
import type { TypeContext } from './types.js';
import type { Path, Schema } from './source-map.js';

/*
 * The RAML-to-OpenAPI mapping: one function per RAML construct, each recording in the source map
 * where the node it produces came from. The tree is already expanded, so a node a trait or
 * resource type contributed carries the trait's or type's own file and line.
 */

export interface Converted {
  openapi: Schema;
  sourceMap: SourceMap;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
type Json = Record<string, unknown>;

interface Context extends TypeContext {
  version: '0.8' | '1.0';
  mediaTypes: string[];
  schemes: Json;
  /** Where each path parameter was declared, to place it again where a nested resource inherits it. */
  declaredAt: WeakMap<Json, Loc>;
}

export function convertRaml(root: RNode, version: '0.8' | '1.0'): Converted {
  const map = new SourceMap();
  map.set([], { file: root.loc.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  const typeDeclarations = [...entriesOf(get(root, 'types')), ...entriesOf(get(root, 'schemas'))];
  const ctx: Context = {
    version,
    map,
    named: new Set(typeDeclarations.map(([name]) => name)),
    mediaTypes: listOf(get(root, 'mediaType')).flatMap(node => text(node) ?? []),
    schemes: securitySchemes(get(root, 'securitySchemes'), ['components', 'securitySchemes'], map),
    declaredAt: new WeakMap(),
  };
  if (ctx.mediaTypes.length === 0) ctx.mediaTypes.push('application/json');

  const apiVersion = text(get(root, 'version'));
  const info: Json = { title: text(get(root, 'title')) ?? '', version: apiVersion ?? '' };
  const description = text(get(root, 'description'));
  if (description !== undefined) info.description = description;
  mapIf(map, ['info', 'title'], get(root, 'title'));
  mapIf(map, ['info', 'version'], get(root, 'version'));

  const openapi: Json = { openapi: '3.0.3', info };
  const servers = serversOf(root, apiVersion, map);
  if (servers.length > 0) openapi.servers = servers;
  const securedBy = get(root, 'securedBy');
  if (securedBy) openapi.security = securityRequirements(securedBy, ['security'], map, ctx.schemes);
  const paths: Json = {};
  for (const [key, resource] of entriesOf(root)) if (key.startsWith('/')) addResource(paths, key, resource, [], ctx);
  openapi.paths = paths;
  Object.assign(openapi, annotationsOf(root, [], map, []));

  const schemas: Json = {};
  for (const [name, declaration] of typeDeclarations) schemas[name] = schemaOf(declaration, ['components', 'schemas', name], ctx, 'string');
  const components: Json = {};
  if (typeDeclarations.length > 0) components.schemas = schemas;
  if (Object.keys(ctx.schemes).length > 0) components.securitySchemes = ctx.schemes;
  if (Object.keys(components).length > 0) openapi.components = components;
  return { openapi, sourceMap: map };
}

function mapIf(map: SourceMap, at: Path, node: RNode | undefined): void {
  if (node) map.set(at, node.loc);
}

/** `baseUri` (with `{version}` filled in and other variables from `baseUriParameters`), once per `protocols` entry. */
function serversOf(root: RNode, apiVersion: string | undefined, map: SourceMap): Json[] {
  const baseUriNode = get(root, 'baseUri');
  const baseUri = text(baseUriNode);
  if (baseUri === undefined) return [];
  const url = apiVersion === undefined ? baseUri : baseUri.replace(/\{version\}/g, apiVersion);
  const variables: Json = {};
  const parameters = get(root, 'baseUriParameters');
  for (const [, name] of url.matchAll(/\{([^}]+)\}/g)) {
    const declaration = get(parameters, name);
    const values = listOf(get(declaration, 'enum')).flatMap(node => text(node) ?? []);
    const fallback = text(get(declaration, 'default')) ?? values[0] ?? text(get(declaration, 'example')) ?? name;
    variables[name] = { default: fallback, ...(values.length > 0 ? { enum: values } : {}) };
  }
  const protocolsNode = get(root, 'protocols');
  const protocols = listOf(protocolsNode).flatMap(node => text(node)?.toLowerCase() ?? []);
  const urls =
    protocols.length === 0
      ? [url]
      : protocols.map(protocol =>
          /^[a-z][a-z0-9+.-]*:/i.test(url) ? url.replace(/^[a-z][a-z0-9+.-]*:/i, `${protocol}:`) : `${protocol}://${url}`,
        );
  return urls.map((serverUrl, i) => {
    // A scheme that `protocols` chose is found on the protocols line.
    map.set(['servers', i], protocolsNode && protocols.length > 0 ? protocolsNode.loc : baseUriNode!.loc);
    return Object.keys(variables).length > 0 ? { url: serverUrl, variables } : { url: serverUrl };
  });
}

function addResource(paths: Json, relativeUri: string, resource: RNode, inherited: Json[], ctx: Context, parentPath = ''): void {
  const fullPath = parentPath + relativeUri;
  const at: Path = ['paths', fullPath];
  const item = (paths[fullPath] ??= {}) as Json;
  ctx.map.set(at, resource.loc);
  const names = [...fullPath.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name);
  const own = parameters(get(resource, 'uriParameters'), 'path', (_i, name) => [...at, 'parameters', names.indexOf(name)], ctx);
  const declared = [...inherited.filter(p => !own.some(o => o.name === p.name)), ...own];
  // Every template variable is a required path parameter, declared or not (RAML's default is a string).
  const pathParameters = names.map(
    name => declared.find(p => p.name === name) ?? { name, in: 'path', required: true, schema: { type: 'string' } },
  );
  pathParameters.forEach((parameter, i) => {
    const loc = ctx.declaredAt.get(parameter);
    if (loc) ctx.map.set([...at, 'parameters', i], loc);
  });
  if (pathParameters.length > 0) item.parameters = pathParameters;
  const displayName = text(get(resource, 'displayName'));
  if (displayName !== undefined) item.summary = displayName;
  const description = text(get(resource, 'description'));
  if (description !== undefined) item.description = description;
  Object.assign(item, annotationsOf(resource, at, ctx.map, []));

  const resourceSecuredBy = get(resource, 'securedBy');
  for (const [key, method] of entriesOf(resource)) {
    const name = key.replace(/\?$/, '');
    if (METHODS.includes(name)) item[name] = operation(method, resourceSecuredBy, [...at, name], ctx);
  }
  for (const [key, child] of entriesOf(resource)) if (key.startsWith('/')) addResource(paths, key, child, declared, ctx, fullPath);
}

/** A method. Its `securedBy` wins; else its resource's own (never an ancestor's); else the API's applies. */
function operation(method: RNode, resourceSecuredBy: RNode | undefined, at: Path, ctx: Context): Json {
  ctx.map.set(at, method.loc);
  const out: Json = {};
  const displayName = text(get(method, 'displayName'));
  if (displayName !== undefined) out.summary = displayName;
  const description = text(get(method, 'description'));
  if (description !== undefined) out.description = description;
  const queryString = get(get(method, 'queryString'), 'properties');
  const query = parameters(get(method, 'queryParameters') ?? queryString, 'query', i => [...at, 'parameters', i], ctx);
  const params = [...query, ...parameters(get(method, 'headers'), 'header', i => [...at, 'parameters', query.length + i], ctx)];
  if (params.length > 0) out.parameters = params;
  const body = get(method, 'body');
  if (body) out.requestBody = { content: content(body, [...at, 'requestBody', 'content'], ctx) };
  mapIf(ctx.map, [...at, 'requestBody'], body);
  out.responses = responses(get(method, 'responses'), [...at, 'responses'], ctx);
  mapIf(ctx.map, [...at, 'responses'], get(method, 'responses'));
  const securedBy = get(method, 'securedBy') ?? resourceSecuredBy;
  if (securedBy) out.security = securityRequirements(securedBy, [...at, 'security'], ctx.map, ctx.schemes);
  Object.assign(out, annotationsOf(method, at, ctx.map, ['deprecated']));
  return out;
}

/** Where a parameter lands: by its index among the declarations, and its name. */
type Place = (index: number, name: string) => Path;

/** Named parameters (uriParameters, queryParameters, headers): required by default in 1.0 (path ones always), optional in 0.8. */
function parameters(declarations: RNode | undefined, where: 'path' | 'query' | 'header', place: Place, ctx: Context): Json[] {
  return entriesOf(declarations).map(([rawName, declaration], index) => {
    const optional = rawName.endsWith('?');
    const name = optional ? rawName.slice(0, -1) : rawName;
    const at = place(index, name);
    const schema = schemaOf(declaration, [...at, 'schema'], ctx, 'string');
    // A parameter's named examples are its own Example Objects (below), not its schema's list.
    delete schema.examples;
    const explicit = get(declaration, 'required');
    const required =
      where === 'path' ||
      (explicit?.kind === 'scalar' && typeof explicit.value === 'boolean' ? explicit.value : ctx.version === '1.0' && !optional);
    const { description, ...rest } = schema;
    ctx.map.set(at, declaration.loc);
    const examples = namedExamples(declaration, [...at, 'examples'], ctx.map, false);
    const parameter = {
      name,
      in: where,
      required,
      ...(description === undefined ? {} : { description }),
      schema: rest,
      ...(examples === undefined ? {} : { examples }),
    };
    ctx.declaredAt.set(parameter, declaration.loc);
    return parameter;
  });
}

/** A body: per media type, or (1.0) one type for the API's default media types. */
function content(body: RNode, at: Path, ctx: Context): Json {
  const perType = entriesOf(body).filter(([key]) => key.includes('/'));
  const bodies: Array<[string, RNode]> = perType.length > 0 ? perType : ctx.mediaTypes.map(mediaType => [mediaType, body]);
  const out: Json = {};
  for (const [mediaType, declaration] of bodies) {
    const where = [...at, mediaType];
    ctx.map.set(where, declaration.loc);
    const form = get(declaration, 'formParameters');
    // A 0.8 body holds `schema`, `example` and `formParameters`; a 1.0 body is a type declaration.
    const declared = ctx.version === '0.8' ? get(declaration, 'schema') : declaration;
    const schema = form
      ? { type: 'object', ...objectProperties(form, [...where, 'schema'], ctx, false) }
      : schemaOf(declared, [...where, 'schema'], ctx, 'any');
    // A 1.0 body's named examples are the media type's Example Objects (below), not its schema's list.
    if (ctx.version === '1.0') delete schema.examples;
    // RAML's default type any, with no facets, is OpenAPI's media type without a schema; its
    // annotations (`(max-size)` on a raw upload) are then the media type's.
    const typed = Object.keys(schema).some(key => !key.startsWith('x-'));
    const entry: Json = typed ? { schema } : { ...schema };
    const json = /\bjson\b/i.test(mediaType);
    // A 1.0 body's `example` is its type's (in the schema); its named `examples` are the media type's.
    const example = ctx.version === '0.8' ? get(declaration, 'example') : undefined;
    if (example) entry.example = exampleValue(example, [...where, 'example'], ctx.map, json);
    const examples = ctx.version === '1.0' ? namedExamples(declaration, [...where, 'examples'], ctx.map, json) : undefined;
    if (examples) entry.examples = examples;
    out[mediaType] = entry;
  }
  return out;
}

function responses(declarations: RNode | undefined, at: Path, ctx: Context): Json {
  const out: Json = {};
  for (const [code, declaration] of entriesOf(declarations)) {
    const where = [...at, code];
    ctx.map.set(where, declaration.loc);
    const response: Json = { description: text(get(declaration, 'description')) ?? '' };
    const headers: Json = {};
    for (const header of parameters(get(declaration, 'headers'), 'header', (_i, name) => [...where, 'headers', name], ctx)) {
      const { name, in: _in, ...rest } = header;
      headers[String(name)] = rest;
    }
    if (Object.keys(headers).length > 0) response.headers = headers;
    const body = get(declaration, 'body');
    if (body) response.content = content(body, [...where, 'content'], ctx);
    Object.assign(response, annotationsOf(declaration, where, ctx.map, []));
    out[code] = response;
  }
  return out;
}
