import { isObject } from '../src/document-index/index.js';
import type { DocumentIndex, JsonObject, OperationEntry } from '../src/document-index/index.js';
import { describeOutbound } from '../src/outbound.js';
import { defineRule } from '../src/rule-kit.js';
import { isDocumented, pinsUrl, URL_ALLOWLIST_EXTENSION } from '../src/url-inputs.js';

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
      if (source === null) continue;
      const pathItemPath = op.path.slice(0, -1);
      const key = JSON.stringify(pathItemPath);
      if (reported.has(key)) continue;
      const documented = declarations(index, op).some(owner => isDocumented(owner[allowlistExtension]));
      const pinned = requestSchemas(index, op, source).some(schema =>
        (index.allOfPeers.group(schema) ?? [schema]).some(member => pinsUrl(member, allowlistExtension)),
      );
      if (documented || pinned) continue;
      reported.add(key);
      results.push({
        message: messages.fromRequest({ callback: describeOutbound(op), extension: allowlistExtension }),
        path: pathItemPath,
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

/** The schemas of the request value a callback URL is taken from (`{$request.body#/a/b}`: property b of a of the body). */
function requestSchemas(index: DocumentIndex, op: OperationEntry, source: RegExpExecArray): JsonObject[] {
  const parent = op.callback?.parent;
  if (!parent) return [];
  const [, pointer, location, name] = source;
  if (location !== undefined) {
    const found = parent.parameters.find(({ parameter }) => parameter.in === location && parameter.name === name);
    return found && isObject(found.parameter.schema) ? [found.parameter.schema] : [];
  }
  const body = parent.operation.requestBody;
  const content = isObject(body) && isObject(body.content) ? Object.values(body.content) : [];
  const keys = (pointer ?? '').split('/').slice(1).map(unescapePointer);
  const found: JsonObject[] = [];
  for (const media of content) {
    let schemas = isObject(media) && isObject(media.schema) ? [media.schema] : [];
    for (const key of keys) {
      schemas = schemas.flatMap(schema =>
        (index.allOfPeers.group(schema) ?? [schema]).flatMap(member => {
          const property = isObject(member.properties) ? member.properties[key] : undefined;
          return isObject(property) ? [property] : [];
        }),
      );
    }
    found.push(...schemas);
  }
  return found;
}

const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');
