import { UNNAMED_CONTENT } from '../findings/findings.js';
import type { Finding } from '../findings/findings.js';
import type { Summary } from '../results/summary.js';

/** Findings of each file together, in the order the files first appear (findings come sorted). */
export function groupBySource(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.source ?? UNNAMED_CONTENT;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

/** 1-based `line:column`, as editors and terminals read it. */
export const position = (f: Finding) => `${f.range.start.line + 1}:${f.range.start.character + 1}`;

/** `paths./users.get.responses[0]`: the JSON path in a form a reader can follow. */
export const printablePath = (f: Finding) =>
  f.path
    .map(p => (typeof p === 'number' || /^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `1 error, 2 warnings, 0 infos, 0 hints`: how every report spells the counts by severity. */
export function severityCounts([errors, warnings, infos, hints]: readonly number[]): string {
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}, ${plural(hints, 'hint')}`;
}

/**
 * `3 files checked: 1 with findings, 1 could not be linted, 1 passed`: how every report counts
 * files. A file that could not be linted is never counted as passed.
 */
export function fileCounts(summary: Summary): string {
  const { filesChecked, filesWithFindings, filesNotLinted } = summary;
  const notLinted = filesNotLinted > 0 ? `, ${filesNotLinted} could not be linted` : '';
  return `${plural(filesChecked, 'file')} checked: ${filesWithFindings} with findings${notLinted}, ${filesChecked - filesWithFindings - filesNotLinted} passed`;
}

/** `2 findings exempted in the spec`, or nothing when no exemption covered any. */
export const exemptedNote = (exempted: number): string | undefined =>
  exempted > 0 ? `${plural(exempted, 'finding')} exempted in the spec` : undefined;

/** How a report says where to see them, when it does not list them itself. */
export const SHOW_EXEMPTED_HINT = '--show-exempted lists them';

/** `payments-team, expires 2027-03-31: the gateway cuts q to 200 characters`: an exemption in one line. */
export function exemptionText({ reason, owner, expires }: NonNullable<Finding['exempted']>): string {
  const who = [...(owner !== undefined ? [owner] : []), ...(expires !== undefined ? [`expires ${expires}`] : [])];
  return who.length === 0 ? reason : `${reason} (${who.join(', ')})`;
}

/** `2 findings in the baseline not shown`, or nothing when the baseline hid none. */
export const baselineNote = (baselined: number): string | undefined =>
  baselined > 0 ? `${plural(baselined, 'finding')} in the baseline not shown` : undefined;
