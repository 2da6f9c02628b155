import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The shared corpus of real specs (see its README) lives outside the repository: ../shared/corpus
 * beside the clone, as CI lays it out, or wherever SPECGUARD_CORPUS points. A clone without it
 * skips the tests that need it, and says so once (test/global-setup.ts);
 * SPECGUARD_REQUIRE_CORPUS=1 (npm run test:corpus) makes a missing corpus a failure instead.
 */
export const CORPUS = path.resolve(process.env.SPECGUARD_CORPUS ?? path.join(__dirname, '..', '..', 'shared', 'corpus'));

export const HAS_CORPUS = fs.existsSync(path.join(CORPUS, 'README.md'));

export const CORPUS_REQUIRED = process.env.SPECGUARD_REQUIRE_CORPUS === '1';

export const CORPUS_SKIP_NOTICE = `corpus tests skipped: no corpus at ${CORPUS}. Put the shared corpus there (../shared/corpus beside the clone) or set SPECGUARD_CORPUS=<folder>, then run: npm run test:corpus`;
