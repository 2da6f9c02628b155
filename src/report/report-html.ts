import { createHash } from 'node:crypto';
import { DISPLAY_SEVERITIES } from '../findings/severity.js';
import type { ApiReport, CategoryTally, Report, SeverityTally } from './api-report.js';
import { scoreText } from './report-markdown.js';
import { plural, severityCounts } from './shared.js';
import { escapeHtml as esc } from './text-formats.js';

/*
 * `specguard report --format html`: one self-contained page (inline CSS, script and SVG; nothing
 * fetched). Every text from the spec (titles, paths, messages) goes through esc(), and the page's
 * Content-Security-Policy allows no script or style but its own (by hash) as a second wall: a hostile spec
 * cannot make the report run its code.
 */

const SEVERITY_COLOURS: Readonly<Record<keyof SeverityTally, string>> = {
  error: '#b00020',
  warning: '#c77700',
  info: '#1565c0',
  hint: '#6b7280',
};

/** Sorting (any table.sortable) and the findings table's filters. Plain DOM, no library. */
const SCRIPT = `
const compare = (a, b) => {
  const x = Number(a), y = Number(b);
  return a !== '' && b !== '' && !Number.isNaN(x) && !Number.isNaN(y) ? x - y : a.localeCompare(b, 'en', { numeric: true });
};
for (const table of document.querySelectorAll('table.sortable')) {
  const body = table.tBodies[0];
  table.querySelectorAll('thead th').forEach((th, column) => {
    const button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('thead th').forEach(other => other.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = row => row.cells[column].dataset.key ?? row.cells[column].textContent;
      const rows = [...body.rows].sort((a, b) => compare(key(a), key(b)) * (ascending ? 1 : -1));
      body.append(...rows);
    });
  });
}
const findings = document.getElementById('findings');
if (findings) {
  const rows = [...findings.tBodies[0].rows];
  const filters = [...document.querySelectorAll('select[data-filter]')];
  const shown = document.getElementById('shown');
  const apply = () => {
    let count = 0;
    for (const row of rows) {
      row.hidden = !filters.every(filter => filter.value === '' || row.dataset[filter.dataset.filter] === filter.value);
      if (!row.hidden) count++;
    }
    shown.textContent = count + ' of ' + rows.length + ' findings shown';
  };
  for (const filter of filters) filter.addEventListener('change', apply);
  apply();
}
`;

/** A CSP source for an inline element's exact text. */
const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2933;max-width:80rem}
table{border-collapse:collapse;margin:0 0 1.5rem}td,th{border:1px solid #d6dbe1;padding:.3rem .5rem;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer}th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right}td.rule{white-space:nowrap}#findings{width:100%}#findings td:nth-child(5){min-width:22rem}#findings td:nth-child(7){min-width:14rem}td code{overflow-wrap:anywhere}.score{font-size:2rem;font-weight:700}.low{color:#b00020}.mid{color:#c77700}.high{color:#2e7d32}
.sev-error{color:#b00020}.sev-warning{color:#c77700}.sev-info{color:#1565c0}.sev-hint{color:#6b7280}
.filters{display:flex;gap:1rem;flex-wrap:wrap;margin:.5rem 0}section.api{border-top:2px solid #d6dbe1;margin-top:2rem}svg text{font-size:12px;fill:#1f2933}`;

export function reportHtml(report: Report): string {
  const { summary } = report;
  const all = report.apis.flatMap(api => api.findingList.map(f => ({ api, f })));
  const overall =
    report.apis.length > 1 ? `<h2>Findings by OWASP category, all APIs</h2>\n${categoryChart(sumCategories(report.apis))}` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${hashOf(STYLE)}; script-src ${hashOf(SCRIPT)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>specguard report</title>
<style>${STYLE}</style>
</head><body>
<h1>specguard report</h1>
<p>${plural(summary.apis, 'API')}, ${plural(summary.findings, 'finding')} (${severityLine(summary.bySeverity)}), ${plural(summary.exempted, 'exempted finding')}. Ruleset: <code>${esc(report.ruleset)}</code>; specguard ${esc(report.tool.version)}. The score is explained in the README (section “The score”).</p>
${report.apis.length > 1 ? summaryTable(report.apis) : ''}
${overall}
${report.apis.map((api, i) => apiSection(api, i)).join('\n')}
<h2>All findings</h2>
${findingsTable(all)}
<script>${SCRIPT}</script>
</body></html>
`;
}

const severityLine = (t: SeverityTally) => severityCounts(DISPLAY_SEVERITIES.map(level => t[level]));

const scoreClass = (score: number | null) => (score === null ? '' : score < 50 ? 'low' : score < 80 ? 'mid' : 'high');

const th = (label: string, sortable = true) => `<th>${sortable ? `<button type="button">${label}</button>` : label}</th>`;

function summaryTable(apis: readonly ApiReport[]): string {
  const rows = apis.map(
    (api, i) =>
      `<tr><td><a href="#api-${i}">${esc(api.file)}</a>${api.title === undefined ? '' : `<br>${esc(api.title)}`}</td><td class="num ${scoreClass(api.score)}" data-key="${api.score ?? -1}">${scoreText(api)}</td><td class="num">${api.operations}</td>${DISPLAY_SEVERITIES.map(level => `<td class="num">${api.bySeverity[level]}</td>`).join('')}<td class="num">${api.exemptions.count}</td></tr>`,
  );
  return `<h2>APIs, worst first</h2>
<table class="sortable" id="apis"><thead><tr>${th('API')}${th('Score')}${th('Operations')}${th('Errors')}${th('Warnings')}${th('Info')}${th('Hints')}${th('Exempted')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

function apiSection(api: ApiReport, index: number): string {
  const heading = `<h2>${esc(api.file)}${api.title === undefined ? '' : ` <small>${esc(api.title)}</small>`}</h2>`;
  if (api.notChecked !== undefined)
    return `<section class="api" id="api-${index}">${heading}<p class="sev-error">Not checked: ${esc(api.notChecked)}</p></section>`;
  const rules = new Map(api.rules.map(rule => [rule.code, rule]));
  const fixes = api.topFixes.map(
    fix =>
      `<li>${ruleLink(fix.code, rules.get(fix.code)?.docs)}: +${fix.gain} (${plural(fix.findings, 'finding')})${fix.fix === undefined ? '' : `: ${esc(fix.fix)}`}</li>`,
  );
  const categories = api.byCategory.filter(total);
  return `<section class="api" id="api-${index}">${heading}
<p><span class="score ${scoreClass(api.score)}">${scoreText(api)}</span> ${plural(api.operations, 'operation')}, ${plural(api.findings, 'finding')} (${severityLine(api.bySeverity)}), ${plural(api.exemptions.count, 'finding')} exempted by <code>x-specguard-exempt</code>.</p>
${fixes.length === 0 ? '' : `<h3>Fixes that raise the score most</h3><ol>${fixes.join('')}</ol>`}
<h3>Findings by OWASP category</h3>
${categoryChart(api.byCategory)}
${categories.length === 0 ? '' : `<table><thead><tr><th>Category</th>${DISPLAY_SEVERITIES.map(level => `<th>${level}</th>`).join('')}</tr></thead><tbody>${categories.map(c => `<tr><td>${esc(c.category)} ${esc(c.name)}</td>${DISPLAY_SEVERITIES.map(level => `<td class="num">${c[level]}</td>`).join('')}</tr>`).join('')}</tbody></table>`}
<h3>Compliance coverage</h3>
<table><thead><tr><th>Framework</th><th>Checked</th><th>With findings</th><th>Those with findings</th></tr></thead><tbody>
${api.compliance
  .map(
    fw =>
      `<tr><td>${esc(fw.name)}</td><td class="num">${fw.checked}</td><td class="num">${fw.withFindings}</td><td>${fw.controls
        .filter(c => c.findings > 0)
        .map(c => `${esc(c.id)} (${c.findings})`)
        .join(', ')}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
</section>`;
}

const ruleLink = (code: string, docs: string | undefined) =>
  docs === undefined ? `<code>${esc(code)}</code>` : `<a href="${esc(docs)}"><code>${esc(code)}</code></a>`;

function findingsTable(all: ReadonlyArray<{ api: ApiReport; f: ApiReport['findingList'][number] }>): string {
  if (all.length === 0) return '<p>No findings.</p>';
  const docs = new Map(all.map(({ api, f }) => [f.code, api.rules.find(rule => rule.code === f.code)?.docs]));
  const options = (values: Iterable<string>) =>
    [...new Set(values)]
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map(value => `<option value="${esc(value)}">${esc(value)}</option>`)
      .join('');
  const select = (filter: string, label: string, values: Iterable<string>) =>
    `<label>${label} <select data-filter="${filter}"><option value="">all</option>${options(values)}</select></label>`;
  const rows = all.map(({ api, f }) => {
    const level = DISPLAY_SEVERITIES.indexOf(f.severity as (typeof DISPLAY_SEVERITIES)[number]);
    const where = `${f.source}:${f.line}:${f.column}`;
    return `<tr data-file="${esc(api.file)}" data-severity="${esc(f.severity)}" data-category="${esc(f.category)}" data-rule="${esc(f.code)}"><td>${esc(api.file)}</td><td class="sev-${esc(f.severity)}" data-key="${level}">${esc(f.severity)}</td><td>${esc(f.category)}</td><td class="rule">${ruleLink(f.code, docs.get(f.code))}</td><td>${esc(f.message)}</td><td data-key="${esc(`${f.source}:${String(f.line).padStart(9, '0')}:${String(f.column).padStart(9, '0')}`)}">${esc(where)}</td><td><code>${esc(f.path.join('.'))}</code></td></tr>`;
  });
  return `<div class="filters">${select(
    'category',
    'Category',
    all.map(({ f }) => f.category),
  )}${select(
    'severity',
    'Severity',
    all.map(({ f }) => f.severity),
  )}${select(
    'rule',
    'Rule',
    all.map(({ f }) => f.code),
  )}${select(
    'file',
    'API',
    all.map(({ api }) => api.file),
  )}</div>
<p id="shown" aria-live="polite">${all.length} of ${all.length} findings shown</p>
<table class="sortable" id="findings"><thead><tr>${th('API')}${th('Severity')}${th('Category')}${th('Rule')}${th('Message')}${th('Location')}${th('Path')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

const total = (c: SeverityTally) => c.error + c.warning + c.info + c.hint;

function sumCategories(apis: readonly ApiReport[]): CategoryTally[] {
  const sums = new Map<string, CategoryTally>();
  for (const api of apis) {
    for (const c of api.byCategory) {
      const sum = sums.get(c.category) ?? { ...c, error: 0, warning: 0, info: 0, hint: 0 };
      for (const level of DISPLAY_SEVERITIES) sum[level] += c[level];
      sums.set(c.category, sum);
    }
  }
  return [...sums.values()];
}

/** A horizontal bar per OWASP category, stacked by severity, as inline SVG. */
function categoryChart(categories: readonly CategoryTally[]): string {
  const rowHeight = 22;
  const labelWidth = 400;
  const barWidth = 360;
  const max = Math.max(1, ...categories.map(total));
  const bars = categories.map((c, i) => {
    const y = i * rowHeight;
    let x = labelWidth;
    const segments = DISPLAY_SEVERITIES.filter(level => c[level] > 0).map(level => {
      const width = Math.max(1, (c[level] / max) * barWidth);
      const rect = `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="${SEVERITY_COLOURS[level]}"><title>${esc(c.category)}: ${c[level]} ${level}</title></rect>`;
      x += width;
      return rect;
    });
    return `<text x="0" y="${y + 15}">${esc(c.category)} ${esc(c.name)}</text>${segments.join('')}<text x="${(x + 4).toFixed(1)}" y="${y + 15}">${total(c)}</text>`;
  });
  const height = categories.length * rowHeight;
  return `<svg class="chart" role="img" aria-label="Findings by OWASP category" width="${labelWidth + barWidth + 50}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 50} ${height}" xmlns="http://www.w3.org/2000/svg">${bars.join('')}</svg>`;
}
