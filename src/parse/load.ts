import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Document } from '@stoplight/spectral-core';
// spectral-parsers is CommonJS without detectable named exports.
import parsers from '@stoplight/spectral-parsers';
import { InputError } from './errors.js';
import { checkAliasExpansion, decodeText, DEFAULT_MAX_FILE_BYTES, MAX_NESTING_DEPTH, nestingDepth } from './input-guards.js';

/*
 * Reading and parsing input under the guards, whatever its format: the input registry
 * (src/input/) reads every file to lint through here, every input adapter builds its document
 * with `parseSafely`, and the $ref resolver reads and checks every file a $ref reaches.
 */

const { Json, Yaml } = parsers;

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
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot be read (${code ?? String(error)})`;
    throw new InputError(file, reason);
  }
  const decoded = decodeText(bytes);
  if ('reason' in decoded) throw new InputError(located(file, decoded.at), decoded.reason);
  return decoded.text;
}

/**
 * Reads standard input (or any byte stream) as a spec's text, under the same size and encoding
 * guards as a file: it stops reading once the size limit is passed, so an endless pipe cannot fill
 * memory. `name` is what errors call it.
 */
export async function readSpecStream(
  stream: AsyncIterable<Uint8Array | string>,
  name: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += bytes.length;
    if (size > maxBytes) throw new InputError(name, `is over the ${byteSize(maxBytes)} size limit; raise it with --max-file-size`);
    chunks.push(bytes);
  }
  const decoded = decodeText(Buffer.concat(chunks));
  if ('reason' in decoded) throw new InputError(located(name, decoded.at), decoded.reason);
  return decoded.text;
}

/** An in-memory document, held to the same size limit as a file. */
export function inMemoryText(
  input: { content: string; source: string },
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): { text: string; source: string } {
  const source = path.resolve(input.source);
  const size = Buffer.byteLength(input.content);
  if (size > maxBytes) throw new InputError(source, tooLarge(size, maxBytes));
  return { text: input.content, source };
}

export function tooLarge(size: number, maxBytes: number): string {
  return `is ${byteSize(size)}, over the ${byteSize(maxBytes)} size limit; raise it with --max-file-size`;
}

/** A size in the largest unit that keeps it at 1 or more (a 0.5 MB limit is 512 KB, not "0 MB"). */
export function byteSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

/** `file:line:col` (1-based) from a 0-based position, or the file alone when there is none. */
export function located(source: string, at: { line: number; character: number } | undefined): string {
  return at ? `${source}:${at.line + 1}:${at.character + 1}` : source;
}

export const isJsonText = (text: string) => /^\s*[[{]/.test(text);

/** Refuses YAML whose aliases would expand without bound; call it before any YAML parser sees the text. */
export function refuseAliasBomb(text: string, source: string): void {
  const bomb = checkAliasExpansion(text);
  if (bomb) throw new InputError(source, bomb.reason);
}

/** Documents built by `parseSafely`: the input registry lints no other. */
const guarded = new WeakSet<Document>();

export const isGuardedDocument = (document: Document): boolean => guarded.has(document);

/**
 * Parses YAML or JSON (by content) into a Spectral Document, refusing what would hang or crash
 * the parser or the linter behind it: alias bombs, nesting too deep, syntax errors. Also used
 * for files reached through $refs.
 */
export function parseSafely(text: string, source: string): Document {
  const json = isJsonText(text);
  if (!json) refuseAliasBomb(text, source);
  let document: Document;
  try {
    document = new Document(text, (json ? Json : Yaml) as never, source);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(source, tooDeep());
    throw new InputError(source, `cannot be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Duplicate keys are findings (Spectral reports them), not a reason to stop.
  const fatal = document.diagnostics.find(d => isParseError(d) && !/duplicate key/i.test(d.message));
  if (fatal) throw new InputError(located(source, fatal.range.start), `invalid ${json ? 'JSON' : 'YAML'}: ${parserMessage(fatal)}`);
  if (nestingDepth(document.data) > MAX_NESTING_DEPTH) throw new InputError(source, tooDeep());
  guarded.add(document);
  return document;
}

/** Whether a parser diagnostic is an error (Spectral's severity 0), not a warning. */
export const isParseError = (diagnostic: { severity: number }): boolean => diagnostic.severity === 0;

/** A parser diagnostic's message; the JSON parser's are codes (`PropertyNameExpected`), spelt out as words. */
export function parserMessage(diagnostic: { message: string }): string {
  const { message } = diagnostic;
  return /^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(message) ? message.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase() : message;
}

const tooDeep = () =>
  `nests more than ${MAX_NESTING_DEPTH} levels deep; refused (real API descriptions stay far below this, and deeper ones crash the resolver)`;
