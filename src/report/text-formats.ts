import type { Finding } from '../findings/findings.js';
import { displaySeverity } from '../findings/severity.js';
import type { Summary } from '../results/summary.js';
import { displayPath } from '../results/summary.js';
import {
  baselineNote,
  exemptedNote,
  exemptionText,
  fileCounts,
  groupBySource,
  plural,
  position,
  printablePath,
  severityCounts,
  SHOW_EXEMPTED_HINT,
} from './shared.js';

/*
 * markdown and html written here because Spectral's formatters spread every result into one
 * Math.min call and overflow the stack on large runs (measured: 400,000 results). These touch
 * each finding once.
 */

/** A rule's documentation page, or undefined for codes that are not specguard rules (`parser`). */
export type DocsLink = (code: string) => string | undefined;

/** The sentences after the counts: how many findings the baseline hid and exemptions covered, if any. */
function afterCounts(summary: Summary, listed: boolean): string {
  const baselined = baselineNote(summary.baselined);
  const exempted = exemptedNote(summary.exempted);
  return (
    (baselined === undefined ? '' : ` ${baselined}.`) +
    (exempted === undefined ? '' : ` ${exempted}${listed ? ' (listed below)' : ` (${SHOW_EXEMPTED_HINT})`}.`)
  );
}

export const escapeMarkdown = (text: string) => text.replace(/[|\\`*_[\]<>]/g, c => `\\${c}`).replace(/\n/g, ' ');

/**
 * A report for a pull request or a wiki page: a summary (counts, files, findings per rule), then
 * one table of findings, with files relative to the run's folder (as SARIF has them).
 */
export function markdown(findings: Finding[], summary: Summary, docs: DocsLink, baseDir: string, exempted?: Finding[]): string {
  const link = (code: string) => {
    const url = docs(code);
    return url ? `[${escapeMarkdown(code)}](${url})` : escapeMarkdown(code);
  };
  const rows = findings.map(
    f =>
      `| ${link(f.code)} | ${escapeMarkdown(printablePath(f))} | ${escapeMarkdown(f.message)} | ${displaySeverity(f.severity)} | ${position(f)} | ${escapeMarkdown(f.source === undefined ? '' : displayPath(f.source, baseDir))} |`,
  );
  const perRule = summary.byRule.map(r => `| ${link(r.code)} | ${r.count} | ${displaySeverity(r.severity)} |`);
  const exemptedRows = (exempted ?? []).map(
    f =>
      `| ${link(f.code)} | ${escapeMarkdown(printablePath(f))} | ${escapeMarkdown(f.message)} | ${escapeMarkdown(exemptionText(f.exempted!))} | ${position(f)} | ${escapeMarkdown(f.source === undefined ? '' : displayPath(f.source, baseDir))} |`,
  );
  return [
    '# specguard report',
    '',
    `${plural(summary.total, 'finding')} (${severityCounts(summary.bySeverity)}). ${fileCounts(summary)}.${afterCounts(summary, exempted !== undefined)}`,
    ...(perRule.length === 0 ? [] : ['', '| Rule | Findings | Severity |', '|---|---|---|', ...perRule]),
    ...(rows.length === 0
      ? []
      : ['', '## Findings', '', '| Code | Path | Message | Severity | Position | Source |', '|---|---|---|---|---|---|', ...rows]),
    ...(exemptedRows.length === 0
      ? []
      : [
          '',
          '## Exempted in the spec',
          '',
          '| Code | Path | Message | Exemption | Position | Source |',
          '|---|---|---|---|---|---|',
          ...exemptedRows,
        ]),
    '',
  ].join('\n');
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

/** A self-contained report page: a summary, then one table per file; rule codes link to their docs. */
export function html(findings: Finding[], summary: Summary, docs: DocsLink, exempted?: Finding[]): string {
  const sections = htmlTables(findings, docs, 'h2');
  if (exempted !== undefined && exempted.length > 0) sections.push('<h2>Exempted in the spec</h2>', ...htmlTables(exempted, docs, 'h3'));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>specguard report</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%;margin-bottom:2rem}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}td.rule{white-space:nowrap}td code{overflow-wrap:anywhere}tr.error td:nth-child(2){color:#b00020}tr.warning td:nth-child(2){color:#a15c00}</style>
</head><body>
<h1>specguard report</h1>
<p>${plural(summary.total, 'finding')}: ${severityCounts(summary.bySeverity)}. ${fileCounts(summary)}.${escapeHtml(afterCounts(summary, exempted !== undefined))}</p>
${sections.join('\n')}
</body></html>
`;
}

/** One table per file; an exempted finding's row also says its exemption. */
function htmlTables(findings: Finding[], docs: DocsLink, heading: 'h2' | 'h3'): string[] {
  const sections: string[] = [];
  for (const [source, group] of groupBySource(findings)) {
    const rows = group.map(f => {
      const url = docs(f.code);
      const code = url ? `<a href="${escapeHtml(url)}">${escapeHtml(f.code)}</a>` : escapeHtml(f.code);
      const severity = displaySeverity(f.severity);
      const exemption = f.exempted === undefined ? '' : `<br><em>exempted: ${escapeHtml(exemptionText(f.exempted))}</em>`;
      return `<tr class="${severity}"><td>${position(f)}</td><td>${severity}</td><td class="rule">${code}</td><td>${escapeHtml(f.message)}${exemption}</td><td><code>${escapeHtml(printablePath(f))}</code></td></tr>`;
    });
    sections.push(
      `<${heading}>${escapeHtml(source)}</${heading}>\n<table><thead><tr><th>Position</th><th>Severity</th><th>Rule</th><th>Message</th><th>Path</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`,
    );
  }
  return sections;
}
