import { isObject } from '../src/document-index/json.js';
import type { DocumentIndex, JsonObject, JsonPath, UnreachedSchemas } from '../src/document-index/index.js';
import { nameWords, suffixMatcher } from '../src/rule-helpers/naming.js';
import { propertyHolder } from '../src/rule-helpers/property-context.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';
import { pinsUrl, URL_ALLOWLIST_EXTENSION } from '../src/rule-helpers/url-inputs.js';

interface Options extends Record<string, unknown> {
  urlFormats: string[];
  urlNames: string[];
  fetchWords: string[];
  allowlistExtension: string;
  unreachedSchemas: UnreachedSchemas;
}

/** The default fetchWords: what a server does with a URL it is given, and what it fetches. */
const FETCH_WORDS = [
  'callback',
  'webhook',
  'hook',
  'notify',
  'notification',
  'subscriber',
  'subscription',
  'redirect',
  'return',
  'endpoint',
  'destination',
  'target',
  'feed',
  'rss',
  'sitemap',
  'src',
  'source',
  'import',
  'download',
  'upload',
  'fetch',
  'crawl',
  'scrape',
  'embed',
  'preview',
  'screenshot',
  'proxy',
  'remote',
  'clone',
  'repo',
  'repository',
  'git',
  'image',
  'avatar',
  'photo',
  'picture',
  'thumbnail',
  'media',
  'audio',
  'video',
  'file',
  'document',
  'attachment',
  'pdf',
  'storage',
  'bucket',
  'health',
  'ping',
];

export default defineRule<Options>(
  {
    code: 'specguard-url-input',
    description:
      'Inputs that take a URL the server calls, fetches or redirects to (format uri/url/iri, or named like url, callback, redirect, endpoint) must pin the scheme and host with an enum or pattern, or document an allowlist.',
    severity: { recommended: 'info', strict: 'error' },
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
      fetchWords: {
        type: 'array',
        items: { type: 'string' },
        default: FETCH_WORDS,
        description:
          "Words that show the server calls, fetches or redirects to a URL input, looked for in the input's name, the name of the model holding it and the paths of the operations that take it (`callbackUrl`, `NotificationSettings.url`, `POST /webhooks {url}`, `repo_clone_url`, `mainJarFileUri`). A URL input with none of them, and no description saying the server calls, fetches, sends to or redirects to it, is a link the API stores and shows (`terms_of_service_url`, `edit_url`, a reference to another record) and is not reported. The list replaces the default.",
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
  (index, { urlFormats, urlNames, fetchWords, allowlistExtension, unreachedSchemas }, messages) => {
    const fetching = new Set(fetchWords.flatMap(word => nameWords(word)));
    // Any number: `/webhooks`, `attachments`.
    const saysFetched = (words: readonly string[]) => words.some(word => fetching.has(word) || fetching.has(singular(word)));
    const formats = new Set(urlFormats);
    const urlName = suffixMatcher(urlNames);
    // Parameters are named by the parameter, not a property: read their names (and descriptions) once.
    const parameters = new Map<JsonObject, JsonObject>();
    for (const op of index.operations) {
      for (const { parameter } of op.parameters) {
        const schema = index.version === '2.0' ? parameter : parameter.schema;
        if (isObject(schema) && typeof parameter.name === 'string') parameters.set(schema, parameter);
      }
    }
    const ownCollections = collectionsOf(index);
    const takesUrl = (schema: JsonObject, name: string | undefined, path: JsonPath) => {
      if (schema['x-read-only'] === true) return false;
      if (name !== undefined && isHypermediaLink(name, path)) return false;
      const format = schema.format;
      const named = name !== undefined && urlName(name) !== undefined;
      // `account: {format: uri}` beside `/accounts/`: a hyperlinked reference to the API's own record, resolved, not fetched.
      if (typeof format === 'string' && formats.has(format))
        return named || name === undefined || !ownCollections.has(nameWords(name).join(' '));
      // A name says URL only where no other format says otherwise (`callbackId` with format uuid).
      if (format !== undefined || name === undefined || !named) return false;
      return !namesSomethingElse(name, describedAs(schema, parameters.get(schema)), schema);
    };
    return index
      .inputs({
        unreachedSchemas,
        types: ['string'],
        where: (schema, entry) => {
          const parameter = parameters.get(schema);
          const name = entry.propertyName ?? (typeof parameter?.name === 'string' ? parameter.name : undefined);
          if (!takesUrl(schema, name, entry.path)) return false;
          // The API's own output in a model requests reuse, or a value the server checks against a registered one.
          const description = describedAs(schema, parameter);
          if (OUTPUT_DESCRIPTION.test(description) || REGISTERED_DESCRIPTION.test(description)) return false;
          // The server uses the URL: its name, its model, the operations that take it or its description say so.
          const holder = propertyHolder(index.root, entry.path)?.name;
          return (
            saysFetched(nameWords(name ?? '')) ||
            saysFetched(nameWords(holder ?? '')) ||
            entry.usages.some(use => use.operation.kind === 'path' && saysFetched(nameWords(use.operation.pathKey))) ||
            FETCH_DESCRIPTION.test(description)
          );
        },
        lacking: group => group.some(member => pinsUrl(member, allowlistExtension)),
      })
      .map(entry => ({
        message: messages.unpinned({ name: entry.label ?? 'URL input', extension: allowlistExtension }),
        path: entry.path,
      }));
  },
);

/** A link the API itself writes (`_links.self.href`, a HAL or JSON:API `links` object): output, even in a model requests reuse. */
function isHypermediaLink(name: string, path: JsonPath): boolean {
  const inLinks = path.some(key => typeof key === 'string' && nameWords(key).some(word => word === 'links' || word === 'link'));
  return inLinks && (nameWords(name).join(' ') === 'href' || path.some(key => key === 'links' || key === '_links'));
}

/** The singular nouns of the API's literal path segments (`/accounts/` -> `account`): its own collections. */
function collectionsOf(index: DocumentIndex): ReadonlySet<string> {
  const nouns = new Set<string>();
  for (const op of index.operations) {
    for (const segment of op.pathKey.split('/')) {
      if (segment === '' || segment.includes('{')) continue;
      const words = nameWords(segment);
      if (words.length === 0) continue;
      nouns.add(words.join(' '));
      nouns.add([...words.slice(0, -1), singular(words[words.length - 1])].join(' '));
    }
  }
  return nouns;
}

/** `accounts` -> `account`, `entries` -> `entry`. */
function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The description of a property, or of a parameter (its own or its schema's). */
function describedAs(schema: JsonObject, parameter: JsonObject | undefined): string {
  const texts = [parameter?.description, schema.description];
  return texts.filter((text): text is string => typeof text === 'string').join(' ');
}

/**
 * A name that ends with a URL word but is something else: an id (Trello's `idWebhook`), a JSONP
 * `callback` (the name of a JavaScript function to wrap the response in), a `target` with no sign
 * of a URL (`target: EUR`, the target currency).
 */
function namesSomethingElse(name: string, description: string, schema: JsonObject): boolean {
  const words = nameWords(name);
  if (words.length > 1 && words[0] === 'id') return true;
  const last = words[words.length - 1];
  if (last === 'callback' && JSONP.test(description)) return true;
  return last === 'target' && !URL_EVIDENCE.test(description) && !isUrlValue(schema.example) && !isUrlValue(schema.default);
}

/** A description that says the server calls, fetches, sends to or redirects to the URL. */
const FETCH_DESCRIPTION =
  /\b(?:we (?:will )?(?:call|fetch|send|post|request|notify|redirect|download|load|poll)|will be (?:called|fetched|sent|posted|notified|redirected|downloaded|crawled|polled)|polls? (?:the|this|that|it|each|every)\b|(?:call|calls|fetch|fetches|fetched|download|downloads|downloaded|retrieves?|retrieved|crawls?|crawled|polled|redirect|redirects|redirected|deliver|delivers|delivered|notif\w*|webhook|callback)\b)/i;

/** A value the API writes (Taxamo's `invoice_image_url`: "provided by Taxamo"), in a model requests reuse. */
const OUTPUT_DESCRIPTION =
  /\b(?:provided|generated|issued|created|returned|assigned) by (?!(?:the |your )?(?:client|caller|user|customer|merchant|partner|integrator|developer|you)\b)/i;

/** An OAuth redirect_uri checked against the one registered for the app: a documented allowlist. */
const REGISTERED_DESCRIPTION =
  /\b(?:registered|assigned|configured|whitelisted|allowlisted)\b[^.]{0,40}\b(?:in|on|for|with)\b[^.]{0,60}\b(?:dashboard|console|portal|(?:application|app|client) settings)\b|\bmust (?:exactly )?match\b[^.]{0,60}\bregistered\b/i;

const JSONP = /\bjsonp\b|\bfunction\b/i;
const URL_EVIDENCE = /\b(?:url|uri|https?|web ?hook|endpoint|address)\b/i;
const isUrlValue = (value: unknown) => typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
