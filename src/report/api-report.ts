import type { CatalogEntry } from '../catalog/catalog.js';
import { OWASP_2023_CATEGORIES, OWASP_2023_NAMES } from '../catalog/filter.js';
import type { ApiFacts } from '../engine/api-facts.js';
import type { Finding } from '../findings/findings.js';
import type { SharedCause } from '../catalog/catalog.js';
import type { RuleCount } from '../results/summary.js';
import { displayPath, summarize } from '../results/summary.js';
import { DISPLAY_SEVERITIES, displaySeverity } from '../findings/severity.js';
import { HALF_SCORE_PENALTY, rulePenalty, score, SEVERITY_WEIGHTS, topFixes } from './score.js';

/*
 * The data of `specguard report`: every format (json, markdown, html) renders this one value,
 * and `--format json` is this value as it is. Its shape is versioned by REPORT_VERSION and
 * documented in docs/report.md: add fields freely, bump the version for any other change.
 */

export const REPORT_VERSION = 1;

/** Counts by severity, keyed by how reports spell them. */
export type SeverityTally = Record<(typeof DISPLAY_SEVERITIES)[number], number>;

/** The category of a finding whose rule maps to no OWASP category (a user's own rule, a parser error). */
export const OTHER_CATEGORY = 'other';

export interface CategoryTally extends SeverityTally {
  /** `API1:2023` to `API10:2023`, or `other`. */
  category: string;
  name: string;
}

export interface RuleTally {
  code: string;
  /** The rule's first OWASP category: its findings are counted there once. */
  category: string;
  /** The most severe level it reported at. */
  severity: string;
  findings: number;
  /** What the rule's findings cost the score (see score.ts). */
  penalty: number;
  /** Its docs page, for specguard's own rules. */
  docs?: string;
}

export interface ControlCoverage {
  id: string;
  /** Findings of the rules mapped to it. */
  findings: number;
}

export interface FrameworkCoverage {
  framework: FrameworkId;
  name: string;
  /** Every control, category or weakness the rules that ran on the API check, each with its findings. */
  controls: ControlCoverage[];
  checked: number;
  withFindings: number;
}

export interface ReportFinding {
  code: string;
  category: string;
  severity: string;
  message: string;
  path: Array<string | number>;
  /** The file the finding is in (a RAML API's include, a $ref'd file), relative to the run's folder. */
  source: string;
  /** 1-based. */
  line: number;
  column: number;
}

export interface ApiReport {
  /** The API's root file, relative to the run's folder. */
  file: string;
  title?: string;
  /** Why the API could not be checked to the end; it then has no score. */
  notChecked?: string;
  operations: number;
  /** 0-100; null when the API was not checked to the end. */
  score: number | null;
  findings: number;
  bySeverity: SeverityTally;
  /** The ten OWASP categories in order, then `other` when a finding has no category. */
  byCategory: CategoryTally[];
  /** Most findings first. */
  rules: RuleTally[];
  /** The fixes that raise the score most, with a sentence when one change clears the rule's findings. */
  topFixes: Array<{ code: string; findings: number; gain: number; fix?: string }>;
  compliance: FrameworkCoverage[];
  /** Findings an `x-specguard-exempt` reason silenced (not in `findings`, not scored). */
  exemptions: { count: number };
  findingList: ReportFinding[];
}

export interface Report {
  reportVersion: typeof REPORT_VERSION;
  tool: { name: 'specguard'; version: string };
  /** `recommended`, `strict`, or the ruleset file given with --ruleset. */
  ruleset: string;
  score: { severityWeights: SeverityTally; halfScorePenalty: number };
  summary: { apis: number; notChecked: number; findings: number; bySeverity: SeverityTally; exempted: number };
  /** Worst first: APIs not checked to the end, then by score, then by file. */
  apis: ApiReport[];
}

export type FrameworkId = 'owasp' | 'cwe' | 'nist80053' | 'soc2' | 'hipaa';

/** The frameworks each rule definition maps to (see RuleMapping in src/rule-kit.ts). */
export const FRAMEWORKS: ReadonlyArray<{ id: FrameworkId; name: string; of: (entry: CatalogEntry) => string[] }> = [
  { id: 'owasp', name: 'OWASP API Security Top 10 2023', of: entry => entry.owasp },
  { id: 'cwe', name: 'CWE', of: entry => entry.cwe },
  { id: 'nist80053', name: 'NIST SP 800-53 Rev. 5', of: entry => entry.controls.nist80053 },
  { id: 'soc2', name: 'SOC 2 Trust Services Criteria', of: entry => entry.controls.soc2 },
  { id: 'hipaa', name: 'HIPAA Security Rule', of: entry => entry.controls.hipaa },
];

export interface ReportRequest {
  /** Every file linted or tried, as the pipeline lists them (RunOutcome.files). */
  files: readonly string[];
  /** The reported findings, with a `specguard-not-linted` entry for each file that could not be linted. */
  findings: readonly Finding[];
  facts: ReadonlyMap<string, ApiFacts>;
  lintedFileOf: ReadonlyMap<Finding, string>;
  /** Every rule specguard knows (ruleCatalog()). */
  catalog: readonly CatalogEntry[];
  causes: readonly SharedCause[];
  /** A rule's docs page, or undefined for a code that is not specguard's. */
  docs: (code: string) => string | undefined;
  baseDir: string;
  version: string;
  ruleset: string;
}

/** The report of a run: one entry per API (root file), worst first. */
export function buildReport(request: ReportRequest): Report {
  const byFile = new Map<string, Finding[]>(request.files.map(file => [file, []]));
  for (const finding of request.findings) {
    const file = request.lintedFileOf.get(finding) ?? finding.source;
    if (file !== undefined) byFile.get(file)?.push(finding);
  }
  const catalog = new Map(request.catalog.map(entry => [entry.code, entry]));
  const apis = [...byFile].map(([file, findings]) => apiReport(file, findings, request.facts.get(file), catalog, request));
  apis.sort((a, b) => (a.score ?? -1) - (b.score ?? -1) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const bySeverity = tally();
  for (const api of apis) for (const level of DISPLAY_SEVERITIES) bySeverity[level] += api.bySeverity[level];
  return {
    reportVersion: REPORT_VERSION,
    tool: { name: 'specguard', version: request.version },
    ruleset: request.ruleset,
    score: { severityWeights: severityTally([...Object.values(SEVERITY_WEIGHTS)]), halfScorePenalty: HALF_SCORE_PENALTY },
    summary: {
      apis: apis.length,
      notChecked: apis.filter(api => api.notChecked !== undefined).length,
      findings: apis.reduce((sum, api) => sum + api.findings, 0),
      bySeverity,
      exempted: apis.reduce((sum, api) => sum + api.exemptions.count, 0),
    },
    apis,
  };
}

function apiReport(
  file: string,
  findings: Finding[],
  facts: ApiFacts | undefined,
  catalog: ReadonlyMap<string, CatalogEntry>,
  request: ReportRequest,
): ApiReport {
  const summary = summarize(findings, { filesChecked: 1, causes: request.causes });
  const operations = facts?.operations ?? 0;
  const categoryOf = (code: string) => catalog.get(code)?.owasp[0] ?? OTHER_CATEGORY;
  const byCategory = new Map<string, CategoryTally>(
    OWASP_2023_CATEGORIES.map(id => [id, { category: id, name: OWASP_2023_NAMES[id], ...tally() }]),
  );
  for (const f of findings) {
    const category = categoryOf(f.code);
    if (!byCategory.has(category)) byCategory.set(category, { category, name: 'Not mapped to OWASP', ...tally() });
    byCategory.get(category)![DISPLAY_SEVERITIES[f.severity]]++;
  }
  const fixOf = (code: string) => summary.sharedCauses.find(cause => cause.code === code)?.fix;
  return {
    file: displayPath(file, request.baseDir),
    ...(facts?.title !== undefined ? { title: facts.title } : {}),
    // A file with no facts was not linted to the end: its only findings say why (not linted, timed out).
    ...(facts === undefined ? { notChecked: findings[0]?.message ?? 'not linted' } : {}),
    operations,
    score: facts === undefined ? null : score(summary.byRule, operations),
    findings: findings.length,
    bySeverity: severityTally(summary.bySeverity),
    byCategory: [...byCategory.values()],
    rules: summary.byRule.map(rule => {
      const docs = request.docs(rule.code);
      return {
        code: rule.code,
        category: categoryOf(rule.code),
        severity: displaySeverity(rule.severity),
        findings: rule.count,
        penalty: rulePenaltyOf(rule, operations),
        ...(docs !== undefined ? { docs } : {}),
      };
    }),
    topFixes:
      facts === undefined
        ? []
        : topFixes(summary.byRule, operations).map(fix => {
            const sentence = fixOf(fix.code);
            return { ...fix, ...(sentence !== undefined ? { fix: sentence } : {}) };
          }),
    compliance: facts === undefined ? [] : coverage(facts.rulesChecked, summary.byRule, catalog),
    exemptions: { count: facts?.exempted ?? 0 },
    findingList: findings.map(f => ({
      code: f.code,
      category: categoryOf(f.code),
      severity: displaySeverity(f.severity),
      message: f.message,
      path: f.path,
      source: f.source === undefined ? '' : displayPath(f.source, request.baseDir),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
    })),
  };
}

/** A rule's penalty to two decimals, as the report shows it. */
const rulePenaltyOf = (rule: RuleCount, operations: number) => Math.round(rulePenalty(rule, operations) * 100) / 100;

/** Per framework: the controls the rules that ran map to, each with the findings of those rules. */
function coverage(
  rulesChecked: readonly string[],
  byRule: ReadonlyArray<{ code: string; count: number }>,
  catalog: ReadonlyMap<string, CatalogEntry>,
): FrameworkCoverage[] {
  const findingsOf = new Map(byRule.map(rule => [rule.code, rule.count]));
  return FRAMEWORKS.map(framework => {
    const controls = new Map<string, number>();
    for (const code of rulesChecked) {
      const entry = catalog.get(code);
      if (entry === undefined) continue;
      for (const id of framework.of(entry)) controls.set(id, (controls.get(id) ?? 0) + (findingsOf.get(code) ?? 0));
    }
    const list = [...controls].map(([id, findings]) => ({ id, findings })).sort((a, b) => compareIds(a.id, b.id));
    return {
      framework: framework.id,
      name: framework.name,
      controls: list,
      checked: list.length,
      withFindings: list.filter(control => control.findings > 0).length,
    };
  });
}

/** `API2:2023` before `API10:2023`, `CWE-20` before `CWE-200`, `AC-6` before `AC-6(9)`: numbers compared as numbers. */
const compareIds = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

const tally = (): SeverityTally => ({ error: 0, warning: 0, info: 0, hint: 0 });

function severityTally(counts: readonly number[]): SeverityTally {
  return { error: counts[0], warning: counts[1], info: counts[2], hint: counts[3] };
}
