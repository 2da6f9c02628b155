import { CORPUS, CORPUS_REQUIRED, CORPUS_SKIP_NOTICE, HAS_CORPUS } from './corpus-location.js';

/** Runs once per `vitest run`: says in one line which tests a clone without the corpus skips. */
export default function setup(): void {
  if (HAS_CORPUS) return;
  if (CORPUS_REQUIRED) throw new Error(`SPECGUARD_REQUIRE_CORPUS=1 but there is no corpus at ${CORPUS}`);
  process.stdout.write(`\n  ${CORPUS_SKIP_NOTICE}\n\n`);
}
