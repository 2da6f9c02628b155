import type { Finding } from '../engine/findings.js';
import { displaySeverity } from '../severity.js';
import type { SeverityLevel } from '../severity.js';
import type { Summary } from '../results/summary.js';
import { displayPath } from '../results/summary.js';
import { NO_COLORS } from './color.js';
import type { Paint } from './color.js';
import { groupBySource, plural, position, printablePath, severityCounts } from './shared.js';

export interface StylishOptions {
  summary: Summary;
  paint?: Paint;
  /** Terminal width: messages wrap under their own column. Unset: one line per finding. */
  columns?: number;
  baseDir: string;
}

/**
 * The eslint-style terminal report: findings grouped by file, short columns aligned and the
 * message last, so no line is padded to the longest message; then a summary that counts files
 * and rules and names a shared cause once.
 */
export function stylish(findings: Finding[], options: StylishOptions): string {
  const paint = options.paint ?? NO_COLORS;
  const out: string[] = [];
  for (const [source, group] of groupBySource(findings)) {
    const positionWidth = maxLength(group.map(position));
    const codeWidth = maxLength(group.map(f => f.code));
    const indent = 2 + positionWidth + 2 + 7 + 2 + codeWidth + 2;
    out.push('', paint.underline(source));
    for (const f of group) {
      const severity = severityLabel(f.severity, paint);
      const room = options.columns === undefined ? Infinity : options.columns - indent;
      const lines = wrap(f.message, room);
      // The JSON path last and dimmed: the message already names the thing; the path is for JSON readers.
      const where = printablePath(f);
      if (where !== '' && lines[lines.length - 1].length + 2 + where.length <= room) lines[lines.length - 1] += `  ${paint.dim(where)}`;
      else if (where !== '') lines.push(paint.dim(where));
      out.push(
        `  ${paint.dim(position(f).padEnd(positionWidth))}  ${severity}  ${f.code.padEnd(codeWidth)}  ${lines.join(`\n${' '.repeat(indent)}`)}`,
      );
    }
  }
  out.push('', ...summaryLines(options.summary, paint, options.baseDir, options.columns), '');
  return out.join('\n');
}

function summaryLines(summary: Summary, paint: Paint, baseDir: string, columns: number | undefined): string[] {
  const [errors, warnings] = summary.bySeverity;
  const mark = errors > 0 ? paint.red('✖') : warnings > 0 ? paint.yellow('⚠') : paint.blue('ℹ');
  const lines = [
    paint.bold(`${mark} ${plural(summary.total, 'problem')} (${severityCounts(summary.bySeverity)})`),
    `  ${plural(summary.filesChecked, 'file')} checked: ${summary.filesWithFindings} with findings, ${summary.filesChecked - summary.filesWithFindings} passed.`,
  ];
  if (summary.byRule.length > 0) {
    const width = maxLength(summary.byRule.map(r => r.code));
    const countWidth = maxLength(summary.byRule.map(r => String(r.count)));
    lines.push('', '  Findings per rule:');
    for (const rule of summary.byRule)
      lines.push(
        `    ${rule.code.padEnd(width)}  ${String(rule.count).padStart(countWidth)}  ${severityLabel(rule.severity, paint).trimEnd()}`,
      );
  }
  for (const hit of summary.sharedCauses) {
    const text = `${hit.count} ${hit.code} findings in ${displayPath(hit.source, baseDir)} share one cause: ${hit.fix}`;
    lines.push('', `  ${wrap(text, columns === undefined ? Infinity : columns - 4).join('\n    ')}`);
  }
  return lines;
}

function severityLabel(level: SeverityLevel, paint: Paint): string {
  const name = displaySeverity(level).padEnd(7);
  return level === 0 ? paint.red(name) : level === 1 ? paint.yellow(name) : paint.blue(name);
}

function maxLength(values: string[]): number {
  let width = 0;
  for (const value of values) width = Math.max(width, value.length);
  return width;
}

/** Splits `text` at spaces into lines of at most `room` characters (a longer word keeps its own line). */
function wrap(text: string, room: number): string[] {
  if (room < 30 || text.length <= room) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}
