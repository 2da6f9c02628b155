import * as path from 'node:path';
import { InputError } from '../parse/errors.js';
import { DEFAULT_MAX_FILE_BYTES } from '../parse/input-guards.js';
import { inMemoryText, isGuardedDocument, readSpecFile } from '../parse/load.js';
import type { InputAdapter, LoadedDocument, LoadOptions } from './adapter.js';
import { openApiAdapter } from './openapi.js';
import { ramlAdapter } from './raml/adapter.js';

/*
 * The input registry: the one place that knows the input formats. Linting and folder discovery
 * ask it which adapter reads a text; adding a format is one line in `adapters`.
 */

export type * from './adapter.js';
export { sameLocation } from './adapter.js';

/** Every input format, asked in this order; the first that recognises a text reads it. */
const adapters: InputAdapter[] = [ramlAdapter, openApiAdapter];

/** Text no adapter recognises is read as OpenAPI, whose loader says exactly why it is not an API description. */
const FALLBACK = openApiAdapter;

/** Adds an adapter ahead of the built-in ones (tests, experiments); returns a function that removes it. */
export function registerInputAdapter(adapter: InputAdapter): () => void {
  adapters.unshift(adapter);
  return () => {
    const at = adapters.indexOf(adapter);
    if (at >= 0) adapters.splice(at, 1);
  };
}

/** The adapter that reads this text: the first that recognises it, else the fallback. */
export function adapterFor(text: string, fileName: string): InputAdapter {
  const body = withoutBom(text);
  return adapters.find(adapter => adapter.detect(body, fileName) !== undefined) ?? FALLBACK;
}

/** For folder discovery: whether some adapter recognises the text as a root API description. */
export function isRootApiDescription(text: string, fileName: string): boolean {
  const body = withoutBom(text);
  return adapters.some(adapter => adapter.detect(body, fileName) === 'root');
}

/** The extensions of the files folder discovery opens, in registry order. */
export function discoverableExtensions(): string[] {
  return [...new Set(adapters.flatMap(adapter => adapter.extensions))];
}

/** The formats specguard reads, with their versions, for help and messages: the fallback (OpenAPI) first. */
export function inputFormatLabels(): string[] {
  return [FALLBACK, ...adapters.filter(adapter => adapter !== FALLBACK)].map(adapter => adapter.label ?? adapter.name);
}

const DEFAULTS: LoadOptions = { maxFileBytes: DEFAULT_MAX_FILE_BYTES };

export interface LoadedSpec extends LoadedDocument {
  /** The file the findings belong to (absolute), before mapping. */
  source: string;
  /** The name of the adapter that read it. */
  format: string;
}

/** A file, or in-memory text with the name it is read as (lintOne names unnamed content). */
export type NamedInput = string | { content: string; source: string };

/**
 * Reads one API description, a file or in-memory text, and loads it through its adapter. The
 * size and encoding guards run here, before any adapter sees the text.
 */
export async function loadSpec(input: NamedInput, options: LoadOptions = DEFAULTS): Promise<LoadedSpec> {
  const { text, source } =
    typeof input === 'string'
      ? { text: await readSpecFile(input, options.maxFileBytes), source: path.resolve(input) } // size checked before reading
      : inMemoryText(input, options.maxFileBytes);
  return parseSpec(text, source, options);
}

/**
 * Parses one API description from text already read, deciding its format from the content.
 * Anything no adapter can read is an InputError.
 */
export function parseSpec(text: string, source: string, options: LoadOptions = DEFAULTS): LoadedSpec {
  if (text.trim() === '') throw new InputError(source, 'file is empty');
  const body = withoutBom(text);
  const adapter = adapterFor(body, source);
  const loaded = adapter.load(body, source, options);
  if (!isGuardedDocument(loaded.document)) {
    throw new Error(`input adapter "${adapter.name}" built its document without parseSafely, so the input guards did not run`);
  }
  return { ...loaded, source, format: adapter.name };
}

const withoutBom = (text: string) => text.replace(/^\uFEFF/, '');
