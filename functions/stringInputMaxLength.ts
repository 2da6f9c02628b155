import { INPUT_ROLES } from '../src/document-index/index.js';
import type { JsonObject } from '../src/document-index/index.js';
import { defineIndexRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  /** String formats whose syntax already bounds their length. */
  boundedFormats: string[];
  /** String formats that describe raw content, bounded by request size limits instead. */
  ignoredFormats: string[];
}

export default defineIndexRule<Options>(
  'stringInputMaxLength',
  {
    type: 'object',
    properties: {
      boundedFormats: { type: 'array', items: { type: 'string' } },
      ignoredFormats: { type: 'array', items: { type: 'string' } },
    },
    additionalProperties: false,
  },
  {
    boundedFormats: ['date', 'date-time', 'time', 'uuid', 'ipv4', 'ipv6', 'int32', 'int64'],
    ignoredFormats: ['binary'],
  },
  (index, { boundedFormats, ignoredFormats }) => {
    const skipFormats = new Set([...boundedFormats, ...ignoredFormats]);
    const isBounded = (schema: JsonObject) =>
      typeof schema.maxLength === 'number' ||
      Array.isArray(schema.enum) ||
      'const' in schema ||
      (typeof schema.format === 'string' && skipFormats.has(schema.format)) ||
      // OAS 3.1 spells raw (binary) content as contentMediaType without a contentEncoding.
      (index.version === '3.1' && typeof schema.contentMediaType === 'string' && schema.contentEncoding === undefined) ||
      (typeof schema.pattern === 'string' && isLengthBoundedPattern(schema.pattern));
    // allOf peers describe one value: one answer, and at most one finding, per group.
    const groupBounded = new Map<readonly JsonObject[], boolean>();
    const reportedGroups = new Set<readonly JsonObject[]>();
    const results: RuleResult[] = [];
    for (const entry of index.schemas.values()) {
      // `roles` are the path operations' roles: a callback's or webhook's request body is the API's
      // output, not input it must bound, so those schemas (outboundRoles only) are not checked.
      if (!isString(entry.schema) || ![...entry.roles].some(role => INPUT_ROLES.has(role))) continue;
      if (isBounded(entry.schema)) continue;
      const group = index.allOfPeers.group(entry.schema);
      if (group !== undefined) {
        let bounded = groupBounded.get(group);
        if (bounded === undefined) groupBounded.set(group, (bounded = group.some(isBounded)));
        if (bounded || reportedGroups.has(group)) continue;
        reportedGroups.add(group);
      }
      const name = entry.label ?? 'String input';
      results.push({
        message: `${name} is a string without maxLength: add maxLength (or an enum or a fully anchored, bounded pattern) so oversized input is rejected at the edge.`,
        path: entry.path,
      });
    }
    return results;
  },
);

function isString(schema: JsonObject): boolean {
  return schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));
}

/**
 * True for a pattern every match of which has bounded length, such as `^[A-Z]{2}[0-9]{1,8}$`:
 * each top-level alternative is anchored at both ends (`^a|b$` is not: `^a` matches "a" followed
 * by anything) and no `*`, `+` or `{n,}` quantifier occurs outside a lookaround.
 */
export function isLengthBoundedPattern(pattern: string): boolean {
  // Escapes and character classes match one character each: replace them with one.
  const flat = pattern.replace(/\\./gs, 'x').replace(/\[[^\]]*\]/g, 'x');
  const alternatives: string[] = [];
  const groups: boolean[] = []; // per open group: is it a lookaround?
  let lookarounds = 0;
  let start = 0;
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i];
    if (c === '(') {
      const lookaround = /^\(\?<?[=!]/.test(flat.slice(i, i + 4));
      groups.push(lookaround);
      if (lookaround) lookarounds++;
    } else if (c === ')') {
      if (groups.pop()) lookarounds--;
    } else if (lookarounds === 0 && (c === '*' || c === '+' || (c === '{' && /^\{\d*,\}/.test(flat.slice(i))))) {
      return false;
    } else if (c === '|' && groups.length === 0) {
      alternatives.push(flat.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(flat.slice(start));
  return alternatives.every(alternative => alternative.startsWith('^') && alternative.endsWith('$'));
}
