import { defineIndexRule } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  /** HTTP authentication schemes (RFC 7235 names, case-insensitive) to reject. */
  schemes: string[];
}

export default defineIndexRule<Options>(
  'noHttpBasicAuth',
  {
    type: 'object',
    properties: { schemes: { type: 'array', items: { type: 'string' }, minItems: 1 } },
    additionalProperties: false,
  },
  { schemes: ['basic'] },
  (index, { schemes }) => {
    const rejected = new Set(schemes.map(s => s.toLowerCase()));
    return index.securitySchemes.flatMap(({ name, scheme, path }) => {
      // OAS2 spells HTTP Basic as its own type; OAS3 as type http with an RFC 7235 scheme name.
      const httpScheme =
        index.version === '2.0'
          ? scheme.type === 'basic'
            ? 'basic'
            : null
          : scheme.type === 'http' && typeof scheme.scheme === 'string'
            ? scheme.scheme.toLowerCase()
            : null;
      if (httpScheme === null || !rejected.has(httpScheme)) return [];
      return [
        {
          message: `Security scheme "${name}" uses HTTP ${httpScheme[0].toUpperCase()}${httpScheme.slice(1)} authentication, which sends a reusable password with every request: use OAuth 2.0, OpenID Connect or short-lived bearer tokens.`,
          path: [...path, index.version === '2.0' ? 'type' : 'scheme'],
        },
      ];
    });
  },
);
