import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import { InputError } from '../parse/errors.js';
import { sortFindings } from '../findings/findings.js';
import type { Finding } from '../findings/findings.js';
import { jsonShape } from './format.js';
import { jsonArrayChunks } from './json-text.js';
import { isNotLinted } from '../results/not-linted.js';
import { LEVEL_RANK, sarifLog } from './sarif.js';

/*
 * `specguard merge`: the JSON or SARIF reports of the shards of one run (`lint --shard i/n`) as the
 * one report the unsharded run would have written. The shards' files are disjoint, so merging is
 * concatenating and restoring the lint's order; what needs care is refusing reports that are not
 * parts of one run, and keeping a failed file failed.
 */

export const MERGE_FORMATS = ['json', 'sarif'] as const;
export type MergeFormat = (typeof MERGE_FORMATS)[number];

interface Report {
  file: string;
  format: MergeFormat;
  data: unknown;
}

export interface Merged {
  format: MergeFormat;
  chunks: string[];
  /** Findings (SARIF: results) but the exempted ones, and the files that could not be linted, in the merged report. */
  findings: number;
  notLinted: number;
}

/** Reads and merges the reports; each problem is an InputError naming the file (and line:col of a JSON syntax error). */
export async function mergeReports(files: string[], expected: MergeFormat | undefined, root: string): Promise<Merged> {
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(path.resolve(file))) throw new InputError(file, 'named twice; each shard report is merged once');
    seen.add(path.resolve(file));
  }
  const reports: Report[] = [];
  for (const file of files) reports.push(await readReport(file));
  const format = expected ?? reports[0].format;
  const other = reports.find(r => r.format !== format);
  if (other) {
    const why = expected ? `--format ${expected} was asked for` : `${reports[0].file} is ${reports[0].format.toUpperCase()}`;
    throw new InputError(other.file, `is a ${other.format.toUpperCase()} report but ${why}; merge reports of one format`);
  }
  return format === 'json' ? mergeJson(reports) : mergeSarif(reports, root);
}

async function readReport(file: string): Promise<Report> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(file, error.code === 'ENOENT' ? 'no such file' : `cannot read it: ${error.message}`);
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw await jsonSyntaxError(file, text);
  }
  if (Array.isArray(data)) return { file, format: 'json', data };
  const log = data as Partial<Log> | null;
  if (log?.version === '2.1.0' && Array.isArray(log.runs)) return { file, format: 'sarif', data };
  throw new InputError(file, 'is neither a specguard JSON report (an array of findings) nor a SARIF 2.1.0 log');
}

/** Where the JSON breaks, found by the located parser only when JSON.parse has already failed. */
async function jsonSyntaxError(file: string, text: string): Promise<InputError> {
  const [{ default: parsers }, { isParseError, located, parserMessage }] = await Promise.all([
    import('@stoplight/spectral-parsers'),
    import('../parse/load.js'),
  ]);
  const problem = parsers.Json.parse(text).diagnostics.find(isParseError);
  return new InputError(located(file, problem?.range.start), `invalid JSON: ${problem ? parserMessage(problem) : 'cannot be parsed'}`);
}

/**
 * JSON reports are arrays of findings and carry no version or ruleset, so the one check left is
 * that each specguard rule has one severity across the reports, as it has in one ruleset.
 */
function mergeJson(reports: Report[]): Merged {
  const findings: Finding[] = [];
  const severityOf = new Map<string, { severity: number; file: string }>();
  for (const { file, data } of reports) {
    for (const [i, item] of (data as unknown[]).entries()) {
      if (!isFinding(item)) throw new InputError(file, `entry ${i + 1} is not a specguard finding (code, message, path, severity, range)`);
      const earlier = severityOf.get(item.code);
      if (item.code.startsWith('specguard-') && earlier !== undefined && earlier.severity !== item.severity)
        throw new InputError(
          file,
          `${item.code} has severity ${item.severity} here and ${earlier.severity} in ${earlier.file}: the shards ran different rulesets`,
        );
      severityOf.set(item.code, { severity: item.severity, file });
      findings.push(item);
    }
  }
  sortFindings(findings);
  const notLinted = findings.filter(isNotLinted).length;
  const exempted = findings.filter(f => f.exempted !== undefined).length;
  const counted = findings.length - notLinted - exempted;
  return { format: 'json', chunks: jsonArrayChunks(findings.map(jsonShape)), findings: counted, notLinted };
}

function isFinding(item: unknown): item is Finding {
  const f = item as Partial<Finding> | null;
  return (
    typeof f?.code === 'string' &&
    typeof f.message === 'string' &&
    Array.isArray(f.path) &&
    [0, 1, 2, 3].includes(f.severity as number) &&
    typeof f.range?.start?.line === 'number' &&
    typeof f.range.start.character === 'number' &&
    (f.source === undefined || typeof f.source === 'string')
  );
}

/**
 * One run with the union of the runs' rules (each at its most severe level, as one run over all
 * the files gives it), every result and notification in the lint's order, and an invocation that
 * succeeded only if every shard's did.
 */
function mergeSarif(reports: Report[], root: string): Merged {
  const runs = reports.map(({ file, data }) => specguardRun(file, data as Log));
  const first = runs[0];
  for (const run of runs) {
    if (run.version !== first.version)
      throw new InputError(
        run.file,
        `is from specguard ${run.version} but ${first.file} from ${first.version}; merge reports of one version`,
      );
    if (run.ruleset !== first.ruleset)
      throw new InputError(
        run.file,
        `ran the ruleset ${run.ruleset ?? '(not recorded)'} but ${first.file} ran ${first.ruleset ?? '(not recorded)'}`,
      );
  }
  const rules = new Map<string, ReportingDescriptor>();
  for (const { run } of runs) {
    for (const rule of run.tool.driver.rules ?? []) {
      const known = rules.get(rule.id);
      if (known === undefined) rules.set(rule.id, rule);
      else if (known.defaultConfiguration?.level !== undefined && rule.defaultConfiguration?.level !== undefined) {
        const [a, b] = [known.defaultConfiguration.level, rule.defaultConfiguration.level];
        known.defaultConfiguration.level = LEVEL_RANK[b] < LEVEL_RANK[a] ? b : a;
      }
    }
  }
  const ids = [...rules.keys()].sort();
  const ruleIndex = new Map(ids.map((id, i) => [id, i]));
  const results = runs.flatMap(({ run }) => run.results ?? []);
  for (const result of results)
    if (result.ruleId !== undefined && result.ruleIndex !== undefined) result.ruleIndex = ruleIndex.get(result.ruleId);
  const notifications = runs.flatMap(({ run }) => run.invocations?.[0]?.toolExecutionNotifications ?? []);
  const inLintOrder = lintOrder(root);
  results.sort((a, b) => inLintOrder(resultKey(a), resultKey(b)));
  notifications.sort((a, b) => inLintOrder(notificationKey(a), notificationKey(b)));
  const chunks = sarifLog({
    version: first.version,
    ruleset: first.ruleset,
    rules: ids.map(id => rules.get(id)!),
    results,
    notifications,
    successful: notifications.length === 0 && runs.every(({ run }) => run.invocations?.[0]?.executionSuccessful !== false),
  });
  // Suppressed results are the findings exemptions cover, not counted as findings.
  const open = results.filter(result => result.suppressions === undefined || result.suppressions.length === 0).length;
  return { format: 'sarif', chunks, findings: open, notLinted: notifications.length };
}

function specguardRun(file: string, log: Log): { file: string; run: Run; version: string; ruleset: string | undefined } {
  if (log.runs.length !== 1) throw new InputError(file, `has ${log.runs.length} runs; a specguard SARIF log has one`);
  const [run] = log.runs;
  const driver = run.tool?.driver;
  if (driver?.name !== 'specguard') throw new InputError(file, `is a SARIF log of ${driver?.name ?? 'an unnamed tool'}, not of specguard`);
  const ruleset = (run.properties as { ruleset?: string } | undefined)?.ruleset;
  return { file, run, version: driver.version ?? '(no version)', ruleset };
}

/** What sortFindings compares, read back from SARIF: file, position, rule, message, JSON path. */
type SortKey = [file: string, line: number, column: number, code: string, message: string, jsonPath: string];

function resultKey(r: Result): SortKey {
  const region = r.locations?.[0]?.physicalLocation?.region;
  const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
  const fullName = r.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName ?? '';
  return [uri, region?.startLine ?? 0, region?.startColumn ?? 0, r.ruleId ?? '', r.message.text ?? '', fullName];
}

function notificationKey(n: Notification): SortKey {
  const region = n.locations?.[0]?.physicalLocation?.region;
  const uri = n.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
  return [uri, region?.startLine ?? 0, region?.startColumn ?? 0, n.descriptor?.id ?? '', n.message.text ?? '', ''];
}

/**
 * sortFindings' order on SARIF keys. The lint sorted by absolute path; a SARIF URI is relative to
 * the folder the lint ran in, so it is resolved against `root` (the same folder, when merge runs
 * where the shards ran; elsewhere only files outside that folder could sort differently).
 */
function lintOrder(root: string): (a: SortKey, b: SortKey) => number {
  const absolute = new Map<string, string>();
  const resolve = (uri: string) => {
    let full = absolute.get(uri);
    if (full === undefined) absolute.set(uri, (full = uri === '' ? '' : path.resolve(root, uri)));
    return full;
  };
  return (a, b) =>
    compare(resolve(a[0]), resolve(b[0])) ||
    a[1] - b[1] ||
    a[2] - b[2] ||
    compare(a[3], b[3]) ||
    compare(a[4], b[4]) ||
    compare(a[5], b[5]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
