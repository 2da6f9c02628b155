import { inputScope, isJudgedInput } from '../src/document-index/index.js';
import type { UnreachedSchemas } from '../src/document-index/index.js';
import { backtrackingRisk } from '../src/patterns.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  unreachedSchemas: UnreachedSchemas;
}

export default defineRule<Options>(
  {
    code: 'specguard-pattern-redos',
    description: 'A pattern that validates input must not be open to catastrophic backtracking (ReDoS), as decided by the scslre analysis.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-1333', 'CWE-400'],
    controls: { nist80053: ['SI-10', 'SC-5'], soc2: ['A1.1'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 7.5,
    options: { unreachedSchemas: UNREACHED_SCHEMAS_OPTION },
    messages: {
      redos: ({ name, risk }) =>
        `${name} has a pattern with ${risk} backtracking: a crafted value can keep a validating server busy for seconds (ReDoS). Rewrite it so no two repetitions can match the same text, and bound the value with maxLength.`,
    },
  },
  (index, { unreachedSchemas }, messages) => {
    const results: RuleResult[] = [];
    const scope = inputScope(index, unreachedSchemas);
    for (const entry of index.schemasWith.pattern) {
      // The roles first: they are the entry's own, while the schema is a large parsed object.
      if (!isJudgedInput(entry, scope)) continue;
      const { pattern } = entry.schema;
      if (typeof pattern !== 'string') continue;
      // Patterns that do not compile have no risk here: specguard-pattern-syntax reports them.
      const risk = backtrackingRisk(pattern);
      if (risk !== undefined)
        results.push({ message: messages.redos({ name: entry.label ?? 'A schema', risk }), path: [...entry.path, 'pattern'] });
    }
    return results;
  },
);
