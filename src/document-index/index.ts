import { collectExamples } from './examples.js';
import { findInputs } from './inputs.js';
import { defineLazy, isObject } from './json.js';
import { collectOperations, collectServers } from './operations.js';
import { AllOfPeerIndex } from './peers.js';
import { collectSchemas } from './schemas.js';
import { collectSecuritySchemes, declaredSchemeLookup } from './security.js';
import type { DocumentIndex, InputQuery, JsonObject, SchemaEntry } from './types.js';
import { oasVersionOf } from './version.js';

export * from './types.js';

/**
 * Building the index of a document failed (a bug in the index, not in the document). Thrown
 * again, as the same object, for every later read of that document, so the build runs once.
 */
export class IndexBuildError extends Error {
  private reported = false;

  constructor(readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'IndexBuildError';
  }

  /** True for the first caller only: the failure is reported once per document, by whoever reads the index first. */
  claimReport(): boolean {
    if (this.reported) return false;
    this.reported = true;
    return true;
  }
}

const cache = new WeakMap<object, DocumentIndex | IndexBuildError>();

/**
 * The per-document index every rule reads: computed on first use by one walk of the (resolved)
 * document and cached by the document's root object, so twenty rules cost one walk. A failed
 * build is cached too: every read of that document throws the same IndexBuildError.
 */
export function getDocumentIndex(root: unknown): DocumentIndex {
  const key = isObject(root) ? root : EMPTY_ROOT;
  let cached = cache.get(key);
  if (cached === undefined) {
    try {
      cached = buildIndex(key);
    } catch (error) {
      cached = new IndexBuildError(error);
    }
    cache.set(key, cached);
  }
  if (cached instanceof IndexBuildError) throw cached;
  return cached;
}

const EMPTY_ROOT = {};

/** The index's views computed on first read, and its query (not enumerable: printing an index shows what the walk found). */
type Derived = 'propertiesByName' | 'examples' | 'inputs';

function buildIndex(root: Record<string, unknown>): DocumentIndex {
  const version = oasVersionOf(root);
  if (version === null) {
    const empty = {
      version,
      root,
      operations: [],
      outboundOperations: [],
      securitySchemes: [],
      servers: [],
      schemas: new Map(),
      allOfPeers: new AllOfPeerIndex(),
      valueGroups: { of: () => [] },
      schemasWith: { pattern: [], deprecated: [], format: [], value: [] },
    } as Omit<DocumentIndex, Derived> as DocumentIndex;
    defineLazy(empty, 'propertiesByName', () => new Map());
    defineLazy(empty, 'examples', () => []);
    defineQueries(empty);
    return empty;
  }
  const securitySchemes = collectSecuritySchemes(root, version);
  const { operations, outboundOperations } = collectOperations(root, version, declaredSchemeLookup(root, securitySchemes));
  const { schemas, allOfPeers, valueGroups, schemasWith } = collectSchemas(root, [...operations, ...outboundOperations], version);
  const index = {
    version,
    root,
    operations,
    outboundOperations,
    securitySchemes,
    servers: collectServers(root, version),
    schemas,
    allOfPeers,
    valueGroups,
    schemasWith,
  } as Omit<DocumentIndex, Derived> as DocumentIndex;
  // Derived from the lists above on first read: the walk does no extra work for them.
  defineLazy(index, 'propertiesByName', () => propertiesByName(schemas));
  defineLazy(index, 'examples', () => collectExamples(root, version, [...operations, ...outboundOperations], schemasWith.value));
  defineQueries(index);
  return index;
}

function defineQueries(index: DocumentIndex): void {
  Object.defineProperty(index, 'inputs', { enumerable: false, value: (query: InputQuery) => findInputs(index, query) });
}

function propertiesByName(schemas: Map<JsonObject, SchemaEntry>): Map<string, SchemaEntry[]> {
  const byName = new Map<string, SchemaEntry[]>();
  for (const entry of schemas.values()) {
    if (entry.propertyName === undefined) continue;
    const entries = byName.get(entry.propertyName);
    if (entries === undefined) byName.set(entry.propertyName, [entry]);
    else entries.push(entry);
  }
  return byName;
}
