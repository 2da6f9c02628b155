import * as fs from 'node:fs';
import { parseSeverity, RULESET_SEVERITIES } from '../src/findings/severity.js';
import type { RulesetSeverity, SeverityLevel } from '../src/findings/severity.js';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RulesetDefinition } from '@stoplight/spectral-core';
import { afterAll, describe, expect, it } from 'vitest';
import { lintOne } from '../src/run/lint.js';
import type { LintOptions } from '../src/run/lint.js';
import type { Finding } from '../src/findings/findings.js';
import { BUNDLED_RULESET_NAMES } from '../src/rule-kit.js';
import type { BundledRulesetName, Messages, Rule } from '../src/rule-kit.js';
import { RULE_FUNCTIONS, RULES as DEFINITIONS } from '../src/rules/registry.js';
import { docExamples } from './docs-examples.js';
import { runRamlCase } from './raml/cases.js';
import type { NOT_IN_RAML, RamlCase } from './raml/cases.js';
import { fromSource, SOURCE_RULESETS } from './source-ruleset.js';

/**
 * Lints an in-memory YAML/JSON document with the bundled recommended ruleset (or `options.ruleset`),
 * the bundled rulesets' rules run from source (see source-ruleset.ts).
 */
export async function lintText(content: string, options: LintOptions & { source?: string } = {}): Promise<Finding[]> {
  const { source, ruleset, ...rest } = options;
  return lintOne({ content, source: source ?? 'spec.yaml' }, { ...rest, ruleset: fromSource(ruleset) });
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
  /** A ruleset to lint with instead of the bundled one (see rulesetOverriding); the rule under test stays on. */
  ruleset?: RulesetDefinition;
  /** The bundled ruleset whose severity the rule runs at (default: the first that turns it on). */
  at?: BundledRulesetName;
}

/** A valid case: a document that must give the rule under test no finding. */
export type ValidCase = Omit<RuleCase, 'expected'>;

/**
 * The one rule test harness: runs a rule's case tables, typescript-eslint RuleTester style.
 * Invalid cases must give exactly their findings (at least one), valid ones none, and odd shapes
 * (never crash) exactly theirs. Every case lints with the rule under test switched on, so a valid
 * case of a rule a ruleset leaves off still tests something. The generic checks every rule gets
 * from its definition run too (see runGenericChecks).
 */
export function runRuleCases(
  code: string,
  tables: { invalid: RuleCase[]; valid: ValidCase[]; oddShapes?: RuleCase[]; raml: RamlCase | typeof NOT_IN_RAML },
): void {
  it.each(tables.invalid)('flags $name', async c => {
    // An invalid case that expects nothing passes with the rule doing nothing.
    expect(c.expected.length, 'an invalid case must expect at least one finding').toBeGreaterThan(0);
    expect(await findingsOf(code, c.spec, { ruleset: rulesetUnderTest(code, c) })).toEqual(c.expected);
  });
  it.each(tables.valid)('accepts $name', async c => {
    expect(await findingsOf(code, c.spec, { ruleset: rulesetUnderTest(code, c) })).toEqual([]);
  });
  if (tables.oddShapes && tables.oddShapes.length > 0) {
    it.each(tables.oddShapes)('does not crash: $name', async c => {
      expect(await findingsOf(code, c.spec, { ruleset: rulesetUnderTest(code, c) })).toEqual(c.expected);
    });
  }
  runGenericChecks(code, tables.raml);
}

/** The case's ruleset (or the bundled one it names) with rule `code` on at the severity the case runs it at. */
function rulesetUnderTest(code: string, c: Pick<RuleCase, 'ruleset' | 'at'>): RulesetDefinition {
  const at = c.at ?? firstRulesetWith(code);
  const severity = ruleDefinition(code).severity[at];
  if (severity === 'off') throw new Error(`${code} is off in ${at}: run the case at a ruleset that turns it on`);
  return { extends: [c.ruleset ?? SOURCE_RULESETS[at]], rules: { [code]: severity } };
}

/**
 * The rule's own message builders, for expected findings (`messagesOf(CODE).plainUrl({ url, ... })`)
 * instead of retyped text. A key the rule has no message for, or a part the message reads that
 * the test does not give, throws, so a typo cannot produce an expected message with `undefined` in it.
 */
export function messagesOf(code: string): Messages {
  const messages = ruleDefinition(code).messages;
  return new Proxy(messages, {
    get(all, key) {
      if (typeof key !== 'string' || !Object.hasOwn(all, key)) throw new Error(`${code} has no message "${String(key)}"`);
      return (parts: Record<string, string>) =>
        all[key](
          new Proxy(parts, {
            get(given, part) {
              if (typeof part === 'string' && !Object.hasOwn(given, part))
                throw new Error(`${code} message ${key} needs the part "${part}"`);
              return given[part as string];
            },
          }),
        );
    },
  });
}

/** The definition of the rule with this code; throws for a code no rule has. */
export function ruleDefinition(code: string): Rule {
  const rule = DEFINITIONS.find(r => r.code === code);
  if (rule === undefined) throw new Error(`no rule ${code} in functions/`);
  return rule;
}

/** A ruleset severity name as the level findings carry (src/findings/severity.ts is the one vocabulary). */
export const SEVERITY_NUMBER = Object.fromEntries(RULESET_SEVERITIES.map(name => [name, parseSeverity(name)!])) as Record<
  RulesetSeverity,
  SeverityLevel
>;

/**
 * What every rule must do, checked from its definition on its docs page's Bad examples: each
 * bundled ruleset reports it at the severity the definition gives (or not at all when `off`),
 * an empty options object behaves as the defaults, and an unknown option is a ruleset error.
 * Then the rule's RAML case (test/raml/cases.ts), or the check that its definition says why it has none.
 */
export function runGenericChecks(code: string, raml: RamlCase | typeof NOT_IN_RAML): void {
  const rule = ruleDefinition(code);
  runRamlCase(code, raml, rule.notInRaml);
  const bad = docExamples(code).bad;
  describe('generic checks from the definition', () => {
    it('its docs page has a Bad example to check them on', () => {
      expect(bad.length, `docs/rules/${code}.md has no Bad example`).toBeGreaterThan(0);
    });
    it.each(BUNDLED_RULESET_NAMES.map(name => [name, rule.severity[name]] as const))(
      '%s ruleset: severity %s',
      async (ruleset, severity) => {
        for (const example of bad) {
          const severities = [...new Set((await findingsOf(code, example.content, { ruleset })).map(f => f.severity))];
          expect(severities, `${example.where}`).toEqual(severity === 'off' ? [] : [SEVERITY_NUMBER[severity]]);
        }
      },
    );
    it('an empty options object in a user ruleset behaves as the defaults', async () => {
      const ruleset = rulesetWithOptions(code, rule.functionName, {});
      for (const example of bad) {
        expect(await findingsOf(code, example.content, { ruleset }), example.where).toEqual(await findingsOf(code, example.content));
      }
    });
    it('an unknown option is a ruleset error naming it, not silently ignored', async () => {
      const ruleset = rulesetWithOptions(code, rule.functionName, { notAnOptionOfThisRule: true });
      await expect(findingsOf(code, bad[0].content, { ruleset })).rejects.toThrow(/invalid ruleset: .*notAnOptionOfThisRule/);
    });
  });
}

/**
 * The code of each bundled rule, by its function name (`RULES.serverHttps`), derived from the
 * definitions. A name no rule has throws, so a typo cannot make an assertion vacuous.
 */
export const RULES: Readonly<Record<string, string>> = new Proxy(Object.fromEntries(DEFINITIONS.map(r => [r.functionName, r.code])), {
  get(codes, name) {
    if (typeof name === 'string' && Object.hasOwn(codes, name)) return codes[name];
    throw new Error(`RULES.${String(name)}: no rule has that function name`);
  },
});

/** Every bundled rule's code, sorted. */
export const RULE_CODES: readonly string[] = DEFINITIONS.map(r => r.code);

/** A document header for each OpenAPI version, so one case can be written once per version. */
export const HEADERS = {
  '2.0': "swagger: '2.0'\ninfo: {title: t, version: '1'}\n",
  '3.0': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n",
  '3.1': "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n",
} as const;

/** An OpenAPI 3.x document whose components.securitySchemes block is `schemes` (YAML indented 4), then `extra`. */
export const oas3WithSchemes = (version: '3.0' | '3.1', schemes: string, extra = '') =>
  `${HEADERS[version]}paths: {}\ncomponents:\n  securitySchemes:\n${schemes}${extra}`;
/** A Swagger 2.0 document whose securityDefinitions block is `definitions` (YAML indented 2), then `extra`. */
export const oas2WithDefinitions = (definitions: string, extra = '') =>
  `${HEADERS['2.0']}paths: {}\nsecurityDefinitions:\n${definitions}${extra}`;
export const OAS3_SCHEMES: readonly string[] = ['components', 'securitySchemes'];
export const OAS2_DEFINITIONS: readonly string[] = ['securityDefinitions'];

/** The first bundled ruleset (recommended, then strict) that turns the rule on. */
export function firstRulesetWith(code: string): BundledRulesetName {
  const rule = ruleDefinition(code);
  return BUNDLED_RULESET_NAMES.find(name => rule.severity[name] !== 'off') ?? 'recommended';
}

/**
 * A finding of rule `code` as findingsOf returns it, at the severity the recommended ruleset
 * gives it (strict's, for a rule only strict turns on: pass that ruleset to findingsOf too).
 */
export function findingOf(code: string) {
  const severity = ruleDefinition(code).severity[firstRulesetWith(code)];
  if (severity === 'off') throw new Error(`${code} is off in every bundled ruleset: it has no findings to expect`);
  return (message: string, path: Array<string | number>) => ({ code, message, path, severity: SEVERITY_NUMBER[severity] });
}

/** A fresh temporary folder, removed after the calling test file's tests. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A user ruleset extending a bundled one with rule severities changed (`off` included): how a
 * team turns a rule off, and how a test sees what another rule does when the rule that owns a
 * place is off (see RuleDefinition.defersTo). Built in memory on the rules from source, as a
 * YAML `extends: [specguard]` ruleset would say it (test/source-ruleset.test.ts compares the two).
 */
export function rulesetOverriding(severities: Record<string, string>, base: BundledRulesetName = 'recommended'): RulesetDefinition {
  // A misspelt code would silently add a new rule instead of overriding one.
  for (const code of Object.keys(severities)) ruleDefinition(code);
  return { extends: [SOURCE_RULESETS[base]], rules: severities } as RulesetDefinition;
}

/**
 * A user ruleset extending a bundled one that overrides one rule's function options, the way a
 * consumer does (README "Use it as a base ruleset": restate `given`, name the function). Spectral
 * merges the override into the existing rule, so its severity, message and `resolved` stay as
 * the bundled ruleset sets them. `functionName` is the rule's function, here from functions/.
 */
export function rulesetWithOptions(
  code: string,
  functionName: string,
  functionOptions: unknown,
  base: BundledRulesetName = 'recommended',
): RulesetDefinition {
  ruleDefinition(code);
  const rule = { given: '$', then: { function: RULE_FUNCTIONS[functionName], functionOptions } };
  return { extends: [SOURCE_RULESETS[base]], rules: { [code]: rule } };
}
