import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { InputError } from './errors.js';

const SPEC_EXTENSIONS = '{yaml,yml,json,raml}';
const IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface Discovery {
  /** Files to lint, sorted, each once. */
  files: string[];
  /** Problems with the arguments themselves (missing file, empty folder or glob). */
  errors: InputError[];
}

/**
 * Expands the CLI's file, folder and glob arguments. A file named explicitly is always linted
 * (so a non-API file gets a clear error); files found in folders or by globs are linted only
 * when their content looks like an API description, so a folder's package.json is skipped.
 */
export async function discoverFiles(args: string[]): Promise<Discovery> {
  const files = new Set<string>();
  const errors: InputError[] = [];
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => null);
    let found: string[];
    if (stat?.isFile()) {
      files.add(path.resolve(arg));
      continue;
    } else if (stat?.isDirectory()) {
      found = await glob(`**/*.${SPEC_EXTENSIONS}`, { cwd: arg, ignore: IGNORED, absolute: true, dot: false });
    } else if (isDynamicPattern(arg)) {
      found = await glob(arg, { ignore: IGNORED, absolute: true });
    } else {
      errors.push(new InputError(arg, 'no such file or folder'));
      continue;
    }
    const specs = await filterApiDescriptions(found);
    if (specs.length === 0) {
      errors.push(new InputError(arg, stat ? 'no OpenAPI or Swagger description found in this folder' : 'the pattern matched no API description'));
    }
    for (const file of specs) files.add(file);
  }
  return { files: [...files].sort(), errors };
}

async function filterApiDescriptions(files: string[]): Promise<string[]> {
  const keep = await Promise.all(
    files.map(file =>
      fs.readFile(file, 'utf8').then(looksLikeApiDescription, () => true /* unreadable: lint it to report why */),
    ),
  );
  return files.filter((_, i) => keep[i]);
}

/**
 * True when a file's content declares an OpenAPI/Swagger version or a RAML header. Used to pick
 * API descriptions out of a folder; keys may come in any order, so the whole text is searched.
 */
export function looksLikeApiDescription(text: string): boolean {
  return /^\uFEFF?#%RAML/.test(text) || /(^|[{,]\s*)["']?(openapi|swagger)["']?\s*:\s*["']?[23]\./m.test(text);
}
