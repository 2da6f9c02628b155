import { promises as fs } from 'node:fs';
import { Document } from '@stoplight/spectral-core';
// spectral-parsers is CommonJS without detectable named exports.
import parsers from '@stoplight/spectral-parsers';

const { Json, Yaml } = parsers;
import { oasVersionOf } from '../document-index/version.js';
import type { OasVersion } from '../document-index/types.js';
import { InputError } from './errors.js';

export interface LoadedSpec {
  document: Document;
  version: OasVersion;
}

/**
 * True when a file's content declares an OpenAPI/Swagger version or a RAML header. Used to pick
 * API descriptions out of a folder; keys may come in any order, so the whole text is searched.
 */
export function looksLikeApiDescription(text: string): boolean {
  return /^\uFEFF?#%RAML/.test(text) || /(^|[{,]\s*)["']?(openapi|swagger)["']?\s*:\s*["']?[23]\./m.test(text);
}

export async function readSpecFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? String(error)})`;
    throw new InputError(file, reason);
  }
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
  const parser = /^\s*[[{]/.test(body) ? Json : Yaml;
  const document = new Document(body, parser as never, source);
  const fatal = document.diagnostics.find(d => d.severity === 0 /* error */ && !/duplicate key/i.test(d.message));
  if (fatal) {
    const { line, character } = fatal.range.start;
    throw new InputError(`${source}:${line + 1}:${character + 1}`, `invalid ${parser === Json ? 'JSON' : 'YAML'}: ${fatal.message}`);
  }
  const version = oasVersionOf(document.data);
  if (version === null) throw new InputError(source, notAnApiReason(document.data));
  return { document, version };
}

function notAnApiReason(data: unknown): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return 'not an API description: the document is not a mapping (expected an OpenAPI object)';
  }
  const record = data as Record<string, unknown>;
  if ('openapi' in record) return `unsupported OpenAPI version ${JSON.stringify(record.openapi)}: specguard reads 2.0, 3.0 and 3.1`;
  if ('swagger' in record) return `unsupported Swagger version ${JSON.stringify(record.swagger)}: specguard reads 2.0, 3.0 and 3.1`;
  return 'not an API description: no "openapi" or "swagger" field';
}
