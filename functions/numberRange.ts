import { hasType } from '../src/document-index/inputs.js';
import type { JsonObject, UnreachedSchemas } from '../src/document-index/index.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  unreachedSchemas: UnreachedSchemas;
}

/** An enum or const pins the value: no range needed. */
const isPinned = (schema: JsonObject) => Array.isArray(schema.enum) || 'const' in schema;
/**
 * A lower bound: `minimum`, or a 3.1 numeric `exclusiveMinimum` (in 2.0 and 3.0 `exclusiveMinimum`
 * is a boolean that only modifies `minimum`, so it bounds nothing alone).
 */
const hasLower = (schema: JsonObject) => typeof schema.minimum === 'number' || typeof schema.exclusiveMinimum === 'number';
const hasUpper = (schema: JsonObject) => typeof schema.maximum === 'number' || typeof schema.exclusiveMaximum === 'number';

export default defineRule<Options>(
  {
    code: 'specguard-number-range',
    description: 'Integer and number inputs must have a minimum and a maximum.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-20', 'CWE-1284'],
    controls: { nist80053: ['SI-10'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 4.0,
    options: { unreachedSchemas: UNREACHED_SCHEMAS_OPTION },
    messages: {
      unbounded: ({ name, kind, missing }) =>
        `${name} is ${kind} without ${missing}: add ${missing} so out-of-range values (negative quantities, huge page sizes, overflowing amounts) are rejected at the edge.`,
    },
  },
  (index, { unreachedSchemas }, messages) => {
    // Bounds spread over a value group count: a minimum in one allOf branch, a maximum in another.
    const bounded = (group: readonly JsonObject[]) => group.some(isPinned) || (group.some(hasLower) && group.some(hasUpper));
    return index.inputs({ unreachedSchemas, types: ['integer', 'number'], lacking: bounded }).map(entry => {
      // Name what is missing in the place reported; a bound elsewhere in a composition is not repeated here.
      const { schema } = entry;
      const missing = hasLower(schema) ? 'a maximum' : hasUpper(schema) ? 'a minimum' : 'a minimum and a maximum';
      const kind = hasType(schema, 'integer') ? 'an integer' : 'a number';
      return { message: messages.unbounded({ name: entry.label ?? 'Number input', kind, missing }), path: entry.path };
    });
  },
);
