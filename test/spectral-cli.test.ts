/**
 * specguard's rulesets are plain Spectral rulesets, so the stock `spectral` CLI must report
 * exactly what specguard's own engine reports. This file runs the real CLI (a child process,
 * as a user would) on every example spec and on a throwaway consumer project whose ruleset
 * `extends` specguard through node_modules, and compares it with `lintOne`.
 *
 * Every CLI run is started once, up front and in parallel (all examples share one process); the
 * tests only read the results.
 * Needs the built functions (dist/functions): `npm test` builds first (pretest).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintOne } from '../src/engine/lint.js';
import type { Finding } from '../src/engine/lint.js';
import { RULES } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPECTRAL_CLI = path.join(ROOT, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');
const RECOMMENDED = path.join(ROOT, 'rulesets', 'recommended.yaml');
const EXAMPLES = path.join(ROOT, 'examples');

const ALL_RULES = Object.values(RULES);

/** Codes each insecure example is written to trigger (see examples/README.md). */
const EXPECTED_CODES: Record<string, string[]> = {
  'insecure/openapi-3.0.yaml': ALL_RULES,
  'insecure/swagger-2.0.yaml': ALL_RULES,
};
const SECURE = ['secure/openapi-3.0.yaml', 'secure/openapi-3.1.yaml'];

interface SpectralResult {
  code: string | number;
  path: Array<string | number>;
  severity: number;
  range: Finding['range'];
  source?: string;
  message: string;
}

/**
 * Runs `spectral lint <files> -f json` and returns its results. Exit 1 only means a result
 * reached --fail-severity (error); anything else non-zero, or output that is not JSON, is a failure.
 */
function spectralLint(files: string[], options: { ruleset?: string; cwd: string }): Promise<SpectralResult[]> {
  const args = [SPECTRAL_CLI, 'lint', ...files, '-f', 'json', '--quiet', ...(options.ruleset !== undefined ? ['-r', options.ruleset] : [])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: options.cwd, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      // The exit status, or a string such as ENOENT/ERR_CHILD_PROCESS_STDIO_MAXBUFFER when it did not run.
      const exitCode: unknown = error === null ? 0 : (error as { code?: unknown }).code;
      const fail = (why: string) => reject(new Error(`spectral lint ${files.join(' ')}: ${why}\nstdout: ${stdout.slice(0, 2000)}\nstderr: ${stderr.slice(0, 2000)}`));
      if (exitCode !== 0 && exitCode !== 1) return fail(`exited with ${String(exitCode)} (signal ${String((error as { signal?: unknown } | null)?.signal ?? 'none')})`);
      try {
        const results = JSON.parse(stdout) as SpectralResult[];
        if (!Array.isArray(results)) return fail('output is not a JSON array');
        if (exitCode === 1 && !results.some(r => r.severity === 0)) return fail('exited 1 without an error-level result');
        resolve(results);
      } catch {
        fail('output is not JSON');
      }
    });
  });
}

/** What must agree between the two: code, path, severity, start line (as a sorted multiset). */
function keys(results: Array<Pick<SpectralResult, 'code' | 'path' | 'severity' | 'range'>>): string[] {
  return results.map(r => `${String(r.code)} | ${r.path.join('.')} | ${r.severity} | line ${r.range.start.line}`).sort();
}

function codes(results: Array<{ code: string | number }>): string[] {
  return [...new Set(results.map(r => String(r.code)))].sort();
}

function severitiesOf(results: SpectralResult[], code: string): number[] {
  return [...new Set(results.filter(r => r.code === code).map(r => r.severity))].sort();
}

function specFiles(): string[] {
  return ['insecure', 'secure'].flatMap(dir =>
    fs
      .readdirSync(path.join(EXAMPLES, dir))
      .filter(name => /\.(ya?ml|json)$/.test(name))
      .map(name => `${dir}/${name}`),
  );
}

type Pair = [SpectralResult[], Finding[]];
const FILES = specFiles();
/** Example file (relative to examples/) -> [spectral CLI results, lintOne findings]. */
const exampleRuns = new Map<string, Promise<Pair>>();
/** Consumer ruleset name -> [spectral CLI results, lintOne findings] for the copied insecure spec. */
const consumerRuns = new Map<string, Promise<Pair>>();

const OVERRIDES = `rules:\n  ${RULES.maxLength}: off\n  ${RULES.basic}: warn\n`;
/**
 * Consumer rulesets, one for each form package.json "exports" offers: "." (specguard),
 * "./recommended", "./strict" and "./rulesets/*". `specguard` alone is exercised by the
 * overridden ruleset and by examples/consumer/.spectral.yaml.
 */
const CONSUMER_RULESETS: Record<string, string> = {
  'recommended.yaml': 'extends: ["specguard/recommended"]\n',
  'strict.yaml': 'extends: ["specguard/strict"]\n',
  'rulesets-path.yaml': 'extends: ["specguard/rulesets/strict.yaml"]\n',
  'default-overridden.yaml': `extends: [specguard]\n${OVERRIDES}`,
  'strict-overridden.yaml': `extends: ["specguard/strict"]\n${OVERRIDES}`,
};
/** Severity of the string rule (error in strict, warn in recommended) tells which ruleset was loaded. */
const STRING_RULE_SEVERITY: Record<string, number> = {
  'recommended.yaml': 1,
  'strict.yaml': 0,
  'rulesets-path.yaml': 0,
};
const SHIPPED = '.spectral.yaml';

let project = '';

/** Starts every CLI run at once (one spectral process per ruleset), then waits for all of them. */
beforeAll(async () => {
  // All examples in one spectral process: its start-up (~1.5 s) is most of the cost.
  const allExamples = spectralLint(FILES.map(f => path.join(EXAMPLES, f)), { ruleset: RECOMMENDED, cwd: ROOT });
  for (const file of FILES) {
    const absolute = path.join(EXAMPLES, file);
    const cli = allExamples.then(results => results.filter(r => r.source === absolute));
    exampleRuns.set(file, Promise.all([cli, lintOne(absolute)]));
  }

  // A fresh consumer project with specguard "installed": node_modules/specguard links here.
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'specguard-consumer-'));
  fs.mkdirSync(path.join(project, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'specguard'), 'junction');
  fs.mkdirSync(path.join(project, 'api'));
  const spec = path.join(project, 'api', 'openapi.yaml');
  fs.copyFileSync(path.join(EXAMPLES, 'insecure', 'openapi-3.0.yaml'), spec);
  fs.mkdirSync(path.join(project, 'rulesets'));
  for (const [name, text] of Object.entries(CONSUMER_RULESETS)) {
    const ruleset = path.join(project, 'rulesets', name);
    fs.writeFileSync(ruleset, text);
    consumerRuns.set(name, Promise.all([spectralLint([spec], { ruleset, cwd: project }), lintOne(spec, { ruleset })]));
  }
  // examples/consumer/.spectral.yaml as shipped, found by spectral in the working directory
  // (no -r), the way its comments tell users to run it.
  const shipped = path.join(project, SHIPPED);
  fs.copyFileSync(path.join(EXAMPLES, 'consumer', SHIPPED), shipped);
  consumerRuns.set(SHIPPED, Promise.all([spectralLint([path.join('api', 'openapi.yaml')], { cwd: project }), lintOne(spec, { ruleset: shipped })]));

  // Failures are reported by the tests that read them.
  await Promise.allSettled([...exampleRuns.values(), ...consumerRuns.values()]);
}, 120_000);

afterAll(() => {
  if (project === '') return;
  // Unlink the package link first so nothing can recurse into the checkout it points at.
  fs.rmSync(path.join(project, 'node_modules', 'specguard'), { force: true });
  fs.rmSync(project, { recursive: true, force: true });
});

describe('examples: stock spectral CLI and lintOne agree', () => {
  it('finds every example named in the expectations', () => {
    expect(FILES).toEqual(expect.arrayContaining([...Object.keys(EXPECTED_CODES), ...SECURE]));
  });

  it.each(FILES)('%s: same results from spectral CLI and lintOne', async file => {
    const [cli, engine] = await (exampleRuns.get(file) as Promise<Pair>);
    expect(keys(cli)).toEqual(keys(engine));
    const absolute = path.join(EXAMPLES, file);
    expect(new Set(engine.map(r => r.source))).toEqual(engine.length > 0 ? new Set([absolute]) : new Set());
  });

  it.each(Object.entries(EXPECTED_CODES))('%s: has findings of every expected code', async (file, expected) => {
    const [cli, engine] = await (exampleRuns.get(file) as Promise<Pair>);
    expect(codes(engine)).toEqual(expect.arrayContaining(expected));
    expect(codes(cli)).toEqual(expect.arrayContaining(expected));
  });

  it.each(SECURE)('%s: no finding at error or warn', async file => {
    const [cli, engine] = await (exampleRuns.get(file) as Promise<Pair>);
    expect(engine.filter(f => f.severity <= 1)).toEqual([]);
    expect(cli.filter(r => r.severity <= 1)).toEqual([]);
  });
});

describe('consumer project: extends specguard through node_modules', () => {
  const results = (name: string) => consumerRuns.get(name) as Promise<Pair>;

  it.each(Object.keys(STRING_RULE_SEVERITY))('%s: every rule fires at the severity of the ruleset it names', async name => {
    const [cli, engine] = await results(name);
    expect(codes(cli)).toEqual([...ALL_RULES].sort());
    expect(severitiesOf(cli, RULES.maxLength)).toEqual([STRING_RULE_SEVERITY[name]]);
    for (const code of [RULES.https, RULES.basic, RULES.apiKeyInUrl, RULES.operationSecurity]) {
      expect(severitiesOf(cli, code)).toEqual([0]);
    }
    expect(keys(cli)).toEqual(keys(engine));
  });

  it.each(['default-overridden.yaml', 'strict-overridden.yaml'])('%s: overrides take effect, other rules still fire', async name => {
    const [cli, engine] = await results(name);
    expect(cli.filter(r => r.code === RULES.maxLength)).toEqual([]);
    expect(severitiesOf(cli, RULES.basic)).toEqual([1]);
    for (const code of [RULES.https, RULES.apiKeyInUrl, RULES.operationSecurity]) {
      expect(severitiesOf(cli, code)).toEqual([0]);
    }
    expect(codes(cli)).toEqual([RULES.basic, RULES.apiKeyInUrl, RULES.operationSecurity, RULES.https].sort());
    expect(keys(cli)).toEqual(keys(engine));
  });

  it('examples/consumer/.spectral.yaml works as shipped, found by spectral without -r', async () => {
    const [cli, engine] = await results(SHIPPED);
    expect(cli.filter(r => r.code === RULES.https)).toEqual([]);
    expect(severitiesOf(cli, RULES.maxLength)).toEqual([2]);
    for (const code of [RULES.basic, RULES.apiKeyInUrl, RULES.operationSecurity]) {
      expect(severitiesOf(cli, code)).toEqual([0]);
    }
    expect(keys(cli)).toEqual(keys(engine));
  });
});
