/**
 * `specguard lint`, `lint()` and the rule tests run the bundled rulesets built in memory from the
 * rule registry (src/rules/bundled-rulesets.ts; under vitest, with the source functions); the
 * stock spectral CLI and `extends:` get rulesets/*.yaml, whose functions are the compiled
 * dist/functions. This proves the two are the same rulesets: the same rules with the same severities, `recommended` flags, formats,
 * `given` paths, `resolved`, messages and function options, and the same owner lookups that
 * `defersTo` relies on. The same goes for the user rulesets the test helpers build (severities
 * overridden, function options set) against the YAML a user writes for that. Whether the YAML and
 * dist/ work in the stock spectral CLI is test/spectral-cli.test.ts's proof.
 * Needs the built functions (dist/functions): `npm test` builds first (pretest).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Ruleset } from '@stoplight/spectral-core';
import { describe, expect, it } from 'vitest';
import rateLimitResponse from '../functions/rateLimitResponse.js';
import { BUNDLED_RULESETS, loadRuleset, PACKAGE_ROOT } from '../src/engine/ruleset.js';
import { BUNDLED_RULESET_NAMES } from '../src/rule-kit.js';
import type { BundledRulesetName } from '../src/rule-kit.js';
import { RULES } from '../src/rules/registry.js';
import { ruleDefinition, rulesetOverriding, rulesetWithOptions, tempDir } from './helpers.js';
import { SOURCE_RULESETS } from './source-ruleset.js';

/** What a ruleset means to a run, without what differs by construction (ids, source file, function identity). */
function meaning(ruleset: Ruleset) {
  return {
    formats: [...ruleset.formats].map(format => format.displayName),
    parserOptions: ruleset.parserOptions,
    rules: Object.fromEntries(
      Object.entries(ruleset.rules).map(([code, rule]) => {
        const { owner: _, ...json } = JSON.parse(JSON.stringify(rule)) as Record<string, unknown>;
        const deferrals = RULES.find(r => r.code === code)?.defersTo ?? [];
        return [
          code,
          {
            ...json,
            // `given: '#Document'` resolves through the aliases of the ruleset that declares the rule.
            ownerAliases: rule.owner.aliases,
            // A rule that defers reads its owners' settings as context.rule.owner.rules[code]: the running ones.
            ownersAsRun: deferrals.map(({ owner }) => rule.owner.rules[owner().rule.code] === ruleset.rules[owner().rule.code]),
          },
        ];
      }),
    ),
  };
}

const dir = tempDir('specguard-source-ruleset-');
let files = 0;

/** A user ruleset file extending a bundled YAML one, as a consumer writes it (README "Use it as a base ruleset"). */
function userYaml(base: BundledRulesetName, extra: Record<string, unknown>): string {
  const file = path.join(dir, `ruleset-${++files}.yaml`);
  fs.writeFileSync(file, JSON.stringify({ extends: [BUNDLED_RULESETS[base]], ...extra })); // JSON is YAML
  return file;
}

describe.each(BUNDLED_RULESET_NAMES)('the %s ruleset built from source', name => {
  it('is rulesets/' + name + '.yaml with dist/functions, rule for rule', async () => {
    const fromYaml = meaning(await loadRuleset(BUNDLED_RULESETS[name]));
    expect(Object.keys(fromYaml.rules)).toEqual(RULES.map(rule => rule.code));
    expect(meaning(await loadRuleset(SOURCE_RULESETS[name]))).toEqual(fromYaml);
  });

  it('with severities overridden (an owner rule off) is the YAML user ruleset that overrides them', async () => {
    const severities = { 'specguard-credential-in-url': 'off', 'specguard-server-description': 'warn', 'specguard-server-https': 'info' };
    const fromYaml = await loadRuleset(userYaml(name, { rules: severities }));
    expect(meaning(await loadRuleset(rulesetOverriding(severities, name)))).toEqual(meaning(fromYaml));
  });

  it('with function options set is the YAML user ruleset that sets them', async () => {
    const code = 'specguard-credential-in-url';
    const { functionName } = ruleDefinition(code);
    const functionOptions = { names: ['otp'], ignoredNames: ['magic token'] };
    const fromYaml = await loadRuleset(
      userYaml(name, {
        functionsDir: path.relative(dir, path.join(PACKAGE_ROOT, 'dist', 'functions')),
        functions: [functionName],
        rules: { [code]: { given: '$', then: { function: functionName, functionOptions } } },
      }),
    );
    expect(meaning(await loadRuleset(rulesetWithOptions(code, functionName, functionOptions, name)))).toEqual(meaning(fromYaml));
  });
});

it('runs the functions of functions/*.ts, where the YAML runs dist/functions', async () => {
  const code = rateLimitResponse.rule.code;
  expect((await loadRuleset(SOURCE_RULESETS.recommended)).rules[code].then[0].function).toBe(rateLimitResponse);
  expect((await loadRuleset(BUNDLED_RULESETS.recommended)).rules[code].then[0].function).not.toBe(rateLimitResponse);
});

it.each([undefined, ...BUNDLED_RULESET_NAMES])('loads the bundled ruleset %s from the registry, with no ruleset file read', async name => {
  const code = rateLimitResponse.rule.code;
  const ruleset = await loadRuleset(name);
  expect(ruleset.source).toBeNull();
  expect(ruleset.rules[code].then[0].function).toBe(rateLimitResponse);
  expect(meaning(ruleset)).toEqual(meaning(await loadRuleset(SOURCE_RULESETS[name ?? 'recommended'])));
});
