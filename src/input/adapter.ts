import type { Document } from '@stoplight/spectral-core';
import type { OasVersion } from '../document-index/types.js';
import type { Finding } from '../findings/findings.js';

/*
 * The input seam. An input adapter turns one input format into the OpenAPI document the rules
 * lint, and maps each finding's location back to the user's own files. OpenAPI itself is the
 * pass-through adapter; a RAML adapter plugs in with one line in the registry (./index.ts).
 *
 * Adapters never read the root file themselves: the registry reads it, applying the size and
 * encoding guards, and hands over text. The Document an adapter returns must come from
 * `parseSafely` (src/parse/load.ts), which refuses alias bombs and too-deep nesting; the
 * registry refuses any other. An adapter that parses YAML with another parser first calls
 * `refuseAliasBomb` on the text.
 */

export type Range = Finding['range'];

/** Where a finding points: what the mapper reads and what it returns. */
export interface Location {
  path: Array<string | number>;
  range: Range;
  source?: string;
}

/** Maps a location in the linted OpenAPI document back to the user's file and range. */
export type LocationMapper = (at: Location) => { source?: string; range: Range };

/**
 * What an adapter makes of a text: a root API description it reads (and folder discovery
 * lints), a part of one in its format (it reads it, but discovery skips it), or not its format.
 */
export type Detection = 'root' | 'part' | undefined;

export interface LoadOptions {
  /** Largest file the adapter may read (includes, fragments). */
  maxFileBytes: number;
  /** Whether files the adapter reads (includes) may come over http(s). Default: false. */
  allowRemoteRefs?: boolean;
}

export interface LoadedDocument {
  /** The OpenAPI document the rules lint; built with `parseSafely`. */
  document: Document;
  version: OasVersion;
  /** Findings from loading itself (e.g. a comment in JSON), in the document's coordinates. */
  findings: Finding[];
  mapLocation: LocationMapper;
  /** A rule's advice in the format's own words (RAML writes annotations where OpenAPI writes x- extensions); default: as written. */
  inOwnWords?: (message: string) => string;
}

export interface InputAdapter {
  /** Format name, as users know it (`OpenAPI`, `RAML`). */
  name: string;
  /** The format with the versions it reads (`RAML 0.8/1.0`), for help and messages; default: `name`. */
  label?: string;
  /** File extensions folder discovery opens to ask `detect` (without the dot). */
  extensions: readonly string[];
  /** Decides from the content (never the file name's extension) whether this adapter reads it. */
  detect(text: string, fileName: string): Detection;
  /** Builds the document to lint. Throws InputError for text it cannot read. */
  load(text: string, source: string, options: LoadOptions): LoadedDocument;
}

/** The mapper of a format that is linted as written. */
export const sameLocation: LocationMapper = ({ source, range }) => ({ source, range });
