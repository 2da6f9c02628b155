import { defineRule } from '../src/rule-kit.js';
import { versioningStrategies } from '../src/rule-helpers/versioning.js';

interface Options extends Record<string, unknown> {
  versionParameters: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-versioning-strategy',
    description:
      'An API must say how clients choose a version (a major version in the URL, a version header or query parameter, or a media-type parameter), and not select it in two ways (a header and a query parameter).',
    severity: { recommended: 'info', strict: 'warn' },
    owasp: ['API9:2023'],
    owasp2019: ['API9:2019'],
    cwe: ['CWE-1059'],
    controls: { nist80053: ['CM-8', 'CM-3'], soc2: ['CC8.1'], hipaa: ['164.308(a)(1)(ii)(A)'] },
    securitySeverity: 2.5,
    options: {
      versionParameters: {
        type: 'array',
        items: { type: 'string' },
        default: ['api version', 'version', 'accept version'],
        description:
          'Header and query parameter name phrases that select a version, matched on whole words in any case style (`api version` matches `X-API-Version`, `api-version`). Replaces the default.',
      },
    },
    messages: {
      none: () =>
        'The API has no versioning strategy: put the major version in the server URL or paths (/v1), or take a version header or media-type parameter, so old versions can be found, retired and told apart from current ones.',
      mixed: ({ strategies }) =>
        `The API mixes versioning strategies (${strategies}): choose one, so every client selects versions the same way and none is forgotten in the inventory.`,
    },
  },
  (index, { versionParameters }, messages) => {
    if (index.operations.length === 0) return [];
    const strategies = versioningStrategies(index, versionParameters);
    if (strategies.size === 0) return [{ message: messages.none({}), path: ['info'] }];
    // A major version in the URL with a finer one in a header, query parameter or media type is
    // one two-level scheme (Stripe's and Notion's /v1 with a dated version header), not a mix.
    const selectors = [...strategies].filter(([strategy]) => strategy !== 'URL');
    if (selectors.length < 2) return [];
    const list = selectors.map(([strategy, where]) => `${strategy}: ${where}`).join('; ');
    return [{ message: messages.mixed({ strategies: list }), path: ['info'] }];
  },
);
