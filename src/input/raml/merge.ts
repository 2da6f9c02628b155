import type { RNode } from './tree.js';
import { plain } from './tree.js';

/*
 * RAML 1.0 overlays and extensions (`extends:`), applied to the API they extend as RAML's
 * merging rules say: maps merge key by key, a list gains the extension's items it lacks, a
 * single value is the extension's. Every node keeps the file and line it was written at, so a
 * finding lands in the base API or in the extension, wherever its node came from. RAML's
 * restrictions on overlays (documentation only) are validation, which specguard does not run.
 */

/** Keys that belong to the extension file itself, not to the merged API. */
const OWN_KEYS = new Set(['extends', 'usage']);

/** The API an extension or overlay describes: its master with the extension's nodes merged in. */
export function mergeExtension(master: RNode, extension: RNode): RNode {
  const merged = mergeNode(master, extension);
  if (merged.kind !== 'map') return merged;
  // The merged API is the extension's: findings about the whole API are placed in it.
  return { kind: 'map', loc: extension.loc, entries: merged.entries.filter(([key]) => !OWN_KEYS.has(key)) };
}

function mergeNode(master: RNode, extension: RNode): RNode {
  if (master.kind === 'map' && extension.kind === 'map') {
    const entries: Array<[string, RNode]> = master.entries.map(([key, value]) => {
      const other = extension.entries.find(([k]) => k === key);
      return [key, other ? mergeNode(value, other[1]) : value];
    });
    for (const entry of extension.entries) if (!master.entries.some(([k]) => k === entry[0])) entries.push(entry);
    // A node both write is declared in the master; its own parts say where they came from.
    return { kind: 'map', loc: master.loc, entries };
  }
  if (master.kind === 'seq' && extension.kind === 'seq') {
    const seen = new Set(master.items.map(item => JSON.stringify(plain(item))));
    return {
      kind: 'seq',
      loc: master.loc,
      items: [...master.items, ...extension.items.filter(item => !seen.has(JSON.stringify(plain(item))))],
    };
  }
  // An empty key in the extension (`get:` to reach a method) adds nothing.
  if (extension.kind === 'scalar' && extension.value === null && master.kind !== 'scalar') return master;
  return extension;
}
