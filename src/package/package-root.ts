import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, whether running from dist/src/package or from src/package under a test runner. */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

export const BUNDLED_RULESETS: Record<string, string> = {
  recommended: path.join(PACKAGE_ROOT, 'rulesets', 'recommended.yaml'),
  strict: path.join(PACKAGE_ROOT, 'rulesets', 'strict.yaml'),
};

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'rulesets'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
