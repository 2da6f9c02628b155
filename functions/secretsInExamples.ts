import { credentialIn, describeExample, exampleLeaves, leafPath, redacted } from '../src/rule-helpers/example-values.js';
import { nameWords } from '../src/rule-helpers/naming.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  allowedValues: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-secrets-in-examples',
    description:
      'Examples and defaults must not hold real-looking credentials: private keys, signed JWTs, cloud, VCS, chat and payment tokens in their issuers’ formats.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API3:2023', 'API8:2023'],
    owasp2019: ['API3:2019', 'API7:2019'],
    cwe: ['CWE-798', 'CWE-312'],
    controls: { nist80053: ['IA-5(7)', 'SC-28'], soc2: ['CC6.1'], hipaa: ['164.312(d)'] },
    securitySeverity: 8.0,
    options: {
      allowedValues: {
        type: 'array',
        items: { type: 'string' },
        // GitHub's documentation sample token body (ghp_/ghs_/ghu_16C7e42F...), printed across its docs and API description.
        default: ['16C7e42F292c6912E7710c838347Ae178B4a'],
        description:
          'Published sample values that are not credentials (a vendor’s documentation token, a revoked key kept on purpose): a found credential that contains one of them is not reported. The default is GitHub’s documentation sample token. Replaces the default.',
      },
    },
    messages: {
      credential: ({ where, kind, shown }) =>
        `${where} holds what looks like ${kind} (${shown}): replace it with an obvious placeholder such as <token>, and revoke it if it was ever real; published API descriptions are copied and indexed.`,
    },
  },
  (index, { allowedValues }, messages) => {
    const results: RuleResult[] = [];
    // One credential is one thing to revoke: repeated in several fields or examples, it is reported where first found.
    const reported = new Set<string>();
    for (const leaf of exampleLeaves(index.examples)) {
      if (typeof leaf.value !== 'string') continue;
      const found = credentialIn(leaf.value);
      if (found === undefined || allowedValues.some(allowed => allowed !== '' && found.match.includes(allowed))) continue;
      if (found.kind === JWT_KIND && namesAHandle(leaf.key)) continue;
      if (reported.has(found.match)) continue;
      reported.add(found.match);
      results.push({
        message: messages.credential({ where: describeExample(leaf.entry), kind: found.kind, shown: redacted(found.match) }),
        path: leafPath(leaf),
      });
    }
    return results;
  },
);

const JWT_KIND = 'a signed JSON Web Token';

/**
 * A key that names a JWT that grants nothing: an OAuth `state` (a CSRF nonce), a queue
 * receipt `handle`, a page `cursor`, a `nonce`. Services sign these so they come back unchanged,
 * not to authorize anything. A name with a credential word (`state_token`, `auth_handle`) is no handle.
 */
function namesAHandle(key: string | undefined): boolean {
  if (key === undefined) return false;
  const words = nameWords(key);
  return words.length > 0 && HANDLE_WORDS.has(words[words.length - 1]) && !words.some(word => CREDENTIAL_WORDS.has(word));
}

const HANDLE_WORDS: ReadonlySet<string> = new Set(['state', 'handle', 'receipt', 'cursor', 'nonce']);
const CREDENTIAL_WORDS: ReadonlySet<string> = new Set([
  'token',
  'auth',
  'jwt',
  'bearer',
  'secret',
  'key',
  'session',
  'credential',
  'credentials',
]);
