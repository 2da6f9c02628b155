import { isObject, objectEntries } from './json.js';
import type {
  ExampleEntry,
  ExampleHolder,
  ExampleKeyword,
  JsonObject,
  JsonPath,
  OasVersion,
  OperationEntry,
  SchemaEntry,
} from './types.js';

/*
 * Every example and default value the document gives, listed from what the walk already found
 * (the schemas map, the operations' parameters, responses and request bodies) plus
 * `components.examples`; so the walk itself does no extra work, and documents no example rule
 * reads pay nothing. Values are listed by reference, never copied or stringified.
 */

/** Keywords that hold one value as it would be sent: `x-example` is the OAS2 convention. */
const VALUE_KEYWORDS = ['example', 'default', 'x-example'] as const;

export function collectExamples(
  root: JsonObject,
  version: OasVersion,
  operations: readonly OperationEntry[],
  schemas: ReadonlyMap<JsonObject, SchemaEntry>,
): ExampleEntry[] {
  const out: ExampleEntry[] = [];
  // A shared Parameter, Header, Media Type or Example object is listed once, where it is first reached.
  const seen = new Set<JsonObject>();
  const once = (object: JsonObject) => !seen.has(object) && seen.add(object) !== undefined;
  const add = (value: unknown, path: JsonPath, keyword: ExampleKeyword, holder: Holder) => {
    if (value === undefined) return;
    const entry: ExampleEntry = { value, path, keyword, holder: holder.kind, label: holder.label };
    if (holder.name !== undefined) entry.name = holder.name;
    out.push(entry);
  };
  /** An `examples` map of Example Objects (OAS3): each one's `value` (an `externalValue` is a URL, not a value). */
  const exampleObjects = (examples: unknown, ownerPath: JsonPath, holder: Holder) => {
    for (const [key, example] of objectEntries(examples)) {
      if (once(example)) add(example.value, [...ownerPath, 'examples', key, 'value'], 'examples', holder);
    }
  };
  /**
   * A Parameter, Header or Media Type object (an OAS2 parameter or header is also its own
   * schema, so its `default` is read here): its values, and (OAS3) its `examples` and `content`.
   */
  const holderValues = (object: JsonObject, path: JsonPath, holder: Holder) => {
    if (!once(object)) return;
    for (const keyword of VALUE_KEYWORDS) add(object[keyword], [...path, keyword], keyword, holder);
    if (version !== '2.0') {
      exampleObjects(object.examples, path, holder);
      for (const [mediaType, media] of objectEntries(object.content)) {
        holderValues(media, [...path, 'content', mediaType], { ...holder, kind: 'media-type' });
      }
    }
  };

  if (version !== '2.0' && isObject(root.components)) {
    for (const [key, example] of objectEntries(root.components.examples)) {
      if (once(example))
        add(example.value, ['components', 'examples', key, 'value'], 'examples', { kind: 'component', label: `Example "${key}"` });
    }
  }
  for (const op of operations) {
    for (const { parameter, path } of op.parameters) {
      const name = typeof parameter.name === 'string' ? parameter.name : undefined;
      // An OAS2 body parameter's values are its schema's, listed with the schemas.
      if (parameter.in !== 'body')
        holderValues(parameter, path, { kind: 'parameter', label: name === undefined ? 'Parameter' : `Parameter "${name}"`, name });
    }
    const body = op.operation.requestBody;
    if (version !== '2.0' && isObject(body)) {
      for (const [mediaType, media] of objectEntries(body.content)) {
        holderValues(media, [...op.path, 'requestBody', 'content', mediaType], {
          kind: 'media-type',
          label: `Request body (${mediaType})`,
        });
      }
    }
    for (const response of op.responses) {
      for (const { name, path, header } of response.headers)
        holderValues(header, path, { kind: 'header', label: `Header "${name}"`, name });
      const label = `Response ${response.status}`;
      if (version === '2.0') {
        // OAS2 response `examples`: one literal value per mime type.
        if (!isObject(response.response.examples) || !once(response.response.examples)) continue;
        for (const [mediaType, value] of Object.entries(response.response.examples)) {
          add(value, [...response.path, 'examples', mediaType], 'examples', { kind: 'response', label: `${label} (${mediaType})` });
        }
      } else {
        const content = response.response.content;
        for (const [mediaType, media] of objectEntries(content)) {
          holderValues(media, [...response.path, 'content', mediaType], { kind: 'media-type', label: `${label} body (${mediaType})` });
        }
      }
    }
  }
  for (const entry of schemas.values()) {
    const { schema } = entry;
    // Most schemas have none of these: test the keys before reading the (lazily built) path.
    if (schema.example === undefined && schema.default === undefined && schema['x-example'] === undefined && schema.examples === undefined)
      continue;
    if (seen.has(schema)) continue; // an OAS2 parameter or header, listed above
    const path = entry.path;
    const holder: Holder = { kind: 'schema', label: entry.label ?? 'Schema', name: entry.propertyName ?? useName(entry) };
    for (const keyword of VALUE_KEYWORDS) add(schema[keyword], [...path, keyword], keyword, holder);
    // JSON Schema `examples` (OAS 3.1): a list of values.
    if (Array.isArray(schema.examples)) schema.examples.forEach((value, i) => add(value, [...path, 'examples', i], 'examples', holder));
  }
  return out;
}

/** The parameter or header name of a schema a parameter or header uses directly. */
function useName(entry: SchemaEntry): string | undefined {
  return entry.usages.find(usage => usage.schema === entry.schema && usage.name !== null)?.name ?? undefined;
}

interface Holder {
  kind: ExampleHolder;
  label: string;
  name?: string | undefined;
}
