import * as path from 'node:path';
import { Spectral } from '@stoplight/spectral-core';
import type { ISpectralDiagnostic } from '@stoplight/spectral-core';
import { catalogEntriesFor } from '../catalog/catalog.js';
import type { CatalogEntry } from '../catalog/catalog.js';
import { parseSpec, readSpecFile } from './load.js';
import { createSafeResolver, DEFAULT_REMOTE_MAX_BYTES, DEFAULT_REMOTE_TIMEOUT_MS } from './resolver.js';
import { loadRuleset } from './ruleset.js';

/** One finding, shaped like Spectral's results: 0-based range, severity 0 (error) to 3 (hint). */
export interface Finding {
  code: string;
  message: string;
  path: Array<string | number>;
  severity: 0 | 1 | 2 | 3;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  source?: string;
}

export interface LintOptions {
  /** A ruleset file, or `recommended` / `strict` for a bundled one. Default: recommended. */
  ruleset?: string;
  /** Folder that local $refs may not leave. Default: the folder of the file being linted. */
  refRoot?: string;
  /** Fetch http(s) $refs (with a timeout and size limit). Default: false. */
  allowRemoteRefs?: boolean;
  remoteTimeoutMs?: number;
  remoteMaxBytes?: number;
}

/** A file path, or an in-memory document with an optional name used in results and for $refs. */
export type LintInput = string | { content: string; source?: string };

export interface LintReport {
  results: Finding[];
  /** Catalog entries of the rules that fired, in code order. */
  rules: CatalogEntry[];
}

/**
 * Lints one API description. Throws InputError for input that cannot be linted (missing,
 * empty, unparseable, not an API description); problems in the API itself are results.
 */
export async function lint(input: LintInput, options: LintOptions = {}): Promise<LintReport> {
  const results = await lintOne(input, options);
  return { results, rules: catalogEntriesFor(results) };
}

export async function lintOne(input: LintInput, options: LintOptions = {}): Promise<Finding[]> {
  const { text, source } =
    typeof input === 'string'
      ? { text: await readSpecFile(input), source: path.resolve(input) }
      : { text: input.content, source: path.resolve(input.source ?? 'document.yaml') };
  const { document } = parseSpec(text, source);
  const spectral = new Spectral({
    resolver: createSafeResolver({
      refRoot: options.refRoot ?? path.dirname(source),
      allowRemoteRefs: options.allowRemoteRefs ?? false,
      remoteTimeoutMs: options.remoteTimeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS,
      remoteMaxBytes: options.remoteMaxBytes ?? DEFAULT_REMOTE_MAX_BYTES,
    }),
  });
  spectral.setRuleset(await loadRuleset(options.ruleset));
  const diagnostics = await spectral.run(document);
  return sortFindings(diagnostics.map(toFinding));
}

function toFinding(d: ISpectralDiagnostic): Finding {
  return {
    code: String(d.code),
    message: d.message,
    path: [...d.path],
    severity: d.severity as Finding['severity'],
    range: { start: { ...d.range.start }, end: { ...d.range.end } },
    ...(d.source !== undefined && d.source !== null ? { source: d.source } : {}),
  };
}

/** Stable order: by file, then position, then code, then message. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      compare(a.source ?? '', b.source ?? '') ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
