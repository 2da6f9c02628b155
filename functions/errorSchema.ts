import type { ContentEntry, JsonObject, OperationEntry, ResponseEntry } from '../src/document-index/index.js';
import { isObject } from '../src/document-index/json.js';
import { errorBodyResponses } from '../src/rule-helpers/error-contract.js';
import { CORRELATION_PROPERTIES } from '../src/rule-helpers/error-responses.js';
import { matchingPhrase, nameWords } from '../src/rule-helpers/naming.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  errorSchema: string;
  correlationProperties: string[];
  correlationHeaders: string[];
}

const PROBLEM_TYPES = /^application\/problem\+(json|xml)\s*(;|$)/i;

export default defineRule<Options>(
  {
    code: 'specguard-error-schema',
    description:
      'Error bodies should use one generic error schema across the API (RFC 9457 problem details, or one named shared schema) that carries a correlation id.',
    severity: { recommended: 'info', strict: 'warn' },
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-209', 'CWE-755'],
    controls: { nist80053: ['SI-11', 'AU-3'], soc2: ['CC7.2'], hipaa: ['164.312(b)'] },
    securitySeverity: 3.0,
    options: {
      errorSchema: {
        type: 'string',
        default: '',
        description:
          'The name of the one shared error schema (under `components.schemas`, or `definitions` in Swagger 2.0), e.g. `Error`. Error bodies must be it, or extend it through `allOf`. Empty: error bodies must be `application/problem+json` (or `+xml`), RFC 9457.',
      },
      correlationProperties: {
        type: 'array',
        items: { type: 'string' },
        default: CORRELATION_PROPERTIES,
        description:
          'Property name phrases that carry a correlation id, matched on whole words in any case style (`request id` matches `requestId`, `request_id`). Replaces the default.',
      },
      correlationHeaders: {
        type: 'array',
        items: { type: 'string' },
        default: ['X-Correlation-ID', 'X-Request-ID', 'traceparent'],
        description: 'Response headers that carry a correlation id (case-insensitive). Replaces the default.',
      },
    },
    messages: {
      notGeneric: ({ schema, count, expected }) =>
        `${schema} is an error body (error responses of its shape: ${count}) but not of the API's error shape: ${expected}, so every error has one shape clients and log tools can read.`,
      noCorrelation: ({ schema, count, properties, headers }) =>
        `The API's error bodies carry no correlation id (error responses without one or a correlation header: ${count}, such as those using ${schema}): add a property such as ${properties}, or one of the response headers ${headers}, so a failure can be traced in the logs without exposing internals.`,
    },
  },
  (index, { errorSchema, correlationProperties, correlationHeaders }, messages) => {
    // One error body per error response: twins under JSON and XML (or problem+json and JSON)
    // are one body in two encodings.
    const bodies: ErrorBody[] = [];
    for (const op of index.operations) {
      for (const response of errorBodyResponses(op)) {
        const body = representativeBody(response);
        if (body !== undefined)
          bodies.push({ op, response, entry: body, schema: body.schema as JsonObject, shape: shapeOf(body.schema as JsonObject) });
      }
    }
    if (bodies.length === 0) return [];

    // The API's one error shape: the named schema; else problem details where the API uses them;
    // else the shape most error bodies have (property names, so copies and twins agree).
    let isGeneric: (body: ErrorBody) => boolean;
    let expected: string;
    const named = errorSchema === '' ? undefined : namedSchema(index.root, errorSchema);
    if (errorSchema !== '') {
      isGeneric = body => named !== undefined && extendsSchema(body.schema, named);
      expected =
        named === undefined
          ? `use the schema "${errorSchema}" (which the document does not define)`
          : `use the schema "${errorSchema}" (or one that extends it with allOf)`;
    } else if (bodies.some(body => isProblemResponse(body.response))) {
      isGeneric = body => isProblemResponse(body.response);
      expected = 'serve error bodies as application/problem+json (RFC 9457 problem details), as the other error responses do';
    } else {
      const common = mostCommonShape(bodies);
      isGeneric = body => compatible(body.shape, common.shape);
      expected = `use ${schemaName(index.root, common.schema, `the body schema of the ${common.response.status} response of ${describeOperation(common.op)}`)}, as most error responses do`;
    }

    const results: RuleResult[] = [];
    // Each other shape is reported once, at the first schema that has it, however many responses use it.
    const strays = new Map<string, { count: number; first: ErrorBody }>();
    const generic: ErrorBody[] = [];
    for (const body of bodies) {
      if (isGeneric(body)) {
        generic.push(body);
        continue;
      }
      const seen = strays.get(body.shape.key);
      if (seen === undefined) strays.set(body.shape.key, { count: 1, first: body });
      else seen.count++;
    }
    for (const { count, first } of strays.values()) {
      results.push({
        message: messages.notGeneric({
          schema: schemaName(index.root, first.schema, `The body schema of ${where(first)}`),
          count: String(count),
          expected,
        }),
        path: index.schemas.get(first.schema)?.path ?? [...first.entry.path, 'schema'],
      });
    }

    // A missing correlation id is one gap of the API's error contract: said once, at the error
    // schema most of the uncorrelated responses use.
    const headers = new Set(correlationHeaders.map(h => h.toLowerCase()));
    // A success body reused for an error (a status report also returned as the 500) is no error contract to add an id to;
    // error-response-coverage asks for real error bodies.
    const uncorrelated = generic.filter(
      body =>
        !isAlsoSuccessBody(body) &&
        !body.response.headers.some(h => headers.has(h.name.toLowerCase())) &&
        !hasCorrelation(body.schema, correlationProperties),
    );
    if (uncorrelated.length > 0) {
      const top = mostCommonSchema(uncorrelated);
      results.push({
        message: messages.noCorrelation({
          schema: schemaName(index.root, top.schema, `the body schema of ${where(top)}`),
          count: String(uncorrelated.length),
          properties: correlationProperties.map(p => `"${p}"`).join(' or ') || 'a correlation id',
          headers: correlationHeaders.join(', ') || '(none configured)',
        }),
        path: index.schemas.get(top.schema)?.path ?? [...top.entry.path, 'schema'],
      });
    }
    return results;
  },
);

interface ErrorBody {
  op: OperationEntry;
  response: ResponseEntry;
  entry: ContentEntry;
  schema: JsonObject;
  shape: Shape;
}

/** What an error body looks like to a client: its type and its property names (through allOf). */
interface Shape {
  kind: string;
  properties: ReadonlySet<string>;
  /** kind and sorted property names: equal keys are one shape. */
  key: string;
}

/** Whether the operation's 2xx responses return the same body schema. */
function isAlsoSuccessBody(body: ErrorBody): boolean {
  return body.op.responses.some(
    response => /^2(?:\d\d|XX)$/i.test(response.status.trim()) && response.content.some(entry => entry.schema === body.schema),
  );
}

const where = (body: ErrorBody) => `the ${body.response.status} response of ${describeOperation(body.op)}`;

function isProblem(mediaType: string | null): boolean {
  return mediaType !== null && PROBLEM_TYPES.test(mediaType);
}

function isProblemResponse(response: ResponseEntry): boolean {
  return response.content.some(entry => entry.schema !== undefined && isProblem(entry.mediaType));
}

/** The body a response is judged by: problem details, else JSON, else the first body with a schema. */
function representativeBody(response: ResponseEntry): ContentEntry | undefined {
  const withSchema = response.content.filter(entry => isObject(entry.schema));
  return (
    withSchema.find(entry => isProblem(entry.mediaType)) ??
    withSchema.find(entry => entry.mediaType !== null && /json/i.test(entry.mediaType)) ??
    withSchema[0]
  );
}

function shapeOf(schema: JsonObject): Shape {
  const items = schema.type === 'array' && isObject(schema.items) ? schema.items : undefined;
  const described = items ?? schema;
  const properties = new Set(propertyNames(described));
  const kind =
    typeof described.$ref === 'string'
      ? `ref ${described.$ref}`
      : (items ? 'array of ' : '') + (typeof described.type === 'string' ? described.type : properties.size > 0 ? 'object' : 'any');
  return { kind, properties, key: `${kind}:${[...properties].sort().join(',')}` };
}

/** Property names of a schema and its allOf branches (a few levels deep). */
function propertyNames(schema: JsonObject, depth = 0): string[] {
  const own = isObject(schema.properties) ? Object.keys(schema.properties) : [];
  if (depth > 8 || !Array.isArray(schema.allOf)) return own;
  return [...own, ...schema.allOf.flatMap(branch => (isObject(branch) ? propertyNames(branch, depth + 1) : []))];
}

/**
 * One shape in clients' eyes: the same kind, and at least half of the smaller set of property
 * names in common (GitHub's 403 body adds `errors` to its `message` and `documentation_url`).
 * A body with no properties only matches another without.
 */
function compatible(a: Shape, b: Shape): boolean {
  if (a.kind !== b.kind) return false;
  const smaller = Math.min(a.properties.size, b.properties.size);
  if (smaller === 0) return a.properties.size === b.properties.size;
  const shared = [...a.properties].filter(name => b.properties.has(name)).length;
  return shared * 2 >= smaller;
}

/** The body whose shape most error responses have (the first such body, in document order). */
function mostCommonShape(bodies: ErrorBody[]): ErrorBody {
  const counts = new Map<string, number>();
  let best = bodies[0];
  for (const body of bodies) {
    const count = (counts.get(body.shape.key) ?? 0) + 1;
    counts.set(body.shape.key, count);
    if (count > (counts.get(best.shape.key) ?? 0)) best = body;
  }
  return best;
}

/** The body whose schema most of these responses use (the first such body, in document order). */
function mostCommonSchema(bodies: ErrorBody[]): ErrorBody {
  const counts = new Map<JsonObject, number>();
  let best = bodies[0];
  for (const body of bodies) {
    const count = (counts.get(body.schema) ?? 0) + 1;
    counts.set(body.schema, count);
    if (count > (counts.get(best.schema) ?? 0)) best = body;
  }
  return best;
}

/** `the schema "Error"` for a named component, else `the schema of the <status> response of <operation>`. */
function schemaName(root: JsonObject, schema: JsonObject, fallback: string): string {
  const capital = /^[A-Z]/.test(fallback);
  const holder = isObject(root.components) ? root.components.schemas : root.definitions;
  const name = isObject(holder) ? Object.keys(holder).find(key => holder[key] === schema) : undefined;
  return name !== undefined ? `${capital ? 'The' : 'the'} schema "${name}"` : fallback;
}

function namedSchema(root: JsonObject, name: string): JsonObject | undefined {
  const holder = isObject(root.components) ? root.components.schemas : root.definitions;
  const schema = isObject(holder) ? holder[name] : undefined;
  return isObject(schema) ? schema : undefined;
}

/** The schema itself, or one whose allOf (nested up to a few levels) includes it. */
function extendsSchema(schema: JsonObject, base: JsonObject, depth = 0): boolean {
  if (schema === base) return true;
  if (depth > 8 || !Array.isArray(schema.allOf)) return false;
  return schema.allOf.some(branch => isObject(branch) && extendsSchema(branch, base, depth + 1));
}

/** A property description that says the value identifies the request: `A unique error identifier generated for the request`. */
const CORRELATION_DESCRIPTION =
  /\b(?:request|trace|correlation|tracking|transaction)[ _-]?(?:id|identifier)\b|\bidentifier\b[^.]{0,40}\bfor (?:the|this|each) request\b|\bidentifier for this (?:particular )?occurrence\b/i;

/** An envelope whose name says it identifies the request (`tracking: {id, session}`): its `id` is the correlation id. */
const CORRELATION_ENVELOPE = /^(?:tracking|tracing|trace|request|correlation)$/;

/**
 * Whether the body carries a correlation id: a property named like one of `phrases`, or
 * described as the request's identifier, in the schema (or an allOf branch), or one level down
 * in an envelope (`{error: {message, trace_id}}`).
 */
function hasCorrelation(schema: JsonObject, phrases: string[], depth = 0): boolean {
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    if (matchingPhrase(name, phrases) !== undefined) return true;
    if (isObject(property) && typeof property.description === 'string' && CORRELATION_DESCRIPTION.test(property.description.slice(0, 500)))
      return true;
  }
  if (depth < 1)
    for (const [name, property] of Object.entries(properties)) {
      if (!isObject(property)) continue;
      if (CORRELATION_ENVELOPE.test(nameWords(name).join(' ')) && isObject(property.properties) && isObject(property.properties.id))
        return true;
      // An envelope, or the items of an error list (JSON:API `errors[]` with each occurrence's `id`).
      const inner = isObject(property.items) ? property.items : property;
      if (hasCorrelation(inner, phrases, depth + 1)) return true;
    }
  if (depth > 8 || !Array.isArray(schema.allOf)) return false;
  return schema.allOf.some(branch => isObject(branch) && hasCorrelation(branch, phrases, depth));
}
