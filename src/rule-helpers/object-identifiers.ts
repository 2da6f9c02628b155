import { isObject, memoizedPerObject } from '../document-index/json.js';
import type { JsonObject, OperationEntry, ParameterEntry } from '../document-index/index.js';
import { nameWords } from './naming.js';
import type { OptionSchema } from '../rule-kit.js';

/*
 * Which path parameters identify one object (`/pets/{petId}`, `/users/{username}`): the rules
 * about object-level authorization and guessable identifiers share this one decision.
 */

export interface IdentifierOptions extends Record<string, unknown> {
  identifierWords: string[];
  notIdentifierWords: string[];
}

/** The options both rules take, with the same defaults and meaning. */
export const IDENTIFIER_OPTIONS: Record<keyof IdentifierOptions & string, OptionSchema> = {
  identifierWords: {
    type: 'array',
    items: { type: 'string' },
    default: ['id', 'ids', 'uuid', 'guid'],
    description:
      'A path parameter whose name ends with one of these words (any case style: `id`, `petId`, `pet_id`, `pet-id`, `petID`) identifies an object. The list replaces the default.',
  },
  notIdentifierWords: {
    type: 'array',
    items: { type: 'string' },
    default: [
      'path',
      'version',
      'format',
      'locale',
      'lang',
      'language',
      'type',
      'kind',
      'status',
      'page',
      'year',
      'month',
      'day',
      'date',
      'action',
      'ext',
      'extension',
      'hex',
      'data',
      'payload',
      'query',
      'q',
    ],
    description:
      'A path parameter that fills a whole segment right after a literal one (`/users/{username}`) also identifies an object, unless its name contains one of these words (`/files/{path}`, `/docs/{lang}`, `/sendtx/{hex}`: a value sent in the path, not an object). The list replaces the default.',
  },
};

export interface ObjectIdentifier {
  name: string;
  /** The declared path parameter of that name, when the operation declares one. */
  parameter: ParameterEntry | undefined;
}

/** The path parameters of a `path` operation that identify one object, in template order. */
export function objectIdentifiers(op: OperationEntry, { identifierWords, notIdentifierWords }: IdentifierOptions): ObjectIdentifier[] {
  if (op.kind !== 'path') return [];
  const identifiers: ObjectIdentifier[] = [];
  const identifierWordSet = lowerCased(identifierWords);
  const notIdentifierWordSet = lowerCased(notIdentifierWords);
  const segments = op.pathKey.split('/');
  segments.forEach((segment, i) => {
    if (!segment.includes('{')) return; // most segments are literal
    for (const match of segment.matchAll(/\{([^{}]+)\}/g)) {
      const name = match[1];
      const words = nameWords(name);
      const last = words[words.length - 1];
      const byName = last !== undefined && identifierWordSet.has(last);
      // `/v{version}` or `{name}.json` is part of a segment; only a whole segment under a literal one is a member of a collection.
      const wholeSegment = match[0] === segment && i > 0 && segments[i - 1] !== '' && !segments[i - 1].includes('{');
      const member = wholeSegment && words.length > 0 && !words.some(word => notIdentifierWordSet.has(word));
      if (!byName && !member) continue;
      const parameter = op.parameters.find(p => p.parameter.name === name && p.parameter.in === 'path');
      // `/subclasses/{index}` with an enum of twelve names picks from a fixed list: reference data, no one's object.
      if (parameter !== undefined && hasEnum(parameter)) continue;
      identifiers.push({ name, parameter });
    }
  });
  return identifiers;
}

/** The schema that types a path parameter: its `schema` in OAS3, the parameter itself in OAS2. */
export function parameterSchema({ parameter }: ParameterEntry): JsonObject {
  return isObject(parameter.schema) ? parameter.schema : parameter;
}

function hasEnum(parameter: ParameterEntry): boolean {
  const values = parameterSchema(parameter).enum;
  return Array.isArray(values) && values.length > 0;
}

/** A word list as a set of lower-cased words, made once per list: rules ask for every operation with the same options. */
const lowerCased = memoizedPerObject((words: readonly string[]): ReadonlySet<string> => new Set(words.map(word => word.toLowerCase())));
