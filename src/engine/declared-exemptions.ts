import type { Document } from '@stoplight/spectral-core';
import { isObject, keysOf } from '../document-index/json.js';
import type { Finding } from '../findings/findings.js';
import type { LocationMapper } from '../input/adapter.js';

/** The extension that carries exemptions (RAML: the annotation `(specguard-exempt)`). */
export const EXEMPTION_EXTENSION = 'x-specguard-exempt';

type JsonPath = Finding['path'];

/**
 * One exemption as the spec writes it: a rule code under `x-specguard-exempt`, with its reason
 * as a string, or `{reason, owner, expires}`. Read as written; whether it holds is the results
 * stage's call (src/results/exemptions.ts), which knows the date and the policy.
 */
export interface DeclaredExemption {
  /** The rule it names; empty when the extension is not a map of rule codes. */
  rule: string;
  /** Trimmed; absent when missing, empty or not a string. */
  reason?: string;
  owner?: string;
  /** `YYYY-MM-DD`: the last day it holds. */
  expires?: string;
  /** What is wrong with how it is written, and the fix, when something is: then it exempts nothing. */
  malformed?: Problem;
  /** The object it sits on: it covers findings there and below. */
  scope: JsonPath;
  /** Where it is written (the rule's key, or the extension itself). */
  path: JsonPath;
}

/** What is wrong with an exemption, and what to do: `Exemption from <rule> <what>, so it exempts nothing: <fix>.` */
export interface Problem {
  what: string;
  fix: string;
}

const FIELDS = ['reason', 'owner', 'expires'];

/** A declared exemption at the place it is written in the user's own file (a RAML API's: the RAML file and line). */
export type PlacedExemption = DeclaredExemption & { source?: string; range: Finding['range'] };

const ZERO_RANGE: Finding['range'] = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Every exemption a loaded document writes, placed where its input adapter maps it. */
export function placedExemptions(document: Document, source: string, mapLocation: LocationMapper): PlacedExemption[] {
  // Spectral keeps the text it parsed (protected); a document that never names the extension is not walked for it.
  const text: unknown = Reflect.get(document, 'input');
  return declaredExemptions(document.data, typeof text === 'string' ? text : EXEMPTION_EXTENSION).map(exemption => {
    const range = document.getRangeForJsonPath(exemption.path, true) ?? ZERO_RANGE;
    const place = mapLocation({ path: exemption.path, range, source });
    return { ...exemption, range: place.range, ...(place.source !== undefined ? { source: place.source } : {}) };
  });
}

/**
 * Every exemption in a document, in document order. One walk of the document, paid only by
 * documents whose text names the extension: most have none, and pay a substring search.
 */
export function declaredExemptions(data: unknown, text: string): DeclaredExemption[] {
  if (!text.includes(EXEMPTION_EXTENSION)) return [];
  const found: DeclaredExemption[] = [];
  // Iterative, depth first in document order: nesting has been bounded by the parser's guards, not this walk.
  const stack: Array<[unknown, JsonPath]> = [[data, []]];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], [...at, i]]);
      continue;
    }
    if (!isObject(node)) continue;
    const keys = keysOf(node);
    if (keys.includes(EXEMPTION_EXTENSION)) found.push(...exemptionsIn(node[EXEMPTION_EXTENSION], at));
    for (let i = keys.length - 1; i >= 0; i--) if (keys[i] !== EXEMPTION_EXTENSION) stack.push([node[keys[i]], [...at, keys[i]]]);
  }
  return found;
}

function exemptionsIn(map: unknown, scope: JsonPath): DeclaredExemption[] {
  const at = [...scope, EXEMPTION_EXTENSION];
  if (!isObject(map)) {
    const malformed = { what: 'is not a map of rule codes', fix: 'write {<rule code>: "<why the rule does not apply here>"}' };
    return [{ rule: '', malformed, scope, path: at }];
  }
  return keysOf(map).map(rule => ({ rule, scope, path: [...at, rule], ...entry(map[rule]) }));
}

/** `"<reason>"` or `{reason, owner, expires}`. */
type Fields = Pick<DeclaredExemption, 'reason' | 'owner' | 'expires' | 'malformed'>;

function entry(value: unknown): Fields {
  if (!isObject(value)) return reasonOf(value);
  const unknown = keysOf(value).find(key => !FIELDS.includes(key));
  if (unknown !== undefined)
    return { malformed: { what: `has an unknown field "${unknown}"`, fix: 'its fields are reason, owner and expires' } };
  const written: Fields = reasonOf(value.reason);
  if (value.owner !== undefined) {
    if (typeof value.owner !== 'string' || value.owner.trim() === '')
      return { ...written, malformed: { what: 'has an owner that is not a name', fix: 'give the team or person who answers for it' } };
    written.owner = value.owner.trim();
  }
  if (value.expires !== undefined) {
    const expires = isoDate(value.expires);
    if (expires === undefined)
      return { ...written, malformed: { what: 'has an expiry that is not a date', fix: 'write expires: YYYY-MM-DD' } };
    written.expires = expires;
  }
  return written;
}

const reasonOf = (value: unknown): Fields => (typeof value === 'string' && value.trim() !== '' ? { reason: value.trim() } : {});

/**
 * `YYYY-MM-DD` from a date as YAML or JSON hands it over: a string (Spectral's YAML parser keeps
 * `2027-03-31` as one; a RAML API's converted dates are ISO timestamps) or a Date. Only real
 * calendar days: `2027-02-30` is not one.
 */
export function isoDate(value: unknown): string | undefined {
  const text = value instanceof Date ? (Number.isNaN(value.getTime()) ? '' : value.toISOString()) : value;
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!match) return undefined;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : undefined;
}

/** The code of findings about exemptions themselves, which the results stage (src/results/exemptions.ts) makes. */
export const EXEMPTION_CODE = 'specguard-exemption';

/** An exemption of a linted file, placed in the user's own file, with what the engine knew of it. */
export interface FileExemption extends DeclaredExemption {
  source?: string;
  range: Finding['range'];
  /** Whether the ruleset that ran has the rule it names. */
  known: boolean;
  /** The file's findings (indexes into its `findings`) it is the nearest exemption of. */
  covers: number[];
}

/** What linting one file gives the results stage: every finding, and every exemption written in it. */
export interface LintedFile {
  findings: Finding[];
  exemptions: FileExemption[];
}

/**
 * For each exemption, the findings it is the nearest exemption of: its rule's findings in the
 * linted document (not in the files it `$ref`s, which their own lint exempts) at its object or
 * below. The nearest decides, so an operation's expired exemption is not rescued by the root's.
 * `own` says whether a finding lies in the linted document, before findings are mapped to files.
 */
export function coverage(findings: readonly Finding[], exemptions: readonly DeclaredExemption[], own: (finding: Finding) => boolean) {
  const covers: number[][] = exemptions.map(() => []);
  if (exemptions.length === 0) return covers;
  findings.forEach((finding, index) => {
    if (finding.code === EXEMPTION_CODE || !own(finding)) return;
    let nearest = -1;
    exemptions.forEach((exemption, i) => {
      if (exemption.rule !== finding.code || !isPrefix(exemption.scope, finding.path)) return;
      if (nearest < 0 || exemption.scope.length > exemptions[nearest].scope.length) nearest = i;
    });
    if (nearest >= 0) covers[nearest].push(index);
  });
  return covers;
}

const isPrefix = (prefix: Finding['path'], path: Finding['path']) =>
  prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
