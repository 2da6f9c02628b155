import { isObject } from '../src/document-index/json.js';
import type { JsonObject, OperationEntry } from '../src/document-index/index.js';
import { nameWords, phraseMatcher } from '../src/rule-helpers/naming.js';
import { defineRule } from '../src/rule-kit.js';
import { parameterGroups } from '../src/rule-helpers/repeated-parameters.js';

interface Options extends Record<string, unknown> {
  names: string[];
  ignoredNames: string[];
  describingWords: string[];
}

const URL_LOCATIONS = new Map([
  ['query', 'query'],
  ['path', 'path'],
]);

export default defineRule<Options>(
  {
    code: 'specguard-credential-in-url',
    description:
      'Query and path parameters must not carry credentials (tokens, passwords, API keys, session ids), whatever the security schemes say.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API2:2023'],
    owasp2019: ['API2:2019'],
    cwe: ['CWE-598', 'CWE-522'],
    controls: { nist80053: ['IA-5', 'SC-8', 'AU-9'], soc2: ['CC6.1', 'CC6.7'], hipaa: ['164.312(d)', '164.312(e)(1)'] },
    securitySeverity: 6.5,
    options: {
      names: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'token',
          'api key',
          'apikey',
          'password',
          'passwd',
          'pwd',
          'secret',
          'session',
          'sessionid',
          'jsessionid',
          'phpsessid',
          'credential',
          'credentials',
          'jwt',
          'bearer',
          'authorization',
          'private key',
        ],
        description:
          'Words and phrases that make a parameter name a credential, matched as whole words in any case style (`access_token`, `X-Api-Key`, `clientSecret`). The list replaces the default.',
      },
      ignoredNames: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'page token',
          'next token',
          'next page token',
          'continuation token',
          'pagination token',
          'sync token',
          'prev token',
          'previous token',
          'batch token',
          'skip token',
          'start token',
          'starting token',
          'client token',
          'client request token',
          'idempotency token',
          'creation token',
          'consistency token',
        ],
        description:
          'Phrases that make a matching name something else: pagination cursors (`pageToken`, `batch_token`, `$skipToken`) and idempotency keys (AWS `ClientToken`, `ClientRequestToken`). A name containing one of them is not reported. The list replaces the default.',
      },
      describingWords: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'id',
          'ids',
          'sid',
          'identifier',
          'arn',
          'name',
          'names',
          'alias',
          'version',
          'type',
          'types',
          'count',
          'number',
          'hint',
          'length',
          'status',
          'url',
          'uri',
          'symbol',
          'symbols',
          'ticker',
          'tickers',
        ],
        description:
          "A name of several words that ends with one of these words is about a credential, not the credential itself (`secret_name`, `token_type`, `sessionId`, Twilio's `SessionSid`, `TdeCredentialArn`, `secret-version`, a crypto API's `token_symbols`), and is not reported. The list replaces the default.",
      },
    },
    messages: {
      credential: ({ parameter, where }) =>
        `Parameter "${parameter}" puts a credential in the URL ${where}, where proxies, server logs, browser history and Referer headers keep it: send it in a header (Authorization) or the request body.`,
      repeated: ({ parameter, where, count }) =>
        `Parameter "${parameter}" puts a credential in the URL ${where} of ${count} operations, where proxies, server logs, browser history and Referer headers keep it: send it in a header (Authorization) or the request body.`,
    },
  },
  (index, { names, ignoredNames, describingWords }, messages) => {
    const credentialName = phraseMatcher(names);
    const ignoredName = phraseMatcher(ignoredNames);
    const describing = new Set(describingWords.map(word => word.toLowerCase()));
    // Callbacks and webhooks too: a credential in the URL the API calls leaks at the receiver.
    const operations = [...index.operations, ...index.outboundOperations];
    const addressing = addressingOf(operations);
    const credentialIn = (parameter: JsonObject, op: OperationEntry): string | undefined => {
      const where = typeof parameter.in === 'string' ? URL_LOCATIONS.get(parameter.in.trim().toLowerCase()) : undefined;
      if (where === undefined || typeof parameter.name !== 'string') return undefined;
      const name = parameter.name;
      if ((credentialName(name) === undefined && !isKeyCredential(parameter)) || ignoredName(name) !== undefined) return undefined;
      if (!holdsSecretText(parameter) || saysItIsNoSecret(parameter)) return undefined;
      // `/sessions/{sessionId}`, `?secret_type=`: the name says what it is about, not that it is the secret.
      const words = nameWords(name);
      if (words.length > 1 && describing.has(words[words.length - 1])) return undefined;
      if (addressing.identifiers.has(name) || isTargetHandle(words, addressing) || addressesByHandle(name, op.pathKey, addressing))
        return undefined;
      return where;
    };
    // The same parameter written into many operations is one flaw: reported once, where first declared.
    return parameterGroups(operations, credentialIn).map(({ first, found: where, declarations, operations: count }) => ({
      message:
        declarations > 1
          ? messages.repeated({ parameter: String(first.parameter.name), where, count: String(count) })
          : messages.credential({ parameter: String(first.parameter.name), where }),
      path: first.path,
    }));
  },
);

/**
 * Whether the parameter can hold a secret string: not a flag or a count (`has_password=true`),
 * and not one of a list of published values (`AuthTokenUpdateStrategy: [Rotate, Set]`).
 */
function holdsSecretText(parameter: JsonObject): boolean {
  const schema = isObject(parameter.schema) ? parameter.schema : parameter;
  const type = schema.type;
  if (type !== undefined && type !== 'string' && !(Array.isArray(type) && type.includes('string'))) return false;
  return !Array.isArray(schema.enum) && !('const' in schema);
}

/**
 * A description that says what the value is, whatever its name: a page cursor (`batch_token`: "A
 * pagination cursor"), an idempotency key ("to prevent the accidental submission of duplicate
 * data"), or an identifier ("The ID for the user.", "The identifier of the ApiKey resource") that is
 * not a session's.
 */
function saysItIsNoSecret(parameter: JsonObject): boolean {
  return descriptionsOf(parameter).some(
    text => CURSOR_DESCRIPTION.test(text) || ((IDENTIFIER_DESCRIPTION.test(text) || namesAnObjectId(text)) && !SESSION_ID.test(text)),
  );
}

/** The parameter's description and its schema's (OAS 3). */
function descriptionsOf(parameter: JsonObject): string[] {
  const descriptions = [parameter.description, isObject(parameter.schema) ? parameter.schema.description : undefined];
  return descriptions.filter((text): text is string => typeof text === 'string');
}

/**
 * A description that names the value as the ID of an object type written as one word (Stripe's
 * `verification_session`: "created by this VerificationSession ID"), not a login's session.
 */
function namesAnObjectId(text: string): boolean {
  const match = OBJECT_ID.exec(text);
  return match !== null && !LOGIN_SESSION.test(match[1]);
}

const OBJECT_ID = /\b([A-Z][a-z]+(?:[A-Z][a-z]+)+) (?:ID|identifier)\b/;
const LOGIN_SESSION = /^(?:User|Login|Auth\w*|Access|Web|Browser|Http|Client)Session$/;

/**
 * A parameter named as a key (`key`, `auth_key`) in a password format (AWS Location's `key`):
 * its author marks it as a secret. Not by description alone: Google's `key` query parameter, an
 * API key that identifies a project (and is shipped in web pages), is in every Google API.
 */
function isKeyCredential(parameter: JsonObject): boolean {
  const words = typeof parameter.name === 'string' ? nameWords(parameter.name) : [];
  const schema = isObject(parameter.schema) ? parameter.schema : parameter;
  return words[words.length - 1] === 'key' && schema.format === 'password';
}

const CURSOR_DESCRIPTION = /\bpaginat|\bpaging\b|\bcursor\b|\bnext page\b|\bidempoten|\bduplicate\b/i;
const IDENTIFIER_DESCRIPTION = /^\s*(?:<p>\s*)?(?:the |an? )?(?:unique |universally unique )?(?:identifier|ID|UUID)\b/i;
const SESSION_ID = /\bsession (?:id|identifier)\b/i;

/** How the API addresses its resources, read from its paths and parameters. */
interface Addressing {
  /**
   * Parameter names the API gives to resources it addresses, so that a parameter so named
   * anywhere (Stripe's `?session=` beside `/financial_connections/sessions/{session}`) is the
   * resource's identifier: see addressingOf.
   */
  identifiers: Set<string>;
  /** Handles that name a member after its noun (`api key` in `/game/{gameApiKey}`), with the collections they are used in (`game`). */
  handles: Map<string, Set<string>>;
}

/**
 * The names that identify resources in this API: a path parameter right after its collection
 * (see memberOf), the resource of a custom method (`/v1/{session}:batchWrite`, Google's AIP-136;
 * not `{token}:revoke`, whose resource is a credential), and a session the API filters by (see
 * isSessionFilter). A login session the API lists as `/sessions/{session}` is named so too: the
 * path already carries it, and one name means one thing in one API.
 */
function addressingOf(operations: readonly OperationEntry[]): Addressing {
  const identifiers = new Set<string>();
  const handles = new Map<string, Set<string>>();
  for (const op of operations) {
    const segments = op.pathKey.split('/');
    segments.forEach((segment, at) => {
      const placeholder = PLACEHOLDER.exec(segment);
      if (placeholder === null) return;
      const [, name, verb] = placeholder;
      if (verb !== undefined && !nameWords(name).some(word => CREDENTIAL_VALUES.has(word))) identifiers.add(name);
      const member = at > 0 ? memberOf(name, segments[at - 1]) : undefined;
      if (member === undefined) return;
      identifiers.add(name);
      if (member.handle !== '') {
        const collections = handles.get(member.handle) ?? new Set<string>();
        handles.set(member.handle, collections.add(member.collection));
      }
    });
    for (const { parameter } of op.parameters) if (isSessionFilter(parameter)) identifiers.add(String(parameter.name));
  }
  return { identifiers, handles };
}

/** A path segment that is one parameter, maybe followed by a custom method's verb (`{session}:detectIntent`). */
const PLACEHOLDER = /^\{([^{}]+)\}(?::([A-Za-z][\w-]*))?$/;

/**
 * Whether a path parameter is the identifier of a member of the collection named by the segment
 * before it: `/sessions/{session}`, `/issuing/authorizations/{authorization}` and
 * `/identity/verification_sessions/{session}` (Stripe), `/sessions/{idSession}` (Trello),
 * `/templates/{template-token}`, `/game/{gameApiKey}` (GameSparks). Not when the collection holds
 * credentials themselves (`/refresh-tokens/{token}`, `/api-keys/{apiKey}`, `/secrets/{secret}`):
 * its member is the secret. Gives the collection's member noun and the words naming the handle
 * after the member's noun (`api key` in `gameApiKey`, empty when there is none).
 */
function memberOf(name: string, before: string): { collection: string; handle: string } | undefined {
  if (before === '' || before.includes('{')) return undefined;
  const collection = nameWords(before);
  if (collection.length === 0 || collection.some(word => CREDENTIAL_VALUES.has(word))) return undefined;
  const member = singularOf(collection);
  let words = nameWords(name);
  // Trello's `idSession`: the member's id, written first.
  if (words.length > 1 && words[0] === 'id') words = words.slice(1);
  const handle = handleLength(words);
  const noun = singularOf(words.slice(0, words.length - handle));
  // The member's noun, or its last words (`{session}` after `/verification_sessions`), maybe with a word for its handle (`template-token`).
  const named = noun.length <= member.length && noun.every((word, i) => word === member[member.length - noun.length + i]);
  return named ? { collection: member.join(' '), handle: handle === 0 ? '' : words.slice(-handle).join(' ') } : undefined;
}

/** How many of a member's name's last words name its handle: 2 for `gameApiKey`, 1 for `template-token`, 0 for `session` (a bare handle is no member's). */
function handleLength(words: readonly string[]): number {
  if (words.length > 2 && words.slice(-2).join(' ') === 'api key') return 2;
  return words.length > 1 && MEMBER_HANDLES.has(words[words.length - 1]) ? 1 : 0;
}

/**
 * Whether a bare handle follows a collection whose members the API names by that handle
 * elsewhere: GameSparks' `/game/{apiKey}` beside `/game/{gameApiKey}`. Alone, `/games/{apiKey}`
 * could as well be a credential.
 */
function addressesByHandle(name: string, pathKey: string, { handles }: Addressing): boolean {
  const collections = handles.get(nameWords(name).join(' '));
  if (collections === undefined) return false;
  const segments = pathKey.split('/');
  return segments.some(
    (segment, at) =>
      at > 0 && PLACEHOLDER.exec(segment)?.[1] === name && collections.has(singularOf(nameWords(segments[at - 1])).join(' ')),
  );
}

/**
 * Whether the name is a handle the API names members by, qualified as the target or source of
 * an action (GameSparks' `/copy/to/{targetApiKey}` beside `/game/{gameApiKey}`): another
 * member's handle, not the caller's credential.
 */
function isTargetHandle(words: readonly string[], { handles }: Addressing): boolean {
  return words.length > 1 && TARGET_WORDS.has(words[0]) && handles.has(words.slice(1).join(' '));
}

const TARGET_WORDS: ReadonlySet<string> = new Set(['target', 'source', 'destination', 'dest']);

/**
 * A session parameter described as a filter on the results (OpenStates' legislative `session`:
 * "Filter by session identifier."): a session the API holds as data. Only sessions: a token or
 * secret is the secret even as a filter (intellifi's `secret`: "Filter on the secret token."),
 * and not a session the description calls a login ("the login session", "this UserSession ID").
 */
function isSessionFilter(parameter: JsonObject): boolean {
  if (typeof parameter.name !== 'string' || !nameWords(parameter.name).includes('session')) return false;
  return descriptionsOf(parameter).some(text => FILTER_DESCRIPTION.test(text) && !LOGIN_DESCRIPTION.test(text));
}

const FILTER_DESCRIPTION = /^\s*(?:<p>\s*)?(?:filters? (?:by|on)\b|(?:if (?:present|given|set|provided),? )?only return\b|return only\b)/i;
const LOGIN_DESCRIPTION =
  /\b(?:User|Login|Auth\w*|Access|Web|Browser|Http|Client)Session\b|\blog(?:ged)?[ -]?in\b|\bsign(?:ed)?[ -]?in\b|\bauthenticat/i;

/** Words whose collection's members are credentials themselves. */
const CREDENTIAL_VALUES: ReadonlySet<string> = new Set([
  'token',
  'tokens',
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'pwd',
  'key',
  'keys',
  'apikey',
  'apikeys',
  'jwt',
  'jwts',
  'bearer',
]);

/** Words naming a member's handle after the member's noun (`template-token`, `shipping_rate_token`, `gameApiKey`). */
const MEMBER_HANDLES: ReadonlySet<string> = new Set(['token', 'key', 'apikey']);

/** A name's words with the last one singular: `shipping rates` -> `shipping rate`. */
function singularOf(words: readonly string[]): string[] {
  // A segment of symbols alone (`{_}`, an empty segment) has no words.
  if (words.length === 0) return [];
  return [...words.slice(0, -1), singular(words[words.length - 1])];
}

/** `sessions` -> `session`, `authorizations` -> `authorization`, `entries` -> `entry`, `addresses` -> `address`. */
function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
