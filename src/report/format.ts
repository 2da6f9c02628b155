import type { CatalogEntry } from '../catalog/catalog.js';
import type { Finding } from '../engine/findings.js';
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
export async function formatFindings(findings: Finding[], format: OutputFormat, ctx: FormatContext): Promise<string> {
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
      return (await spectralFormatters()).junit(asDiagnostics, spectralOptions);
    case 'github-actions':
      return (await spectralFormatters()).githubActions(asDiagnostics, spectralOptions);
    case 'markdown':
      return markdown(findings);
    case 'html':
      return html(findings);
  }
}

/** Loaded only when used: it pulls in Spectral's core, which the CLI's main thread otherwise never needs. */
const spectralFormatters = () => import('@stoplight/spectral-formatters');

/** The documented JSON shape, with keys in a fixed order so output is byte-stable. */
function jsonShape(f: Finding) {
  return { code: f.code, message: f.message, path: f.path, severity: f.severity, range: f.range, source: f.source };
}
