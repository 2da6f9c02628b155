import { hasType } from '../src/document-index/inputs.js';
import { isObject } from '../src/document-index/json.js';
import type { DocumentIndex, JsonObject, JsonPath, SchemaEntry, UnreachedSchemas } from '../src/document-index/index.js';
import { defineRule, describeOperation, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  sizeExtensions: string[];
  rawMediaTypes: string[];
  unreachedSchemas: UnreachedSchemas;
}

export default defineRule<Options>(
  {
    code: 'specguard-upload-size',
    description:
      'Uploads (format: binary, OAS2 type: file, 3.1 contentMediaType, raw request bodies) must declare a size limit: maxLength, or a size extension.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-400', 'CWE-770'],
    controls: { nist80053: ['SC-5', 'SI-10'], soc2: ['A1.1'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 4.5,
    options: {
      sizeExtensions: {
        type: 'array',
        items: { type: 'string' },
        minItems: 1,
        default: ['x-max-size', 'x-max-file-size'],
        description:
          'Extensions that declare an upload size limit (a number of bytes, or a size such as "10MB"), on the schema, the media type object, the request body or the operation. Messages suggest the first. The list replaces the default.',
      },
      rawMediaTypes: {
        type: 'array',
        items: { type: 'string' },
        default: ['application/octet-stream', 'image/*', 'audio/*', 'video/*', 'application/pdf', 'application/zip'],
        description:
          'Request media types whose body is the uploaded content itself (`type/*` matches every subtype). Such a body without a schema is an upload with nowhere to put maxLength, so it needs a size extension. The list replaces the default.',
      },
      unreachedSchemas: UNREACHED_SCHEMAS_OPTION,
    },
    messages: {
      unbounded: ({ name, extension }) =>
        `${name} is an upload without a declared size limit: add maxLength (in bytes) or ${extension} (such as "10MB") and enforce it at the edge, so one request cannot exhaust memory, disk or processing time.`,
      rawBody: ({ name, extension }) =>
        `${name} is an upload without a declared size limit: declare ${extension} (such as "10MB") on the media type, or give it a schema with maxLength, and enforce it at the edge, so one request cannot exhaust memory, disk or processing time.`,
    },
  },
  (index, { sizeExtensions, rawMediaTypes, unreachedSchemas }, messages) => {
    const sized = (owner: unknown) =>
      isObject(owner) &&
      sizeExtensions.some(name => {
        const value = owner[name];
        return (typeof value === 'number' && value > 0) || (typeof value === 'string' && value.trim() !== '');
      });
    const isUpload = (schema: JsonObject) =>
      (hasType(schema, 'string') && schema.format === 'binary') ||
      hasType(schema, 'file') ||
      // 3.1 raw content; with a contentEncoding (base64) it is text that string-max-length bounds.
      (index.version === '3.1' && typeof schema.contentMediaType === 'string' && schema.contentEncoding === undefined);
    const bounded = (schema: JsonObject) => typeof schema.maxLength === 'number' || sized(schema);
    const extension = sizeExtensions[0];
    const findings: Array<{ message: string; path: JsonPath }> = index
      .inputs({
        unreachedSchemas,
        where: isUpload,
        lacking: group => group.some(bounded),
      })
      .filter(entry => !sizedWhereUsed(entry, sized) && !onlyInBodilessRequests(entry))
      .map(entry => ({ message: messages.unbounded({ name: entry.label ?? 'Upload', extension }), path: entry.path }));
    for (const { path, name } of rawBodiesWithoutSchema(index, rawMediaTypes, sized)) {
      findings.push({ message: messages.rawBody({ name, extension }), path });
    }
    return findings;
  },
);

/**
 * Methods whose request body HTTP gives no meaning: a file "uploaded" to a GET, HEAD or DELETE is
 * a converter's or a copy-paste's artifact (an empty octet-stream body on every operation, a
 * DELETE copied from the POST beside it), not an upload the server reads.
 */
const BODILESS_METHODS: ReadonlySet<string> = new Set(['get', 'head', 'delete', 'options', 'trace']);

/** The API's requests that send the schema (an unreached schema has none). */
const requestUses = (entry: SchemaEntry) =>
  entry.usages.filter(use => use.operation.kind === 'path' && (use.role === 'request-body' || use.role === 'parameter'));

/** Whether every request that sends the schema is a bodiless method's. */
function onlyInBodilessRequests(entry: SchemaEntry): boolean {
  const uses = requestUses(entry);
  return uses.length > 0 && uses.every(use => BODILESS_METHODS.has(use.operation.method));
}

/** Whether every request that uses the schema declares a size limit on its operation, request body or media type. */
function sizedWhereUsed(entry: SchemaEntry, sized: (owner: unknown) => boolean): boolean {
  const uses = requestUses(entry);
  return (
    uses.length > 0 &&
    uses.every(({ operation, mediaType }) => {
      const body = operation.operation.requestBody;
      const media = isObject(body) && isObject(body.content) && mediaType !== null ? body.content[mediaType] : undefined;
      return sized(operation.operation) || sized(body) || sized(media);
    })
  );
}

/** OAS 3 request bodies of a raw media type (the body is the file) with no schema and no size extension. */
function rawBodiesWithoutSchema(index: DocumentIndex, rawMediaTypes: string[], sized: (owner: unknown) => boolean) {
  const isRaw = (mediaType: string) => {
    const type = mediaType.split(';')[0].trim().toLowerCase();
    return rawMediaTypes.some(raw => raw === type || (raw.endsWith('/*') && type.startsWith(raw.slice(0, -1))));
  };
  const found: Array<{ path: JsonPath; name: string }> = [];
  if (index.version === '2.0') return found;
  for (const op of index.operations) {
    const body = op.operation.requestBody;
    if (BODILESS_METHODS.has(op.method) || !isObject(body) || !isObject(body.content) || sized(op.operation) || sized(body)) continue;
    for (const [mediaType, media] of Object.entries(body.content)) {
      if (!isRaw(mediaType) || !isObject(media) || isObject(media.schema) || sized(media)) continue;
      found.push({
        path: [...op.path, 'requestBody', 'content', mediaType],
        name: `Request body (${mediaType}) of ${describeOperation(op)}`,
      });
    }
  }
  return found;
}
