import type { LintOptions } from '../src/run/lint.js';
import type { BundledRulesetName } from '../src/rule-kit.js';
import { BUNDLED_RULESET_DEFINITIONS } from '../src/rules/bundled-rulesets.js';

/*
 * The bundled rulesets built in memory from the rule registry (src/rules/bundled-rulesets.ts),
 * with the functions of functions/*.ts that this test run imports. rulesets/*.yaml load the
 * compiled functions from dist/, which only a build refreshes: a rule test linting with them
 * would pass against the last build, not the code under test. test/source-ruleset.test.ts checks
 * these define the same rules as the YAML; test/spectral-cli.test.ts runs the YAML with dist/ in
 * the stock spectral CLI.
 */

/** The bundled rulesets, rules run from source. */
export const SOURCE_RULESETS = BUNDLED_RULESET_DEFINITIONS;

/** A lintOne `ruleset` with the bundled names (and the default, recommended) run from source; any other as given. */
export function fromSource(ruleset: LintOptions['ruleset'] = 'recommended'): LintOptions['ruleset'] {
  return typeof ruleset === 'string' && Object.hasOwn(SOURCE_RULESETS, ruleset) ? SOURCE_RULESETS[ruleset as BundledRulesetName] : ruleset;
}
