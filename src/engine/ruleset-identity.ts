import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { BUNDLED_RULESETS } from '../package/package-root.js';

/**
 * What names the ruleset of a run in its SARIF log, so `specguard merge` can refuse to join runs
 * of different rulesets: a bundled ruleset's name, or `sha256:` and the digest of the ruleset file
 * (its content, not its path, so jobs that check out the repository in different folders agree;
 * the files it `extends` are not part of the digest).
 */
export async function rulesetIdentity(ruleset: string | undefined): Promise<string> {
  if (ruleset === undefined) return 'recommended';
  if (Object.hasOwn(BUNDLED_RULESETS, ruleset)) return ruleset;
  const content = await readFile(ruleset).catch(() => undefined);
  // Unread only when nothing was linted (an empty shard): a ruleset that does not load stops any other run first.
  return content === undefined ? ruleset : `sha256:${createHash('sha256').update(content).digest('hex')}`;
}
