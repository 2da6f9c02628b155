import type { RulesetDefinition } from '@stoplight/spectral-core';
import * as spectralFormats from '@stoplight/spectral-formats';
import type { BundledRulesetName, RuleFormat } from '../rule-kit.js';
import { bundledRulesetDefinitions } from './ruleset-definitions.js';
import { RULE_FUNCTIONS, RULES } from './registry.js';

/*
 * The bundled rulesets built in memory from the rule registry, each rule's `then.function` its
 * function imported directly. This is what `specguard lint` and `lint()` run for `recommended`
 * and `strict`: no ruleset file is read and nothing is bundled at run time (rollup, which
 * rulesets/*.yaml go through, takes most of a second). From dist/ the functions are the
 * compiled dist/functions, the very files rulesets/*.yaml name; under a test runner, the source
 * in functions/. test/source-ruleset.test.ts proves these define the same rules as the YAML.
 */

const { recommended, strict } = bundledRulesetDefinitions(RULES);
const formats = (names: readonly RuleFormat[]) => names.map(name => spectralFormats[name]);

const recommendedInMemory = {
  ...recommended,
  formats: formats(recommended.formats),
  rules: Object.fromEntries(
    Object.entries(recommended.rules).map(([code, { formats: names, then, ...rule }]) => [
      code,
      { ...rule, ...(names ? { formats: formats(names) } : {}), then: { function: RULE_FUNCTIONS[then.function] } },
    ]),
  ),
} as RulesetDefinition; // the generated fields are plain strings where Spectral's types name literals

/** The bundled rulesets as Spectral ruleset definitions, by name. */
export const BUNDLED_RULESET_DEFINITIONS: Readonly<Record<BundledRulesetName, RulesetDefinition>> = {
  recommended: recommendedInMemory,
  strict: { ...strict, extends: [recommendedInMemory] } as RulesetDefinition,
};
