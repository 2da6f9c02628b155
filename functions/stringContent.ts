import type { JsonObject, SchemaEntry, UnreachedSchemas } from '../src/document-index/index.js';
import { suffixMatcher } from '../src/rule-helpers/naming.js';
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
  'nonce',
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
    // `searchquery`: one lowercase word ending with a listed word; short entries (`text`, `city`) would match `context`, `capacity`.
    const compoundEnds = freeTextNames.map(entry => entry.toLowerCase()).filter(entry => /^[a-z]{5,}$/.test(entry));
    const isFreeText = (name: string) =>
      freeText(name) !== undefined ||
      (/^[a-z]+$/.test(name) && compoundEnds.some(end => name.length > end.length + 1 && name.endsWith(end)));
    return index
      .inputs({
        unreachedSchemas,
        types: ['string'],
        // A restriction in any schema of the value's composition counts (a pattern in one allOf branch).
        lacking: group => group.some(isRestricted),
      })
      .filter(entry => {
        const name = entry.propertyName ?? LABEL_NAME.exec(entry.label ?? '')?.[1];
        return (name === undefined || !isFreeText(name)) && !describedAs(entry, saysFreeText) && !ignoredHeader(index.version, entry);
      })
      .map(entry => ({ message: messages.unrestricted({ name: entry.label ?? 'String input' }), path: entry.path }));
  },
);

/**
 * Free text by its description: JSON text (`A JSON key-value map of inputs`), a document rather than
 * a token a pattern can describe, or a name (`An optional county name`).
 */
const saysFreeText = (text: string) => /\bJSON\b/.test(text.slice(0, 500)) || /\bname\s*\.?\s*$/i.test(text.slice(-200));

/** Whether the description of the string (its own, or its parameter's) passes the test. */
function describedAs(entry: SchemaEntry, test: (text: string) => boolean): boolean {
  const says = (text: unknown) => typeof text === 'string' && test(text);
  if (says(entry.schema.description)) return true;
  return entry.usages.some(usage => {
    if (usage.role !== 'parameter' || usage.schema !== entry.schema) return false;
    const at = usage.path.slice(0, -1).join('\u0000');
    return usage.operation.parameters.some(({ parameter, path }) => path.join('\u0000') === at && says(parameter.description));
  });
}

/** Header parameters OpenAPI 3 says SHALL be ignored: security schemes and media types own them. */
const IGNORED_HEADERS: ReadonlySet<string> = new Set(['authorization', 'accept', 'content-type']);

function ignoredHeader(version: string | null, entry: SchemaEntry): boolean {
  if (version === null || version === '2.0' || entry.usages.length === 0) return false;
  return entry.usages.every(
    usage => usage.parameterIn === 'header' && typeof usage.name === 'string' && IGNORED_HEADERS.has(usage.name.toLowerCase()),
  );
}
