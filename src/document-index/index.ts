import { isObject } from './json.js';
import { collectOperations, collectSecuritySchemes, collectServers } from './operations.js';
import { AllOfPeerIndex } from './peers.js';
import { collectSchemas } from './schemas.js';
import type { DocumentIndex } from './types.js';
import { oasVersionOf } from './version.js';

export * from './types.js';
export { effectiveSecurity } from './operations.js';
export { oasVersionOf } from './version.js';
export { isObject } from './json.js';

const cache = new WeakMap<object, DocumentIndex>();

/**
 * The per-document index every rule reads: computed on first use by one walk of the (resolved)
 * document and cached by the document's root object, so twenty rules cost one walk.
 */
export function getDocumentIndex(root: unknown): DocumentIndex {
  const key = isObject(root) ? root : EMPTY_ROOT;
  const cached = cache.get(key);
  if (cached) return cached;
  const index = buildIndex(key);
  cache.set(key, index);
  return index;
}

const EMPTY_ROOT = {};

function buildIndex(root: Record<string, unknown>): DocumentIndex {
  const version = oasVersionOf(root);
  if (version === null) {
    return { version, root, operations: [], securitySchemes: [], servers: [], schemas: new Map(), allOfPeers: new AllOfPeerIndex() };
  }
  const operations = collectOperations(root, version);
  const { schemas, allOfPeers } = collectSchemas(operations, version);
  return {
    version,
    root,
    operations,
    securitySchemes: collectSecuritySchemes(root, version),
    servers: collectServers(root, version),
    schemas,
    allOfPeers,
  };
}
