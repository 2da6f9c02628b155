import { delimiterFlags, patternCompileError } from '../src/rule-helpers/patterns.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

export default defineRule(
  {
    code: 'specguard-pattern-syntax',
    description:
      'Every schema pattern must be a valid ECMA-262 regular expression with the u (Unicode) flag, written bare, without /.../ delimiters.',
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
      delimited: ({ name, literal }) =>
        `${name} has a pattern written as a regex literal with delimiters (${literal}): ECMA-262 patterns have none, so validators match the slashes and flags as text and reject every real value. Write the bare expression, without the slashes and flags.`,
    },
  },
  (index, _options, messages) => {
    const results: RuleResult[] = [];
    for (const entry of index.schemasWith.pattern) {
      const { pattern } = entry.schema;
      if (typeof pattern !== 'string') continue;
      const name = entry.label ?? 'A schema';
      const path = [...entry.path, 'pattern'];
      // The delimiters first: whatever else is wrong inside them, no value matches until they go.
      const flags = delimiterFlags(pattern);
      if (flags !== undefined) {
        results.push({ message: messages.delimited({ name, literal: `/.../${flags}` }), path });
        continue;
      }
      const reason = patternCompileError(pattern);
      if (reason !== undefined) results.push({ message: messages.invalid({ name, reason }), path });
    }
    return results;
  },
);
