import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPackageJson } from './package-json.js';

const ROOT = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.ts'))
    .map(entry => path.join(entry.parentPath, entry.name));
}

describe('the security of the tool itself', () => {
  // Document content must never become code or a command line. Spectral evaluates only ruleset
  // code (as the spectral CLI does); our own code has no way to run anything.
  it.each([
    ['eval(', /\beval\s*\(/],
    ['new Function(', /\bnew\s+Function\s*\(/],
    ['child_process', /child_process/],
    ['vm module', /from ['"](node:)?vm['"]/],
  ])('src/ and functions/ never use %s', (_name, pattern) => {
    const offenders = [...sourceFiles('src'), ...sourceFiles('functions')].filter(file => pattern.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('pins every dependency to an exact version', () => {
    const pkg = readPackageJson();
    const ranges = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(String(v)));
    expect(ranges).toEqual([]);
  });
});
