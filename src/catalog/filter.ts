import type { BundledRulesetName } from '../rule-kit.js';
import { parseSeverity, rulesetSeverity, SEVERITY_SPELLINGS } from '../findings/severity.js';
import type { RuleSetting } from '../findings/severity.js';
import type { CatalogEntry } from './catalog.js';

/*
 * Picking rules from the catalog (`specguard rules --ruleset strict --owasp API2 --severity warn`):
 * by OWASP API Security Top 10 2023 category and by the severity a bundled ruleset gives them.
 */

export interface CatalogFilter {
  /** The bundled ruleset whose severities `severity` is compared with. Default: recommended. */
  ruleset?: BundledRulesetName;
  /** An OWASP 2023 category as the catalog spells it (`API2:2023`; see parseOwaspCategory). */
  owasp?: string;
  /** The rule's setting in `ruleset`. */
  severity?: RuleSetting;
}

export const OWASP_2023_CATEGORIES = Array.from({ length: 10 }, (_, i) => `API${i + 1}:2023`);

/** Each category's name in the OWASP API Security Top 10 2023. */
export const OWASP_2023_NAMES: Readonly<Record<string, string>> = {
  'API1:2023': 'Broken Object Level Authorization',
  'API2:2023': 'Broken Authentication',
  'API3:2023': 'Broken Object Property Level Authorization',
  'API4:2023': 'Unrestricted Resource Consumption',
  'API5:2023': 'Broken Function Level Authorization',
  'API6:2023': 'Unrestricted Access to Sensitive Business Flows',
  'API7:2023': 'Server Side Request Forgery',
  'API8:2023': 'Security Misconfiguration',
  'API9:2023': 'Improper Inventory Management',
  'API10:2023': 'Unsafe Consumption of APIs',
};

/** What a user may type for a category, e.g. in an error message: `API1` to `API10`, with `:2023` or without. */
export const OWASP_SPELLINGS = `${OWASP_2023_CATEGORIES.map(id => id.replace(/:2023$/, '')).join(', ')} (with or without :2023)`;

/** `API2`, `api2` or `API2:2023` as the catalog's `API2:2023`; undefined for anything else. */
export function parseOwaspCategory(value: string): string | undefined {
  const match = /^API(\d+)(?::2023)?$/i.exec(value.trim());
  const id = match ? `API${Number(match[1])}:2023` : undefined;
  return id !== undefined && OWASP_2023_CATEGORIES.includes(id) ? id : undefined;
}

/** Every spelling a rule's setting may be given in (`warning` is `warn`). */
export const RULE_SETTING_SPELLINGS = [...SEVERITY_SPELLINGS, 'off'] as const;

/** A severity name (any spelling parseSeverity knows) or `off`, as rulesets spell it; undefined for anything else. */
export function parseRuleSetting(value: string): RuleSetting | undefined {
  if (value.trim().toLowerCase() === 'off') return 'off';
  const level = parseSeverity(value);
  return level === undefined ? undefined : rulesetSeverity(level);
}

/** The entries that match every filter given, in catalog order. */
export function filterCatalog(entries: readonly CatalogEntry[], filter: CatalogFilter): CatalogEntry[] {
  const ruleset = filter.ruleset ?? 'recommended';
  return entries.filter(
    entry =>
      (filter.owasp === undefined || entry.owasp.includes(filter.owasp)) &&
      (filter.severity === undefined || entry.rulesets[ruleset] === filter.severity),
  );
}
