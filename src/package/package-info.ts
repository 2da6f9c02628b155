import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';

interface PackageJson {
  version: string;
  homepage?: string;
  repository?: string | { url?: string };
}

const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageJson;

export const PACKAGE_VERSION = pkg.version;

/** The repository's web address, from package.json `repository` (git+https://...git -> https://...). */
export const REPOSITORY_URL = (typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? ''))
  .replace(/^git\+/, '')
  .replace(/\.git$/, '');

/**
 * An absolute link to a file of the repository (a rule's docs page), for reports read outside
 * it: SARIF in a code-scanning UI, a markdown catalog pasted into a wiki, an HTML report.
 */
export function repositoryFileUrl(relativePath: string): string {
  return `${REPOSITORY_URL}/blob/main/${relativePath.split(path.sep).join('/')}`;
}
