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
      (typeof schema.pattern === 'string' && isLengthBoundedPattern(schema.pattern));
    const results: RuleResult[] = [];
    for (const entry of index.schemas.values()) {
      if (!isString(entry.schema) || ![...entry.roles].some(role => INPUT_ROLES.has(role))) continue;
      if (isBounded(entry.schema) || (index.allOfPeers.get(entry.schema) ?? []).some(isBounded)) continue;
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
 * True for a pattern that is anchored at both ends and has no unbounded quantifier, such as
 * `^[A-Z]{2}[0-9]{1,8}$`: every match is then of bounded length.
 */
export function isLengthBoundedPattern(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return false;
  const withoutEscapes = pattern.replace(/\\./g, 'x');
  const withoutClasses = withoutEscapes.replace(/\[[^\]]*\]/g, 'x');
  return !/[*+]|\{\d*,\}/.test(withoutClasses);
}
