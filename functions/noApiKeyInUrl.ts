import { defineIndexRule } from '../src/rule-kit.js';

const URL_LOCATIONS: Record<string, string> = { query: 'query string', path: 'URL path' };

export default defineIndexRule<Record<string, never>>(
  'noApiKeyInUrl',
  { type: 'object', additionalProperties: false },
  {},
  index =>
    index.securitySchemes.flatMap(({ name, scheme, path }) => {
      if (scheme.type !== 'apiKey' || typeof scheme.in !== 'string') return [];
      const where = URL_LOCATIONS[scheme.in];
      if (where === undefined) return [];
      return [
        {
          message: `Security scheme "${name}" sends the API key in the ${where}, where proxies, server logs, browser history and Referer headers keep it: send it in a header.`,
          path: [...path, 'in'],
        },
      ];
    }),
);
