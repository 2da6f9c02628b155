import { DEFAULT_FORMATS } from '../rule-kit.js';
import type { BundledRulesetName, Rule } from '../rule-kit.js';

/*
 * The bundled rulesets as the rule definitions make them: what specguard runs in memory
 * (bundled-rulesets.ts) and what the build writes out as rulesets/*.yaml and the JavaScript
 * rulesets (src/build/generate.ts), one definition for both.
 */

/** What each bundled ruleset says it is (its `description`, in YAML and JavaScript alike). */
export const RULESET_DESCRIPTIONS: Record<BundledRulesetName, string> = {
  recommended:
    'specguard recommended: OWASP API Security Top 10 (2023) checks for OpenAPI 2.0, 3.0 and 3.1 (RAML through specguard lint), each rule at the severity it deserves.',
  strict: 'specguard strict: the recommended checks with hardening rules raised to error and the governance rules turned on.',
};

/**
 * The bundled rulesets as Spectral ruleset definitions, with formats and functions by name as the
 * YAML spells them: recommended defines every rule, strict (which extends it) changes severities.
 * Rule tests turn the names into the functions of functions/*.ts (test/source-ruleset.ts), so they
 * lint with the rules as they are in the source rather than as last compiled into dist/.
 */
export function bundledRulesetDefinitions(rules: readonly Rule[]) {
  return {
    recommended: {
      description: RULESET_DESCRIPTIONS.recommended,
      formats: DEFAULT_FORMATS,
      parserOptions: PARSER_OPTIONS_OBJECT,
      aliases: ALIASES,
      rules: Object.fromEntries(rules.map(rule => [rule.code, ruleEntry(rule)])),
    },
    strict: { description: RULESET_DESCRIPTIONS.strict, parserOptions: PARSER_OPTIONS_OBJECT, rules: strictOverrides(rules) },
  };
}

/** One rule as the recommended ruleset defines it; `then.function` is the function's name. */
export function ruleEntry(rule: Rule) {
  return {
    description: rule.description,
    message: '{{error}}',
    severity: rule.severity.recommended,
    // Spectral runs a rule whose severity is off and drops its results; `recommended: false`
    // keeps it from running. A severity set by an extending ruleset (strict's) turns it on.
    ...(rule.severity.recommended === 'off' ? { recommended: false } : {}),
    ...(sameFormats(rule.formats, DEFAULT_FORMATS) ? {} : { formats: rule.formats }),
    given: '#Document',
    resolved: true,
    then: { function: rule.functionName },
  };
}

/** The severities strict changes. */
export function strictOverrides(rules: readonly Rule[]): Record<string, string> {
  return Object.fromEntries(
    rules.filter(rule => rule.severity.strict !== rule.severity.recommended).map(rule => [rule.code, rule.severity.strict]),
  );
}

export const PARSER_OPTIONS_OBJECT = { duplicateKeys: 'error', incompatibleValues: 'off' };
/** `given: '#Document'` in every rule: the whole document (each rule reads the index of it). */
export const ALIASES = { Document: ['$'] };

function sameFormats(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every(f => b.includes(f));
}
