import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Finding } from '../findings/findings.js';

/**
 * A finding's identity across runs, machines and edits elsewhere in the file: its rule, its file
 * relative to the lint root, and its JSON path. Line numbers are left out on purpose, so adding
 * an operation above a finding does not make it look new (baselines, SARIF alert tracking).
 */
export function fingerprint(finding: Finding, root: string): string {
  const file = finding.source === undefined ? '' : path.relative(root, finding.source).split(path.sep).join('/');
  return createHash('sha256')
    .update(JSON.stringify([finding.code, file, finding.path.map(String)]))
    .digest('hex')
    .slice(0, 32);
}
