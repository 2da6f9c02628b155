import sunsetPassed from '../../functions/sunsetPassed.js';
import { deprecatedItems, sunsetDates } from '../rule-helpers/deprecation.js';
import type { DeprecatedItem } from '../rule-helpers/deprecation.js';
import type { DocumentIndex, JsonPath, OperationEntry } from '../document-index/index.js';
import type { Finding } from '../findings/findings.js';
import { describeOperation } from '../rule-kit.js';
import type { DiffDocument } from './document.js';
import { REGRESSION_KINDS } from './kinds.js';
import type { OperationPair } from './match.js';
import { regression } from './regression.js';

/*
 * A deprecated operation whose sunset date moved later or vanished: clients were told when it
 * goes, and it now stays longer (or for good). Dates are read as the deprecation rules read them
 * (src/rule-helpers/deprecation.ts): the sunset extension and Sunset response headers.
 */

/** The sunset extension, as specguard-sunset-passed and specguard-deprecation-metadata read it by default. */
const SUNSET_EXTENSION = sunsetPassed.rule.options.sunsetExtension.default as string;

export function sunsetRegressions(pairs: readonly OperationPair[], old: DiffDocument, current: DiffDocument): Finding[] {
  const found: Finding[] = [];
  for (const pair of pairs) {
    const before = itemOf(old.index, pair.old);
    const after = itemOf(current.index, pair.new);
    if (before === undefined || after === undefined) continue;
    const wasDates = sunsetDates(before, SUNSET_EXTENSION);
    if (wasDates.length === 0) continue;
    const was = wasDates.reduce((a, b) => (b.date > a.date ? b : a));
    const nowDates = sunsetDates(after, SUNSET_EXTENSION);
    const now = nowDates.length === 0 ? undefined : nowDates.reduce((a, b) => (b.date > a.date ? b : a));
    if (now !== undefined && now.date <= was.date) continue;
    const operation = describeOperation(pair.new);
    found.push(
      regression(
        REGRESSION_KINDS.sunsetExtended,
        now === undefined
          ? `${operation} is deprecated and no longer gives a sunset date, where it gave ${was.text}: keep the announced date, or give the new one.`
          : `${operation} is deprecated and its sunset date moved later, from ${was.text} to ${now.text}: clients planned for the first; announce the change.`,
        old.locate(sunsetPath(pair.old)),
        current.locate(now === undefined ? after.path : sunsetPath(pair.new)),
      ),
    );
  }
  return found;
}

function itemOf(index: DocumentIndex, op: OperationEntry): DeprecatedItem | undefined {
  return deprecatedItems(index).find(item => item.operation === op);
}

/** Where the operation gives its sunset: the extension, else its first Sunset response header. */
function sunsetPath(op: OperationEntry): JsonPath {
  if (op.operation[SUNSET_EXTENSION] !== undefined) return [...op.path, SUNSET_EXTENSION];
  for (const response of op.responses)
    for (const header of response.headers) if (header.name.toLowerCase() === 'sunset') return header.path;
  return [...op.path, 'deprecated'];
}
