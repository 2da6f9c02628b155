import type { BundledRulesetName, RuleFormat, RuleMapping, SeverityName } from '../rule-kit.js';
import { defaultOptions } from '../rule-kit.js';
import { RULES } from '../rules/registry.js';

export type { SeverityName } from '../rule-kit.js';

export interface CatalogEntry extends RuleMapping {
  code: string;
  /** Severity in the recommended ruleset (`off` when only strict enables it). */
  severity: SeverityName;
  /** Severity in each bundled ruleset. */
  rulesets: Record<BundledRulesetName, SeverityName>;
  description: string;
  formats: RuleFormat[];
  /** The rule's documentation page, relative to the package root. */
  docs: string;
  /** The rule function (a file in dist/functions) a user ruleset names to override options. */
  function: string;
  /** Each option's default value; the docs page says what each means. */
  options: Record<string, unknown>;
  /** The flaw's risk, 0-10 (SARIF `security-severity`). */
  securitySeverity: number;
}

let catalog: CatalogEntry[] | undefined;

/** Every bundled rule with its mappings, sorted by code, read from the rule definitions. */
export function ruleCatalog(): CatalogEntry[] {
  catalog ??= RULES.map(rule => ({
    code: rule.code,
    severity: rule.severity.recommended,
    rulesets: { ...rule.severity },
    description: rule.description,
    formats: rule.formats,
    owasp: rule.owasp,
    owasp2019: rule.owasp2019,
    cwe: rule.cwe,
    controls: rule.controls,
    docs: `docs/rules/${rule.code}.md`,
    function: rule.functionName,
    options: defaultOptions(rule.options),
    securitySeverity: rule.securitySeverity,
  }));
  return catalog;
}

/**
 * Many findings of one rule in one file often have one cause: GitHub's spec declares no root
 * `security`, so every one of its 1,223 operations is flagged. A rule names such causes (the
 * message that gives them away, and the single change that clears them) so the summary
 * (src/results/summary.ts) can say it once instead of leaving the reader to infer it from a thousand lines.
 */
export interface SharedCause {
  code: string;
  /** Matches the messages this cause produces. */
  message: RegExp;
  /** The one change that clears them, as an instruction. */
  fix: string;
}

/** Every rule's shared causes, with its code. */
export function sharedCauses(): SharedCause[] {
  return RULES.flatMap(rule => (rule.sharedCauses ?? []).map(cause => ({ code: rule.code, ...cause })));
}

export function catalogEntriesFor(results: Array<{ code: string }>): CatalogEntry[] {
  const fired = new Set(results.map(r => r.code));
  return ruleCatalog().filter(entry => fired.has(entry.code));
}
