import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintOne } from '../../src/run/lint.js';
import { ramlToOpenApi } from '../../src/input/raml/adapter.js';
import { tempDir } from '../helpers.js';
import { fromSource } from '../source-ruleset.js';

/** The OpenAPI document a RAML text converts to (no includes; read as /virtual/api.raml). */
// Tests read deep into the converted document and assert on what they find there: each key, at
// any depth, reads as another such value.
interface Loose {
  readonly [key: string]: Loose;
}

export function openapiOf(raml: string): Loose {
  return ramlToOpenApi(raml, '/virtual/api.raml', { maxFileBytes: 1e8 }).openapi as Loose;
}

/** A finding as tests compare it: code, message, RAML file (relative to `dir`) and 1-based line. */
export interface Placed {
  code: string;
  message: string;
  file: string;
  line: number;
}

/** Lints a RAML file (recommended ruleset, rules from source) and returns its findings placed in the RAML files, relative to `dir`. */
export async function lintRamlFile(file: string, dir = path.dirname(file)): Promise<Placed[]> {
  return (await lintOne(file, { ruleset: fromSource() })).map(f => ({
    code: f.code,
    message: f.message,
    file: path.relative(dir, f.source ?? ''),
    line: f.range.start.line + 1,
  }));
}

/** Writes `files` (the first is the root API) to `dir` and returns the root's path. */
export function writeRaml(files: Record<string, string>, dir = tempDir('specguard-raml-')): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return path.join(dir, Object.keys(files)[0]);
}

/** Writes `files` (the first is the root API) to a fresh folder and lints the root. */
export async function lintRaml(files: Record<string, string>, dir = tempDir('specguard-raml-')): Promise<Placed[]> {
  return lintRamlFile(writeRaml(files, dir), dir);
}
