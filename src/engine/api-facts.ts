import type { Document, Ruleset } from '@stoplight/spectral-core';
import { isObject } from '../document-index/json.js';
import { countPathOperations } from '../document-index/operations.js';

/** What a report says about one linted API besides its findings (see `specguard report`). */
export interface ApiFacts {
  /** `info.title`, when the document gives one. */
  title?: string;
  /** Path operations: what a client can call. The report's score is per operation. */
  operations: number;
  /** The rules the ruleset ran on this document (enabled, and meant for its OpenAPI version), by code. */
  rulesChecked: string[];
  /** Findings an exemption in the spec covers: counted by the results stage, which applies exemptions. */
  exempted?: number;
}

/** A title longer than this is cut: it is shown in headings and tables. */
const MAX_TITLE = 200;

/**
 * The facts of a document Spectral has just run on. Operations are counted on the resolved
 * document (path items may be $refs), without the index: the rules' copy of it lives in the
 * ruleset's bundle, out of reach, and building another would cost every lint a second walk.
 */
export function apiFacts(document: Document, resolved: unknown, ruleset: Ruleset | undefined): ApiFacts {
  const operations = countPathOperations(resolved);
  const formats = document.formats ?? null;
  // A ruleset's `overrides` can turn rules on or off for some files: the rules this file ran with.
  const rulesChecked = Object.values(ruleset?.fromSource(document.source).rules ?? {})
    .filter(rule => rule.enabled && rule.matchesFormat(formats))
    .map(rule => rule.name)
    .sort();
  const info = isObject(document.data) ? document.data.info : undefined;
  const title =
    isObject(info) && typeof info.title === 'string' && info.title.trim() !== '' ? info.title.trim().slice(0, MAX_TITLE) : undefined;
  return { ...(title !== undefined ? { title } : {}), operations, rulesChecked };
}
