import { githubActions, junit } from '@stoplight/spectral-formatters';
import type { CatalogEntry } from '../catalog/catalog.js';
import type { Finding } from '../engine/lint.js';
import { toSarif } from './sarif.js';
import { html, markdown, stylish } from './text-formats.js';

export const OUTPUT_FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github-actions', 'markdown', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface FormatContext {
  failSeverity: Finding['severity'];
  catalog: CatalogEntry[];
  version: string;
  baseDir: string;
}

/** Renders findings; Spectral's own formatters where they scale, so output looks as users expect. */
export function formatFindings(findings: Finding[], format: OutputFormat, ctx: FormatContext): string {
  const spectralOptions = { failSeverity: ctx.failSeverity } as never;
  const asDiagnostics = findings as never;
  switch (format) {
    case 'json':
      return JSON.stringify(findings.map(jsonShape), null, 2);
    case 'sarif':
      return toSarif(findings, ctx.catalog, ctx.version, ctx.baseDir);
    case 'stylish':
      return stylish(findings);
    case 'junit':
      return junit(asDiagnostics, spectralOptions);
    case 'github-actions':
      return githubActions(asDiagnostics, spectralOptions);
    case 'markdown':
      return markdown(findings);
    case 'html':
      return html(findings);
  }
}

/** The documented JSON shape, with keys in a fixed order so output is byte-stable. */
function jsonShape(f: Finding) {
  return { code: f.code, message: f.message, path: f.path, severity: f.severity, range: f.range, source: f.source };
}
