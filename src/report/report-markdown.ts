import type { ApiReport, Report } from './api-report.js';
import { DISPLAY_SEVERITIES } from '../findings/severity.js';
import { plural, severityCounts } from './shared.js';
import { escapeMarkdown } from './text-formats.js';

/*
 * `specguard report --format markdown`: short enough for a pull-request comment or a wiki page,
 * so findings are counted per rule, not listed (`specguard lint --format markdown` lists them).
 */

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: string[]) => (rows.length === 0 ? [] : [row(head), row(head.map(() => '---')), ...rows, '']);

export const scoreText = (api: Pick<ApiReport, 'score'>) => (api.score === null ? 'not scored' : `${api.score}/100`);

export function reportMarkdown(report: Report): string {
  const { summary } = report;
  const lines = [
    '# specguard report',
    '',
    `${plural(summary.apis, 'API')}, ${plural(summary.findings, 'finding')} (${severityCounts(DISPLAY_SEVERITIES.map(level => summary.bySeverity[level]))}), ${plural(summary.exempted, 'exempted finding')}. Ruleset: ${escapeMarkdown(report.ruleset)}; specguard ${report.tool.version}.`,
    '',
  ];
  if (report.apis.length > 1) {
    lines.push(
      '## Summary',
      '',
      ...table(
        ['API', 'Score', 'Operations', 'Errors', 'Warnings', 'Info', 'Hints', 'Exempted'],
        report.apis.map(api =>
          row([
            apiName(api),
            scoreText(api),
            api.operations,
            api.bySeverity.error,
            api.bySeverity.warning,
            api.bySeverity.info,
            api.bySeverity.hint,
            api.exemptions.count,
          ]),
        ),
      ),
    );
  }
  for (const api of report.apis) lines.push(...apiSection(api));
  return lines.join('\n');
}

const apiName = (api: ApiReport) => `${escapeMarkdown(api.file)}${api.title === undefined ? '' : ` (${escapeMarkdown(api.title)})`}`;

function apiSection(api: ApiReport): string[] {
  const heading = [`## ${apiName(api)}`, ''];
  if (api.notChecked !== undefined) return [...heading, `Not checked: ${escapeMarkdown(api.notChecked)}`, ''];
  const link = (code: string, docs?: string) => (docs === undefined ? escapeMarkdown(code) : `[${escapeMarkdown(code)}](${docs})`);
  const docsOf = new Map(api.rules.map(rule => [rule.code, rule.docs]));
  const categories = api.byCategory.filter(c => c.error + c.warning + c.info + c.hint > 0);
  return [
    ...heading,
    `**Score ${scoreText(api)}**: ${plural(api.operations, 'operation')}, ${plural(api.findings, 'finding')}, ${plural(api.exemptions.count, 'finding')} exempted by \`x-specguard-exempt\`.`,
    '',
    ...(api.topFixes.length === 0
      ? []
      : [
          '### Fixes that raise the score most',
          '',
          ...table(
            ['Rule', 'Findings', 'Score gain', 'How'],
            api.topFixes.map(fix =>
              row([link(fix.code, docsOf.get(fix.code)), fix.findings, `+${fix.gain}`, escapeMarkdown(fix.fix ?? 'see the rule’s page')]),
            ),
          ),
        ]),
    ...(categories.length === 0
      ? []
      : [
          '### Findings by OWASP category',
          '',
          ...table(
            ['Category', 'Errors', 'Warnings', 'Info', 'Hints'],
            categories.map(c => row([`${c.category} ${escapeMarkdown(c.name)}`, c.error, c.warning, c.info, c.hint])),
          ),
          ...table(
            ['Rule', 'Category', 'Severity', 'Findings', 'Score penalty'],
            api.rules.map(rule => row([link(rule.code, rule.docs), rule.category, rule.severity, rule.findings, rule.penalty])),
          ),
        ]),
    '### Compliance coverage',
    '',
    ...table(
      ['Framework', 'Checked', 'With findings', 'Those with findings'],
      api.compliance.map(framework =>
        row([
          framework.name,
          framework.checked,
          framework.withFindings,
          framework.controls
            .filter(control => control.findings > 0)
            .map(control => escapeMarkdown(control.id))
            .join(', '),
        ]),
      ),
    ),
  ];
}
