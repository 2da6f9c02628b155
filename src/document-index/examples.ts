import { isObject, keyOrder, objectEntries } from './json.js';
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
 * (the schemas it noted as giving a value, the operations' parameters, responses and request
 * bodies) plus `components.examples`; documents no example rule reads pay only the walk's note.
 * Values are listed by reference, never copied or stringified, and nothing is allocated for an
 * object that holds no value (most parameters).
 */

/** Keywords that hold one value as it would be sent (`x-example` is the OAS2 convention), listed in this order. */
const VALUE_KEYWORDS = ['example', 'default', 'x-example'] as const;
/** The keywords an object can hold values under, as bits (see heldKeywords). */
const HELD_BIT: Readonly<Record<string, number>> = { example: 1, default: 2, 'x-example': 4, examples: 8, content: 16 };

/**
 * A listed value. Its path is joined on first read: a schema's own path is built lazily by the
 * index, and most of a large document's thousands of examples are never reported.
 */
class ListedValue implements ExampleEntry {
  declare name?: string;
  #base: JsonPath | SchemaEntry;
  #tail: JsonPath;
  #path: JsonPath | undefined;

  constructor(
    readonly value: unknown,
    base: JsonPath | SchemaEntry,
    tail: JsonPath,
    readonly keyword: ExampleKeyword,
    readonly holder: ExampleHolder,
    readonly label: string,
    name: string | undefined,
  ) {
    this.#base = base;
    this.#tail = tail;
    if (name !== undefined) this.name = name;
  }

  get path(): JsonPath {
    return (this.#path ??= [...(Array.isArray(this.#base) ? this.#base : this.#base.path), ...this.#tail]);
  }
}

interface Holder {
  kind: ExampleHolder;
  label: string;
  name?: string | undefined;
}

/**
 * Which of `example`, `default`, `x-example`, `examples` and `content` a Parameter, Header, Media
 * Type object or schema has, as bits: one pass over its keys, where most objects have none of them.
 */
function heldKeywords(object: JsonObject): number {
  let bits = 0;
  for (const key of keyOrder(object)) if (typeof key === 'string' && Object.hasOwn(HELD_BIT, key)) bits |= HELD_BIT[key];
  return bits;
}

export function collectExamples(
  root: JsonObject,
  version: OasVersion,
  operations: readonly OperationEntry[],
  schemasWithValues: readonly SchemaEntry[],
): ExampleEntry[] {
  const out: ExampleEntry[] = [];
  // A shared Parameter, Header, Media Type or Example object is listed once, where it is first reached.
  const seen = new Set<JsonObject>();
  const once = (object: JsonObject) => !seen.has(object) && seen.add(object) !== undefined;
  const add = (value: unknown, base: JsonPath | SchemaEntry, tail: JsonPath, keyword: ExampleKeyword, { kind, label, name }: Holder) => {
    out.push(new ListedValue(value, base, tail, keyword, kind, label, name));
  };
  /** `example`, `default`, `x-example`: one value each. `held`: the object's heldKeywords. */
  const values = (object: JsonObject, held: number, base: JsonPath | SchemaEntry, holder: Holder) => {
    for (const keyword of VALUE_KEYWORDS) {
      if (held & HELD_BIT[keyword] && object[keyword] !== undefined) add(object[keyword], base, [keyword], keyword, holder);
    }
  };
  /** An `examples` map of Example Objects (OAS3): each one's `value` (an `externalValue` is a URL, not a value). */
  const exampleObjects = (examples: unknown, ownerPath: JsonPath, holder: Holder) => {
    for (const [key, example] of objectEntries(examples)) {
      if (once(example) && example.value !== undefined) add(example.value, ownerPath, ['examples', key, 'value'], 'examples', holder);
    }
  };
  /**
   * A Parameter, Header or Media Type object (an OAS2 parameter or header is also its own
   * schema, so its `default` is read here): its values, and (OAS3) its `examples` and `content`.
   */
  const holderValues = (object: JsonObject, held: number, path: JsonPath, holder: Holder) => {
    if (!once(object)) return;
    values(object, held, path, holder);
    if (version === '2.0') return;
    if (held & HELD_BIT.examples) exampleObjects(object.examples, path, holder);
    if (!(held & HELD_BIT.content)) return;
    for (const [mediaType, media] of objectEntries(object.content)) {
      const mediaHeld = heldKeywords(media);
      if (mediaHeld !== 0) holderValues(media, mediaHeld, [...path, 'content', mediaType], { ...holder, kind: 'media-type' });
    }
  };
  const mediaTypes = (content: unknown, ownerPath: JsonPath, label: string) => {
    for (const [mediaType, media] of objectEntries(content)) {
      const held = heldKeywords(media);
      if (held !== 0)
        holderValues(media, held, [...ownerPath, 'content', mediaType], { kind: 'media-type', label: `${label} (${mediaType})` });
    }
  };

  if (version !== '2.0' && isObject(root.components)) {
    for (const [key, example] of objectEntries(root.components.examples)) {
      if (once(example) && example.value !== undefined) {
        add(example.value, ['components', 'examples', key, 'value'], [], 'examples', { kind: 'component', label: `Example "${key}"` });
      }
    }
  }
  // The names of parameter and header schemas (OAS3), for a schema example's `name`.
  const rootNames = new Map<unknown, string>();
  for (const op of operations) {
    for (const { parameter, path } of op.parameters) {
      const name = typeof parameter.name === 'string' ? parameter.name : undefined;
      // An OAS2 body parameter's values are its schema's, listed with the schemas, and its name names nothing.
      if (parameter.in === 'body') continue;
      if (name !== undefined && isObject(parameter.schema)) rootNames.set(parameter.schema, name);
      const held = heldKeywords(parameter);
      if (held === 0) continue;
      holderValues(parameter, held, path, { kind: 'parameter', label: name === undefined ? 'Parameter' : `Parameter "${name}"`, name });
    }
    const body = op.operation.requestBody;
    if (version !== '2.0' && isObject(body)) mediaTypes(body.content, [...op.path, 'requestBody'], 'Request body');
    for (const response of op.responses) {
      for (const { name, path, header } of response.headers) {
        if (isObject(header.schema)) rootNames.set(header.schema, name);
        const held = heldKeywords(header);
        if (held !== 0) holderValues(header, held, path, { kind: 'header', label: `Header "${name}"`, name });
      }
      const examples = response.response.examples;
      if (version !== '2.0') mediaTypes(response.response.content, response.path, `Response ${response.status} body`);
      else if (isObject(examples) && once(examples)) {
        // OAS2 response `examples`: one literal value per mime type.
        for (const mediaType of Object.keys(examples)) {
          add(examples[mediaType], response.path, ['examples', mediaType], 'examples', {
            kind: 'response',
            label: `Response ${response.status} (${mediaType})`,
          });
        }
      }
    }
  }
  for (const entry of schemasWithValues) {
    const { schema } = entry;
    // An OAS2 parameter or header was listed above. The entry's path is read only if a value is reported.
    if (seen.has(schema)) continue;
    const holder: Holder = { kind: 'schema', label: entry.label ?? 'Schema', name: entry.propertyName ?? rootNames.get(schema) };
    const held = heldKeywords(schema);
    values(schema, held, entry, holder);
    // JSON Schema `examples` (OAS 3.1): a list of values.
    if (held & HELD_BIT.examples && Array.isArray(schema.examples))
      schema.examples.forEach((value, i) => add(value, entry, ['examples', i], 'examples', holder));
  }
  return out;
}
