import { isObject } from '../src/document-index/json.js';
import type { DocumentIndex, JsonObject, JsonPath, OperationEntry } from '../src/document-index/index.js';
import { describeOutbound } from '../src/rule-helpers/outbound.js';
import { defineRule } from '../src/rule-kit.js';
import { isDocumented, pinsUrl, URL_ALLOWLIST_EXTENSION } from '../src/rule-helpers/url-inputs.js';
import urlInput from './urlInput.js';

interface Options extends Record<string, unknown> {
  allowlistExtension: string;
}

/** A callback URL that starts with a request value: the client chooses the host. */
const FROM_REQUEST = /^\{\$request\.(?:body(?:#([^}]*))?|(query|header|path)\.([^}]+))\}/;

export default defineRule<Options>(
  {
    code: 'specguard-callback-url-allowlist',
    description:
      'Callbacks whose URL comes from the request ({$request.body#/url}, {$request.query.url}) must pin or document the allowed hosts.',
    severity: { recommended: 'warn', strict: 'error' },
    formats: ['oas3'],
    owasp: ['API7:2023'],
    owasp2019: ['API8:2019'],
    cwe: ['CWE-918'],
    controls: { nist80053: ['SI-10', 'SC-7'], soc2: ['CC6.6'], hipaa: ['164.312(e)(1)'] },
    securitySeverity: 6.5,
    notInRaml: 'RAML has no callbacks or webhooks',
    defersTo: [
      { owner: () => urlInput, why: 'an unpinned URL input, the request field a callback URL comes from included, is its concern' },
    ],
    options: {
      allowlistExtension: {
        type: 'string',
        default: URL_ALLOWLIST_EXTENSION,
        description:
          'Extension that documents the allowlist the server checks callback URLs against (a description or a list of hosts), on the callback operation, its path item, the Callback object or the operation declaring it; the same extension on the request field the URL comes from counts too.',
      },
    },
    messages: {
      fromRequest: ({ callback, extension }) =>
        `${callback} sends requests to a URL the client chooses, and no allowlist is documented: pin the URL's scheme and host with an enum or anchored pattern on the request field it comes from, or describe the server's allowlist in ${extension} on the callback, so clients cannot make the API call internal services (SSRF).`,
    },
  },
  (index, { allowlistExtension }, messages) => {
    const reported = new Set<string>();
    const results = [];
    for (const op of index.outboundOperations) {
      if (op.kind !== 'callback' || op.callback === undefined) continue;
      const source = FROM_REQUEST.exec(op.callback.expression);
      if (source === null || declarations(index, op).some(owner => isDocumented(owner[allowlistExtension]))) continue;
      // A field the declaring operation does not take is no URL the client chooses there (it was registered elsewhere).
      const fields = requestFields(index, op, source);
      if (fields.length === 0) continue;
      const pinned = fields.some(({ schema }) =>
        (index.allOfPeers.group(schema) ?? [schema]).some(member => pinsUrl(member, allowlistExtension)),
      );
      // Reported at the request field, once for all the callbacks that take their URL from it.
      const key = JSON.stringify(fields[0].path);
      if (pinned || reported.has(key)) continue;
      reported.add(key);
      results.push({
        message: messages.fromRequest({ callback: describeOutbound(op), extension: allowlistExtension }),
        path: fields[0].path,
      });
    }
    return results;
  },
);

/** The objects that declare a callback operation, innermost first: the operation, its path item, the Callback object, the declaring operation. */
function declarations(index: DocumentIndex, op: OperationEntry): JsonObject[] {
  const { parent, name, expression } = op.callback ?? { parent: null, name: '', expression: '' };
  const callbacks =
    parent !== null ? parent.operation.callbacks : isObject(index.root.components) ? index.root.components.callbacks : undefined;
  const callback = isObject(callbacks) ? callbacks[name] : undefined;
  const pathItem = isObject(callback) ? callback[expression] : undefined;
  return [op.operation, pathItem, callback, parent?.operation].filter(isObject);
}

/**
 * The request value a callback URL is taken from, as the schemas that describe it with the path
 * each is reported at (`{$request.body#/a/b}`: property b of a of the body, in each media type;
 * `{$request.query.url}`: the query parameter `url`). None when the declaring operation takes no
 * such value.
 */
function requestFields(index: DocumentIndex, op: OperationEntry, source: RegExpExecArray): Array<{ schema: JsonObject; path: JsonPath }> {
  const parent = op.callback?.parent;
  if (!parent) return [];
  const [, pointer, location, name] = source;
  const at = (schema: JsonObject, fallback: JsonPath) => ({ schema, path: index.schemas.get(schema)?.path ?? fallback });
  if (location !== undefined) {
    // Header names are case-insensitive.
    const same = (value: unknown) =>
      typeof value === 'string' && (location === 'header' ? value.toLowerCase() === name.toLowerCase() : value === name);
    const found = parent.parameters.find(({ parameter }) => parameter.in === location && same(parameter.name));
    return found && isObject(found.parameter.schema) ? [at(found.parameter.schema, [...found.path, 'schema'])] : [];
  }
  const body = parent.operation.requestBody;
  const content = isObject(body) && isObject(body.content) ? Object.entries(body.content) : [];
  const keys = (pointer ?? '').split('/').slice(1).map(unescapePointer);
  const found: Array<{ schema: JsonObject; path: JsonPath }> = [];
  for (const [mediaType, media] of content) {
    let schemas = isObject(media) && isObject(media.schema) ? [media.schema] : [];
    for (const key of keys) {
      schemas = schemas.flatMap(schema =>
        (index.allOfPeers.group(schema) ?? [schema]).flatMap(member => {
          const property = isObject(member.properties) ? member.properties[key] : undefined;
          return isObject(property) ? [property] : [];
        }),
      );
    }
    found.push(...schemas.map(schema => at(schema, [...parent.path, 'requestBody', 'content', mediaType, 'schema'])));
  }
  return found;
}

const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');
