import type { Document, Ruleset } from '@stoplight/spectral-core';
import { getDocumentIndex, isObject } from '../document-index/index.js';

/** What a report says about one linted API besides its findings (see `specguard report`). */
export interface ApiFacts {
  /** `info.title`, when the document gives one. */
  title?: string;
  /** Path operations: what a client can call. The report's score is per operation. */
  operations: number;
  /** The rules the ruleset ran on this document (enabled, and meant for its OpenAPI version), by code. */
  rulesChecked: string[];
  /** Rule findings an `x-specguard-exempt` reason silenced. */
  exempted: number;
}

/** A title longer than this is cut: it is shown in headings and tables. */
const MAX_TITLE = 200;

/**
 * The facts of a document Spectral has just run on. The operations come from the index the rules
 * built on the resolved document (cached by it, so no second walk); an index that cannot be built
 * counts none, and the rules have reported why.
 */
export function apiFacts(document: Document, resolved: unknown, ruleset: Ruleset | undefined, exempted: number): ApiFacts {
  let operations = 0;
  try {
    operations = getDocumentIndex(resolved).operations.length;
  } catch {
    // IndexBuildError: reported as a finding by the first rule that read the index.
  }
  const formats = document.formats ?? null;
  // A ruleset's `overrides` can turn rules on or off for some files: the rules this file ran with.
  const rulesChecked = Object.values(ruleset?.fromSource(document.source).rules ?? {})
    .filter(rule => rule.enabled && rule.matchesFormat(formats))
    .map(rule => rule.name)
    .sort();
  const info = isObject(document.data) ? document.data.info : undefined;
  const title =
    isObject(info) && typeof info.title === 'string' && info.title.trim() !== '' ? info.title.trim().slice(0, MAX_TITLE) : undefined;
  return { ...(title !== undefined ? { title } : {}), operations, rulesChecked, exempted };
}
