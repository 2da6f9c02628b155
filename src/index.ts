/** specguard's programmatic API. */
export { lint, lintOne } from './run/lint.js';
export { sortFindings } from './findings/findings.js';
export type { LintInput, LintOptions, LintReport } from './run/lint.js';
export type { ExemptedBy, Finding } from './findings/findings.js';
export type { ExemptionPolicy } from './results/exemptions.js';
export { InputError } from './parse/errors.js';
export { loadRuleset, BUNDLED_RULESETS } from './engine/ruleset.js';
export { ruleCatalog } from './catalog/catalog.js';
export type { CatalogEntry, SeverityName } from './catalog/catalog.js';
export type { RuleMapping, RuleDefinition } from './rule-kit.js';
export { getDocumentIndex, IndexBuildError } from './document-index/index.js';
export type * from './document-index/types.js';
