import type { Finding } from '../findings/findings.js';
import type { Place } from './document.js';
import { severityOf } from './kinds.js';
import type { RegressionKind } from './kinds.js';

/** A regression as a finding: reported where it is in NEW, with where it was in OLD as `was`. */
export function regression(kind: RegressionKind, message: string, before: Place, after: Place): Finding {
  return {
    code: kind.code,
    message,
    path: after.path,
    severity: severityOf(kind),
    range: after.range,
    ...(after.source !== undefined ? { source: after.source } : {}),
    was: before,
  };
}
