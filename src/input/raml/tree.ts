import type { Range } from '../adapter.js';

/*
 * The RAML document as the converter reads it: a plain tree of maps, sequences and scalars, each
 * node with the file and range it was written at. Built from raml-1-parser's expanded model, so
 * includes, libraries, traits and resource types are already in place, at their own lines.
 */

export interface Loc {
  file: string;
  range: Range;
}

export type RNode = RMap | RSeq | RScalar;
export interface RMap {
  kind: 'map';
  loc: Loc;
  entries: Array<[string, RNode]>;
}
export interface RSeq {
  kind: 'seq';
  loc: Loc;
  items: RNode[];
}
export interface RScalar {
  kind: 'scalar';
  loc: Loc;
  value: string | number | boolean | null;
}

/** The value under `key` in a map. */
export function get(node: RNode | undefined, key: string): RNode | undefined {
  if (node?.kind !== 'map') return undefined;
  for (const [k, value] of node.entries) if (k === key) return value;
  return undefined;
}

/**
 * The named entries of a map; a sequence of one-key maps (RAML 0.8 writes `traits`,
 * `securitySchemes`, `schemas` that way) reads as one map.
 */
export function entriesOf(node: RNode | undefined): Array<[string, RNode]> {
  if (node?.kind === 'map') return node.entries;
  if (node?.kind === 'seq') return node.items.flatMap(item => (item.kind === 'map' ? item.entries : []));
  return [];
}

/** A scalar's value, or undefined. */
export function scalar(node: RNode | undefined): RScalar['value'] | undefined {
  return node?.kind === 'scalar' ? node.value : undefined;
}

export function text(node: RNode | undefined): string | undefined {
  const value = scalar(node);
  return value === undefined || value === null ? undefined : String(value);
}

/** A value that may be written as one item or a list of them (`securedBy`, `type`, `protocols`). */
export function listOf(node: RNode | undefined): RNode[] {
  if (node === undefined) return [];
  return node.kind === 'seq' ? node.items : [node];
}

/** The plain JSON value of a node (annotations, examples, enums). */
export function plain(node: RNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plain);
    case 'map':
      return Object.fromEntries(node.entries.map(([k, v]) => [k, plain(v)]));
  }
}
