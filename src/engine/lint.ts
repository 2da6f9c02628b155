import * as path from 'node:path';
import { Spectral } from '@stoplight/spectral-core';
import type { Document, ISpectralDiagnostic, RulesetDefinition } from '@stoplight/spectral-core';
import { unescapeTemplate } from '../findings/message-escape.js';
import { coverage, placedExemptions } from './declared-exemptions.js';
import type { FileExemption, LintedFile } from './declared-exemptions.js';
import { apiFacts } from './api-facts.js';
import type { ApiFacts } from './api-facts.js';
import { sortFindings, STDIN, UNNAMED_CONTENT } from '../findings/findings.js';
import type { Finding } from '../findings/findings.js';
import { loadSpec } from '../input/index.js';
import type { LocationMapper, NamedInput } from '../input/index.js';
import { InputError } from '../parse/errors.js';
import { DEFAULT_MAX_FILE_BYTES } from '../parse/input-guards.js';
import { createSafeResolver, DEFAULT_REMOTE_MAX_BYTES, DEFAULT_REMOTE_TIMEOUT_MS } from './resolver.js';
import { loadRuleset } from './ruleset.js';

/** How the engine lints one file; the programmatic API's LintOptions add the results stages' options. */
export interface EngineOptions {
  /**
   * A ruleset file, `recommended` / `strict` for a bundled one, or a Spectral ruleset definition
   * (what a JavaScript ruleset exports). Default: recommended.
   */
  ruleset?: string | RulesetDefinition;
  /** Folder that local $refs may not leave. Default: the folder of the file being linted. */
  refRoot?: string;
  /** Fetch http(s) $refs (with a timeout and size limit). Default: false. */
  allowRemoteRefs?: boolean;
  remoteTimeoutMs?: number;
  remoteMaxBytes?: number;
  /** Largest spec or $ref'd file read, in bytes. Default: 100 MB. */
  maxFileBytes?: number;
}

/**
 * A file path, or an in-memory document with an optional name, used in results and for $refs.
 * Without a name, its findings have no `source`, errors call it `<content>`, and its relative
 * $refs resolve against `refRoot`, else the working folder.
 */
export type LintInput = string | { content: string; source?: string };

/** One linted API: its findings and exemptions (see LintedFile), and what a report says about it besides them. */
export interface LintedApi extends LintedFile {
  facts: ApiFacts;
}

/**
 * Lints one API description: every finding, placed where its input adapter maps it in the user's
 * own files, the exemptions the document writes, for the results stage (applyExemptions), and
 * the API's facts.
 */
export async function lintFile(input: LintInput, options: EngineOptions = {}): Promise<LintedApi> {
  if (typeof input !== 'string' && input.source === undefined) return lintUnnamed(input.content, options);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const {
    document,
    source,
    findings: loadFindings,
    mapLocation,
    inOwnWords,
  } = await loadSpec(input as NamedInput, { maxFileBytes, allowRemoteRefs: options.allowRemoteRefs ?? false });
  const spectral = new Spectral({
    resolver: createSafeResolver({
      refRoot: options.refRoot ?? path.dirname(source),
      allowRemoteRefs: options.allowRemoteRefs ?? false,
      remoteTimeoutMs: options.remoteTimeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS,
      remoteMaxBytes: options.remoteMaxBytes ?? DEFAULT_REMOTE_MAX_BYTES,
      maxFileBytes,
    }),
  });
  spectral.setRuleset(await loadRuleset(options.ruleset));
  const { resolved, results } = await runGuarded(spectral, document, source, mapLocation);
  const ruleFindings = results.map(toFinding);
  // Rules give their advice in OpenAPI's words; an input format says it in its own (RAML: annotations, securedBy).
  if (inOwnWords !== undefined) for (const finding of ruleFindings) finding.message = inOwnWords(finding.message);
  const declared = placedExemptions(document, source, mapLocation);
  const covers = coverage(ruleFindings, declared, finding => finding.source === source);
  const rules = new Set(Object.keys(spectral.ruleset?.rules ?? {}));
  const exemptions = declared.map((exemption, i): FileExemption => ({ ...exemption, known: rules.has(exemption.rule), covers: covers[i] }));
  const findings = [...ruleFindings, ...loadFindings].map(finding => mapped(finding, mapLocation));
  return { ...sortedFile({ findings, exemptions }), facts: apiFacts(document, resolved, spectral.ruleset) };
}

/** The file's findings in report order, each exemption's `covers` following its findings there. */
function sortedFile({ findings, exemptions }: LintedFile): LintedFile {
  const sorted = sortFindings([...findings]);
  const at = new Map(sorted.map((finding, i) => [finding, i]));
  return { findings: sorted, exemptions: exemptions.map(e => ({ ...e, covers: e.covers.map(i => at.get(findings[i])!) })) };
}

/**
 * Standard input that no `--stdin-filepath` names: read as unnamed content, but its findings
 * and errors say `<stdin>`, so every report has a file to show.
 */
export function lintStdin(content: string, options: EngineOptions = {}): Promise<LintedApi> {
  return lintUnnamed(content, options, STDIN);
}

/**
 * Content without a name stands, for the resolver, in the folder its relative $refs resolve
 * against: `refRoot`, else the working folder, said explicitly. Its findings then lose that
 * stand-in path (findings in the files it $refs keep theirs): they carry `label` when it is
 * STDIN, and no source when it is `<content>`; errors call it `label`.
 */
async function lintUnnamed(content: string, options: EngineOptions, label = UNNAMED_CONTENT): Promise<LintedApi> {
  const standIn = path.join(path.resolve(options.refRoot ?? process.cwd()), label);
  let file: LintedApi;
  try {
    file = await lintFile({ content, source: standIn }, options);
  } catch (error) {
    if (error instanceof InputError && error.place.file === standIn)
      throw new InputError(`${label}${error.location.slice(standIn.length)}`, error.reason);
    throw error;
  }
  const relabel = <T extends { source?: string }>(placed: T): T => {
    if (placed.source !== standIn) return placed;
    const { source: _, ...unnamed } = placed;
    return (label === STDIN ? { ...unnamed, source: STDIN } : unnamed) as T;
  };
  return { ...sortedFile({ findings: file.findings.map(relabel), exemptions: file.exemptions.map(relabel) }), facts: file.facts };
}

/** A finding at the place its input adapter maps it to, in the user's own file. */
function mapped(finding: Finding, mapLocation: LocationMapper): Finding {
  const { source, range } = mapLocation(finding);
  const result: Finding = { ...finding, range };
  if (source === undefined) delete result.source;
  else result.source = source;
  return result;
}

/** Spectral's resolver recurses per level: $ref chains can nest deeper than any one file does. */
async function runGuarded(
  spectral: Spectral,
  document: Document,
  source: string,
  mapLocation: LocationMapper,
): Promise<{ resolved: unknown; results: ISpectralDiagnostic[] }> {
  try {
    return await spectral.runWithResolved(document);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(source, 'nests too deeply once its $refs are resolved; refused');
    // Spectral's $ref crawler calls `target.hasOwnProperty(key)`, which a key of that name shadows.
    if (error instanceof TypeError && /hasOwnProperty is not a function/.test(error.message)) {
      const at = findKey(document.data, 'hasOwnProperty');
      const range = at && document.getRangeForJsonPath(at, true);
      const place = at && range ? mapLocation({ path: at, range, source }) : undefined; // in the user's own file
      throw new InputError(
        place ? `${place.source ?? source}:${place.range.start.line + 1}:${place.range.start.character + 1}` : source,
        'a key named "hasOwnProperty" breaks Spectral\'s $ref resolver (an upstream limitation); rename it to lint this file',
      );
    }
    throw error;
  }
}

/** The path of the first object key named `key`, breadth first; iterative, so depth cannot hurt. */
function findKey(data: unknown, key: string): Array<string | number> | undefined {
  const queue: Array<[unknown, Array<string | number>]> = [[data, []]];
  for (let i = 0; i < queue.length; i++) {
    const [value, at] = queue[i];
    if (value === null || typeof value !== 'object') continue;
    if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, key)) return [...at, key];
    for (const [k, child] of Object.entries(value)) queue.push([child, [...at, Array.isArray(value) ? Number(k) : k]]);
  }
  return undefined;
}

function toFinding(d: ISpectralDiagnostic): Finding {
  return {
    code: String(d.code),
    message: unescapeTemplate(d.message),
    path: [...d.path],
    severity: d.severity,
    range: { start: { ...d.range.start }, end: { ...d.range.end } },
    ...(d.source !== undefined && d.source !== null ? { source: d.source } : {}),
  };
}
