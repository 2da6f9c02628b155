import { inputsLacking } from '../src/document-index/index.js';
import type { JsonObject, UnreachedSchemas } from '../src/document-index/index.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  formats: string[];
  unreachedSchemas: UnreachedSchemas;
}

export default defineRule<Options>(
  {
    code: 'specguard-integer-format',
    description: 'Integer inputs should declare their size with format int32 or int64.',
    severity: { recommended: 'info', strict: 'warn' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-190'],
    controls: { nist80053: ['SI-10'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 2.0,
    options: {
      formats: {
        type: 'array',
        items: { type: 'string' },
        default: ['int32', 'int64'],
        description: "Formats that declare an integer's size. The list replaces the default.",
      },
      unreachedSchemas: UNREACHED_SCHEMAS_OPTION,
    },
    messages: {
      noFormat: ({ name }) =>
        `${name} is an integer without format int32 or int64: declare its size so servers and generated clients agree on where it overflows.`,
    },
  },
  (index, { formats, unreachedSchemas }, messages) => {
    const sized = new Set(formats);
    const declaresSize = (schema: JsonObject) =>
      (typeof schema.format === 'string' && sized.has(schema.format)) || Array.isArray(schema.enum) || 'const' in schema;
    return inputsLacking(index, { unreachedSchemas, types: ['integer'], holds: group => group.some(declaresSize) }).map(entry => ({
      message: messages.noFormat({ name: entry.label ?? 'Integer input' }),
      path: entry.path,
    }));
  },
);
