/**
 * The one severity vocabulary. Spectral numbers severities 0 (error) to 3 (hint) and spells a
 * warning `warn` in rulesets; people (and our own output) say `warning`. Both spellings are
 * accepted wherever a user names a severity.
 */
export const SEVERITY_LEVELS = [0, 1, 2, 3] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/** As rulesets spell them (Spectral's `DiagnosticSeverity` names). */
export const RULESET_SEVERITIES = ['error', 'warn', 'info', 'hint'] as const;
export type RulesetSeverity = (typeof RULESET_SEVERITIES)[number];

/** What a ruleset may set a rule to: a severity, or `off`. */
export const RULE_SETTINGS = [...RULESET_SEVERITIES, 'off'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

/** As reports print them. */
export const DISPLAY_SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

/** Every spelling a user may type, e.g. for `--fail-severity`. */
export const SEVERITY_SPELLINGS = ['error', 'warn', 'warning', 'info', 'hint'] as const;

const BY_NAME: Record<string, SeverityLevel> = { error: 0, warn: 1, warning: 1, info: 2, information: 2, hint: 3 };

/** The level a name stands for (case-insensitive), or undefined for an unknown name. */
export function parseSeverity(name: string): SeverityLevel | undefined {
  return BY_NAME[name.trim().toLowerCase()];
}

export const displaySeverity = (level: SeverityLevel): string => DISPLAY_SEVERITIES[level];
export const rulesetSeverity = (level: SeverityLevel): RulesetSeverity => RULESET_SEVERITIES[level];
