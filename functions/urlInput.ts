import { hasType, inputsLacking, isObject } from '../src/document-index/index.js';
import type { JsonObject, UnreachedSchemas } from '../src/document-index/index.js';
import { suffixMatcher } from '../src/naming.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';
import { pinsUrl, URL_ALLOWLIST_EXTENSION } from '../src/url-inputs.js';

interface Options extends Record<string, unknown> {
  urlFormats: string[];
  urlNames: string[];
  allowlistExtension: string;
  unreachedSchemas: UnreachedSchemas;
}

export default defineRule<Options>(
  {
    code: 'specguard-url-input',
    description:
      'Inputs that take a URL (format uri/url/iri, or named like url, callback, redirect, endpoint) must pin the scheme and host with an enum or pattern, or document an allowlist.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API7:2023'],
    owasp2019: ['API8:2019'],
    cwe: ['CWE-918'],
    controls: { nist80053: ['SI-10', 'SC-7'], soc2: ['CC6.6'], hipaa: ['164.312(e)(1)'] },
    securitySeverity: 6.5,
    options: {
      urlFormats: {
        type: 'array',
        items: { type: 'string' },
        default: ['uri', 'url', 'iri'],
        description: 'String formats that make an input a URL. The list replaces the default.',
      },
      urlNames: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'url',
          'uri',
          'iri',
          'href',
          'callback',
          'webhook',
          'redirect',
          'redirectTo',
          'returnTo',
          'target',
          'endpoint',
          'feed',
          'imageUrl',
        ],
        description:
          'Names that make a string input (a property or parameter with no format, or a URL format) a URL. A name matches when it ends with the entry as whole words in any case style: `imageUrl`, `callback_url` and `redirect-uri` end with `url` / `uri`; `urlPath` and `targetId` match nothing. The list replaces the default.',
      },
      allowlistExtension: {
        type: 'string',
        default: URL_ALLOWLIST_EXTENSION,
        description:
          'Extension on the schema that documents the allowlist the server checks the URL against (a description or a list of hosts); a non-empty value counts as pinned.',
      },
      unreachedSchemas: UNREACHED_SCHEMAS_OPTION,
    },
    messages: {
      unpinned: ({ name, extension }) =>
        `${name} takes a URL the server may fetch or redirect to, and nothing pins its scheme and host: add an enum, or an anchored pattern naming the allowed hosts (such as ^https://cdn\\.example\\.com/), or document the server's allowlist in ${extension}, so clients cannot point the API at internal services (SSRF).`,
    },
  },
  (index, { urlFormats, urlNames, allowlistExtension, unreachedSchemas }, messages) => {
    const formats = new Set(urlFormats);
    const urlName = suffixMatcher(urlNames);
    // Parameters are named by the parameter, not a property: read their names once.
    const parameterNames = new Map<JsonObject, string>();
    for (const op of index.operations) {
      for (const { parameter } of op.parameters) {
        const schema = index.version === '2.0' ? parameter : parameter.schema;
        if (isObject(schema) && typeof parameter.name === 'string') parameterNames.set(schema, parameter.name);
      }
    }
    const takesUrl = (schema: JsonObject, name: string | undefined) => {
      if (!hasType(schema, 'string')) return false;
      const format = schema.format;
      if (typeof format === 'string' && formats.has(format)) return true;
      // A name says URL only where no other format says otherwise (`callbackId` with format uuid).
      return format === undefined && name !== undefined && urlName(name) !== undefined;
    };
    return inputsLacking(index, {
      unreachedSchemas,
      types: ['string'],
      where: (schema, entry) => takesUrl(schema, entry.propertyName ?? parameterNames.get(schema)),
      holds: group => group.some(member => pinsUrl(member, allowlistExtension)),
    }).map(entry => ({
      message: messages.unpinned({ name: entry.label ?? 'URL input', extension: allowlistExtension }),
      path: entry.path,
    }));
  },
);
