import type { JsonObject } from '../src/document-index/index.js';
import { isObject } from '../src/document-index/index.js';
import { CORRELATION_PROPERTIES, errorResponses } from '../src/error-responses.js';
import { matchingPhrase } from '../src/naming.js';
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
    severity: { recommended: 'off', strict: 'warn' },
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
        `${schema} is an error body (error responses using it: ${count}) but not the API's error schema: ${expected}, so every error has one shape clients and log tools can read.`,
      noCorrelation: ({ schema, count, properties, headers }) =>
        `Error bodies of ${schema} carry no correlation id (error responses using it without a correlation header: ${count}): add a property such as ${properties}, or one of the response headers ${headers}, so a failure can be traced in the logs without exposing internals.`,
    },
  },
  (index, { errorSchema, correlationProperties, correlationHeaders }, messages) => {
    const results: RuleResult[] = [];
    const bodies = index.operations.flatMap(op =>
      errorResponses(op).flatMap(response =>
        response.content
          .filter(entry => entry.schema !== undefined)
          .map(entry => ({ op, response, entry, schema: entry.schema as JsonObject })),
      ),
    );
    if (bodies.length === 0) return results;

    // The API's one error shape: the named schema; else problem details where the API uses them;
    // else the schema most error bodies use.
    let isGeneric: (body: (typeof bodies)[number]) => boolean;
    let expected: string;
    const named = errorSchema === '' ? undefined : namedSchema(index.root, errorSchema);
    if (errorSchema !== '') {
      isGeneric = body => named !== undefined && extendsSchema(body.schema, named);
      expected =
        named === undefined
          ? `use the schema "${errorSchema}" (which the document does not define)`
          : `use the schema "${errorSchema}" (or one that extends it with allOf)`;
    } else if (bodies.some(body => isProblem(body.entry.mediaType))) {
      isGeneric = body => isProblem(body.entry.mediaType);
      expected = 'serve error bodies as application/problem+json (RFC 9457 problem details), as the other error responses do';
    } else {
      const common = mostCommon(bodies.flatMap(body => baseSchemas(body.schema)));
      isGeneric = body => extendsSchema(body.schema, common);
      const first = bodies.find(body => baseSchemas(body.schema).includes(common)) as (typeof bodies)[number];
      expected = `use ${schemaName(index.root, common, `the body schema of the ${first.response.status} response of ${describeOperation(first.op)}`)}, as most error responses do`;
    }

    const headers = new Set(correlationHeaders.map(h => h.toLowerCase()));
    const uncorrelated = new Map<JsonObject, { count: number; first: (typeof bodies)[number] }>();
    const strays = new Map<JsonObject, { count: number; first: (typeof bodies)[number] }>();
    const count = (map: typeof strays, body: (typeof bodies)[number]) => {
      const seen = map.get(body.schema);
      if (seen === undefined) map.set(body.schema, { count: 1, first: body });
      else seen.count++;
    };
    for (const body of bodies) {
      if (!isGeneric(body)) count(strays, body);
      else if (!body.response.headers.some(h => headers.has(h.name.toLowerCase())) && !hasProperty(body.schema, correlationProperties))
        count(uncorrelated, body);
    }
    // Each schema is reported once, at its definition, however many responses use it.
    const where = (first: (typeof bodies)[number]) => `the ${first.response.status} response of ${describeOperation(first.op)}`;
    for (const [schema, { count, first }] of strays) {
      results.push({
        message: messages.notGeneric({
          schema: schemaName(index.root, schema, `The body schema of ${where(first)}`),
          count: String(count),
          expected,
        }),
        path: index.schemas.get(schema)?.path ?? [...first.entry.path, 'schema'],
      });
    }
    // A schema without a correlation id is reported once, at its definition.
    for (const [schema, { count, first }] of uncorrelated) {
      results.push({
        message: messages.noCorrelation({
          schema: schemaName(index.root, schema, `the body schema of ${where(first)}`),
          count: String(count),
          properties: correlationProperties.map(p => `"${p}"`).join(' or ') || 'a correlation id',
          headers: correlationHeaders.join(', ') || '(none configured)',
        }),
        path: index.schemas.get(schema)?.path ?? [...first.entry.path, 'schema'],
      });
    }
    return results;
  },
);

function isProblem(mediaType: string | null): boolean {
  return mediaType !== null && PROBLEM_TYPES.test(mediaType);
}

function mostCommon(schemas: JsonObject[]): JsonObject {
  const counts = new Map<JsonObject, number>();
  let best = schemas[0];
  for (const schema of schemas) {
    const count = (counts.get(schema) ?? 0) + 1;
    counts.set(schema, count);
    if (count > (counts.get(best) ?? 0)) best = schema;
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

/** A schema and the schemas it extends through allOf (a few levels deep). */
function baseSchemas(schema: JsonObject, depth = 0): JsonObject[] {
  if (depth > 8 || !Array.isArray(schema.allOf)) return [schema];
  return [schema, ...schema.allOf.flatMap(branch => (isObject(branch) ? baseSchemas(branch, depth + 1) : []))];
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

/** Whether the schema (or an allOf branch of it) has a property named like one of `phrases`. */
function hasProperty(schema: JsonObject, phrases: string[], depth = 0): boolean {
  if (isObject(schema.properties) && Object.keys(schema.properties).some(name => matchingPhrase(name, phrases) !== undefined)) return true;
  if (depth > 8 || !Array.isArray(schema.allOf)) return false;
  return schema.allOf.some(branch => isObject(branch) && hasProperty(branch, phrases, depth + 1));
}
