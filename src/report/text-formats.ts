import type { Finding } from '../engine/findings.js';

/*
 * stylish, markdown and html written here because Spectral's formatters spread every result into
 * one Math.min call and overflow the stack on large runs (measured: 400,000 results). These
 * touch each finding once.
 */

const SEVERITY_NAMES = ['error', 'warning', 'info', 'hint'] as const;

function groupBySource(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.source ?? '<input>';
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

function countBySeverity(findings: Finding[]): number[] {
  const counts = [0, 0, 0, 0];
  for (const f of findings) counts[f.severity]++;
  return counts;
}

const position = (f: Finding) => `${f.range.start.line + 1}:${f.range.start.character + 1}`;
const printablePath = (f: Finding) => f.path.map(p => (typeof p === 'number' || /^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');

/** Spectral's familiar terminal layout: findings grouped by file, columns aligned, one summary. */
export function stylish(findings: Finding[]): string {
  if (findings.length === 0) return '';
  const out: string[] = [];
  for (const [source, group] of groupBySource(findings)) {
    const rows = group.map(f => [position(f), SEVERITY_NAMES[f.severity], f.code, f.message, printablePath(f)]);
    const widths = [0, 1, 2, 3].map(c => rows.reduce((w, r) => Math.max(w, r[c].length), 0));
    out.push('', source);
    for (const r of rows) {
      out.push(`  ${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3].padEnd(widths[3])}  ${r[4]}`.trimEnd());
    }
  }
  const [errors, warnings, infos, hints] = countBySeverity(findings);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  out.push('', `✖ ${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}, ${plural(hints, 'hint')})`, '');
  return out.join('\n');
}

const escapeMarkdown = (text: string) => text.replace(/[|\\`*_[\]<>]/g, c => `\\${c}`).replace(/\n/g, ' ');

export function markdown(findings: Finding[]): string {
  const rows = findings.map(
    f => `| ${escapeMarkdown(f.code)} | ${escapeMarkdown(printablePath(f))} | ${escapeMarkdown(f.message)} | ${SEVERITY_NAMES[f.severity]} | ${position(f)} | ${escapeMarkdown(f.source ?? '')} |`,
  );
  return ['| Code | Path | Message | Severity | Position | Source |', '|---|---|---|---|---|---|', ...rows, ''].join('\n');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

/** A self-contained report page: a summary, then one table per file. */
export function html(findings: Finding[]): string {
  const [errors, warnings, infos, hints] = countBySeverity(findings);
  const sections: string[] = [];
  for (const [source, group] of groupBySource(findings)) {
    const rows = group.map(
      f =>
        `<tr class="${SEVERITY_NAMES[f.severity]}"><td>${position(f)}</td><td>${SEVERITY_NAMES[f.severity]}</td><td>${escapeHtml(f.code)}</td><td>${escapeHtml(f.message)}</td><td><code>${escapeHtml(printablePath(f))}</code></td></tr>`,
    );
    sections.push(`<h2>${escapeHtml(source)}</h2>\n<table><thead><tr><th>Position</th><th>Severity</th><th>Rule</th><th>Message</th><th>Path</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`);
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>specguard report</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%;margin-bottom:2rem}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}tr.error td:nth-child(2){color:#b00020}tr.warning td:nth-child(2){color:#a15c00}</style>
</head><body>
<h1>specguard report</h1>
<p>${findings.length} findings: ${errors} errors, ${warnings} warnings, ${infos} infos, ${hints} hints.</p>
${sections.join('\n')}
</body></html>
`;
}
