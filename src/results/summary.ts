import * as path from 'node:path';
import { UNNAMED_CONTENT } from '../findings/findings.js';
import type { Finding } from '../findings/findings.js';
import type { SeverityLevel } from '../findings/severity.js';
import { sharedCauses } from '../catalog/catalog.js';
import type { SharedCause } from '../catalog/catalog.js';
import { isNotLinted } from './not-linted.js';

export interface RuleCount {
  code: string;
  count: number;
  /** The most severe level the rule reported at. */
  severity: SeverityLevel;
}

export interface SharedCauseHit {
  source: string;
  code: string;
  count: number;
  fix: string;
}

export interface Summary {
  filesChecked: number;
  filesWithFindings: number;
  /** Files that could not be linted: neither with findings nor passed. */
  filesNotLinted: number;
  /** Findings the baseline hid. */
  baselined: number;
  /** Findings exemptions in the spec cover (not in `total`). */
  exempted: number;
  total: number;
  /** Counts by level: error, warning, info, hint. */
  bySeverity: [number, number, number, number];
  /** Most findings first, then by code. */
  byRule: RuleCount[];
  sharedCauses: SharedCauseHit[];
}

/** A shared cause is reported when it explains at least this many findings of a rule in a file... */
const SHARED_CAUSE_MIN = 10;
/** ...and most of that rule's findings there. */
const SHARED_CAUSE_SHARE = 0.5;

export interface SummaryOptions {
  filesChecked: number;
  /**
   * Linted files with a finding. The CLI counts linted files, not finding sources (a RAML API's
   * findings can sit in its included files); when left out, each source stands for its file (OpenAPI).
   */
  filesWithFindings?: number;
  baselined?: number;
  exempted?: number;
  causes?: readonly SharedCause[];
}

/** What a run's summary counts: a lint run's outcome (src/run/pipeline.ts), or diff's. */
export interface RunCounts {
  findings: Finding[];
  files: readonly string[];
  filesWithFindings: ReadonlySet<string>;
  baselined: number;
  exempted?: readonly Finding[];
}

/** A run's summary, with every rule's shared causes: what the reports of `lint` and `diff` print. */
export function runSummary(run: RunCounts): Summary {
  return summarize(run.findings, {
    filesChecked: run.files.length,
    filesWithFindings: run.filesWithFindings.size,
    baselined: run.baselined,
    exempted: run.exempted?.length ?? 0,
    causes: sharedCauses(),
  });
}

/** Counts for the reports' summaries. Files that could not be linted are read from their error entries. */
export function summarize(findings: Finding[], options: SummaryOptions): Summary {
  const causes = options.causes ?? [];
  const notLinted = new Set<string>();
  const withFindings = new Set<string>();
  const bySeverity: Summary['bySeverity'] = [0, 0, 0, 0];
  const byRule = new Map<string, RuleCount>();
  const perFileRule = new Map<string, { source: string; code: string; count: number; byCause: Map<SharedCause, number> }>();
  const causesByCode = new Map<string, SharedCause[]>();
  for (const cause of causes) causesByCode.set(cause.code, [...(causesByCode.get(cause.code) ?? []), cause]);

  for (const f of findings) {
    (isNotLinted(f) ? notLinted : withFindings).add(f.source ?? UNNAMED_CONTENT);
    bySeverity[f.severity]++;
    const rule = byRule.get(f.code);
    if (rule) {
      rule.count++;
      if (f.severity < rule.severity) rule.severity = f.severity;
    } else byRule.set(f.code, { code: f.code, count: 1, severity: f.severity });

    const candidates = causesByCode.get(f.code);
    if (!candidates) continue;
    const source = f.source ?? UNNAMED_CONTENT;
    const key = `${source}\u0000${f.code}`;
    let group = perFileRule.get(key);
    if (!group) perFileRule.set(key, (group = { source, code: f.code, count: 0, byCause: new Map() }));
    group.count++;
    const cause = candidates.find(c => c.message.test(f.message));
    if (cause) group.byCause.set(cause, (group.byCause.get(cause) ?? 0) + 1);
  }

  const sharedCauses: SharedCauseHit[] = [];
  for (const group of perFileRule.values()) {
    for (const [cause, count] of group.byCause) {
      if (count >= SHARED_CAUSE_MIN && count >= group.count * SHARED_CAUSE_SHARE) {
        sharedCauses.push({ source: group.source, code: group.code, count, fix: cause.fix });
      }
    }
  }
  return {
    filesChecked: options.filesChecked,
    filesWithFindings: options.filesWithFindings ?? withFindings.size,
    filesNotLinted: notLinted.size,
    baselined: options.baselined ?? 0,
    exempted: options.exempted ?? 0,
    total: findings.length,
    bySeverity,
    byRule: [...byRule.values()].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
    sharedCauses,
  };
}

/** `api.yaml` for a file under the current folder, the absolute path otherwise. */
export function displayPath(source: string, baseDir: string): string {
  const relative = path.relative(baseDir, source);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : source;
}
