import type { JsonObject, JsonPath, OperationEntry } from '../src/document-index/index.js';
import { nameWords } from '../src/rule-helpers/naming.js';
import { IDENTIFIER_OPTIONS, objectIdentifiers, parameterSchema } from '../src/rule-helpers/object-identifiers.js';
import type { IdentifierOptions } from '../src/rule-helpers/object-identifiers.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends IdentifierOptions {
  measureWords: string[];
}

const isInteger = (type: unknown) => type === 'integer' || (Array.isArray(type) && type.includes('integer'));

/** Values up to this `maximum` are a code from a short list (a type, a slot), not an id callers count through to other objects. */
const SMALL_MAXIMUM = 1000;

/** One integer identifier: where it is first declared, and every operation that takes it. */
interface Declaration {
  name: string;
  /** The path up to the parameter where it is first declared: `/linode/instances/{linodeId}`. */
  prefix: string;
  path: JsonPath;
  operations: Set<OperationEntry>;
}

export default defineRule<Options>(
  {
    code: 'specguard-sequential-id',
    description: 'Path parameters that identify an object should not be sequential integers; use UUIDs or other unguessable identifiers.',
    // Info in recommended: see "Precision on real APIs" on the docs page.
    severity: { recommended: 'info', strict: 'warn' },
    owasp: ['API1:2023'],
    owasp2019: ['API1:2019'],
    cwe: ['CWE-639'],
    controls: { nist80053: ['AC-3'], soc2: ['CC6.1'], hipaa: ['164.312(a)(1)'] },
    securitySeverity: 4.0,
    options: {
      ...IDENTIFIER_OPTIONS,
      measureWords: {
        type: 'array',
        items: { type: 'string' },
        default: ['x', 'y', 'z', 'zoom', 'width', 'height', 'size', 'count', 'lat', 'lon', 'lng', 'latitude', 'longitude', 'radius'],
        description:
          'A path parameter whose name ends with one of these words (any case style) is a coordinate or a measure (`/tiles/{z}/{x}/{y}`, `/thumbnail/{width}`), not an object identifier. The list replaces the default.',
      },
    },
    messages: {
      integerId: ({ parameter }) =>
        `Path parameter "${parameter}" identifies an object by an integer, which callers can count through to find other objects: use a UUID (type string, format uuid) or another unguessable identifier, and check access to every object.`,
      integerIdShared: ({ parameter, prefix, count }) =>
        `Path parameter "${parameter}" (${prefix}, taken by ${count} operations) identifies an object by an integer, which callers can count through to find other objects: use a UUID (type string, format uuid) or another unguessable identifier, and check access to every object.`,
    },
  },
  (index, options, messages) => {
    const measureWords = new Set(options.measureWords.map(word => word.toLowerCase()));
    const isMeasure = (name: string) => measureWords.has(nameWords(name).at(-1) ?? '');
    // One declaration per parameter: a parameter or schema shared through $ref, or the same name
    // written inline under the same path prefix by every operation (`/linode/instances/{linodeId}`).
    const byObject = new Map<JsonObject, Declaration>();
    const byPrefix = new Map<string, Declaration>();
    const declarations: Declaration[] = [];
    for (const op of index.operations) {
      for (const { name, parameter } of objectIdentifiers(op, options)) {
        if (parameter === undefined || isMeasure(name)) continue;
        const typed = parameterSchema(parameter);
        if (!isInteger(typed.type) || hasSmallMaximum(typed)) continue;
        const prefix = prefixThrough(op.pathKey, name);
        let declaration = byObject.get(typed) ?? byPrefix.get(prefix);
        if (declaration === undefined) {
          // OAS3 types the parameter's schema; OAS2 the parameter itself.
          const at = typed === parameter.parameter ? parameter.path : [...parameter.path, 'schema'];
          declarations.push((declaration = { name, prefix, path: [...at, 'type'], operations: new Set() }));
        }
        byObject.set(typed, declaration);
        byPrefix.set(prefix, declaration);
        declaration.operations.add(op);
      }
    }
    return declarations.map(({ name, prefix, path, operations }): RuleResult => {
      const message =
        operations.size > 1
          ? messages.integerIdShared({ parameter: name, prefix, count: String(operations.size) })
          : messages.integerId({ parameter: name });
      return { message, path };
    });
  },
);

/** The path up to and including the segment that holds `{name}`: the collection member it addresses. */
function prefixThrough(pathKey: string, name: string): string {
  const segments = pathKey.split('/');
  const at = segments.findIndex(segment => segment.includes(`{${name}}`));
  return at < 0 ? pathKey : segments.slice(0, at + 1).join('/');
}

function hasSmallMaximum(schema: JsonObject): boolean {
  return typeof schema.maximum === 'number' && schema.maximum <= SMALL_MAXIMUM;
}
