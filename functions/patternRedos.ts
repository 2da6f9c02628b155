import { inputScope, isJudgedInput } from '../src/document-index/inputs.js';
import type { DocumentIndex, JsonObject, SchemaEntry, UnreachedSchemas } from '../src/document-index/index.js';
import type { InputScope } from '../src/document-index/inputs.js';
import { backtrackingRisk, harmfulLength } from '../src/rule-helpers/patterns.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  backtrackingSteps: number;
  unreachedSchemas: UnreachedSchemas;
}

/** How the message names a polynomial degree. */
const DEGREE_NAMES: Record<number, string> = { 2: 'quadratic', 3: 'cubic', 4: 'quartic' };

export default defineRule<Options>(
  {
    code: 'specguard-pattern-redos',
    description:
      'A pattern that validates input must not be open to catastrophic backtracking (ReDoS), as decided by the scslre analysis: exponential at any length, polynomial where maxLength lets a value grow long enough to hurt.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-1333', 'CWE-400'],
    controls: { nist80053: ['SI-10', 'SC-5'], soc2: ['A1.1'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 7.5,
    options: {
      backtrackingSteps: {
        type: 'number',
        minimum: 1,
        default: 100_000_000,
        description:
          'How many backtracking steps one validation may cost before it counts as a denial of service (1e8 is a tenth of a second or more on V8). A polynomial pattern is reported when its value may be long enough to cost that much: no maxLength, or a maxLength of at least the length that reaches it (quadratic 10,000 characters, cubic 465, quartic 100). Exponential patterns are always reported: their cost doubles with each character, and some grow faster than that.',
      },
      unreachedSchemas: UNREACHED_SCHEMAS_OPTION,
    },
    messages: {
      exponential: ({ name }) =>
        `${name} has a pattern with exponential backtracking: a crafted value can keep a validating server busy for seconds (ReDoS). Rewrite it so no two repetitions can match the same text, and bound the value with maxLength.`,
      polynomial: ({ name, degree, bound, length }) =>
        `${name} has a pattern with polynomial (${degree}) backtracking and ${bound}: a crafted value of ${length} characters or more can keep a validating server busy, a longer one for seconds (ReDoS). Rewrite it so no two repetitions can match the same text, or bound the value with maxLength below ${length}.`,
    },
  },
  (index, { backtrackingSteps, unreachedSchemas }, messages) => {
    const results: RuleResult[] = [];
    const scope = inputScope(index, unreachedSchemas);
    for (const entry of index.schemasWith.pattern) {
      // The roles first: they are the entry's own, while the schema is a large parsed object.
      if (!isJudgedInput(entry, scope)) continue;
      const { pattern } = entry.schema;
      if (typeof pattern !== 'string') continue;
      // Patterns that do not compile, or are written /.../ with delimiters, have no risk here: specguard-pattern-syntax reports them.
      const risk = backtrackingRisk(pattern);
      if (risk === undefined) continue;
      const name = entry.label ?? 'A schema';
      const path = [...entry.path, 'pattern'];
      if (risk.kind === 'exponential') {
        results.push({ message: messages.exponential({ name }), path });
        continue;
      }
      const length = harmfulLength(risk, backtrackingSteps);
      const bound = loosestLengthBound(index, entry, scope);
      if (bound !== undefined && bound < length) continue;
      results.push({
        message: messages.polynomial({
          name,
          degree: DEGREE_NAMES[risk.degree] ?? `degree ${risk.degree}`,
          bound: bound === undefined ? 'no maxLength' : `maxLength ${bound}`,
          length: length.toLocaleString('en-US'),
        }),
        path,
      });
    }
    return results;
  },
);

/**
 * The longest value the pattern's schema lets through where it is judged as input: the
 * tightest maxLength of the schemas describing the value (allOf branches, same-named
 * properties of a composition), the loosest over the places it is used; undefined when some
 * place has none.
 */
function loosestLengthBound(index: DocumentIndex, entry: SchemaEntry, scope: InputScope): number | undefined {
  if (!index.allOfPeers.has(entry.schema)) return maxLengthOf([entry.schema]);
  let loosest: number | undefined;
  for (const group of index.valueGroups.of(entry.schema)) {
    if (!isJudgedInput(group, scope)) continue;
    const bound = maxLengthOf(group.members);
    if (bound === undefined) return undefined;
    loosest = Math.max(loosest ?? 0, bound);
  }
  return loosest ?? maxLengthOf([entry.schema]);
}

function maxLengthOf(schemas: readonly JsonObject[]): number | undefined {
  let tightest: number | undefined;
  for (const schema of schemas) {
    const { maxLength } = schema;
    if (typeof maxLength === 'number' && maxLength >= 0) tightest = Math.min(tightest ?? Infinity, maxLength);
  }
  return tightest;
}
