import { InputError } from '../../parse/errors.js';
import { isContainer } from '../../document-index/json.js';
import { exampleValue } from './examples.js';
import { MAX_NESTING_DEPTH, nestingDepth } from '../../parse/input-guards.js';
import type { Path, Schema, SourceMap } from './source-map.js';
import { entriesOf, get, listOf, plain, scalar, text } from './tree.js';
import type { Loc, RNode } from './tree.js';

/*
 * RAML types (1.0 type declarations and expressions, 0.8 named parameters and JSON schemas) to
 * OpenAPI 3.0 schemas. Named types become components.schemas entries and are referred to by $ref.
 */

export interface TypeContext {
  /** Names of the API's types and schemas (libraries' prefixed: `lib.Type`). */
  named: Set<string>;
  map: SourceMap;
}

/** What an untyped declaration is: RAML's default is string for parameters, any for bodies. */
export type Default = 'string' | 'any';

const BUILTIN: Record<string, Schema> = {
  string: { type: 'string' },
  number: { type: 'number' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  'date-only': { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
  // Without a time zone: the OpenAPI format registry's names, so rules see a restricted string.
  'datetime-only': { type: 'string', format: 'date-time-local' },
  'time-only': { type: 'string', format: 'time-local' },
  file: { type: 'string', format: 'binary' },
  object: { type: 'object' },
  array: { type: 'array' },
  any: {},
};

/** OpenAPI keywords RAML writes as annotations (see annotationsOf). */
export type Keyword = 'deprecated' | 'readOnly' | 'writeOnly';
const SCHEMA_KEYWORDS: readonly Keyword[] = ['deprecated', 'readOnly', 'writeOnly'];

/** Facets copied as they are (the same name and meaning in OpenAPI). */
const SCALAR_FACETS = [
  'maxLength',
  'minLength',
  'pattern',
  'minimum',
  'maximum',
  'format',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
  'maxProperties',
  'minProperties',
  'default',
  'description',
];
const STRING_FACETS = ['maxLength', 'minLength', 'pattern'];
const NUMBER_FACETS = ['minimum', 'maximum', 'multipleOf'];

const NIL = Symbol('nil');

export function schemaOf(node: RNode | undefined, at: Path, ctx: TypeContext, fallback: Default): Schema {
  if (node === undefined) return fallback === 'string' ? { type: 'string' } : {};
  ctx.map.set(at, node.loc);
  if (node.kind === 'scalar') return node.value === null ? defaultSchema(fallback) : fromExpression(String(node.value), node.loc, ctx);
  if (node.kind === 'seq') return { allOf: node.items.map((item, i) => schemaOf(item, [...at, 'allOf', i], ctx, fallback)) };
  return declaration(node, at, ctx, fallback);
}

const defaultSchema = (fallback: Default): Schema => (fallback === 'string' ? { type: 'string' } : {});

function declaration(node: RNode, at: Path, ctx: TypeContext, fallback: Default): Schema {
  const typeNode = get(node, 'type') ?? get(node, 'schema');
  const base = typeNode === undefined ? undefined : schemaOf(typeNode, at, ctx, fallback);
  ctx.map.set(at, node.loc);
  const own: Schema = {};
  for (const facet of SCALAR_FACETS) {
    const value = get(node, facet);
    if (value?.kind !== 'scalar' || value.value === null) continue;
    own[facet] = value.value;
    ctx.map.set([...at, facet], value.loc);
  }
  const displayName = text(get(node, 'displayName'));
  if (displayName !== undefined) own.title = displayName;
  const enumNode = get(node, 'enum');
  if (enumNode) own.enum = listOf(enumNode).map(plain);
  const properties = get(node, 'properties');
  if (properties) Object.assign(own, objectProperties(properties, [...at], ctx));
  // `additionalProperties: false` closes the object, pattern properties included.
  const additional = scalar(get(node, 'additionalProperties'));
  if (additional === false || (additional === true && !('additionalProperties' in own))) own.additionalProperties = additional;
  const items = get(node, 'items');
  if (items) own.items = schemaOf(items, [...at, 'items'], ctx, 'any');
  const example = get(node, 'example');
  // JSON text is the example of a structured value, not of a string.
  const stringTyped = base === undefined ? fallback === 'string' && !properties && !items : base.type === 'string';
  if (example) own.example = exampleValue(example, [...at, 'example'], ctx.map, !stringTyped);
  // Named examples (1.0) as a JSON Schema `examples` list, which the example rules read in any version.
  const examples = get(node, 'examples');
  const named = entriesOf(examples);
  if (examples !== undefined && named.length > 0) {
    ctx.map.set([...at, 'examples'], examples.loc);
    own.examples = named.map(([, value], i) => exampleValue(value, [...at, 'examples', i], ctx.map, !stringTyped));
  }
  Object.assign(own, annotationsOf(node, at, ctx.map, SCHEMA_KEYWORDS));

  if (base === undefined) {
    const inferred = properties
      ? 'object'
      : items
        ? 'array'
        : STRING_FACETS.some(f => f in own) || own.enum
          ? 'string'
          : NUMBER_FACETS.some(f => f in own)
            ? 'number'
            : undefined;
    return inferred ? { type: inferred, ...own } : { ...defaultSchema(fallback), ...own };
  }
  if ('$ref' in base || 'allOf' in base || 'anyOf' in base) return Object.keys(own).length === 0 ? base : { allOf: [base], ...own };
  return { ...base, ...own };
}

/**
 * `properties` as an object schema's properties and required list (RAML 1.0: required unless
 * `name?` or `required: false`). Pattern properties (`/regex/:`), which OpenAPI 3.0 cannot name,
 * become the schema of additionalProperties (anyOf when several), as for a map such as
 * `/^[a-z]{2}$/: string`.
 */
export function objectProperties(properties: RNode, at: Path, ctx: TypeContext, requiredByDefault = true): Schema {
  const out: Schema = {};
  const required: string[] = [];
  const patterns = entriesOf(properties).filter(([name]) => /^\/.*\/\??$/.test(name));
  for (const [rawName, declaration] of entriesOf(properties)) {
    const optional = rawName.endsWith('?');
    const name = optional ? rawName.slice(0, -1) : rawName;
    if (/^\/.*\/$/.test(name)) continue;
    out[name] = schemaOf(declaration, [...at, 'properties', name], ctx, 'string');
    const explicit = scalar(get(declaration, 'required'));
    if (typeof explicit === 'boolean' ? explicit : requiredByDefault && !optional) required.push(name);
  }
  ctx.map.set([...at, 'properties'], properties.loc);
  const schema: Schema = required.length > 0 ? { properties: out, required } : { properties: out };
  if (patterns.length === 1) schema.additionalProperties = schemaOf(patterns[0][1], [...at, 'additionalProperties'], ctx, 'string');
  if (patterns.length > 1) {
    const where = [...at, 'additionalProperties'];
    ctx.map.set(where, properties.loc);
    schema.additionalProperties = {
      anyOf: patterns.map(([, declaration], i) => schemaOf(declaration, [...where, 'anyOf', i], ctx, 'string')),
    };
  }
  return schema;
}

/** A type expression: a name, `T[]`, `A | B`, parentheses, or JSON/XML schema text. */
function fromExpression(expression: string, loc: Loc, ctx: TypeContext): Schema {
  const schema = expressionSchema(expression.trim(), loc, ctx);
  return schema === NIL ? { nullable: true } : schema;
}

function expressionSchema(expression: string, loc: Loc, ctx: TypeContext): Schema | typeof NIL {
  if (expression.startsWith('{')) return jsonSchema(expression, loc);
  if (expression.startsWith('<')) return { 'x-raml-xml-schema': true }; // XML Schema: not translated
  const members = splitUnion(expression);
  if (members.length > 1) return union(members.map(member => expressionSchema(member, loc, ctx)));
  if (expression.endsWith('[]')) {
    const items = expressionSchema(expression.slice(0, -2).trim(), loc, ctx);
    return { type: 'array', items: items === NIL ? { nullable: true } : items };
  }
  if (expression.startsWith('(') && expression.endsWith(')')) return expressionSchema(expression.slice(1, -1).trim(), loc, ctx);
  if (expression === 'nil') return NIL;
  if (expression in BUILTIN) return { ...BUILTIN[expression] };
  if (ctx.named.has(expression)) return { $ref: `#/components/schemas/${expression}` };
  return {}; // an unknown name: RAML validation (not run) would report it
}

function union(members: Array<Schema | typeof NIL>): Schema {
  const nullable = members.includes(NIL);
  const rest = members.filter((member): member is Schema => member !== NIL);
  if (rest.length === 0) return { nullable: true };
  if (rest.length === 1) return nullable ? ('$ref' in rest[0] ? { allOf: rest, nullable } : { ...rest[0], nullable }) : rest[0];
  return nullable ? { anyOf: rest, nullable } : { anyOf: rest };
}

/** Splits `A | (B | C)[]` at its top-level bars. */
function splitUnion(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(expression.slice(start).trim());
  return parts;
}

/**
 * An embedded JSON Schema (RAML 0.8 `schema`, or 1.0 `type` holding one). Its own $refs point
 * into the schema text, not into the OpenAPI document, so they are kept aside as x-raml-ref.
 */
function jsonSchema(source: string, loc: Loc): Schema {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return { 'x-raml-invalid-json-schema': true };
  }
  if (nestingDepth(parsed) > MAX_NESTING_DEPTH) {
    throw new InputError(
      `${loc.file}:${loc.range.start.line + 1}`,
      `JSON schema nests more than ${MAX_NESTING_DEPTH} levels deep; refused`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const stack: unknown[] = [parsed];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!isContainer(value)) continue;
    const record = value;
    if (typeof record.$ref === 'string') {
      record['x-raml-ref'] = record.$ref;
      delete record.$ref;
    }
    delete record.$schema;
    stack.push(...Object.values(record));
  }
  return parsed as Schema;
}

/**
 * `(name)` annotations as `x-name` extensions. RAML has no deprecated, readOnly or writeOnly
 * facet, so an annotation of that name (`(deprecated)`, `(lib.readOnly)`) also sets the OpenAPI
 * keyword where the target has it: `keywords` are the ones it has.
 */
export function annotationsOf(node: RNode, at: Path, map: SourceMap, keywords: readonly Keyword[]): Schema {
  const out: Schema = {};
  for (const [key, value] of entriesOf(node.kind === 'map' ? node : undefined)) {
    const name = /^\((.+)\)$/.exec(key)?.[1];
    if (name === undefined) continue;
    out[`x-${name}`] = plain(value);
    map.set([...at, `x-${name}`], value.loc);
    // A map's entries at their own lines: each rule of a (specguard-exempt) is placed where it is written.
    if (value.kind === 'map') for (const [entry, child] of value.entries) map.set([...at, `x-${name}`, entry], child.loc);
    const keyword = keywords.find(k => k.toLowerCase() === name.replace(/^.*\./, '').toLowerCase());
    if (keyword && value.kind === 'scalar' && value.value !== false) {
      out[keyword] = true;
      map.set([...at, keyword], value.loc);
    }
  }
  return out;
}
