import type { Finding } from '../findings/findings.js';
import { displaySeverity } from '../findings/severity.js';
import type { SeverityLevel } from '../findings/severity.js';
import type { Summary } from '../results/summary.js';
import { displayPath } from '../results/summary.js';
import { NO_COLORS } from './color.js';
import type { Paint } from './color.js';
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

export interface StylishOptions {
  summary: Summary;
  paint?: Paint;
  /** Terminal width: messages wrap under their own column. Unset: one line per finding. */
  columns?: number;
  baseDir: string;
  /** Exempted findings to list after the others (--show-exempted); otherwise the summary only counts them. */
  exempted?: Finding[];
}

/**
 * The terminal report, laid out as eslint's and TypeScript's are: findings grouped by file, each
 * as its position, severity and message on one line (the message wrapped to the terminal under
 * its own column), then its rule and JSON path dimmed on the next; then a summary that counts
 * files and rules and names a shared cause once. Only a word longer than the room (a long URL or
 * path segment) passes the width.
 */
export function stylish(findings: Finding[], options: StylishOptions): string {
  const paint = options.paint ?? NO_COLORS;
  const out = fileGroups(findings, paint, options.columns);
  if (options.exempted !== undefined && options.exempted.length > 0) {
    out.push(
      '',
      paint.bold('Exempted in the spec (not counted, never failing the run):'),
      ...fileGroups(options.exempted, paint, options.columns),
    );
  }
  out.push('', ...summaryLines(options.summary, paint, options.baseDir, options.columns, options.exempted !== undefined), '');
  return out.join('\n');
}

/** Findings grouped by file; an exempted one also says its exemption, on a last dimmed line. */
function fileGroups(findings: Finding[], paint: Paint, columns: number | undefined): string[] {
  const out: string[] = [];
  for (const [source, group] of groupBySource(findings)) {
    const positionWidth = maxLength(group.map(position));
    const indent = ' '.repeat(2 + positionWidth + 2 + 7 + 2);
    const room = columns === undefined ? Infinity : columns - indent.length;
    out.push('', paint.underline(source));
    for (const f of group) {
      const message = wrap(f.message, room).join(`\n${indent}`);
      out.push(`  ${paint.dim(position(f).padEnd(positionWidth))}  ${severityLabel(f.severity, paint)}  ${message}`);
      // The rule and JSON path dimmed: the message already names the thing; the path is for JSON readers.
      const where = printablePath(f);
      const detail =
        where === '' ? [f.code] : f.code.length + 2 + where.length <= room ? [`${f.code}  ${where}`] : [f.code, ...wrapPath(where, room)];
      for (const line of detail) out.push(`${indent}${paint.dim(line)}`);
      if (f.exempted !== undefined)
        for (const line of wrap(`exempted: ${exemptionText(f.exempted)}`, room)) out.push(`${indent}${paint.dim(line)}`);
    }
  }
  return out;
}

function summaryLines(summary: Summary, paint: Paint, baseDir: string, columns: number | undefined, listed: boolean): string[] {
  const [errors, warnings] = summary.bySeverity;
  const mark = errors > 0 ? paint.red('✖') : warnings > 0 ? paint.yellow('⚠') : paint.blue('ℹ');
  const baselined = baselineNote(summary.baselined);
  const exempted = exemptedNote(summary.exempted);
  const lines = [
    paint.bold(`${mark} ${plural(summary.total, 'problem')} (${severityCounts(summary.bySeverity)})`),
    `  ${fileCounts(summary)}.`,
    ...(baselined === undefined ? [] : [`  ${baselined}.`]),
    ...(exempted === undefined ? [] : [`  ${exempted}${listed ? '' : ` (${SHOW_EXEMPTED_HINT})`}.`]),
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

/**
 * Splits `text` at spaces into lines of at most `room` characters (a longer word keeps its own
 * line). Below 20 characters of room a terminal too narrow to read wraps it anyway.
 */
function wrap(text: string, room: number): string[] {
  if (text.length <= room) return [text];
  room = Math.max(room, 20);
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

/** A JSON path split before its segments (`.name`, `[0]`) into lines of at most `room` characters. */
function wrapPath(where: string, room: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const segment of where.split(/(?=[.[])/)) {
    if (line !== '' && line.length + segment.length > room) {
      lines.push(line);
      line = segment;
    } else line += segment;
  }
  lines.push(line);
  return lines;
}
