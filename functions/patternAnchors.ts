import { inputScope, isJudgedInput } from '../src/document-index/inputs.js';
import type { UnreachedSchemas } from '../src/document-index/index.js';
import { anchorGap } from '../src/rule-helpers/patterns.js';
import type { AnchorGap } from '../src/rule-helpers/patterns.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  unreachedSchemas: UnreachedSchemas;
}

/** What each gap lets through, as the message says it. */
const GAP: Record<AnchorGap, string> = {
  alternatives: 'its alternatives are anchored one end each (`^a|b$` reads as `(^a)|(b$)`)',
  start: 'it has no ^ at the start',
  end: 'it has no $ at the end',
  both: 'it has neither ^ nor $',
};

export default defineRule<Options>(
  {
    code: 'specguard-pattern-anchors',
    description: 'A pattern that validates a whole input value must be anchored with ^ and $ around all its alternatives.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API4:2023', 'API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-20', 'CWE-625'],
    controls: { nist80053: ['SI-10'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 5.0,
    options: { unreachedSchemas: UNREACHED_SCHEMAS_OPTION },
    messages: {
      unanchored: ({ name, gap }) =>
        `${name} has a pattern that does not restrict the whole value (${gap}): a value that merely contains a match passes, so write it as ^(?:...)$.`,
    },
  },
  (index, { unreachedSchemas }, messages) => {
    const results: RuleResult[] = [];
    const scope = inputScope(index, unreachedSchemas);
    // Each schema once, at its definition; patterns of schemas only responses use validate nothing the API receives.
    for (const entry of index.schemasWith.pattern) {
      // The roles first: they are the entry's own, while the schema is a large parsed object.
      if (!isJudgedInput(entry, scope)) continue;
      const { pattern } = entry.schema;
      if (typeof pattern !== 'string') continue;
      const gap = anchorGap(pattern);
      if (gap !== undefined)
        results.push({
          message: messages.unanchored({ name: entry.label ?? 'A schema', gap: GAP[gap] }),
          path: [...entry.path, 'pattern'],
        });
    }
    return results;
  },
);
