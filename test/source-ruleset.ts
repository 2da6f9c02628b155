import type { RulesetDefinition } from '@stoplight/spectral-core';
import * as spectralFormats from '@stoplight/spectral-formats';
import type { LintOptions } from '../src/engine/lint.js';
import type { BundledRulesetName, RuleFormat } from '../src/rule-kit.js';
import { bundledRulesetDefinitions } from '../src/rules/generate.js';
import { RULE_FUNCTIONS, RULES } from '../src/rules/registry.js';

/*
 * The bundled rulesets built in memory from the rule registry, with the functions of
 * functions/*.ts that this test run imports. rulesets/*.yaml load the compiled functions from
 * dist/, which only a build refreshes: a rule test linting with them would pass against the last
 * build, not the code under test. test/source-ruleset.test.ts checks these define the same rules
 * as the YAML; test/spectral-cli.test.ts runs the YAML with dist/ in the stock spectral CLI.
 */

const { recommended, strict } = bundledRulesetDefinitions(RULES);
const formats = (names: readonly RuleFormat[]) => names.map(name => spectralFormats[name]);

const recommendedFromSource = {
  ...recommended,
  formats: formats(recommended.formats),
  rules: Object.fromEntries(
    Object.entries(recommended.rules).map(([code, { formats: names, then, ...rule }]) => [
      code,
      { ...rule, ...(names ? { formats: formats(names) } : {}), then: { function: RULE_FUNCTIONS[then.function] } },
    ]),
  ),
} as RulesetDefinition; // the generated fields are plain strings where Spectral's types name literals

/** The bundled rulesets, rules run from source. */
export const SOURCE_RULESETS: Readonly<Record<BundledRulesetName, RulesetDefinition>> = {
  recommended: recommendedFromSource,
  strict: { ...strict, extends: [recommendedFromSource] } as RulesetDefinition,
};

/** A lintOne `ruleset` with the bundled names (and the default, recommended) run from source; any other as given. */
export function fromSource(ruleset: LintOptions['ruleset'] = 'recommended'): LintOptions['ruleset'] {
  return typeof ruleset === 'string' && Object.hasOwn(SOURCE_RULESETS, ruleset) ? SOURCE_RULESETS[ruleset as BundledRulesetName] : ruleset;
}
