import { isObject } from '../document-index/json.js';
import type { DocumentIndex, JsonObject, JsonPath, OperationEntry } from '../document-index/index.js';
import type { Finding } from '../findings/findings.js';
import { describeOperation } from '../rule-kit.js';
import type { DiffDocument } from './document.js';
import { REGRESSION_KINDS } from './kinds.js';
import type { OperationPair } from './match.js';
import { regression } from './regression.js';

/*
 * Bounds a request input lost between two versions. The two resolved schemas of each input
 * (parameter by location and name, a path parameter by its place in the template; request body
 * by media type) are compared side by side, property by property and item by item, so a schema
 * moved to another component or reached through another $ref compares by what it says.
 */

/** A JSON Schema value as the comparison reads it, with where it is written (the index's path). */
interface Input {
  schema: JsonObject;
  path: JsonPath;
}

export function boundRegressions(pairs: readonly OperationPair[], old: DiffDocument, current: DiffDocument): Finding[] {
  const found: Finding[] = [];
  // Shared across operations: a component several operations use is reported once, at its place.
  const seen = new Map<JsonObject, Set<JsonObject>>();
  for (const pair of pairs) {
    const before = inputsOf(pair.old, old.index);
    const context = { operation: describeOperation(pair.new), old, current, found, seen };
    for (const [key, after] of inputsOf(pair.new, current.index)) {
      const earlier = before.get(key);
      if (earlier !== undefined) compare(earlier.input, after.input, after.label, context);
    }
  }
  return found;
}

interface Context {
  operation: string;
  old: DiffDocument;
  current: DiffDocument;
  found: Finding[];
  /** Pairs of schemas compared already (old to new): recursive schemas end here, shared ones are reported once. */
  seen: Map<JsonObject, Set<JsonObject>>;
}

/** An operation's request inputs by a key that names the same input in both versions. */
function inputsOf(op: OperationEntry, index: DocumentIndex): Map<string, { input: Input; label: string }> {
  const inputs = new Map<string, { input: Input; label: string }>();
  const placeholders = [...op.pathKey.matchAll(/\{([^}]*)\}/g)].map(m => m[1]);
  for (const { parameter, path } of op.parameters) {
    const name = String(parameter.name);
    const where = String(parameter.in);
    if (where === 'body') {
      if (isObject(parameter.schema)) addBody(inputs, 'application/json', parameter.schema, [...path, 'schema'], index, 'Request body');
      continue;
    }
    // OAS 2.0 parameters other than body are their own schema.
    const schema = isObject(parameter.schema) ? parameter.schema : parameter;
    const schemaPath = isObject(parameter.schema) ? [...path, 'schema'] : path;
    const key = where === 'path' && placeholders.includes(name) ? `path #${placeholders.indexOf(name)}` : `${where} ${name}`;
    inputs.set(key, { input: { schema, path: index.schemas.get(schema)?.path ?? schemaPath }, label: `Parameter "${name}"` });
  }
  const body = op.operation.requestBody;
  const content = isObject(body) && isObject(body.content) ? body.content : {};
  for (const [mediaType, media] of Object.entries(content)) {
    if (isObject(media) && isObject(media.schema))
      addBody(
        inputs,
        mediaType,
        media.schema,
        [...op.path, 'requestBody', 'content', mediaType, 'schema'],
        index,
        `Request body (${mediaType})`,
      );
  }
  return inputs;
}

function addBody(
  inputs: Map<string, { input: Input; label: string }>,
  mediaType: string,
  schema: JsonObject,
  path: JsonPath,
  index: DocumentIndex,
  label: string,
) {
  inputs.set(`body ${mediaType}`, { input: { schema, path: index.schemas.get(schema)?.path ?? path }, label });
}

type Loosening = { keyword: string; change: string; at: 'both' | 'old' };

function compare(before: Input, after: Input, label: string, context: Context): void {
  const compared = context.seen.get(before.schema) ?? new Set<JsonObject>();
  if (compared.has(after.schema) || after.schema.readOnly === true) return;
  context.seen.set(before.schema, compared.add(after.schema));
  for (const loosening of loosenings(merged(before.schema), merged(after.schema))) {
    const { keyword, change, at } = loosening;
    context.found.push(
      regression(
        REGRESSION_KINDS.boundLoosened,
        `${label} of ${context.operation} is less bounded: ${keyword} ${change}. Restore the bound, or state the limit the server enforces.`,
        context.old.locate([...before.path, keyword]),
        context.current.locate(at === 'both' ? [...after.path, keyword] : after.path),
      ),
    );
  }
  const beforeMerged = merged(before.schema);
  const afterMerged = merged(after.schema);
  for (const [name, schema] of Object.entries(afterMerged.properties)) {
    const earlier = beforeMerged.properties[name];
    if (earlier !== undefined)
      compare(
        nested(earlier, before, ['properties', name], context.old.index),
        nested(schema, after, ['properties', name], context.current.index),
        `Property "${name}"`,
        context,
      );
  }
  for (const keyword of ['items', 'additionalProperties'] as const) {
    const [was, now] = [before.schema[keyword], after.schema[keyword]];
    if (isObject(was) && isObject(now))
      compare(
        nested(was, before, [keyword], context.old.index),
        nested(now, after, [keyword], context.current.index),
        keyword === 'items' ? `Each item of ${label}` : `Each value of ${label}`,
        context,
      );
  }
}

const nested = (schema: JsonObject, parent: Input, keys: JsonPath, index: DocumentIndex): Input => ({
  schema,
  path: index.schemas.get(schema)?.path ?? [...parent.path, ...keys],
});

/** A schema with its allOf branches (transitively): a bound on any of them bounds the value. */
interface Merged {
  members: JsonObject[];
  properties: Record<string, JsonObject>;
}

function merged(schema: JsonObject): Merged {
  const members: JsonObject[] = [];
  const visit = (s: JsonObject, depth: number) => {
    if (members.includes(s) || depth > 16) return;
    members.push(s);
    if (Array.isArray(s.allOf)) for (const branch of s.allOf) if (isObject(branch)) visit(branch, depth + 1);
  };
  visit(schema, 0);
  const properties: Record<string, JsonObject> = {};
  for (const member of members)
    if (isObject(member.properties))
      for (const [name, value] of Object.entries(member.properties)) if (isObject(value) && !(name in properties)) properties[name] = value;
  return { members, properties };
}

const UPPER = ['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum'];
const LOWER = ['minimum', 'exclusiveMinimum'];

/** The tightest numeric value of `keyword` among the members (booleans, OAS 3.0's exclusive flags, are not bounds). */
function tightest(value: Merged, keyword: string, upper: boolean): number | undefined {
  const numbers = value.members.map(m => m[keyword]).filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0) return undefined;
  return upper ? Math.min(...numbers) : Math.max(...numbers);
}

const has = (value: Merged, keyword: string, test: (v: unknown) => boolean) => value.members.some(m => test(m[keyword]));

function loosenings(before: Merged, after: Merged): Loosening[] {
  const found: Loosening[] = [];
  for (const upper of [true, false])
    for (const keyword of upper ? UPPER : LOWER) {
      const [was, now] = [tightest(before, keyword, upper), tightest(after, keyword, upper)];
      if (was === undefined) continue;
      if (now === undefined) found.push({ keyword, change: `was removed (it was ${was})`, at: 'old' });
      else if (upper ? now > was : now < was)
        found.push({ keyword, change: `${upper ? 'raised' : 'lowered'} from ${was} to ${now}`, at: 'both' });
    }
  const isString = (v: unknown) => typeof v === 'string';
  if (has(before, 'pattern', isString) && !has(after, 'pattern', isString))
    found.push({ keyword: 'pattern', change: 'was removed', at: 'old' });
  const enumOf = (value: Merged) => value.members.map(m => m.enum).find(Array.isArray) as unknown[] | undefined;
  const [wasEnum, nowEnum] = [enumOf(before), enumOf(after)];
  if (wasEnum !== undefined) {
    const known = new Set(wasEnum.map(v => JSON.stringify(v)));
    const added = nowEnum?.filter(v => !known.has(JSON.stringify(v)));
    if (nowEnum === undefined) found.push({ keyword: 'enum', change: 'was removed', at: 'old' });
    else if (added !== undefined && added.length > 0)
      found.push({ keyword: 'enum', change: `was widened with ${added.map(v => JSON.stringify(v)).join(', ')}`, at: 'both' });
  }
  const closed = (value: Merged) => has(value, 'additionalProperties', v => v === false);
  if (closed(before) && !closed(after)) found.push({ keyword: 'additionalProperties', change: 'is no longer false', at: 'old' });
  return found;
}
