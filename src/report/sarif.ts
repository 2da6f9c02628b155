import * as path from 'node:path';
import type { Location, Log, Notification, PhysicalLocation, ReportingDescriptor, Result, Suppression } from 'sarif';
import type { CatalogEntry } from '../catalog/catalog.js';
import type { Finding } from '../findings/findings.js';
import { repositoryFileUrl } from '../package/package-info.js';
import { fingerprint } from '../results/fingerprint.js';
import { isNotLinted } from '../results/not-linted.js';
import { jsonChunksAround } from './json-text.js';

const LEVELS: Record<Finding['severity'], Result.level> = { 0: 'error', 1: 'warning', 2: 'note', 3: 'note' };

/**
 * SARIF 2.1.0 for code scanning: one rule per catalog entry that fired, tagged with its OWASP and
 * CWE ids, so alerts are grouped and searchable by them. File URIs are relative to `baseDir`. A
 * file that could not be linted is an error notification of the run's invocation, which then
 * did not succeed. A finding an exemption in the spec covers is a result with an `inSource`
 * suppression (code scanning shows it as suppressed, not open).
 */
export function toSarif(
  all: Finding[],
  catalog: CatalogEntry[],
  version: string,
  baseDir: string,
  options: { ruleset?: string; baselineState?: Result.baselineState } = {},
): string[] {
  const { ruleset, baselineState } = options;
  // A file that could not be linted is not a result about the API: it is the tool failing on that file.
  const findings = all.filter(f => !isNotLinted(f));
  const notLinted = all.filter(isNotLinted);
  const byCode = new Map(catalog.map(entry => [entry.code, entry]));
  const codes = [...new Set(findings.map(f => f.code))].sort();
  const levelRun = new Map<string, Finding['severity']>();
  for (const f of findings) levelRun.set(f.code, Math.min(f.severity, levelRun.get(f.code) ?? 3) as Finding['severity']);
  const rules: ReportingDescriptor[] = codes.map(code => {
    const entry = byCode.get(code);
    if (!entry) return { id: code, shortDescription: { text: code } };
    return {
      id: code,
      shortDescription: { text: entry.description },
      help: { text: `${entry.description} See ${repositoryFileUrl(entry.docs)}` },
      helpUri: repositoryFileUrl(entry.docs),
      // The level the ruleset that ran gave the rule (a --ruleset may raise or lower it), not the recommended one.
      defaultConfiguration: { level: LEVELS[levelRun.get(code) ?? 1] },
      properties: {
        tags: ['security', ...entry.owasp.map(id => `OWASP-${id}`), ...entry.cwe],
        // GitHub code scanning ranks security alerts by this 0-10 score: the flaw's risk, from the rule.
        'security-severity': entry.securitySeverity.toFixed(1),
        owasp: entry.owasp,
        cwe: entry.cwe,
        controls: entry.controls,
      },
    };
  });
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const results: Result[] = findings.map(f => ({
    ruleId: f.code,
    ruleIndex: ruleIndex.get(f.code),
    level: LEVELS[f.severity],
    message: { text: f.message },
    // Code scanning tracks an alert across runs by this, so an edit elsewhere in the file does not reopen it.
    partialFingerprints: { 'specguard/v1': fingerprint(f, baseDir) },
    locations: [{ physicalLocation: physicalLocation(f, baseDir), logicalLocations: [{ fullyQualifiedName: f.path.join('.') }] }],
    ...(f.exempted !== undefined ? { suppressions: [suppression(f.exempted)] } : {}),
    ...(baselineState !== undefined ? { baselineState } : {}),
    ...(f.was !== undefined ? { relatedLocations: [wasLocation(f.was, baseDir)] } : {}),
  }));
  const notifications: Notification[] = notLinted.map(f => ({
    level: 'error',
    message: { text: f.message },
    descriptor: { id: f.code },
    locations: [{ physicalLocation: physicalLocation(f, baseDir) }],
  }));
  return sarifLog({ version, ruleset, rules, results, notifications, successful: notifications.length === 0 });
}

/** What one SARIF run of specguard holds; `specguard merge` joins several into one. */
export interface SarifParts {
  version: string;
  /** The ruleset's name or digest (see rulesetIdentity), as the run's `properties.ruleset`. */
  ruleset: string | undefined;
  rules: ReportingDescriptor[];
  results: Result[];
  notifications: Notification[];
  successful: boolean;
}

/** The SARIF log of one run, in chunks (see jsonChunksAround). */
export function sarifLog(parts: SarifParts): string[] {
  const { version, ruleset, rules, results, notifications, successful } = parts;
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'specguard', version, rules } },
        invocations: [
          {
            executionSuccessful: successful,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        ...(ruleset !== undefined ? { properties: { ruleset } } : {}),
        results: [],
      },
    ],
  };
  return jsonChunksAround(log, 'results', results);
}

/** An exemption written in the spec, as SARIF says it: accepted in source, its reason the justification. */
function suppression({ reason, owner, expires }: NonNullable<Finding['exempted']>): Suppression {
  const properties = { ...(owner !== undefined ? { owner } : {}), ...(expires !== undefined ? { expires } : {}) };
  return {
    kind: 'inSource',
    status: 'accepted',
    justification: reason,
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

/** A result's level, most severe first: how a merge picks a rule's level from its runs' levels. */
export const LEVEL_RANK: Readonly<Record<string, number>> = { error: 0, warning: 1, note: 2, none: 3 };

/** `specguard diff`: where the regressed thing was in the old version (a `git:REF:path` is named in the message only: it is no file). */
function wasLocation(was: NonNullable<Finding['was']>, baseDir: string): Location {
  const at = `${was.range.start.line + 1}:${was.range.start.character + 1}`;
  const isFile = was.source !== undefined && path.isAbsolute(was.source);
  return {
    id: 0,
    message: { text: `Before: ${isFile ? toUri(was.source, baseDir) : (was.source ?? '')}:${at} ${was.path.join('.')}`.replace(/ $/, '') },
    ...(isFile ? { physicalLocation: physicalLocation({ source: was.source, range: was.range }, baseDir) } : {}),
    logicalLocations: [{ fullyQualifiedName: was.path.join('.') }],
  };
}

function physicalLocation(f: Pick<Finding, 'source' | 'range'>, baseDir: string): PhysicalLocation {
  return {
    artifactLocation: { uri: toUri(f.source, baseDir) },
    region: {
      startLine: f.range.start.line + 1,
      startColumn: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
    },
  };
}

function toUri(source: string | undefined, baseDir: string): string {
  if (source === undefined) return '';
  return path.relative(baseDir, source).split(path.sep).join('/');
}
