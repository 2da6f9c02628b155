import { patternCompileError } from '../src/patterns.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

export default defineRule(
  {
    code: 'specguard-pattern-syntax',
    description: 'Every schema pattern must be a valid ECMA-262 regular expression with the u (Unicode) flag.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API4:2023', 'API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-20', 'CWE-185'],
    controls: { nist80053: ['SI-10'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 4.0,
    options: {},
    messages: {
      invalid: ({ name, reason }) =>
        `${name} has a pattern that is not a valid ECMA-262 regular expression with the u flag (${reason}): fix it, or validators will reject every value, skip the check, or fail.`,
    },
  },
  (index, _options, messages) => {
    const results: RuleResult[] = [];
    for (const entry of index.schemasWith.pattern) {
      const { pattern } = entry.schema;
      if (typeof pattern !== 'string') continue;
      const reason = patternCompileError(pattern);
      if (reason !== undefined)
        results.push({ message: messages.invalid({ name: entry.label ?? 'A schema', reason }), path: [...entry.path, 'pattern'] });
    }
    return results;
  },
);
