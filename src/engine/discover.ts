import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { discoverableExtensions, inputFormatLabels, isRootApiDescription } from '../input/index.js';
import { InputError } from '../parse/errors.js';
import { DEFAULT_MAX_FILE_BYTES } from '../parse/input-guards.js';

const IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface Discovery {
  /** Files to lint, sorted, each once. */
  files: string[];
  /** Problems with the arguments themselves (missing file, empty folder or glob). */
  errors: InputError[];
}

/**
 * Expands the CLI's file, folder and glob arguments. A file named explicitly is always linted
 * (so a non-API file gets a clear error) unless `ignoreUnknown` says to treat it as a folder's
 * file: a pre-commit hook or lint-staged names every changed YAML, JSON and RAML file. Files
 * found in folders or by globs are linted only when an input adapter recognises their content
 * as a root API description, so a folder's package.json and a RAML project's fragments are skipped.
 */
export async function discoverFiles(args: string[], maxFileBytes = DEFAULT_MAX_FILE_BYTES, ignoreUnknown = false): Promise<Discovery> {
  const files = new Set<string>();
  const errors: InputError[] = [];
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => null);
    let found: string[];
    if (stat?.isFile()) {
      for (const file of ignoreUnknown ? await filterApiDescriptions([path.resolve(arg)], maxFileBytes) : [path.resolve(arg)])
        files.add(file);
      continue;
    }
    // The glob library loads only for a folder or a glob: a run on named files does not need it.
    const { glob, isDynamicPattern } = await import('tinyglobby');
    if (stat?.isDirectory()) {
      found = await glob(candidatePattern(), { cwd: arg, ignore: IGNORED, absolute: true, dot: false });
    } else if (isDynamicPattern(arg)) {
      found = await glob(arg, { ignore: IGNORED, absolute: true });
    } else {
      errors.push(new InputError(arg, 'no such file or folder'));
      continue;
    }
    const specs = await filterApiDescriptions(found, maxFileBytes);
    if (specs.length === 0) {
      const looked = `(looked for ${new Intl.ListFormat('en', { type: 'disjunction' }).format(inputFormatLabels())} root files)`;
      errors.push(
        new InputError(arg, `${stat ? 'no API description found in this folder' : 'the pattern matched no API description'} ${looked}`),
      );
    }
    for (const file of specs) files.add(file);
  }
  return { files: [...files].sort(), errors };
}

/**
 * Reads candidates one at a time, so a folder of thousands of specs is never all in memory; a
 * file over the size limit is kept unread, and linting it reports the limit.
 */
async function filterApiDescriptions(files: string[], maxFileBytes: number): Promise<string[]> {
  const specs: string[] = [];
  for (const file of files) {
    const size = await fs.stat(file).then(
      s => s.size,
      () => 0,
    );
    const isRoot = (text: string) => isRootApiDescription(text, file);
    const keep = size > maxFileBytes || (await fs.readFile(file, 'utf8').then(isRoot, () => true /* unreadable: lint it to say why */));
    if (keep) specs.push(file);
  }
  return specs;
}

/** The files a folder search opens: those with an extension some input adapter reads. */
function candidatePattern(): string {
  const extensions = discoverableExtensions();
  return extensions.length === 1 ? `**/*.${extensions[0]}` : `**/*.{${extensions.join(',')}}`;
}
