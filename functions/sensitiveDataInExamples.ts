import {
  cardBrandOf,
  credentialIn,
  describeExample,
  exampleLeaves,
  leafPath,
  isRealisticSsn,
  looksLikePlaceholder,
  redacted,
} from '../src/example-values.js';
import { nameWords, phraseMatcher } from '../src/naming.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { SECRET_CLASS, sensitivePhrase } from '../src/sensitive-data.js';

interface Options extends Record<string, unknown> {
  secretNames: string[];
  placeholders: string[];
  personalData: boolean;
}

export default defineRule<Options>(
  {
    code: 'specguard-sensitive-data-in-examples',
    description:
      'Examples and defaults must not hold literal passwords or secrets (`password: changeit`) or realistic personal data (US Social Security numbers, Luhn-valid card numbers).',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API3:2023'],
    owasp2019: ['API3:2019'],
    cwe: ['CWE-798', 'CWE-359'],
    controls: { nist80053: ['IA-5(7)', 'PT-2'], soc2: ['CC6.1', 'P4.1'], hipaa: ['164.312(d)', '164.514(b)'] },
    securitySeverity: 5.0,
    options: {
      secretNames: {
        type: 'array',
        items: { type: 'string' },
        default: SECRET_CLASS.names,
        description:
          'Names whose value is a password or secret, matched on whole words in any case style and followed by nothing or a value word (`newPassword`, `client_secret`, `pinCode`; not `passwordPolicy`): a string under such a key (or given as the example of such a property, parameter or header) is reported. Replaces the default.',
      },
      placeholders: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'string',
          'example',
          'sample',
          'dummy',
          'fake',
          'placeholder',
          'redacted',
          'hidden',
          'masked',
          'your',
          'my',
          'password',
          'secret',
          'passphrase',
          'pin',
        ],
        description:
          'Words that mark a password or secret value as a placeholder (`your-password`, `example secret`), matched as whole words of the value; masks (`****`, `xxxx`) and templates (`<password>`, `{{secret}}`, `${PASSWORD}`) are placeholders too. Replaces the default.',
      },
      personalData: {
        type: 'boolean',
        default: true,
        description: 'Also report realistic US Social Security numbers and Luhn-valid payment card numbers in examples and defaults.',
      },
    },
    messages: {
      secretLiteral: ({ where, key, shown }) =>
        `${where} gives "${key}" a literal value (${shown}): use a placeholder such as <password>; a published password is tried first by attackers, and one that was ever real must be changed.`,
      ssn: ({ where }) =>
        `${where} holds what looks like a real US Social Security number: use an impossible one such as 000-12-3456, or a placeholder.`,
      card: ({ where, brand }) =>
        `${where} holds what looks like a real ${brand} card number (it passes the Luhn check): use a card network test number such as 4111 1111 1111 1111.`,
    },
  },
  (index, { secretNames, placeholders, personalData }, messages) => {
    const results: RuleResult[] = [];
    const isPlaceholder = phraseMatcher(placeholders);
    const secretKeys = new Map<string, boolean>();
    const isSecretKey = (key: string) => {
      let found = secretKeys.get(key);
      if (found === undefined) secretKeys.set(key, (found = sensitivePhrase(key, secretNames) !== undefined));
      return found;
    };
    for (const leaf of exampleLeaves(index.examples)) {
      const { value, key } = leaf;
      // Most leaves are no finding: their holder's name is spelled out only for those that are.
      if (typeof value === 'string' && key !== undefined && isSecretKey(key)) {
        // A recognised credential format is specguard-secrets-in-examples' finding.
        if (!isPlaceholderSecret(value, isPlaceholder) && credentialIn(value) === undefined) {
          results.push({
            message: messages.secretLiteral({ where: describeExample(leaf.entry), key, shown: redacted(value) }),
            path: leafPath(leaf),
          });
        }
        continue;
      }
      if (!personalData) continue;
      if (typeof value === 'string' && isRealisticSsn(value)) {
        results.push({ message: messages.ssn({ where: describeExample(leaf.entry) }), path: leafPath(leaf) });
        continue;
      }
      const brand = cardBrandOf(value);
      if (brand !== undefined)
        results.push({ message: messages.card({ where: describeExample(leaf.entry), brand }), path: leafPath(leaf) });
    }
    return results;
  },
);

/**
 * Not a secret: empty, a mask or template (see looksLikePlaceholder), a URL without credentials
 * (an emoji called `secret` links to its image), or a value whose words say it is not real (the
 * `placeholders` option).
 */
function isPlaceholderSecret(value: string, isPlaceholder: (name: string) => string | undefined): boolean {
  const trimmed = value.trim();
  // A password is short; a long text under such a key is prose or data, and is not split into words.
  if (
    trimmed === '' ||
    trimmed.length > MAX_SECRET_LENGTH ||
    SHORT_MASK.test(trimmed) ||
    looksLikePlaceholder(trimmed) ||
    PLAIN_URL.test(trimmed)
  )
    return true;
  return nameWords(trimmed).length === 0 || isPlaceholder(trimmed) !== undefined;
}

const MAX_SECRET_LENGTH = 1024;
const SHORT_MASK = /^[*xX•·.#-]+$|%[A-Z_]+%/;
const PLAIN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i;
