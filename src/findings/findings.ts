import * as path from 'node:path';

/**
 * What a document given as content without a name is called in errors (`<content>:3:5: ...`) and
 * reports; its findings have no `source` (see lintOne). Never a file name: it is not resolved anywhere.
 */
export const UNNAMED_CONTENT = '<content>';

/**
 * What standard input is called in findings and errors when no `--stdin-filepath` names it. Like
 * UNNAMED_CONTENT it names no file, so it is reported as it is, never resolved to a path.
 */
export const STDIN = '<stdin>';

/** An input's name as findings carry it: a file's absolute path, or STDIN as it is. */
export const reportedSource = (input: string): string => (input === STDIN ? input : path.resolve(input));

/** One finding, shaped like Spectral's results: 0-based range, severity 0 (error) to 3 (hint); no `source` in unnamed content. */
export interface Finding {
  code: string;
  message: string;
  path: Array<string | number>;
  severity: 0 | 1 | 2 | 3;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  source?: string;
  /** Set on a finding an exemption in the spec covers: reported as exempted, never failing a run. */
  exempted?: ExemptedBy;
  /** `specguard diff` only: where the regressed thing was in the old version (source as reports name it). */
  was?: { source?: string; range: Finding['range']; path: Array<string | number> };
}

/** The exemption that covers a finding, as the spec writes it (`expires` is `YYYY-MM-DD`). */
export interface ExemptedBy {
  reason: string;
  owner?: string;
  expires?: string;
}

/**
 * Stable order: by file, then position, then code, then message, then JSON path (two RAML APIs
 * can report the same place of an include they share; the path tells their findings apart, so
 * `specguard merge` can restore this order from sharded runs).
 */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      compare(a.source ?? '', b.source ?? '') ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      compare(a.code, b.code) ||
      compare(a.message, b.message) ||
      compare(a.path.join('.'), b.path.join('.')),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
