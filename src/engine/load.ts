import { promises as fs } from 'node:fs';
import { Document } from '@stoplight/spectral-core';
// spectral-parsers is CommonJS without detectable named exports.
import parsers from '@stoplight/spectral-parsers';
import { oasVersionOf } from '../document-index/version.js';
import type { OasVersion } from '../document-index/types.js';
import { InputError } from './errors.js';
import { checkAliasExpansion, decodeText, DEFAULT_MAX_FILE_BYTES, findJsonComment, MAX_NESTING_DEPTH, nestingDepth } from './input-guards.js';

const { Json, Yaml } = parsers;

export interface LoadedSpec {
  document: Document;
  version: OasVersion;
  /** Where a JSON document has a comment: JSON allows none, so it is reported as a finding. */
  jsonComment?: { line: number; character: number };
}

/** Reads a spec file as text, refusing files over the size limit and bytes that are not text. */
export async function readSpecFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<string> {
  let bytes: Buffer;
  try {
    const { size } = await fs.stat(file);
    if (size > maxBytes) throw new InputError(file, tooLarge(size, maxBytes));
    bytes = await fs.readFile(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? String(error)})`;
    throw new InputError(file, reason);
  }
  const decoded = decodeText(bytes);
  if ('reason' in decoded) throw new InputError(located(file, decoded.at), decoded.reason);
  return decoded.text;
}

export function tooLarge(size: number, maxBytes: number): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  return `is ${mb(size)}, over the ${mb(maxBytes)} size limit; raise it with --max-file-size`;
}

function located(source: string, at: { line: number; character: number } | undefined): string {
  return at ? `${source}:${at.line + 1}:${at.character + 1}` : source;
}

/**
 * Parses one API description from its text, deciding the format from the content, not the
 * file name. Anything that is not a readable OpenAPI 2.0/3.0/3.1 document is an InputError.
 */
export function parseSpec(text: string, source: string): LoadedSpec {
  if (text.trim() === '') throw new InputError(source, 'file is empty');
  const body = text.replace(/^\uFEFF/, '');
  if (/^#%RAML/.test(body)) {
    throw new InputError(source, 'RAML is not supported yet (it is planned); convert it to OpenAPI to lint it today');
  }
  const document = parseSafely(body, source);
  const version = oasVersionOf(document.data);
  if (version === null) throw new InputError(source, notAnApiReason(document.data));
  const comment = isJson(body) ? findJsonComment(body) : undefined;
  return { document, version, ...(comment ? { jsonComment: comment } : {}) };
}

const isJson = (text: string) => /^\s*[[{]/.test(text);

/**
 * Parses YAML or JSON (by content) into a Spectral Document, refusing what would hang or crash
 * the parser or the linter behind it: alias bombs, nesting too deep, syntax errors. Also used
 * for files reached through $refs.
 */
export function parseSafely(text: string, source: string): Document {
  const json = isJson(text);
  if (!json) {
    const bomb = checkAliasExpansion(text);
    if (bomb) throw new InputError(source, bomb.reason);
  }
  let document: Document;
  try {
    document = new Document(text, (json ? Json : Yaml) as never, source);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(source, tooDeep());
    throw new InputError(source, `cannot be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Duplicate keys are findings (Spectral reports them), not a reason to stop.
  const fatal = document.diagnostics.find(d => d.severity === 0 /* error */ && !/duplicate key/i.test(d.message));
  if (fatal) throw new InputError(located(source, fatal.range.start), `invalid ${json ? 'JSON' : 'YAML'}: ${fatal.message}`);
  if (nestingDepth(document.data) > MAX_NESTING_DEPTH) throw new InputError(source, tooDeep());
  return document;
}

const tooDeep = () =>
  `nests more than ${MAX_NESTING_DEPTH} levels deep; refused (real API descriptions stay far below this, and deeper ones crash the resolver)`;

function notAnApiReason(data: unknown): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return 'not an API description: the document is not a mapping (expected an OpenAPI object)';
  }
  const record = data as Record<string, unknown>;
  if ('openapi' in record) return `unsupported OpenAPI version ${JSON.stringify(record.openapi)}: specguard reads 2.0, 3.0 and 3.1`;
  if ('swagger' in record) return `unsupported Swagger version ${JSON.stringify(record.swagger)}: specguard reads 2.0, 3.0 and 3.1`;
  return 'not an API description: no "openapi" or "swagger" field';
}
