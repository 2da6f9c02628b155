import { promises as fs } from 'node:fs';
import type { Finding } from '../findings/findings.js';
import { InputError } from '../parse/errors.js';
import { fingerprint } from './fingerprint.js';

/**
 * A baseline is the set of findings a team has accepted for now (say, when adopting specguard on
 * an existing API): later runs report only what is new. It is a JSON file of fingerprints, with
 * each finding's code and message alongside for the humans reviewing it.
 */
export interface BaselineFile {
  specguardBaseline: 1;
  findings: Array<{ fingerprint: string; code: string; message: string }>;
}

export async function readBaseline(file: string): Promise<Set<string>> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(
      file,
      error.code === 'ENOENT' ? 'baseline file not found (create it with --update-baseline)' : `cannot read the baseline: ${error.message}`,
    );
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError(file, 'is not a specguard baseline (not JSON)');
  }
  const findings = (data as Partial<BaselineFile> | null)?.findings;
  if ((data as Partial<BaselineFile> | null)?.specguardBaseline !== 1 || !Array.isArray(findings)) {
    throw new InputError(file, 'is not a specguard baseline (expected {"specguardBaseline": 1, "findings": [...]})');
  }
  return new Set(findings.map(f => String((f as { fingerprint?: unknown }).fingerprint)));
}

export function writeBaseline(file: string, findings: Finding[], root: string): Promise<void> {
  const entries = findings.map(f => ({ fingerprint: fingerprint(f, root), code: f.code, message: f.message }));
  const content: BaselineFile = {
    specguardBaseline: 1,
    findings: entries.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)),
  };
  return fs.writeFile(file, `${JSON.stringify(content, null, 2)}\n`);
}

/** Splits findings into those the baseline does not know (reported) and those it does. */
export function applyBaseline(findings: Finding[], known: Set<string>, root: string): { reported: Finding[]; baselined: number } {
  const reported: Finding[] = [];
  for (const f of findings) if (!known.has(fingerprint(f, root))) reported.push(f);
  return { reported, baselined: findings.length - reported.length };
}
