import type { JsonObject, UnreachedSchemas } from '../src/document-index/index.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';
import numberRange from './numberRange.js';
import pageSize from './pageSize.js';

interface Options extends Record<string, unknown> {
  formats: string[];
  unreachedSchemas: UnreachedSchemas;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The value's lower and upper bounds over a composition (every member applies), 3.1 numeric exclusive bounds included. */
function boundsOf(group: readonly JsonObject[]): { lower?: number; upper?: number } {
  let lower: number | undefined;
  let upper: number | undefined;
  for (const schema of group) {
    for (const value of [schema.minimum, schema.exclusiveMinimum]) if (typeof value === 'number') lower = Math.max(lower ?? value, value);
    for (const value of [schema.maximum, schema.exclusiveMaximum]) if (typeof value === 'number') upper = Math.min(upper ?? value, value);
  }
  return { lower, upper };
}

/** A minimum and a maximum that both fit in 32 bits leave no doubt about where the value overflows. */
function fitsInt32(group: readonly JsonObject[]): boolean {
  const { lower, upper } = boundsOf(group);
  return lower !== undefined && upper !== undefined && lower >= INT32_MIN && upper <= INT32_MAX;
}

export default defineRule<Options>(
  {
    code: 'specguard-integer-format',
    description: 'Integer inputs should declare their size with format int32 or int64 (or a range within int32).',
    severity: { recommended: 'info', strict: 'warn' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-190'],
    controls: { nist80053: ['SI-10'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 2.0,
    defersTo: [
      { owner: () => numberRange, why: 'a range within int32 declares the size too, so the missing range is the finding' },
      { owner: () => pageSize, why: "a page-size parameter's missing maximum is its concern, with number-range off" },
    ],
    options: {
      formats: {
        type: 'array',
        items: { type: 'string' },
        default: ['int32', 'int64', 'int8', 'int16', 'uint8', 'uint16', 'uint32', 'uint64'],
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
    return index
      .inputs({
        unreachedSchemas,
        types: ['integer'],
        lacking: group => group.some(declaresSize) || fitsInt32(group),
      })
      .map(entry => ({
        message: messages.noFormat({ name: entry.label ?? 'Integer input' }),
        path: entry.path,
      }));
  },
);
