import { isObject, keyOrder } from '../src/document-index/json.js';
import type { DocumentIndex, JsonObject, JsonPath, UnreachedSchemas } from '../src/document-index/index.js';
import { defineRule, describeOperation, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  rawMediaTypes: string[];
  unreachedSchemas: UnreachedSchemas;
}

/** Keywords that describe a schema without constraining its value. */
const ANNOTATIONS: ReadonlySet<string> = new Set([
  'title',
  'description',
  'example',
  'examples',
  'default',
  'deprecated',
  'nullable',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
  '$comment',
  '$id',
  '$schema',
  '$anchor',
  '$dynamicAnchor',
  'discriminator',
]);

/** A schema that accepts any value: nothing but annotations and extensions. */
const acceptsAnything = (schema: JsonObject) => {
  for (const key of keyOrder(schema)) if (typeof key === 'string' && !ANNOTATIONS.has(key) && !key.startsWith('x-')) return false;
  return true;
};

export default defineRule<Options>(
  {
    code: 'specguard-request-schema',
    description: 'Request bodies and parameters must have a schema, and request schemas must constrain the value (not `{}`).',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API4:2023', 'API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-20'],
    controls: { nist80053: ['SI-10'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 4.0,
    options: {
      rawMediaTypes: {
        type: 'array',
        items: { type: 'string' },
        default: ['application/octet-stream', 'image/*', 'audio/*', 'video/*', 'application/pdf', 'application/zip'],
        description:
          'Request media types whose body is raw content and needs no schema (specguard-upload-size asks for their size limit instead; `type/*` matches every subtype). The list replaces the default.',
      },
      unreachedSchemas: UNREACHED_SCHEMAS_OPTION,
    },
    messages: {
      missing: ({ name }) =>
        `${name} has no schema, so anything a client sends is passed on unvalidated: declare a schema (type, properties, bounds) so the edge can reject malformed input.`,
      anything: ({ name }) =>
        `${name} accepts any value (its schema declares no type or constraint): declare a type and its bounds so the edge can reject malformed input.`,
    },
  },
  (index, { rawMediaTypes, unreachedSchemas }, messages) => {
    const findings = withoutSchema(index, rawMediaTypes).map(({ name, path }) => ({ message: messages.missing({ name }), path }));
    for (const entry of index.inputs({
      unreachedSchemas,
      where: acceptsAnything,
      lacking: group => group.some(member => !acceptsAnything(member)),
    })) {
      findings.push({ message: messages.anything({ name: entry.label ?? 'Request schema' }), path: entry.path });
    }
    return findings;
  },
);

/**
 * A `$ref` the resolver left in place (circular or broken): Spectral reports broken ones itself,
 * and a finding whose path runs through a circular one would send Spectral's location lookup round it.
 */
const isUnresolved = (value: JsonObject) => typeof value.$ref === 'string';

/** Request bodies, media types and parameters of the API's operations that give no schema at all. */
function withoutSchema(index: DocumentIndex, rawMediaTypes: string[]): Array<{ name: string; path: JsonPath }> {
  const isRaw = (mediaType: string) => {
    const type = mediaType.split(';')[0].trim().toLowerCase();
    return rawMediaTypes.some(raw => raw === type || (raw.endsWith('/*') && type.startsWith(raw.slice(0, -1))));
  };
  const found: Array<{ name: string; path: JsonPath }> = [];
  // A shared parameter or request body is reported once, where the first operation reaches it.
  const seen = new Set<JsonObject>();
  const mediaWithoutSchema = (content: JsonObject, ownerPath: JsonPath, name: string) => {
    for (const [mediaType, media] of Object.entries(content)) {
      if (
        isObject(media) &&
        !isUnresolved(media) &&
        !isObject(media.schema) &&
        !isRaw(mediaType) &&
        !(index.version === '3.1' && typeof media.schema === 'boolean')
      ) {
        found.push({ name: `${name} (${mediaType})`, path: [...ownerPath, 'content', mediaType] });
      }
    }
  };
  for (const op of index.operations) {
    const operation = describeOperation(op);
    for (const { parameter, path } of op.parameters) {
      if (seen.has(parameter) || isUnresolved(parameter)) continue;
      seen.add(parameter);
      const name = `Parameter "${typeof parameter.name === 'string' ? parameter.name : '?'}" of ${operation}`;
      if (index.version === '2.0') {
        const missing = parameter.in === 'body' ? !isObject(parameter.schema) : parameter.type === undefined;
        if (missing) found.push({ name: parameter.in === 'body' ? `Request body of ${operation}` : name, path });
      } else if (isObject(parameter.content)) mediaWithoutSchema(parameter.content, path, name);
      else if (!isObject(parameter.schema) && !(index.version === '3.1' && typeof parameter.schema === 'boolean'))
        found.push({ name, path });
    }
    const body = op.operation.requestBody;
    if (index.version === '2.0' || !isObject(body) || seen.has(body) || isUnresolved(body)) continue;
    seen.add(body);
    const bodyPath = [...op.path, 'requestBody'];
    const name = `Request body of ${operation}`;
    if (isObject(body.content) && Object.keys(body.content).length > 0) mediaWithoutSchema(body.content, bodyPath, name);
    else found.push({ name, path: bodyPath });
  }
  return found;
}
