import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { describeOutbound } from '../src/outbound.js';

interface Options extends Record<string, unknown> {
  signatureHeaders: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-webhook-signature',
    description:
      'Callbacks and webhooks must document how the receiver verifies them: a security requirement, or a signature header (X-Signature, X-Hub-Signature-256, Webhook-Signature...).',
    severity: { recommended: 'warn', strict: 'error' },
    formats: ['oas3'],
    owasp: ['API10:2023'],
    owasp2019: ['API8:2019'],
    cwe: ['CWE-345', 'CWE-347'],
    controls: { nist80053: ['SC-8', 'SI-7'], soc2: ['CC6.1'], hipaa: ['164.312(c)(1)', '164.312(d)'] },
    securitySeverity: 6.0,
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
    },
    messages: {
      unsigned: ({ name }) =>
        `${name} documents no signature or authentication: sign each request (an HMAC header such as Webhook-Signature, with a timestamp) or declare a security requirement, so receivers can reject forged and replayed calls.`,
    },
  },
  (index, { signatureHeaders }, messages) => {
    const headers = new Set(signatureHeaders.map(h => h.toLowerCase()));
    const results: RuleResult[] = [];
    for (const op of index.outboundOperations) {
      // Only the operation's own security: the root `security` is how clients call the API, not how it calls them.
      if (op.security.source === 'operation' && !op.security.allowsAnonymous) continue;
      const signed = op.parameters.some(
        ({ parameter }) => parameter.in === 'header' && typeof parameter.name === 'string' && headers.has(parameter.name.toLowerCase()),
      );
      if (signed) continue;
      results.push({ message: messages.unsigned({ name: describeOutbound(op) }), path: op.path });
    }
    return results;
  },
);
