import { isObject } from '../src/document-index/json.js';
import type { JsonObject, UnreachedSchemas } from '../src/document-index/index.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  unreachedSchemas: UnreachedSchemas;
}

const declaresProperties = (schema: JsonObject) => isObject(schema.properties) && Object.keys(schema.properties).length > 0;

export default defineRule<Options>(
  {
    code: 'specguard-request-additional-properties',
    description: 'Request-body objects must not accept undeclared properties (additionalProperties: false, or maxProperties).',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API3:2023', 'API4:2023'],
    owasp2019: ['API6:2019'],
    cwe: ['CWE-915'],
    controls: { nist80053: ['SI-10'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 5.0,
    options: { unreachedSchemas: UNREACHED_SCHEMAS_OPTION },
    messages: {
      open: ({ name }) =>
        `${name} is an object that accepts undeclared properties: set additionalProperties: false (in OpenAPI 3.1, unevaluatedProperties: false when composing with allOf) or maxProperties, so clients cannot slip in fields the server binds without meaning to.`,
      map: ({ name }) =>
        `${name} is an object of arbitrary keys (a map or a free-form object) without maxProperties: add maxProperties so one request cannot carry an unbounded number of entries to parse and store.`,
    },
  },
  (index, { unreachedSchemas }, messages) => {
    const closed = (schema: JsonObject) =>
      schema.additionalProperties === false ||
      (index.version === '3.1' && schema.unevaluatedProperties === false) ||
      typeof schema.maxProperties === 'number' ||
      Array.isArray(schema.enum) ||
      'const' in schema;
    return index
      .inputs({
        unreachedSchemas,
        types: ['object', 'untyped'],
        roles: ['request-body'],
        // Without a `type`, an object only where it declares properties.
        where: schema => schema.type !== undefined || isObject(schema.properties),
        lacking: group => group.some(closed),
      })
      .map(entry => {
        // An object that declares no property at all is a map by design: closing it would reject
        // every key, so only its size is in question (API4), not mass assignment.
        const isMap = !(index.allOfPeers.group(entry.schema) ?? [entry.schema]).some(declaresProperties);
        return { message: messages[isMap ? 'map' : 'open']({ name: entry.label ?? 'Request object' }), path: entry.path };
      });
  },
);
