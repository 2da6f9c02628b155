import type { InputError } from '../parse/errors.js';
import { reportedSource } from '../findings/findings.js';
import type { Finding } from '../findings/findings.js';

/**
 * An input specguard could not lint (unparseable, refused by a guard, missing, a crashed worker)
 * becomes one error entry with this code among the findings, which every report reads, so no
 * format can show the file as passed. The pipeline adds these after the baseline: a baseline
 * never hides them.
 */
export const NOT_LINTED = 'specguard-not-linted';

export const isNotLinted = (finding: Finding): boolean => finding.code === NOT_LINTED;

/**
 * The entry for `input` (a file, or an argument that named nothing to lint), with the error's
 * reason at its line and column when the error lies in that file; an error elsewhere (a RAML
 * include) keeps its own location in the message.
 */
export function notLintedFinding(input: string, error: InputError): Finding {
  const source = reportedSource(input);
  const { file, line, column } = error.place;
  const inInput = reportedSource(file) === source;
  const at = inInput && line !== undefined ? { line: line - 1, character: column! - 1 } : { line: 0, character: 0 };
  return {
    code: NOT_LINTED,
    message: inInput ? error.reason : error.message,
    path: [],
    severity: 0,
    range: { start: at, end: { ...at } },
    source,
  };
}
