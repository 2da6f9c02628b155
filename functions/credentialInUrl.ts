import { isObject } from '../src/document-index/index.js';
import type { JsonObject } from '../src/document-index/index.js';
import { nameWords, phraseMatcher } from '../src/naming.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  names: string[];
  ignoredNames: string[];
  describingWords: string[];
}

const URL_LOCATIONS = new Map([
  ['query', 'query'],
  ['path', 'path'],
]);

/** The type the parameter declares (OAS3 on its schema, OAS2 on itself), if any. */
function declaredType(parameter: JsonObject): unknown {
  return isObject(parameter.schema) ? parameter.schema.type : parameter.type;
}

export default defineRule<Options>(
  {
    code: 'specguard-credential-in-url',
    description:
      'Query and path parameters must not carry credentials (tokens, passwords, API keys, session ids), whatever the security schemes say.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API2:2023'],
    owasp2019: ['API2:2019'],
    cwe: ['CWE-598', 'CWE-522'],
    controls: { nist80053: ['IA-5', 'SC-8', 'AU-9'], soc2: ['CC6.1', 'CC6.7'], hipaa: ['164.312(d)', '164.312(e)(1)'] },
    securitySeverity: 6.5,
    options: {
      names: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'token',
          'api key',
          'apikey',
          'password',
          'passwd',
          'pwd',
          'secret',
          'session',
          'sessionid',
          'jsessionid',
          'phpsessid',
          'sid',
          'credential',
          'credentials',
          'jwt',
          'bearer',
          'authorization',
          'private key',
        ],
        description:
          'Words and phrases that make a parameter name a credential, matched as whole words in any case style (`access_token`, `X-Api-Key`, `clientSecret`). The list replaces the default.',
      },
      ignoredNames: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'page token',
          'next token',
          'next page token',
          'continuation token',
          'pagination token',
          'sync token',
          'prev token',
          'previous token',
        ],
        description:
          'Phrases that make a matching name something else (pagination cursors such as `pageToken`). A name containing one of them is not reported. The list replaces the default.',
      },
      describingWords: {
        type: 'array',
        items: { type: 'string' },
        default: ['id', 'ids', 'name', 'names', 'type', 'types', 'count', 'hint', 'length', 'status', 'url', 'uri'],
        description:
          'A name that ends with one of these words is about a credential, not the credential itself (`secret_name`, `token_type`, `sessionId`), and is not reported. The list replaces the default.',
      },
    },
    messages: {
      credential: ({ parameter, where }) =>
        `Parameter "${parameter}" puts a credential in the URL ${where}, where proxies, server logs, browser history and Referer headers keep it: send it in a header (Authorization) or the request body.`,
    },
  },
  (index, { names, ignoredNames, describingWords }, messages) => {
    const credentialName = phraseMatcher(names);
    const ignoredName = phraseMatcher(ignoredNames);
    const results: RuleResult[] = [];
    // A parameter shared through $ref is reported once, where it is defined.
    const seen = new Set<JsonObject>();
    // Callbacks and webhooks too: a credential in the URL the API calls leaks at the receiver.
    for (const op of [...index.operations, ...index.outboundOperations]) {
      for (const { parameter, path } of op.parameters) {
        if (seen.has(parameter)) continue;
        seen.add(parameter);
        const where = typeof parameter.in === 'string' ? URL_LOCATIONS.get(parameter.in.trim().toLowerCase()) : undefined;
        if (where === undefined || typeof parameter.name !== 'string') continue;
        const name = parameter.name;
        if (credentialName(name) === undefined || ignoredName(name) !== undefined) continue;
        // A flag (`has_password=true`) or a count is not a credential.
        const type = declaredType(parameter);
        if (type !== undefined && type !== 'string' && !(Array.isArray(type) && type.includes('string'))) continue;
        // `/sessions/{sessionId}`, `?secret_type=`: the name says what it is about, not that it is the secret.
        const last = nameWords(name).at(-1);
        if (last !== undefined && describingWords.some(word => word.toLowerCase() === last)) continue;
        results.push({ message: messages.credential({ parameter: name, where }), path });
      }
    }
    return results;
  },
);
