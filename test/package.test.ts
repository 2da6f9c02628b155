/**
 * The published package, as users get it: what the tarball holds (`npm pack`), and two fresh
 * consumer projects. One installs the packed tarball with npm, as from the registry (no
 * `overrides` of ours apply there). The other installs only the stock spectral CLI and links
 * specguard as a folder, as `npm install ../specguard` does, so specguard's own dependencies are
 * not in its node_modules (as with pnpm without hoisting).
 * Needs the built package (dist/): `npm test` builds first (pretest). The installs read the npm
 * cache first (--prefer-offline), so only packages the cache lacks are fetched.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintOne } from '../src/run/lint.js';
import { FIRST_FIXED } from './advisories.js';
import { spectralLint } from './spectral-run.js';
import { readPackageJson } from './package-json.js';

const ROOT = path.resolve(__dirname, '..');
const exec = promisify(execFile);
const PKG = readPackageJson();

/** SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt, byte for byte. */
const APACHE_2_0_SHA256 = 'cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30';

/** npm as a user runs it: none of the npm_* settings `npm test` passes to its children. */
const USER_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^npm_(config_(prefix|local_prefix|global)|package_|lifecycle_)/i.test(name)),
);
const npm = (args: string[], cwd: string) => exec('npm', args, { cwd, env: USER_ENV, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
const INSTALL = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'];

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'specguard-package-'));
let tarball = '';
let packed: string[] = [];
/** Installed the packed tarball. */
const fromTarball = path.join(base, 'tarball-consumer');
/** Installed only @stoplight/spectral-cli; node_modules/specguard links to this checkout. */
const fromFolder = path.join(base, 'folder-consumer');
const theirSpectral = path.join(fromFolder, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');
const INSECURE = path.join(ROOT, 'examples', 'insecure', 'openapi-3.0.yaml');

function project(dir: string): void {
  fs.mkdirSync(path.join(dir, 'api'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), `{"name": "${path.basename(dir)}", "version": "1.0.0", "private": true}\n`);
  fs.copyFileSync(INSECURE, path.join(dir, 'api', 'openapi.yaml'));
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'vendor'))) throw new Error('dist/ is not built: run npm run compile first');
  // prepack would rebuild dist/ under the other test files' feet; pretest has built it.
  const { stdout } = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', base], ROOT);
  const [{ filename, files }] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(base, filename);
  packed = files.map(f => f.path);
  project(fromTarball);
  project(fromFolder);
  await Promise.all([
    npm([...INSTALL, tarball], fromTarball),
    npm([...INSTALL, `@stoplight/spectral-cli@${PKG.devDependencies['@stoplight/spectral-cli']}`], fromFolder).then(() =>
      fs.symlinkSync(ROOT, path.join(fromFolder, 'node_modules', 'specguard'), 'junction'),
    ),
  ]);
}, 300_000);

afterAll(() => {
  // Unlink the folder install first, so nothing can recurse into the checkout it points at.
  fs.rmSync(path.join(fromFolder, 'node_modules', 'specguard'), { force: true });
  fs.rmSync(base, { recursive: true, force: true });
}, 300_000);

describe('package contents', () => {
  it('LICENSE is the standard Apache License 2.0 text, as package.json declares, and ships in the tarball', () => {
    expect(PKG.license).toBe('Apache-2.0');
    expect(
      createHash('sha256')
        .update(fs.readFileSync(path.join(ROOT, 'LICENSE')))
        .digest('hex'),
    ).toBe(APACHE_2_0_SHA256);
    expect(packed).toContain('LICENSE');
  });

  it('ships the single-file rulesets to host at a URL', () => {
    expect(packed).toEqual(expect.arrayContaining(['dist/hosted/specguard-recommended.js', 'dist/hosted/specguard-strict.js']));
  });

  it('ships the vendored RAML parser with its manifest and licences', () => {
    expect(packed).toEqual(
      expect.arrayContaining(['dist/vendor/raml-1-parser.cjs', 'dist/vendor/raml-1-parser.json', 'dist/vendor/raml-1-parser.LICENSES.txt']),
    );
  });
});

interface NpmLsNode {
  version?: string;
  dependencies?: Record<string, NpmLsNode>;
}

/** Every installed package in `npm ls --all --json`, as name@version. */
function installed(node: NpmLsNode, found = new Set<string>()): Set<string> {
  for (const [name, child] of Object.entries(node.dependencies ?? {})) {
    found.add(`${name}@${child.version}`);
    installed(child, found);
  }
  return found;
}

describe('a project that installs the packed tarball', () => {
  it('gets no package at a version with a known advisory, and no raml-1-parser tree (it is vendored)', async () => {
    const { stdout } = await npm(['ls', '--all', '--json'], fromTarball);
    const packages = [...installed(JSON.parse(stdout) as NpmLsNode)];
    expect(packages).toContain(`specguard@${PKG.version}`);
    expect(packages.filter(p => /^raml-/.test(p))).toEqual([]);
    for (const [name, { version, advisory }] of Object.entries(FIRST_FIXED)) {
      const vulnerable = packages.filter(p => p.startsWith(`${name}@`) && semver.lt(p.slice(name.length + 1), version));
      expect(vulnerable, advisory).toEqual([]);
    }
  });

  it('ships LICENSE', () => {
    expect(fs.readFileSync(path.join(fromTarball, 'node_modules', 'specguard', 'LICENSE'), 'utf8')).toMatch(
      /^\s*Apache License\s+Version 2\.0/,
    );
  });

  it('lints RAML with the vendored parser: findings at RAML file and line', async () => {
    const bin = path.join(fromTarball, 'node_modules', '.bin', 'specguard');
    const api = path.join(ROOT, 'examples', 'insecure-raml', 'api.raml');
    const run = await exec(bin, ['lint', api, '-f', 'json'], { cwd: fromTarball, env: USER_ENV }).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect((run as { code?: number }).code).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ code: string; source: string }>;
    expect(results.length).toBeGreaterThan(0);
    expect(results.some(r => r.source === api && r.code === 'specguard-server-https')).toBe(true);
  });

  it('the stock spectral CLI runs `extends: [specguard]`', async () => {
    fs.writeFileSync(path.join(fromTarball, '.spectral.yaml'), 'extends: [specguard]\n');
    const results = await spectralLint(['api/openapi.yaml'], { cwd: fromTarball, cli: theirSpectral });
    expect(codes(results)).toEqual(codes(await lintOne(path.join(fromTarball, 'api', 'openapi.yaml'))));
  });

  it("the stock spectral CLI runs a ruleset.mjs that imports 'specguard/strict'", () => jsRulesetRun(fromTarball));
});

/** A JS ruleset that extends the bundled strict one and turns one rule off, run by the project's stock spectral CLI. */
async function jsRulesetRun(project: string) {
  const ruleset = path.join(project, 'ruleset.mjs');
  fs.writeFileSync(
    ruleset,
    "import strict from 'specguard/strict';\nexport default { extends: [strict], rules: { 'specguard-server-https': 'off' } };\n",
  );
  const results = await spectralLint(['api/openapi.yaml'], { cwd: project, cli: theirSpectral, ruleset });
  const strict = (await lintOne(path.join(project, 'api', 'openapi.yaml'), { ruleset: 'strict' })).filter(
    f => f.code !== 'specguard-server-https',
  );
  expect(results.length).toBeGreaterThan(0);
  expect(codes(results)).toEqual(codes(strict));
}

function codes(results: Array<{ code: string | number }>): string[] {
  return [...new Set(results.map(r => String(r.code)))].sort();
}

describe('a project that links specguard as a folder (npm install ../specguard)', () => {
  it("cannot resolve specguard's dependencies itself (what the rulesets must not rely on)", () => {
    const theirs = createRequire(path.join(fromFolder, 'package.json'));
    expect(() => theirs.resolve('@eslint-community/regexpp')).toThrow(/Cannot find module/);
    expect(() => theirs.resolve('scslre')).toThrow(/Cannot find module/);
  });

  it('the stock spectral CLI runs `extends: [specguard]`, with the same findings as specguard', async () => {
    fs.writeFileSync(path.join(fromFolder, '.spectral.yaml'), 'extends: [specguard]\n');
    const results = await spectralLint(['api/openapi.yaml'], { cwd: fromFolder, cli: theirSpectral });
    const ours = await lintOne(path.join(fromFolder, 'api', 'openapi.yaml'));
    expect(results.length).toBeGreaterThan(0);
    expect(results.map(r => `${r.code} ${r.path.join('.')}`).sort()).toEqual(ours.map(r => `${r.code} ${r.path.join('.')}`).sort());
  });

  it("the stock spectral CLI runs a ruleset.mjs that imports 'specguard/strict'", () => jsRulesetRun(fromFolder));
});
