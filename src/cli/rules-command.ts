import type { CatalogEntry } from '../catalog/catalog.js';
import { repositoryFileUrl } from '../package/package-info.js';
import type { BundledRulesetName } from '../rule-kit.js';

export const CATALOG_FORMATS = ['text', 'json', 'markdown'] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

/**
 * The catalog as `specguard rules` prints it. Text and markdown show each rule's severity in
 * `ruleset`; JSON entries carry every ruleset's (`rulesets`) as the catalog has them.
 */
export function formatCatalog(entries: CatalogEntry[], format: CatalogFormat, ruleset: BundledRulesetName = 'recommended'): string {
  if (format === 'json') return `${JSON.stringify(entries, null, 2)}\n`;
  if (format === 'markdown') {
    const rows = entries.map(
      e =>
        `| [${e.code}](${repositoryFileUrl(e.docs)}) | ${e.rulesets[ruleset]} | ${e.owasp.join(', ')} | ${e.cwe.join(', ')} | ${e.controls.nist80053.join(', ')} | ${e.controls.soc2.join(', ')} | ${e.controls.hipaa.join(', ')} | ${e.description} |`,
    );
    return `| Rule | Severity (${ruleset}) | OWASP 2023 | CWE | NIST 800-53 | SOC 2 | HIPAA | Description |\n|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`;
  }
  if (entries.length === 0) return 'No rule matches these filters.\n';
  const width = Math.max(...entries.map(e => e.code.length), 4);
  const lines = entries.map(
    e => `${e.code.padEnd(width)}  ${e.rulesets[ruleset].padEnd(5)}  ${e.owasp.join(',').padEnd(20)}  ${e.description}`,
  );
  return `${'RULE'.padEnd(width)}  ${'SEV'.padEnd(5)}  ${'OWASP'.padEnd(20)}  DESCRIPTION\n${lines.join('\n')}\n`;
}
