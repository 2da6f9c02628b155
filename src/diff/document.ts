import * as path from 'node:path';
import { createRulesetFunction, Document, Spectral } from '@stoplight/spectral-core';
import type { RulesetFunctionContext } from '@stoplight/spectral-core';
import { getDocumentIndex } from '../document-index/index.js';
import type { DocumentIndex, JsonPath } from '../document-index/index.js';
import type { Finding } from '../findings/findings.js';
import { createSafeResolver, DEFAULT_REMOTE_MAX_BYTES, DEFAULT_REMOTE_TIMEOUT_MS } from '../engine/resolver.js';
import { loadSpec } from '../input/index.js';
import { pastLocalRefs } from '../rule-kit.js';

/** A place in one version of the API: the file and range it is written at, and its JSON path. */
export interface Place {
  source?: string;
  range: Finding['range'];
  path: JsonPath;
}

/** One version of one API description, as the diff reads it: its document index, and where each path is written. */
export interface DiffDocument {
  /** The file read (for a git side, its temporary copy). */
  file: string;
  index: DocumentIndex;
  /** Where a path of the resolved document (an index path) is written, in the user's own file. */
  locate(at: JsonPath): Place;
}

export interface ReadOptions {
  maxFileBytes: number;
  allowRemoteRefs: boolean;
  refRoot?: string;
}

type Inventory = RulesetFunctionContext['documentInventory'];

/**
 * A ruleset of one rule that reports nothing and hands over Spectral's document inventory: the
 * document resolved as lint resolves it, and what Spectral locates results with (through $refs
 * to other files too).
 */
function inventoryReader(keep: (inventory: Inventory) => void) {
  const read = createRulesetFunction<unknown, null>({ input: null, options: null }, (_target, _options, context) => {
    keep(context.documentInventory);
    return [];
  });
  return { rules: { 'specguard-diff-read': { given: '$', severity: 'hint' as const, then: { function: read } } } };
}

/**
 * Reads one API description through its input adapter (so RAML is read as lint reads it, under
 * the same guards), resolves its `$ref`s with lint's resolver and indexes it. Throws InputError
 * for input that cannot be read.
 */
export async function readDocument(file: string, options: ReadOptions): Promise<DiffDocument> {
  const { document, source, mapLocation } = await loadSpec(file, options);
  const spectral = new Spectral({
    resolver: createSafeResolver({
      refRoot: options.refRoot ?? path.dirname(source),
      allowRemoteRefs: options.allowRemoteRefs,
      remoteTimeoutMs: DEFAULT_REMOTE_TIMEOUT_MS,
      remoteMaxBytes: DEFAULT_REMOTE_MAX_BYTES,
      maxFileBytes: options.maxFileBytes,
    }),
  });
  let inventory: Inventory | undefined;
  spectral.setRuleset(inventoryReader(read => (inventory = read)));
  const { resolved } = await spectral.runWithResolved(document);
  const index = getDocumentIndex(resolved);
  return {
    file: source,
    index,
    locate(at) {
      // Where a rule's finding at this path is shown: past local $refs (as the rule kit does), then as Spectral locates results.
      const written = pastLocalRefs(document.data, at);
      const item = inventory?.findAssociatedItemForPath(written, true);
      const holder = item?.document ?? document;
      const inHolder = item?.path ?? written;
      const range = holder.getRangeForJsonPath(inHolder, true) ?? Document.DEFAULT_RANGE;
      const mapped = mapLocation({
        path: inHolder,
        range: { start: { ...range.start }, end: { ...range.end } },
        source: holder.source ?? source,
      });
      return { ...(mapped.source !== undefined ? { source: mapped.source } : {}), range: mapped.range, path: inHolder };
    },
  };
}
