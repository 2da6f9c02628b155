import {
  cardBrandOf,
  credentialIn,
  describeExample,
  exampleLeaves,
  leafPath,
  isRealisticSsn,
  looksLikePlaceholder,
  redacted,
} from '../src/rule-helpers/example-values.js';
import { nameWords, phraseMatcher } from '../src/rule-helpers/naming.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { SECRET_CLASS, sensitivePhrase } from '../src/rule-helpers/sensitive-data.js';

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
          'pass',
          'passwd',
          'pwd',
          'test',
          'testing',
          'foo',
          'bar',
          'baz',
          'qux',
          'frobozz',
          'xyzzy',
          'lorem',
          'ipsum',
          'asdf',
          'qwerty',
          'azerty',
        ],
        description:
          'Words that mark a password or secret value as a placeholder (`your-password`, `example secret`, `test123`, `foo`), matched as whole words of the value; masks (`****`, `xxxx`), templates (`<password>`, `{{secret}}`, `${PASSWORD}`), runs of one character (`1111`), cut-offs of `string` (`stringst`), IP addresses and switch values (`true`, `on`, `0`) are placeholders too. Replaces the default.',
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
    // The same value under the same key is one finding (a schema's example and its property's repeat it), at its first place.
    const reported = new Set<string>();
    const firstTime = (kind: string, key: string | undefined, value: string | number) => {
      const id = `${kind}\u0000${key ?? ''}\u0000${String(value)}`;
      if (reported.has(id)) return false;
      reported.add(id);
      return true;
    };
    for (const leaf of exampleLeaves(index.examples)) {
      const { value, key } = leaf;
      // Most leaves are no finding: their holder's name is spelled out only for those that are.
      if (typeof value === 'string' && key !== undefined && isSecretKey(key)) {
        // A recognised credential format is specguard-secrets-in-examples' finding.
        if (!isPlaceholderSecret(value, isPlaceholder) && credentialIn(value) === undefined && firstTime('secret', key, value)) {
          results.push({
            message: messages.secretLiteral({ where: describeExample(leaf.entry), key, shown: redacted(value) }),
            path: leafPath(leaf),
          });
        }
        continue;
      }
      if (!personalData) continue;
      if (typeof value === 'string' && isRealisticSsn(value)) {
        if (firstTime('ssn', undefined, value))
          results.push({ message: messages.ssn({ where: describeExample(leaf.entry) }), path: leafPath(leaf) });
        continue;
      }
      // A 16-digit number is an amount or an id unless its key names a card (`gasCost: 2341475898076854`).
      const brand = typeof value === 'number' && !namesACard(key) ? undefined : cardBrandOf(value);
      if (brand !== undefined && firstTime('card', undefined, value))
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
    PLAIN_URL.test(trimmed) ||
    ONE_CHARACTER.test(trimmed) ||
    IP_ADDRESS.test(trimmed) ||
    SWITCH_VALUES.has(trimmed.toLowerCase()) ||
    isCutString(trimmed)
  )
    return true;
  return nameWords(trimmed).length === 0 || isPlaceholder(trimmed) !== undefined;
}

const MAX_SECRET_LENGTH = 1024;
const SHORT_MASK = /^[*xX•·.#-]+$|%[A-Z_]+%/;
const PLAIN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i;
const ONE_CHARACTER = /^(.)\1*$/;
const IP_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** A setting's value, not a secret: a boolean-like policy such as `passwordBlockPicturePasswordAndPin: "true"`. */
const SWITCH_VALUES: ReadonlySet<string> = new Set([
  'true',
  'false',
  'on',
  'off',
  'yes',
  'no',
  'enabled',
  'disabled',
  'null',
  'none',
  '0',
  '1',
]);

/** A generator's `string` placeholder cut to the field's length (`stringst`) or repeated (`strings`, `stringstring`). */
function isCutString(value: string): boolean {
  return value.length >= 3 && 'stringstringstringstringstringstring'.startsWith(value.toLowerCase());
}

/** Whether an example key names a payment card (`cardNumber`, `pan`, `cards`). */
function namesACard(key: string | undefined): boolean {
  return key !== undefined && nameWords(key).some(word => CARD_WORDS.has(word));
}

const CARD_WORDS: ReadonlySet<string> = new Set(['card', 'cards', 'pan', 'cc', 'number']);
