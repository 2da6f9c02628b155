import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { lintOne } from '../src/engine/lint.js';
import type { Finding, LintOptions } from '../src/engine/lint.js';
import { PACKAGE_ROOT } from '../src/engine/ruleset.js';

/** Lints an in-memory YAML/JSON document with the bundled recommended ruleset (or `options.ruleset`). */
export async function lintText(content: string, options: LintOptions & { source?: string } = {}): Promise<Finding[]> {
  const { source, ...rest } = options;
  return lintOne({ content, source: source ?? 'spec.yaml' }, rest);
}

/** Only the findings of one rule, as {code, message, path, severity} for exact comparison. */
export async function findingsOf(code: string, content: string, options: LintOptions = {}) {
  return (await lintText(content, options))
    .filter(f => f.code === code)
    .map(({ code, message, path, severity }) => ({ code, message, path, severity }));
}

/** A table case: a document and every finding of the rule under test, exactly. */
export interface RuleCase {
  name: string;
  spec: string;
  expected: Awaited<ReturnType<typeof findingsOf>>;
}

/**
 * Runs a rule's case tables, typescript-eslint RuleTester style: invalid cases must give exactly
 * their findings, valid ones none, and odd shapes (never crash) exactly theirs.
 */
export function runRuleCases(
  code: string,
  tables: { invalid: RuleCase[]; valid: Array<Omit<RuleCase, 'expected'>>; oddShapes?: RuleCase[] },
): void {
  it.each(tables.invalid)('flags $name', async ({ spec, expected }) => {
    expect(await findingsOf(code, spec)).toEqual(expected);
  });
  it.each(tables.valid)('accepts $name', async ({ spec }) => {
    expect(await findingsOf(code, spec)).toEqual([]);
  });
  if (tables.oddShapes && tables.oddShapes.length > 0) {
    it.each(tables.oddShapes)('does not crash: $name', async ({ spec, expected }) => {
      expect(await findingsOf(code, spec)).toEqual(expected);
    });
  }
}

/** The codes of the bundled rules, by a short name. */
export const RULES = {
  https: 'specguard-server-https',
  basic: 'specguard-no-http-basic',
  apiKeyInUrl: 'specguard-no-api-key-in-url',
  operationSecurity: 'specguard-operation-security',
  maxLength: 'specguard-string-max-length',
} as const;

/** A document header for each OpenAPI version, so one case can be written once per version. */
export const HEADERS = {
  '2.0': "swagger: '2.0'\ninfo: {title: t, version: '1'}\n",
  '3.0': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n",
  '3.1': "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n",
} as const;

/** A fresh temporary folder, removed after the calling test file's tests. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/*
 * User rulesets for option tests: one temp folder per test file (vitest evaluates this module
 * once per test file), created on first use and removed after that file's tests.
 */
let rulesetDir: string | undefined;
let rulesetCount = 0;

function removeRulesetDir(): void {
  if (rulesetDir !== undefined) fs.rmSync(rulesetDir, { recursive: true, force: true });
  rulesetDir = undefined;
}
afterAll(removeRulesetDir);

/**
 * Writes a user ruleset that extends the bundled recommended ruleset and overrides one rule's
 * function options, the way a consumer does (README "Use it as a base ruleset"), and returns
 * its path. Spectral merges the override into the existing rule, so its severity, message and
 * `resolved` stay as recommended sets them. `functionName` is the rule's function (a file in
 * dist/functions): Spectral scopes functions to the ruleset that declares them, so the user
 * ruleset must declare it again to set options.
 */
export function rulesetWithOptions(code: string, functionName: string, functionOptions: unknown): string {
  const recommended = path.join(PACKAGE_ROOT, 'rulesets', 'recommended.yaml');
  // A misspelt code would silently add a new rule instead of overriding one.
  if (!fs.readFileSync(recommended, 'utf8').includes(`\n  ${code}:\n`)) {
    throw new Error(`rulesetWithOptions: ${code} is not a rule of ${recommended}`);
  }
  rulesetDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'specguard-test-rulesets-'));
  const file = path.join(rulesetDir, `${code}-${++rulesetCount}.yaml`);
  const ruleset = {
    extends: [recommended],
    // Spectral rejects an absolute functionsDir: it must be relative to the ruleset file.
    functionsDir: path.relative(rulesetDir, path.join(PACKAGE_ROOT, 'dist', 'functions')),
    functions: [functionName],
    rules: { [code]: { given: '$', then: { function: functionName, functionOptions } } },
  };
  fs.writeFileSync(file, JSON.stringify(ruleset, null, 2)); // JSON is YAML
  return file;
}
