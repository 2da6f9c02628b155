import type { Finding } from '../engine/findings.js';
import { displaySeverity } from '../severity.js';
import type { Summary } from '../results/summary.js';
import { displayPath } from '../results/summary.js';
import { baselineNote, fileCounts, groupBySource, plural, position, printablePath, severityCounts } from './shared.js';

/*
 * markdown and html written here because Spectral's formatters spread every result into one
 * Math.min call and overflow the stack on large runs (measured: 400,000 results). These touch
 * each finding once.
 */

/** A rule's documentation page, or undefined for codes that are not specguard rules (`parser`). */
export type DocsLink = (code: string) => string | undefined;

/** The sentence after the counts: how many findings the baseline hid, if any. */
function afterCounts(summary: Summary): string {
  const baselined = baselineNote(summary.baselined);
  return baselined === undefined ? '' : ` ${baselined}.`;
}

export const escapeMarkdown = (text: string) => text.replace(/[|\\`*_[\]<>]/g, c => `\\${c}`).replace(/\n/g, ' ');

/**
 * A report for a pull request or a wiki page: a summary (counts, files, findings per rule), then
 * one table of findings, with files relative to the run's folder (as SARIF has them).
 */
export function markdown(findings: Finding[], summary: Summary, docs: DocsLink, baseDir: string): string {
  const link = (code: string) => {
    const url = docs(code);
    return url ? `[${escapeMarkdown(code)}](${url})` : escapeMarkdown(code);
  };
  const rows = findings.map(
    f =>
      `| ${link(f.code)} | ${escapeMarkdown(printablePath(f))} | ${escapeMarkdown(f.message)} | ${displaySeverity(f.severity)} | ${position(f)} | ${escapeMarkdown(f.source === undefined ? '' : displayPath(f.source, baseDir))} |`,
  );
  const perRule = summary.byRule.map(r => `| ${link(r.code)} | ${r.count} | ${displaySeverity(r.severity)} |`);
  return [
    '# specguard report',
    '',
    `${plural(summary.total, 'finding')} (${severityCounts(summary.bySeverity)}). ${fileCounts(summary)}.${afterCounts(summary)}`,
    ...(perRule.length === 0 ? [] : ['', '| Rule | Findings | Severity |', '|---|---|---|', ...perRule]),
    ...(rows.length === 0
      ? []
      : ['', '## Findings', '', '| Code | Path | Message | Severity | Position | Source |', '|---|---|---|---|---|---|', ...rows]),
    '',
  ].join('\n');
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

/** A self-contained report page: a summary, then one table per file; rule codes link to their docs. */
export function html(findings: Finding[], summary: Summary, docs: DocsLink): string {
  const sections: string[] = [];
  for (const [source, group] of groupBySource(findings)) {
    const rows = group.map(f => {
      const url = docs(f.code);
      const code = url ? `<a href="${escapeHtml(url)}">${escapeHtml(f.code)}</a>` : escapeHtml(f.code);
      const severity = displaySeverity(f.severity);
      return `<tr class="${severity}"><td>${position(f)}</td><td>${severity}</td><td class="rule">${code}</td><td>${escapeHtml(f.message)}</td><td><code>${escapeHtml(printablePath(f))}</code></td></tr>`;
    });
    sections.push(
      `<h2>${escapeHtml(source)}</h2>\n<table><thead><tr><th>Position</th><th>Severity</th><th>Rule</th><th>Message</th><th>Path</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`,
    );
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>specguard report</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%;margin-bottom:2rem}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}td.rule{white-space:nowrap}td code{overflow-wrap:anywhere}tr.error td:nth-child(2){color:#b00020}tr.warning td:nth-child(2){color:#a15c00}</style>
</head><body>
<h1>specguard report</h1>
<p>${plural(summary.total, 'finding')}: ${severityCounts(summary.bySeverity)}. ${fileCounts(summary)}.${afterCounts(summary)}</p>
${sections.join('\n')}
</body></html>
`;
}
