import { CORPUS, CORPUS_REQUIRED, CORPUS_SKIP_NOTICE, HAS_CORPUS } from './corpus-location.js';

/** Runs once per `vitest run`: says in one line which tests a clone without the corpus skips. */
export default function setup(): void {
  if (HAS_CORPUS) return;
  if (CORPUS_REQUIRED) {
    // One line and a failing exit, not a stack trace from inside the test runner.
    process.stderr.write(
      `\n  npm run test:corpus: no corpus at ${CORPUS}. Put it there (../shared/corpus beside the clone) or set SPECGUARD_CORPUS=<folder>.\n\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`\n  ${CORPUS_SKIP_NOTICE}\n\n`);
}
