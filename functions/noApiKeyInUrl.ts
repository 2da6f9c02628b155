import { defineIndexRule } from '../src/rule-kit.js';

/** Where an API key ends up in the URL. `path` is not a valid `in` for a security scheme, but it is flagged when written. */
const URL_LOCATIONS = new Map([
  ['query', 'query string'],
  ['path', 'URL path'],
]);

export default defineIndexRule<Record<string, never>>(
  'noApiKeyInUrl',
  { type: 'object', additionalProperties: false },
  {},
  index =>
    index.securitySchemes.flatMap(({ name, scheme, path }) => {
      // Case-insensitive: `in: Query` is invalid OpenAPI, but it still puts the key in the URL.
      if (typeof scheme.type !== 'string' || scheme.type.trim().toLowerCase() !== 'apikey') return [];
      if (typeof scheme.in !== 'string') return [];
      const where = URL_LOCATIONS.get(scheme.in.trim().toLowerCase());
      if (where === undefined) return [];
      return [
        {
          message: `Security scheme "${name}" sends the API key in the ${where}, where proxies, server logs, browser history and Referer headers keep it: send it in a header.`,
          path: [...path, 'in'],
        },
      ];
    }),
);
