import { deprecatedItems, documentsSuccessor, documentsSunset, responseHeaders } from '../src/rule-helpers/deprecation.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

const DEPRECATION_HEADER = 'Deprecation response header';

interface Options extends Record<string, unknown> {
  sunsetExtension: string;
  successorExtension: string;
}

export default defineRule<Options>(
  {
    code: 'specguard-deprecation-metadata',
    description:
      'Deprecated operations, parameters and schemas must say when they go away (Sunset header or extension), announce it (Deprecation header, for operations) and name their replacement (Link rel=successor-version or extension).',
    severity: { recommended: 'warn', strict: 'warn' },
    owasp: ['API9:2023'],
    owasp2019: ['API9:2019'],
    cwe: ['CWE-1059', 'CWE-477'],
    controls: { nist80053: ['CM-8', 'SA-22'], soc2: ['CC8.1'], hipaa: ['164.308(a)(1)(ii)(A)'] },
    securitySeverity: 3.0,
    options: {
      sunsetExtension: {
        type: 'string',
        pattern: '^x-',
        default: 'x-sunset',
        description: 'The extension that gives a sunset date (ISO date or HTTP-date) on a deprecated operation, parameter or schema.',
      },
      successorExtension: {
        type: 'string',
        pattern: '^x-',
        default: 'x-successor',
        description:
          'The extension that names the replacement of a deprecated operation, parameter or schema (an operationId, path, name or URL).',
      },
    },
    messages: {
      incomplete: ({ name, missing }) =>
        `${name} is deprecated but documents no ${missing}: say when it goes away and what replaces it, so clients migrate before it is retired and it does not live on forgotten.`,
      unannounced: ({ name }) =>
        `${name} is deprecated and says when it goes away and what replaces it, but documents no Deprecation response header: add it (RFC 9745) so clients learn of the deprecation from the responses they already read.`,
    },
  },
  (index, { sunsetExtension, successorExtension }, messages) => {
    const results: RuleResult[] = [];
    for (const item of deprecatedItems(index)) {
      const missing: string[] = [];
      if (!documentsSunset(item, sunsetExtension))
        missing.push(item.operation ? `sunset date (a Sunset response header or ${sunsetExtension})` : `sunset date (${sunsetExtension})`);
      if (item.operation !== undefined && responseHeaders(item.operation, 'Deprecation').length === 0) missing.push(DEPRECATION_HEADER);
      if (!documentsSuccessor(item, successorExtension))
        missing.push(
          item.operation
            ? `successor (a Link header with rel="successor-version" or ${successorExtension})`
            : `successor (${successorExtension})`,
        );
      const onlyAnnouncement = missing.length === 1 && missing[0] === DEPRECATION_HEADER;
      if (missing.length > 0)
        results.push({
          message: onlyAnnouncement
            ? messages.unannounced({ name: item.name })
            : messages.incomplete({ name: item.name, missing: missing.join(', ') }),
          path: item.path,
        });
    }
    return results;
  },
);
