// yaml-ast-parser is CommonJS; its named exports are not detectable from ESM.
import yamlAst from '@stoplight/yaml-ast-parser';
import type { YAMLNode } from '@stoplight/yaml-ast-parser';

/*
 * Checks that run on a document before (or right after) parsing, so hostile input ends in a
 * clear refusal instead of a hang, a stack overflow or an out-of-memory crash.
 */

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Spectral's resolver recurses once per level and overflows between 1,000 and 2,000. */
export const MAX_NESTING_DEPTH = 1000;
/** Aliases may repeat a node this many times over the document's own size before it is a bomb. */
const MAX_ALIAS_EXPANSION = 10;
const MIN_ALIAS_BUDGET = 100_000;

export interface GuardProblem {
  /** 0-based line and character, when the problem has a place. */
  at?: { line: number; character: number };
  reason: string;
}

/**
 * Decodes file bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM. Anything else
 * that is not valid UTF-8 is refused, naming where the first bad byte is.
 */
export function decodeText(bytes: Uint8Array): { text: string } | GuardProblem {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Byte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const lines = before.split('\n');
    return {
      at: { line: lines.length - 1, character: lines[lines.length - 1].length },
      reason: `not valid UTF-8 (byte 0x${bytes[offset].toString(16).padStart(2, '0')} at offset ${offset}); save the file as UTF-8`,
    };
  }
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search on the longest valid prefix; a cut inside a character is retried up to 3 bytes on.
  let lo = 0;
  let hi = bytes.length;
  const validPrefix = (end: number) => {
    for (let extra = 0; extra < 4 && end + extra <= bytes.length; extra++) {
      try {
        decoder.decode(bytes.subarray(0, end + extra));
        return true;
      } catch {
        // try a little further: the cut may split a multi-byte character
      }
    }
    return false;
  };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (validPrefix(mid)) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(lo, bytes.length - 1);
}

/**
 * Refuses YAML whose aliases expand far beyond the document's own size ("billion laughs"):
 * the YAML parser copies every alias, so such a file would never finish parsing.
 */
export function checkAliasExpansion(text: string): GuardProblem | undefined {
  if (!/&[^\s[\]{},]+/.test(text) || !/\*[^\s[\]{},]+/.test(text)) return undefined;
  const ast = yamlAst.load(text) as YAMLNode | undefined;
  if (!ast) return undefined;
  let ownNodes = 0;
  const expanded = new Map<YAMLNode, number>();
  const started = new Set<YAMLNode>();
  // Iterative post-order walk: the size of each node once every alias in it is expanded. Above a
  // node's `done` marker the stack holds only its own subtree, so meeting a started node is a cycle.
  const stack: Array<{ node: YAMLNode; done: boolean }> = [{ node: ast, done: false }];
  while (stack.length > 0) {
    const { node, done } = stack.pop()!;
    if (!done) {
      if (expanded.has(node)) continue;
      if (started.has(node)) return { reason: 'YAML alias refers to a node that contains it (a recursive alias); refused' };
      started.add(node);
      ownNodes++;
      stack.push({ node, done: true });
      for (const child of childrenOf(node)) if (!expanded.has(child)) stack.push({ node: child, done: false });
      continue;
    }
    let size = 1;
    for (const child of childrenOf(node)) size += expanded.get(child) ?? 1;
    expanded.set(node, size);
  }
  const total = expanded.get(ast) ?? 0;
  const budget = Math.max(MIN_ALIAS_BUDGET, ownNodes * MAX_ALIAS_EXPANSION);
  if (total <= budget) return undefined;
  return {
    reason: `YAML aliases expand to ${total > 1e9 ? 'over a billion' : total.toLocaleString('en-US')} nodes from ${ownNodes.toLocaleString('en-US')} written ones (an alias bomb); refused`,
  };
}

function childrenOf(node: YAMLNode): YAMLNode[] {
  const out: YAMLNode[] = [];
  const add = (child: unknown) => {
    if (child !== null && typeof child === 'object' && 'kind' in child) out.push(child as YAMLNode);
  };
  switch (node.kind) {
    case yamlAst.Kind.MAP:
      for (const mapping of node.mappings ?? []) add(mapping);
      break;
    case yamlAst.Kind.MAPPING:
      add(node.key);
      add(node.value);
      break;
    case yamlAst.Kind.SEQ:
      for (const item of (node as unknown as { items: unknown[] }).items ?? []) add(item);
      break;
    case yamlAst.Kind.ANCHOR_REF:
      add(node.value);
      break;
    default:
      break;
  }
  return out;
}

/** The deepest nesting of objects and arrays in parsed data; iterative, and stops early past `limit`. */
export function nestingDepth(data: unknown, limit = MAX_NESTING_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[data, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (child !== null && typeof child === 'object') stack.push([child, level]);
    }
  }
  return deepest;
}

/** Where a JSON text has its first comment (JSON has none; the parser would accept it silently). */
export function findJsonComment(text: string): { line: number; character: number } | undefined {
  let line = 0;
  let lineStart = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      line++;
      lineStart = i + 1;
    } else if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 47 /* / */ && (text[i + 1] === '/' || text[i + 1] === '*')) {
      return { line, character: i - lineStart };
    }
  }
  return undefined;
}
