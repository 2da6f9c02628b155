import { promises as fs } from 'node:fs';
import { ruleCatalog, sharedCauses } from '../catalog/catalog.js';
import { DEFAULT_MAX_FILE_BYTES } from '../parse/input-guards.js';
import { DEFAULT_JOBS } from '../engine/pool.js';
import { repositoryFileUrl } from '../package/package-info.js';
import { buildReport } from '../report/api-report.js';
import type { Report } from '../report/api-report.js';
import { reportHtml } from '../report/report-html.js';
import { reportMarkdown } from '../report/report-markdown.js';
import { plural } from '../report/shared.js';
import { EXIT, runLint } from '../run/pipeline.js';
import { checkWritable } from './output-file.js';

export const REPORT_FORMATS = ['html', 'markdown', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Where the rule pages are linked by default: the repository's docs/rules/ folder. */
export const DEFAULT_DOCS_URL = repositoryFileUrl('docs/rules/');

export interface ReportFlags {
  ruleset?: string;
  format: ReportFormat;
  output?: string;
  docsUrl: string;
}

/**
 * `specguard report`: lints as `specguard lint` does, then writes one report a person reads. A
 * file that could not be linted is in the report (not scored) and makes the exit code 2.
 */
export async function reportCommand(
  inputs: string[],
  flags: ReportFlags,
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
  version: string,
): Promise<number> {
  if (flags.output !== undefined) await checkWritable(flags.output, '--output');
  const root = process.cwd();
  const outcome = await runLint({
    inputs,
    lint: {
      ...(flags.ruleset !== undefined ? { ruleset: flags.ruleset } : {}),
      allowRemoteRefs: false,
      maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    },
    // No budget asked for: a small run lints in this thread, a larger one in workers with the default budget (see lintFiles).
    pool: { jobs: DEFAULT_JOBS },
    root,
  });
  for (const message of new Set(outcome.errors.map(e => e.message))) io.stderr(`specguard: ${message}\n`);
  const catalog = ruleCatalog();
  const known = new Set(catalog.map(entry => entry.code));
  const report = buildReport({
    files: outcome.files,
    findings: outcome.findings,
    facts: outcome.facts,
    lintedFileOf: outcome.lintedFileOf,
    catalog,
    causes: sharedCauses(),
    docs: code => (known.has(code) ? `${flags.docsUrl}${code}.md` : undefined),
    baseDir: root,
    version,
    ruleset: flags.ruleset ?? 'recommended',
  });
  const text = renderReport(report, flags.format);
  if (flags.output === undefined) io.stdout(text);
  else {
    await fs.writeFile(flags.output, text);
    io.stderr(`specguard: wrote ${flags.format} report to ${flags.output}: ${reportCounts(report)}\n`);
  }
  return outcome.errors.length > 0 ? EXIT.usage : EXIT.ok;
}

export function renderReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'html':
      return reportHtml(report);
    case 'markdown':
      return reportMarkdown(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

/** `2 APIs, 14 findings, lowest score 61`. */
function reportCounts(report: Report): string {
  const scores = report.apis.flatMap(api => (api.score === null ? [] : [api.score]));
  const lowest = scores.length === 0 ? '' : `, lowest score ${Math.min(...scores)}`;
  return `${plural(report.summary.apis, 'API')}, ${plural(report.summary.findings, 'finding')}${lowest}`;
}

/**
 * --docs-url: a base the rule's `<code>.md` is appended to, ending in `/`. http(s) and file URLs,
 * or a relative path (docs beside the report); undefined for anything else (javascript:).
 */
export function parseDocsUrl(value: string): string | undefined {
  const base = value.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(base)?.[1]?.toLowerCase();
  if (base === '' || (scheme !== undefined && !['http', 'https', 'file'].includes(scheme))) return undefined;
  return base.endsWith('/') ? base : `${base}/`;
}
