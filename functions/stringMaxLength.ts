import type { JsonObject, UnreachedSchemas } from '../src/document-index/index.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';
import credentialInUrl from './credentialInUrl.js';
import fieldFormats from './fieldFormats.js';

interface Options extends Record<string, unknown> {
  boundedFormats: string[];
  ignoredFormats: string[];
  unreachedSchemas: UnreachedSchemas;
}

export default defineRule<Options>(
  {
    code: 'specguard-string-max-length',
    description: 'String inputs (request bodies and parameters) must have a maximum length.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-20', 'CWE-770'],
    controls: { nist80053: ['SI-10'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 4.0,
    defersTo: [
      { owner: () => credentialInUrl, why: 'a credential in the URL is its concern' },
      { owner: () => fieldFormats, why: 'email, password and phone fields ask for their own length bound there' },
    ],
    options: {
      boundedFormats: {
        type: 'array',
        items: { type: 'string' },
        default: ['date', 'date-time', 'time', 'date-time-local', 'time-local', 'uuid', 'ipv4', 'ipv6', 'int32', 'int64'],
        description: 'String formats whose syntax already bounds their length. The list replaces the default.',
      },
      ignoredFormats: {
        type: 'array',
        items: { type: 'string' },
        default: ['binary'],
        description:
          'String formats that describe raw content (file uploads), bounded by request size limits rather than `maxLength`. The list replaces the default.',
      },
      unreachedSchemas: UNREACHED_SCHEMAS_OPTION,
    },
    messages: {
      unbounded: ({ name }) =>
        `${name} is a string without maxLength: add maxLength (or an enum or a fully anchored, bounded pattern) so oversized input is rejected at the edge.`,
    },
  },
  (index, { boundedFormats, ignoredFormats, unreachedSchemas }, messages) => {
    const skipFormats = new Set([...boundedFormats, ...ignoredFormats]);
    const isBounded = (schema: JsonObject) =>
      typeof schema.maxLength === 'number' ||
      Array.isArray(schema.enum) ||
      'const' in schema ||
      (typeof schema.format === 'string' && skipFormats.has(schema.format)) ||
      // OAS 3.1 spells raw (binary) content as contentMediaType without a contentEncoding.
      (index.version === '3.1' && typeof schema.contentMediaType === 'string' && schema.contentEncoding === undefined) ||
      (typeof schema.pattern === 'string' && isLengthBoundedPattern(schema.pattern));
    return index.inputs({ unreachedSchemas, types: ['string'], lacking: group => group.some(isBounded) }).map(entry => ({
      message: messages.unbounded({ name: entry.label ?? 'String input' }),
      path: entry.path,
    }));
  },
);

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
