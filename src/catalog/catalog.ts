import * as fs from 'node:fs';
import * as path from 'node:path';
// spectral-parsers is CommonJS without detectable named exports.
import parsers from '@stoplight/spectral-parsers';

const { Yaml } = parsers;
import { BUNDLED_RULESETS } from '../engine/package-root.js';
import { RULE_MAPPINGS } from './rules.js';
import type { RuleMapping } from './rules.js';

export type SeverityName = 'error' | 'warn' | 'info' | 'hint' | 'off';

export interface CatalogEntry extends RuleMapping {
  code: string;
  /** Severity in the recommended ruleset (`off` when only strict enables it). */
  severity: SeverityName;
  /** Severity in each bundled ruleset. */
  rulesets: Record<string, SeverityName>;
  description: string;
  formats: string[];
  /** The rule's documentation page, relative to the package root. */
  docs: string;
}

interface RulesetRule {
  description?: string;
  severity?: SeverityName | number;
  formats?: string[];
}

let catalog: CatalogEntry[] | undefined;

/** Every rule in the bundled rulesets with its mappings, sorted by code. */
export function ruleCatalog(): CatalogEntry[] {
  catalog ??= buildCatalog();
  return catalog;
}

export function catalogEntriesFor(results: Array<{ code: string }>): CatalogEntry[] {
  const fired = new Set(results.map(r => r.code));
  return ruleCatalog().filter(entry => fired.has(entry.code));
}

function buildCatalog(): CatalogEntry[] {
  const definitions = new Map<string, RulesetRule & { formats: string[] }>();
  const severities = new Map<string, Record<string, SeverityName>>();
  for (const [name, file] of Object.entries(BUNDLED_RULESETS)) {
    for (const [code, rule, formats] of rulesOf(file)) {
      if (typeof rule === 'object') definitions.set(code, { ...definitions.get(code), ...rule, formats: rule.formats ?? formats });
      const severity = typeof rule === 'object' ? rule.severity : rule;
      const perRuleset = severities.get(code) ?? {};
      perRuleset[name] = severityName(severity);
      severities.set(code, perRuleset);
    }
  }
  return [...definitions.keys()].sort().map(code => {
    const definition = definitions.get(code)!;
    const rulesets = severities.get(code)!;
    const mapping = RULE_MAPPINGS[code] ?? { owasp: [], owasp2019: [], cwe: [], controls: { nist80053: [], soc2: [], hipaa: [] } };
    return {
      code,
      severity: rulesets.recommended ?? 'off',
      rulesets,
      description: definition.description ?? '',
      formats: definition.formats,
      ...mapping,
      docs: `docs/rules/${code}.md`,
    };
  });
}

/** The rules a bundled ruleset defines or overrides, following its local `extends`. */
function rulesOf(file: string): Array<[string, RulesetRule | SeverityName, string[]]> {
  const data = Yaml.parse(fs.readFileSync(file, 'utf8')).data as {
    extends?: string | string[];
    formats?: string[];
    rules?: Record<string, RulesetRule | SeverityName>;
  };
  const inherited = [data.extends ?? []].flat().flatMap(parent => rulesOf(path.resolve(path.dirname(file), parent)));
  const own = Object.entries(data.rules ?? {}).map(
    ([code, rule]) => [code, rule, data.formats ?? []] as [string, RulesetRule | SeverityName, string[]],
  );
  return [...inherited, ...own];
}

function severityName(value: SeverityName | number | undefined): SeverityName {
  if (typeof value === 'string') return value;
  return (['error', 'warn', 'info', 'hint'][value ?? 1] as SeverityName | undefined) ?? 'off';
}

