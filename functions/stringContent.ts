import { inputsLacking } from '../src/document-index/index.js';
import type { JsonObject, SchemaEntry, UnreachedSchemas } from '../src/document-index/index.js';
import { suffixMatcher } from '../src/naming.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';
import fieldFormats from './fieldFormats.js';
import urlInput from './urlInput.js';

interface Options extends Record<string, unknown> {
  freeTextNames: string[];
  unreachedSchemas: UnreachedSchemas;
}

/** Names of values whose content has no shape to declare: prose, search terms, opaque cursors, JSON text. */
const FREE_TEXT_NAMES = [
  'name',
  'firstname',
  'lastname',
  'fullname',
  'surname',
  'nickname',
  'headline',
  'tagline',
  'memo',
  'title',
  'description',
  'summary',
  'comment',
  'comments',
  'note',
  'notes',
  'message',
  'text',
  'body',
  'content',
  'query',
  'q',
  'search',
  'keyword',
  'keywords',
  'term',
  'filter',
  'reason',
  'bio',
  'label',
  'subject',
  'address',
  'street',
  'city',
  'caption',
  'instructions',
  'question',
  'answer',
  'feedback',
  'value',
  'values',
  'tag',
  'tags',
  'cursor',
  'page token',
  'next token',
  'next page',
  'previous page',
  'continuation token',
  'marker',
  'json',
];

/** The name a finding's label gives (`Property "lastName"`, `Each item of Parameter "tags"`). */
const LABEL_NAME = /"([^"]*)"\s*$/;

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
    description:
      'String inputs that are not free text (identifiers, codes, types, slugs, amounts) must restrict their content with a pattern, a format or an enum.',
    severity: { recommended: 'info', strict: 'warn' },
    owasp: ['API4:2023', 'API8:2023'],
    owasp2019: ['API7:2019', 'API8:2019'],
    cwe: ['CWE-20'],
    controls: { nist80053: ['SI-10'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 3.0,
    defersTo: [
      { owner: () => urlInput, why: 'a URL input asks for its scheme and host to be pinned there' },
      { owner: () => fieldFormats, why: 'email, password and phone fields ask for their own format there' },
    ],
    options: {
      freeTextNames: {
        type: 'array',
        items: { type: 'string' },
        default: FREE_TEXT_NAMES,
        description:
          'Names of free-text inputs, which no pattern can describe without rejecting legitimate values (names, descriptions, search terms, opaque cursors, JSON text): not reported. A name matches when it ends with the entry as whole words in any case style (`lastName`, `search_query`, `nextPageToken`). The list replaces the default.',
      },
      unreachedSchemas: UNREACHED_SCHEMAS_OPTION,
    },
    messages: {
      unrestricted: ({ name }) =>
        `${name} is a string that accepts any characters: add a pattern, a format (uuid, date-time, email, uri...) or an enum, so injection payloads and control characters are rejected at the edge.`,
    },
  },
  (index, { freeTextNames, unreachedSchemas }, messages) => {
    const freeText = suffixMatcher(freeTextNames);
    return inputsLacking(index, {
      unreachedSchemas,
      types: ['string'],
      // A restriction in any schema of the value's composition counts (a pattern in one allOf branch).
      holds: group => group.some(isRestricted),
    })
      .filter(entry => {
        const name = entry.propertyName ?? LABEL_NAME.exec(entry.label ?? '')?.[1];
        return (name === undefined || freeText(name) === undefined) && !describesJson(entry);
      })
      .map(entry => ({ message: messages.unrestricted({ name: entry.label ?? 'String input' }), path: entry.path }));
  },
);

/**
 * A string whose description (its own, or its parameter's) says it carries JSON text (`A JSON
 * key-value map of inputs`): its content is a document, not a token a pattern can describe.
 */
function describesJson(entry: SchemaEntry): boolean {
  const saysJson = (text: unknown) => typeof text === 'string' && /\bJSON\b/.test(text.slice(0, 500));
  if (saysJson(entry.schema.description)) return true;
  return entry.usages.some(usage => {
    if (usage.role !== 'parameter' || usage.schema !== entry.schema) return false;
    const at = usage.path.slice(0, -1).join('\u0000');
    return usage.operation.parameters.some(({ parameter, path }) => path.join('\u0000') === at && saysJson(parameter.description));
  });
}
