import type { JsonObject, SchemaEntry } from '../document-index/index.js';
import { nameHasPhrase, nameWords } from './naming.js';

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
    // Not `routing number`: an ABA routing number names a bank, not its customer.
    names: ['card number', 'pan', 'cvv', 'cvc', 'iban', 'account number'],
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
  if (known === undefined) KNOWN_PHRASES.set(phrases, (known = new Map<string, string | undefined>()));
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
export function sensitiveReason(name: string, format: unknown, cls: SensitiveClass, field: FieldContext): string | undefined {
  const phrase = sensitivePhrase(name, cls.names);
  if (phrase !== undefined) return meansSomethingElse(phrase, name, field) ? undefined : '';
  return formatReason(format, cls, name);
}

/**
 * The format half of sensitiveReason, for rules that decide the name half once per name
 * (DocumentIndex.propertiesByName). A format does not outweigh a name that says what the value is:
 * AWS marks every "sensitive" string `format: password`, page cursors (`next-token`), ARNs and
 * email addresses included.
 */
export function formatReason(format: unknown, cls: SensitiveClass, name: string): string | undefined {
  if (typeof format !== 'string' || !(cls.formats ?? []).includes(format) || namesSomethingElse(name)) return undefined;
  return ` (format "${format}")`;
}

/** A cursor, an identifier, an address or a search, by its name's words. */
function namesSomethingElse(name: string): boolean {
  const words = nameWords(name);
  return words.some(word => CURSOR_WORDS.has(word)) || (words.length > 0 && NOT_SECRET_ENDINGS.has(words[words.length - 1]));
}

const CURSOR_WORDS: ReadonlySet<string> = new Set(['next', 'page', 'cursor', 'marker', 'continuation', 'pagination']);
const NOT_SECRET_ENDINGS: ReadonlySet<string> = new Set(['id', 'ids', 'arn', 'arns', 'identifier', 'name', 'email', 'query', 'url', 'uri']);

/**
 * Where a field is, for the few sensitive names whose meaning depends on it: its schema, and the
 * names and descriptions around it, read only when asked.
 */
export interface FieldContext {
  schema: JsonObject;
  /** What the field says it is: a property's description, a parameter's own or its schema's. */
  description: unknown;
  /** The other names of the object it is part of (its sibling properties, or its operation's other parameters), and the object's own name. */
  neighbours(): readonly string[];
}

/**
 * Whether a name that holds `phrase` means something else where it is (see MISREADINGS): a
 * postal PIN in an address, a customer number at a provider that is not a bank, a foreign key
 * named `TaxId`, a game character's `birthday`.
 */
export function meansSomethingElse(phrase: string, name: string, field: FieldContext): boolean {
  const misreading = MISREADINGS.find(({ phrases }) => phrases.includes(phrase));
  return misreading !== undefined && misreading.test(name, field);
}

const MISREADINGS: ReadonlyArray<{ phrases: readonly string[]; test: (name: string, field: FieldContext) => boolean }> = [
  // India's postal code is the PIN: `pin` beside `district`, `state`, `line1`.
  { phrases: ['pin'], test: (_, field) => describes(field, POSTAL) || isInAnAddress(field.neighbours()) },
  // An account number is a bank's only near a bank word: Zoom's, a carrier's or an AWS account number is a customer id.
  {
    phrases: ['account number'],
    test: (name, field) =>
      ![name, ...field.neighbours()].some(near => BANK_WORDS.some(word => nameHasPhrase(near, word))) && !describes(field, BANK),
  },
  // A tax id that is a number is a key to a tax rate record; `propertyTaxID` names a property tax group.
  { phrases: ['tax id'], test: (name, field) => isNumeric(field.schema) || OTHER_TAXES.some(tax => nameHasPhrase(name, `${tax} tax id`)) },
  // EVE Online's character `birthday` is its creation date, and says so; a day or month alone
  // (Nookipedia's `birthday` 1 through 31 beside `birthmonth`) is not a date of birth.
  {
    phrases: ['birthday', 'birth date', 'birthdate'],
    test: (_, field) => describes(field, CREATION) || describes(field, DATE_PART) || field.neighbours().some(isBirthMonth),
  },
  // A company's national registration number (France's SIREN, sent to `/organization`) is public.
  {
    phrases: ['national id'],
    test: (_, field) => !describes(field, PERSON) && (describes(field, BUSINESS) || field.neighbours().some(near => isBusinessPath(near))),
  },
];

const POSTAL = /\b(?:postal|post code|postcode|pin ?code|zip)\b/i;
const ADDRESS_WORDS: ReadonlySet<string> = new Set([
  'address',
  'street',
  'city',
  'town',
  'district',
  'locality',
  'landmark',
  'country',
  'state',
  'line',
  'house',
]);
const BANK_WORDS = [
  'bank',
  'banking',
  'iban',
  'bic',
  'swift',
  'routing',
  'sort code',
  'aba',
  'ach',
  'bsb',
  'clabe',
  'sepa',
  'debit',
  'payout',
  'payee',
  'beneficiary',
  'checking',
  'savings',
];
const BANK = /\b(?:bank|banking|iban|bic|swift|routing|sort code|ach|bsb|clabe|sepa|direct debit|checking|savings|payout|beneficiary)\b/i;
const OTHER_TAXES = ['property', 'sales', 'excise', 'withholding'];
const CREATION = /\b(?:creation|created|founded|founding)\b/i;
const DATE_PART = /\b(?:day of (?:the )?month|(?:1|one) (?:through|to|-|–) ?(?:31|12))\b/i;
const isBirthMonth = (name: string) => ['birthmonth', 'birth month'].includes(nameWords(name).join(' '));
const BUSINESS =
  /\b(?:SIREN|SIRET|company|companies|business|businesses|organi[sz]ations?|merchants?|vendors?|suppliers?|legal entit(?:y|ies))\b/i;
const PERSON = /\b(?:person|persons|people|individuals?|employees?|citizens?|patients?|users?|customers?|owners?)\b/i;
const BUSINESS_WORDS: ReadonlySet<string> = new Set(
  ['organization', 'organisation', 'company', 'business', 'merchant', 'vendor', 'supplier', 'establishment', 'enterprise'].flatMap(word => [
    word,
    `${word}s`,
    `${word}es`,
    word.replace(/y$/, 'ies'),
  ]),
);

/** An operation path whose last fixed segment names a business (`/apps/{appId}/organization`, `/companies`). */
function isBusinessPath(near: string): boolean {
  if (!near.startsWith('/')) return false;
  const fixed = near.split('/').filter(segment => segment !== '' && !segment.startsWith('{'));
  return fixed.length > 0 && nameWords(fixed[fixed.length - 1]).some(word => BUSINESS_WORDS.has(word));
}

/** Two neighbours or more that are parts of a postal address (`district`, `addressLine1`, `city`): one could be a device's `state`. */
function isInAnAddress(neighbours: readonly string[]): boolean {
  return neighbours.filter(near => nameWords(near).some(word => ADDRESS_WORDS.has(word))).length >= 2;
}

function describes(field: FieldContext, pattern: RegExp): boolean {
  return [field.description, field.schema.title].some(text => typeof text === 'string' && pattern.test(text));
}

function isNumeric(schema: JsonObject): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.length > 0 && types.every(type => type === 'integer' || type === 'number');
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
 * (`pin: {pinnedAt, pinnedBy}`) or an array, whose own fields are checked one by one; not one of
 * a list of published values (an enum or const); not a setting named after a feature
 * (`change_password: "on"`).
 */
export function canHoldValue(schema: Record<string, unknown>): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.some(type => type === 'boolean' || type === 'object' || type === 'array') || schema.properties !== undefined) return false;
  return !Array.isArray(schema.enum) && !('const' in schema) && !isSwitchValue(schema.example) && !isSwitchValue(schema.default);
}

/** A value that turns a setting on or off. */
function isSwitchValue(value: unknown): boolean {
  return typeof value === 'string' && SWITCH_VALUES.has(value.trim().toLowerCase());
}

const SWITCH_VALUES: ReadonlySet<string> = new Set([
  'on',
  'off',
  'true',
  'false',
  'yes',
  'no',
  'enabled',
  'disabled',
  'required',
  'optional',
]);
