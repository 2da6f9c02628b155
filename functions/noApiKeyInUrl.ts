import { defineRule } from '../src/rule-kit.js';

/** Where an API key ends up in the URL. `path` is not a valid `in` for a security scheme, but it is flagged when written. */
const URL_LOCATIONS = new Map([
  ['query', 'query string'],
  ['path', 'URL path'],
]);

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-no-api-key-in-url',
    description: 'API keys must not be sent in the query string or URL path.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API2:2023'],
    owasp2019: ['API2:2019'],
    cwe: ['CWE-598'],
    controls: { nist80053: ['IA-5', 'SC-8'], soc2: ['CC6.1', 'CC6.7'], hipaa: ['164.312(d)', '164.312(e)(1)'] },
    securitySeverity: 6.5,
    options: {},
    messages: {
      inUrl: ({ name, where }) =>
        `Security scheme "${name}" sends the API key in the ${where}, where proxies, server logs, browser history and Referer headers keep it: send it in a header.`,
    },
  },
  (index, _options, messages) =>
    index.securitySchemes.flatMap(({ name, scheme, path }) => {
      // Case-insensitive: `in: Query` is invalid OpenAPI, but it still puts the key in the URL.
      if (typeof scheme.type !== 'string' || scheme.type.trim().toLowerCase() !== 'apikey') return [];
      if (typeof scheme.in !== 'string') return [];
      const where = URL_LOCATIONS.get(scheme.in.trim().toLowerCase());
      if (where === undefined) return [];
      return [
        {
          message: messages.inUrl({ name, where }),
          path: [...path, 'in'],
        },
      ];
    }),
);
