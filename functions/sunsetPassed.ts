import { deprecatedItems, parseDate, sunsetDates } from '../src/rule-helpers/deprecation.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  sunsetExtension: string;
  today: string;
}

export default defineRule<Options>(
  {
    code: 'specguard-sunset-passed',
    description:
      'A deprecated operation, parameter or schema whose sunset date has passed must be removed: the API still publishes what it retired.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API9:2023'],
    owasp2019: ['API9:2019'],
    cwe: ['CWE-1059', 'CWE-477'],
    controls: { nist80053: ['CM-8', 'SA-22'], soc2: ['CC8.1'], hipaa: ['164.308(a)(1)(ii)(A)'] },
    securitySeverity: 5.0,
    options: {
      sunsetExtension: {
        type: 'string',
        pattern: '^x-',
        default: 'x-sunset',
        description:
          'The extension that gives a sunset date (ISO date or HTTP-date); keep it the same as in specguard-deprecation-metadata.',
      },
      today: {
        type: 'string',
        pattern: '^(|\\d{4}-\\d{2}-\\d{2})$',
        default: '',
        description:
          "The date to compare sunset dates with (ISO, `2025-01-31`); empty means the machine's clock. Set it to make a CI run reproducible, or in tests.",
      },
    },
    messages: {
      passed: ({ name, sunset }) =>
        `${name} reached its sunset date (${sunset}) and is still in the description: remove it (and switch it off), or move the date if the retirement was postponed.`,
    },
  },
  (index, { sunsetExtension, today }, messages) => {
    const now = today === '' ? new Date() : parseDate(today);
    if (now === undefined) throw new Error(`option today "${today}" is not a date`);
    const results: RuleResult[] = [];
    for (const item of deprecatedItems(index)) {
      const passed = sunsetDates(item, sunsetExtension).find(({ date }) => date.getTime() <= now.getTime());
      if (passed !== undefined) results.push({ message: messages.passed({ name: item.name, sunset: passed.text }), path: item.path });
    }
    return results;
  },
);
