import { inputsLacking } from '../src/document-index/index.js';
import type { JsonObject, UnreachedSchemas } from '../src/document-index/index.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  unreachedSchemas: UnreachedSchemas;
}

/** A pattern, a format (any: uuid, date-time, email, uri...), an enum or const, or 3.1 raw content. */
const isRestricted = (schema: JsonObject) =>
  typeof schema.pattern === 'string' ||
  typeof schema.format === 'string' ||
  Array.isArray(schema.enum) ||
  'const' in schema ||
  typeof schema.contentMediaType === 'string' ||
  typeof schema.contentEncoding === 'string';

export default defineRule<Options>(
  {
    code: 'specguard-string-content',
    description: 'String inputs must restrict their content with a pattern, a format or an enum.',
    // Off in recommended: most APIs have many free-text fields (GitHub's has over a thousand), so
    // this hardening check is for teams that opt into strict.
    severity: { recommended: 'off', strict: 'warn' },
    owasp: ['API4:2023', 'API8:2023'],
    owasp2019: ['API7:2019', 'API8:2019'],
    cwe: ['CWE-20'],
    controls: { nist80053: ['SI-10'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 3.0,
    options: { unreachedSchemas: UNREACHED_SCHEMAS_OPTION },
    messages: {
      unrestricted: ({ name }) =>
        `${name} is a string that accepts any characters: add a pattern, a format (uuid, date-time, email, uri...) or an enum, so injection payloads and control characters are rejected at the edge.`,
    },
  },
  (index, { unreachedSchemas }, messages) =>
    inputsLacking(index, {
      unreachedSchemas,
      types: ['string'],
      // A restriction in any schema of the value's composition counts (a pattern in one allOf branch).
      holds: group => group.some(isRestricted),
    }).map(entry => ({ message: messages.unrestricted({ name: entry.label ?? 'String input' }), path: entry.path })),
);
