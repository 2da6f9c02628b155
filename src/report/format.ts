import type { CatalogEntry } from '../catalog/catalog.js';
import { sortFindings } from '../findings/findings.js';
import type { Finding } from '../findings/findings.js';
import { repositoryFileUrl } from '../package/package-info.js';
import type { Summary } from '../results/summary.js';
import type { SeverityLevel } from '../findings/severity.js';
import type { Paint } from './color.js';
import { jsonArrayChunks } from './json-text.js';
import { junit } from './junit.js';
import { toSarif } from './sarif.js';
import { stylish } from './stylish.js';
import { html, markdown } from './text-formats.js';

export const OUTPUT_FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github-actions', 'markdown', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** The formats that print the summary (counts, and the findings the baseline hid). */
export const FORMATS_WITH_SUMMARY: ReadonlySet<OutputFormat> = new Set(['stylish', 'markdown', 'html']);

export interface FormatContext {
  failSeverity: SeverityLevel;
  /** Catalog entries of the rules that fired. */
  catalog: CatalogEntry[];
  version: string;
  /** The ruleset's name or digest (rulesetIdentity), recorded in SARIF so merged runs can be checked. */
  ruleset?: string;
  baseDir: string;
  /** The linted files without a finding, which passed (JUnit lists them as passing). */
  cleanFiles: readonly string[];
  summary: Summary;
  /**
   * Findings exemptions in the spec cover, each with `exempted`: JSON and SARIF always carry
   * them (SARIF as suppressed results); stylish, markdown and html count them, and list them
   * when `showExempted` is set. They never fail a run, so junit and github-actions leave them out.
   */
  exempted?: Finding[];
  showExempted?: boolean;
  /** SARIF only: every result's `baselineState` (`specguard diff` reports only what is new in NEW). */
  baselineState?: 'new';
  /** stylish only: colours (default none) and terminal width for wrapping (default no wrapping). */
  paint?: Paint;
  columns?: number;
}

/**
 * Renders findings. Spectral's own formatters are used where they scale and fit; ours elsewhere.
 * The findings include an error entry for each file that could not be linted (`specguard-not-linted`).
 * The report comes as chunks to write one after the other: JSON and SARIF reports of a large
 * catalogue outgrow the longest string V8 can hold.
 */
export async function formatFindings(findings: Finding[], format: OutputFormat, ctx: FormatContext): Promise<string[]> {
  return format === 'json' || format === 'sarif' ? machineReport(findings, format, ctx) : [await textReport(findings, format, ctx)];
}

function machineReport(reported: Finding[], format: 'json' | 'sarif', ctx: FormatContext): string[] {
  const findings = ctx.exempted === undefined || ctx.exempted.length === 0 ? reported : sortFindings([...reported, ...ctx.exempted]);
  return format === 'json'
    ? jsonArrayChunks(findings.map(jsonShape))
    : toSarif(findings, ctx.catalog, ctx.version, ctx.baseDir, { ruleset: ctx.ruleset, baselineState: ctx.baselineState });
}

async function textReport(findings: Finding[], format: Exclude<OutputFormat, 'json' | 'sarif'>, ctx: FormatContext): Promise<string> {
  const docsOf = new Map(ctx.catalog.map(entry => [entry.code, entry.docs]));
  const docs = (code: string) => {
    const page = docsOf.get(code);
    return page === undefined ? undefined : repositoryFileUrl(page);
  };
  const listed = ctx.showExempted === true ? (ctx.exempted ?? []) : undefined;
  switch (format) {
    case 'stylish':
      return stylish(findings, { summary: ctx.summary, paint: ctx.paint, columns: ctx.columns, baseDir: ctx.baseDir, exempted: listed });
    case 'junit':
      return junit(findings, ctx.cleanFiles, ctx.failSeverity);
    case 'github-actions':
      return (await spectralFormatters()).githubActions(findings, { failSeverity: ctx.failSeverity });
    case 'markdown':
      return markdown(findings, ctx.summary, docs, ctx.baseDir, listed);
    case 'html':
      return html(findings, ctx.summary, docs, listed);
  }
}

/** Loaded only when used: it pulls in Spectral's core, which the CLI's main thread otherwise never needs. */
const spectralFormatters = () => import('@stoplight/spectral-formatters');

/** The documented JSON shape, with keys in a fixed order so output is byte-stable; `exempted` only on exempted findings, `was` only in `specguard diff`. */
export function jsonShape(f: Finding) {
  const shape = { code: f.code, message: f.message, path: f.path, severity: f.severity, range: f.range, source: f.source };
  return {
    ...shape,
    ...(f.exempted !== undefined ? { exempted: f.exempted } : {}),
    // `specguard diff`: where the regressed thing was in the old version.
    ...(f.was !== undefined ? { was: { source: f.was.source, range: f.was.range, path: f.was.path } } : {}),
  };
}
