import { isObject } from '../src/document-index/json.js';
import type { DocumentIndex, OperationEntry } from '../src/document-index/index.js';
import { nameHasPhrase, nameWords, phraseMatcher } from '../src/rule-helpers/naming.js';
import { describeOutbound } from '../src/rule-helpers/outbound.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  signatureHeaders: string[];
  signatureWords: string[];
  registrationCredentials: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-webhook-signature',
    description:
      'Callbacks and webhooks must document how the receiver verifies them: a security requirement, a signature header (X-Signature, X-Hub-Signature-256, Webhook-Signature...) or field, or a credential set when the receiver registers.',
    severity: { recommended: 'warn', strict: 'error' },
    formats: ['oas3'],
    owasp: ['API10:2023'],
    owasp2019: ['API8:2019'],
    cwe: ['CWE-345', 'CWE-347'],
    controls: { nist80053: ['SC-8', 'SI-7'], soc2: ['CC6.1'], hipaa: ['164.312(c)(1)', '164.312(d)'] },
    securitySeverity: 6.0,
    notInRaml: 'RAML has no callbacks or webhooks',
    sharedCauses: [
      {
        message: /documents no signature or authentication/,
        fix: 'document the signing scheme once (a signature header in components.parameters, or a security scheme) and reference it from every callback and webhook',
      },
    ],
    options: {
      signatureHeaders: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'X-Signature',
          'X-Hub-Signature',
          'X-Hub-Signature-256',
          'Webhook-Signature',
          'X-Webhook-Signature',
          'Signature',
          'Stripe-Signature',
          'X-Slack-Signature',
        ],
        description:
          'Header parameters (case-insensitive) that carry a signature of the callback or webhook request. Replaces the default.',
      },
      signatureWords: {
        type: 'array',
        items: { type: 'string' },
        default: ['signature', 'hmac', 'sig'],
        description:
          'Words (whole words of the name, any case style) that make a header parameter (`X-Up-Authenticity-Signature`) or a request body field (`sig`) of a callback or webhook its signature. A header whose description says HMAC or signature counts too. Replaces the default.',
      },
      registrationCredentials: {
        type: 'array',
        items: { type: 'string' },
        default: ['secret', 'token', 'authorization', 'auth', 'password', 'credentials'],
        description:
          'Phrases (whole words of the name) of a request body field that gives the API a credential for its deliveries when a receiver registers (`authorizationHeader`, `signingSecret`), beside the URL field. Such a registration covers the callbacks of its operation, and the webhooks of the document when it is a webhook registration (its URL field or path says callback, webhook, hook, subscription or notification). Replaces the default.',
      },
    },
    messages: {
      unsigned: ({ name }) =>
        `${name} documents no signature or authentication: sign each request (an HMAC header such as Webhook-Signature, with a timestamp) or declare a security requirement, so receivers can reject forged and replayed calls.`,
    },
  },
  (index, { signatureHeaders, signatureWords, registrationCredentials }, messages) => {
    if (index.outboundOperations.length === 0) return [];
    const headers = new Set(signatureHeaders.map(h => h.toLowerCase()));
    const isSignatureName = phraseMatcher(signatureWords);
    const isSignatureHeader = (name: string, description: unknown) =>
      headers.has(name.toLowerCase()) ||
      isSignatureName(name) !== undefined ||
      (typeof description === 'string' && SIGNATURE_PROSE.test(description.slice(0, 2_000)));
    const signedInBody = operationsWithSignatureField(index, isSignatureName);
    const registrations = credentialedRegistrations(index, phraseMatcher(registrationCredentials));
    const results: RuleResult[] = [];
    for (const op of index.outboundOperations) {
      // Only the operation's own security: the root `security` is how clients call the API, not how it calls them.
      if (op.security.source === 'operation' && !op.security.allowsAnonymous) continue;
      if (op.kind === 'callback' && isNonHttpDelivery(op.pathKey)) continue;
      const signed = op.parameters.some(
        ({ parameter }) =>
          parameter.in === 'header' && typeof parameter.name === 'string' && isSignatureHeader(parameter.name, parameter.description),
      );
      if (signed || signedInBody.has(op)) continue;
      const parent = op.callback?.parent;
      if (op.kind === 'callback' ? parent != null && registrations.has(parent) : [...registrations.values()].includes('webhooks')) continue;
      results.push({ message: messages.unsigned({ name: describeOutbound(op) }), path: op.path });
    }
    return results;
  },
);

/** A description that says the header is a signature: `HMAC-SHA256 of the body`, `signed with your secret`. */
const SIGNATURE_PROSE = /\b(?:hmac|signature|signed)\b/i;

/**
 * A callback keyed by something other than an HTTP URL or a runtime expression that gives one:
 * messages pushed over a WebSocket or a broker the client opened (`<WSS liveCallbacks>`,
 * `wss://...`), where there is no public receiver to forge requests to.
 */
function isNonHttpDelivery(expression: string): boolean {
  return /^\s*(?:wss?|mqtts?|amqps?):\/\//i.test(expression) || /<\s*wss?\b|\bweb\s?sockets?\b/i.test(expression);
}

/** The callback and webhook operations whose request body carries a signature field (`sig`, `signature`, `hmac`). */
function operationsWithSignatureField(index: DocumentIndex, isSignatureName: (name: string) => string | undefined): Set<OperationEntry> {
  const signed = new Set<OperationEntry>();
  for (const [name, entries] of index.propertiesByName) {
    if (isSignatureName(name) === undefined) continue;
    for (const entry of entries) {
      if (!entry.outboundRoles?.has('request-body')) continue;
      for (const usage of entry.usages) if (usage.role === 'request-body' && usage.operation.kind !== 'path') signed.add(usage.operation);
    }
  }
  return signed;
}

/** Words of a field that holds the receiver's URL. */
const URL_WORDS = ['url', 'uri', 'endpoint', 'callback', 'href'];
/** Words that make a registration one for webhooks: in its URL field's name or its path. */
const HOOK_WORDS = [
  'callback',
  'callbacks',
  'webhook',
  'webhooks',
  'hook',
  'hooks',
  'subscription',
  'subscriptions',
  'notification',
  'notifications',
];

/**
 * The path operations whose request body registers a receiver with a credential for the
 * deliveries: one object with a URL field and a credential field (`webhookUrl` beside
 * `authorizationHeader`). Each maps to `webhooks` when the URL field or the path says it
 * registers a webhook, else `callbacks` (it covers its own callbacks only).
 */
function credentialedRegistrations(
  index: DocumentIndex,
  isCredentialName: (name: string) => string | undefined,
): Map<OperationEntry, 'webhooks' | 'callbacks'> {
  const registrations = new Map<OperationEntry, 'webhooks' | 'callbacks'>();
  for (const entry of index.schemas.values()) {
    if (!entry.roles.has('request-body')) continue;
    const { properties } = entry.schema;
    if (!isObject(properties)) continue;
    const names = Object.keys(properties);
    const urlFields = names.filter(name => URL_WORDS.some(word => nameWords(name).includes(word)));
    if (urlFields.length === 0 || !names.some(name => isCredentialName(name) !== undefined)) continue;
    const hookNamedField = urlFields.some(name => HOOK_WORDS.some(word => nameHasPhrase(name, word)));
    for (const usage of entry.usages) {
      if (usage.role !== 'request-body' || usage.operation.kind !== 'path') continue;
      const hookNamed = hookNamedField || HOOK_WORDS.some(word => nameHasPhrase(usage.operation.pathKey, word));
      if (registrations.get(usage.operation) !== 'webhooks') registrations.set(usage.operation, hookNamed ? 'webhooks' : 'callbacks');
    }
  }
  return registrations;
}
