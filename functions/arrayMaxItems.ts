import type { JsonObject, UnreachedSchemas } from '../src/document-index/index.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  unreachedSchemas: UnreachedSchemas;
}

export default defineRule<Options>(
  {
    code: 'specguard-array-max-items',
    description: 'Array inputs (request-body arrays and array parameters) must have maxItems.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-770'],
    controls: { nist80053: ['SI-10', 'SC-5'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 4.0,
    options: { unreachedSchemas: UNREACHED_SCHEMAS_OPTION },
    messages: {
      unbounded: ({ name }) =>
        `${name} is an array without maxItems: add maxItems so one request cannot carry an unbounded number of items to parse, store and process.`,
    },
  },
  (index, { unreachedSchemas }, messages) => {
    const bounded = (schema: JsonObject) =>
      typeof schema.maxItems === 'number' ||
      Array.isArray(schema.enum) ||
      'const' in schema ||
      // A 3.1 tuple that allows nothing after its prefixItems has their length.
      (Array.isArray(schema.prefixItems) && (schema.items === false || schema.unevaluatedItems === false));
    return index.inputs({ unreachedSchemas, types: ['array'], lacking: group => group.some(bounded) }).map(entry => ({
      message: messages.unbounded({ name: entry.label ?? 'Array input' }),
      path: entry.path,
    }));
  },
);
