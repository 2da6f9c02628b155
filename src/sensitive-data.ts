import type { SchemaEntry } from './document-index/index.js';
import { nameWords } from './naming.js';

/*
 * The classes of sensitive data the exposure rules look for, by field name and string format.
 * One list, read by specguard-no-secrets-in-responses, specguard-sensitive-data-in-responses and
 * specguard-sensitive-data-in-url, so a name added here is found everywhere.
 */

/** A class of sensitive data: the name phrases that mark a field as holding it, and formats that do. */
export interface SensitiveClass {
  names: string[];
  /** Optional in a user's classes option. */
  formats?: string[];
}

/** Passwords and secrets: never fit to leave the API. */
export const SECRET_CLASS: SensitiveClass = {
  names: ['password', 'passwd', 'pwd', 'passphrase', 'secret', 'client secret', 'api secret', 'private key', 'pin'],
  formats: ['password'],
};

/** Personal and financial data an API may return only with intent (masked, or to its owner). */
export const PERSONAL_CLASSES: Record<string, SensitiveClass> = {
  'national id': {
    names: ['ssn', 'social security number', 'tax id', 'national id', 'passport number'],
    formats: [],
  },
  payment: {
    names: ['card number', 'pan', 'cvv', 'cvc', 'iban', 'account number', 'routing number'],
    formats: [],
  },
  health: { names: ['mrn', 'medical record number', 'diagnosis'], formats: [] },
  'birth date': { names: ['birth date', 'birthdate', 'date of birth', 'dob', 'birthday'], formats: [] },
};

/**
 * Words that may follow a sensitive phrase in a name that still holds the value: `passwordHash`,
 * `pinCode`, `ssnLast4`. Any other word after it makes the name about the value, not the value
 * itself: `passwordPolicy`, `passwordUpdatedAt`, `secretName`.
 */
const VALUE_SUFFIXES = new Set([
  'hash',
  'hashed',
  'digest',
  'encrypted',
  'plain',
  'plaintext',
  'text',
  'value',
  'code',
  'key',
  'number',
  'no',
  'num',
  'last',
  'first',
  '4',
  'digits',
  'masked',
]);

/**
 * The first phrase of `phrases` that `name` holds as a value: the phrase's words followed only by
 * value suffixes (see VALUE_SUFFIXES). `newPassword`, `client_secret`, `ssnLast4` match;
 * `passwordPolicy`, `pinned`, `spanId`, `company` do not.
 */
export function sensitivePhrase(name: string, phrases: readonly string[]): string | undefined {
  // Thousands of properties share a few hundred names: each (list, name) is decided once.
  let known = KNOWN_PHRASES.get(phrases);
  if (known === undefined) KNOWN_PHRASES.set(phrases, (known = new Map()));
  if (known.has(name)) return known.get(name);
  const words = nameWords(name);
  const found = phrases.find(phrase => {
    const wanted = nameWords(phrase);
    if (wanted.length === 0) return false;
    for (let start = 0; start + wanted.length <= words.length; start++) {
      if (!wanted.every((word, i) => words[start + i] === word)) continue;
      if (words.slice(start + wanted.length).every(word => VALUE_SUFFIXES.has(word))) return true;
    }
    return false;
  });
  known.set(name, found);
  return found;
}

const KNOWN_PHRASES = new WeakMap<readonly string[], Map<string, string | undefined>>();

/**
 * Whether a field counts as `cls`, as the words a message puts after its name: '' when its name
 * says so, ` (format "password")` when its format does; undefined when neither does.
 */
export function sensitiveReason(name: string, format: unknown, cls: SensitiveClass): string | undefined {
  if (sensitivePhrase(name, cls.names) !== undefined) return '';
  return formatReason(format, cls);
}

/** The format half of sensitiveReason, for rules that decide the name half once per name (DocumentIndex.propertiesByName). */
export function formatReason(format: unknown, cls: SensitiveClass): string | undefined {
  return typeof format === 'string' && (cls.formats ?? []).includes(format) ? ` (format "${format}")` : undefined;
}

/** The JSON Schema of a class option (names and formats), for rule definitions. */
export const CLASS_SCHEMA = {
  type: 'object',
  required: ['names'],
  additionalProperties: false,
  properties: {
    names: { type: 'array', items: { type: 'string' } },
    formats: { type: 'array', items: { type: 'string' } },
  },
} as const;

/**
 * Where a schema leaves the API, for messages: `responses`, or `callback or webhook payloads` (a
 * callback's request body is the API's output); undefined when it never does.
 */
export function returnedWhere(entry: SchemaEntry): string | undefined {
  if (entry.roles.has('response-body')) return 'responses';
  if (entry.outboundRoles?.has('request-body') === true) return 'callback or webhook payloads';
  return undefined;
}

/**
 * Whether a schema can hold a sensitive value at all: not a boolean (`hasPassword`), an object
 * (`pin: {pinnedAt, pinnedBy}`) or an array, whose own fields are checked one by one.
 */
export function canHoldValue(schema: Record<string, unknown>): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return !types.some(type => type === 'boolean' || type === 'object' || type === 'array') && schema.properties === undefined;
}
