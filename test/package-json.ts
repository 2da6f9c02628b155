import * as fs from 'node:fs';
import * as path from 'node:path';

/** The fields of the repository's package.json that tests read. */
export interface PackageJson {
  name: string;
  license: string;
  version: string;
  engines: { node: string };
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  scripts: Record<string, string | undefined>;
  files: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

export const REPOSITORY_ROOT = path.resolve(__dirname, '..');

/** The repository's package.json, read fresh. */
export function readPackageJson(): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as PackageJson;
}
