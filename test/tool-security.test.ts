import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPackageJson } from './package-json.js';

const ROOT = path.resolve(__dirname, '..');
const GIT_READER = path.join(ROOT, 'src', 'diff', 'git.ts');

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
    const offenders = [...sourceFiles('src'), ...sourceFiles('functions')].filter(
      file => file !== GIT_READER && pattern.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  // `specguard diff git:REF:path` reads with `git show`: the one program specguard runs, with an
  // argument list from the command line, never through a shell.
  it('runs no program but git, through execFile without a shell', () => {
    const text = readFileSync(GIT_READER, 'utf8');
    expect(text).toContain("import { execFile } from 'node:child_process';");
    expect([...text.matchAll(/\bexecFile\(([^,]+),/g)].map(m => m[1])).toEqual(["'git'"]);
    expect(text).not.toMatch(/\bshell\s*:|(?<!\.)\bexec\(|\bspawn\(|execSync|spawnSync|\bfork\(/);
  });

  it('pins every dependency to an exact version', () => {
    const pkg = readPackageJson();
    const ranges = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(String(v)));
    expect(ranges).toEqual([]);
  });
});
