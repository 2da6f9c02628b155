import { defineIndexRule } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  /** HTTP authentication schemes (RFC 7235 names, case-insensitive) to reject. */
  schemes: string[];
}

/**
 * The registered name and the weakness of the schemes people commonly reject; any other scheme
 * is named as written, with a neutral reason.
 */
const KNOWN = new Map([
  ['basic', { title: 'Basic', why: 'which sends a reusable password with every request' }],
  ['digest', { title: 'Digest', why: 'which relies on a long-lived shared password that the server must keep in password-equivalent form' }],
]);

export default defineIndexRule<Options>(
  'noHttpBasicAuth',
  {
    type: 'object',
    properties: { schemes: { type: 'array', items: { type: 'string' }, minItems: 1 } },
    additionalProperties: false,
  },
  { schemes: ['basic'] },
  (index, { schemes }) => {
    const rejected = new Set(schemes.map(s => s.trim().toLowerCase()));
    return index.securitySchemes.flatMap(({ name, scheme, path }) => {
      const type = typeof scheme.type === 'string' ? scheme.type.trim().toLowerCase() : null;
      // OAS2 spells HTTP Basic as its own type; OAS3 as type http with an RFC 7235 scheme name.
      // Each spelling is read in either version: a hand-migrated document mixes them, and its
      // meaning is plain even where it is not valid for the declared version.
      const viaType = type === 'basic';
      const written = viaType ? 'basic' : type === 'http' && typeof scheme.scheme === 'string' ? scheme.scheme.trim() : '';
      const httpScheme = written.toLowerCase();
      if (httpScheme === '' || !rejected.has(httpScheme)) return [];
      const { title, why } = KNOWN.get(httpScheme) ?? { title: written, why: 'which is not an accepted way to authenticate to this API' };
      return [
        {
          message: `Security scheme "${name}" uses HTTP ${title} authentication, ${why}: use OAuth 2.0, OpenID Connect or short-lived bearer tokens.`,
          path: [...path, viaType ? 'type' : 'scheme'],
        },
      ];
    });
  },
);
