import * as path from 'node:path';
import yamlAst from '@stoplight/yaml-ast-parser';
import { InputError } from '../parse/errors.js';
import { DEFAULT_MAX_FILE_BYTES } from '../parse/input-guards.js';
import { readSpecFile } from '../parse/load.js';
import { detectRaml, ramlToOpenApi } from '../input/raml/adapter.js';

/*
 * `specguard convert`: a RAML API as the OpenAPI 3.0 document the rules lint, so it can also be
 * linted with other OpenAPI tools (findings then point into this document, not the RAML).
 */

export interface ConvertOptions {
  maxFileBytes?: number;
  allowRemoteRefs?: boolean;
}

/** Reads a RAML root file (with its includes and libraries) and returns its OpenAPI 3.0 equivalent. */
export async function convertRamlFile(file: string, options: ConvertOptions = {}): Promise<Record<string, unknown>> {
  const source = path.resolve(file);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const text = (await readSpecFile(source, maxFileBytes)).replace(/^\uFEFF/, '');
  if (detectRaml(text) !== 'root') throw new InputError(source, 'is not a RAML API (its first line must be #%RAML 0.8 or #%RAML 1.0)');
  return ramlToOpenApi(text, source, { maxFileBytes, allowRemoteRefs: options.allowRemoteRefs ?? false }).openapi;
}

/** The document as JSON when the file name ends in .json, else as YAML. */
export function serializeOpenApi(openapi: Record<string, unknown>, fileName = 'out.yaml'): string {
  return /\.json$/i.test(fileName) ? `${JSON.stringify(openapi, null, 2)}\n` : yamlAst.safeDump(openapi, { noRefs: true, lineWidth: -1 });
}
