import { describe } from 'vitest';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { NOT_IN_RAML } from '../raml/cases.js';

const CODE = 'specguard-webhook-signature';
const finding = findingOf(CODE);
const unsigned = (name: string) =>
  `${name} documents no signature or authentication: sign each request (an HMAC header such as Webhook-Signature, with a timestamp) or declare a security requirement, so receivers can reject forged and replayed calls.`;
const OK = "responses: {'200': {description: ok}}";
const callbackDoc = (v: '3.0' | '3.1', callbackOp: string, extra = '') =>
  `${HEADERS[v]}security: [{key: []}]\npaths:\n  /subs:\n    post:\n      ${OK}\n      callbacks:\n        onEvent:\n          '{$request.body#/url}':\n            post: ${callbackOp}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n${extra}`;

const invalid: RuleCase[] = [
  ...(['3.0', '3.1'] as const).map(v => ({
    name: `${v}: a callback without signature (the root security does not count)`,
    spec: callbackDoc(v, `{${OK}}`),
    expected: [
      finding(unsigned('Callback "onEvent" (POST {$request.body#/url}) of Operation POST /subs'), [
        'paths',
        '/subs',
        'post',
        'callbacks',
        'onEvent',
        '{$request.body#/url}',
        'post',
      ]),
    ],
  })),
  {
    name: '3.1: webhooks with security: [{}] and with an unrelated header',
    spec: `${HEADERS['3.1']}paths: {}\nwebhooks:\n  a:\n    post: {security: [{}], ${OK}}\n  b:\n    post: {parameters: [{name: X-Request-Id, in: header, schema: {type: string}}], ${OK}}\n`,
    expected: [
      finding(unsigned('Webhook "a" (POST)'), ['webhooks', 'a', 'post']),
      finding(unsigned('Webhook "b" (POST)'), ['webhooks', 'b', 'post']),
    ],
  },
  {
    name: '3.0: a callback whose only headers are an event type and an idempotency key',
    spec: callbackDoc(
      '3.0',
      `{parameters: [{name: X-Event-Type, in: header, description: The event name, schema: {type: string}}, {name: Idempotency-Key, in: header, schema: {type: string}}], ${OK}}`,
    ),
    expected: [
      finding(unsigned('Callback "onEvent" (POST {$request.body#/url}) of Operation POST /subs'), [
        'paths',
        '/subs',
        'post',
        'callbacks',
        'onEvent',
        '{$request.body#/url}',
        'post',
      ]),
    ],
  },
  {
    name: '3.1: a registration with a URL and a password that is not a webhook registration covers no webhook',
    spec: `${HEADERS['3.1']}paths:\n  /users:\n    post:\n      requestBody: {content: {application/json: {schema: {type: object, properties: {websiteUrl: {type: string}, password: {type: string}}}}}}\n      ${OK}\nwebhooks:\n  userCreated:\n    post: {${OK}}\n`,
    expected: [finding(unsigned('Webhook "userCreated" (POST)'), ['webhooks', 'userCreated', 'post'])],
  },
  {
    name: '3.0: a callback keyed by prose about the subscription URL is still an HTTP delivery',
    spec: `${HEADERS['3.0']}paths:\n  /medias:\n    post:\n      ${OK}\n      callbacks:\n        processed:\n          'Provided URL in /webhook_subscriptions':\n            post: {${OK}}\n`,
    expected: [
      finding(unsigned('Callback "processed" (POST Provided URL in /webhook_subscriptions) of Operation POST /medias'), [
        'paths',
        '/medias',
        'post',
        'callbacks',
        'processed',
        'Provided URL in /webhook_subscriptions',
        'post',
      ]),
    ],
  },
];

const valid = [
  {
    name: '3.0: a callback with a signature header in any case',
    spec: callbackDoc('3.0', `{parameters: [{name: x-hub-signature-256, in: header, schema: {type: string}}], ${OK}}`),
  },
  { name: '3.1: a callback with its own security', spec: callbackDoc('3.1', `{security: [{key: []}], ${OK}}`) },
  {
    name: '3.1: a path-level signature parameter on a webhook',
    spec: `${HEADERS['3.1']}paths: {}\nwebhooks:\n  a:\n    parameters: [{name: Webhook-Signature, in: header, schema: {type: string}}]\n    post: {${OK}}\n`,
  },
  { name: '2.0: no callbacks in Swagger 2.0', spec: `${HEADERS['2.0']}paths: {}\n` },
  {
    name: '3.0: a vendor-named signature header',
    spec: callbackDoc('3.0', `{parameters: [{name: X-Up-Authenticity-Signature, in: header, schema: {type: string}}], ${OK}}`),
  },
  {
    name: '3.1: a header whose description says it carries an HMAC',
    spec: callbackDoc(
      '3.1',
      `{parameters: [{name: X-Auth-Check, in: header, description: 'HMAC-SHA256 of the raw body, keyed with the shared secret', schema: {type: string}}], ${OK}}`,
    ),
  },
  {
    name: '3.0: a signature field in the callback body, with a timestamp and a nonce',
    spec: callbackDoc(
      '3.0',
      `{requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/DeliveryReceipt'}}}}, ${OK}}`,
      `  schemas:\n    DeliveryReceipt:\n      type: object\n      properties:\n        messageId: {type: string}\n        timestamp: {type: string}\n        nonce: {type: string}\n        sig: {type: string, description: The signature to enable verification of the source of this webhook}\n`,
    ),
  },
  {
    name: '3.0: a webhook registration that takes the authorization header the deliveries carry',
    spec: `${HEADERS['3.0']}paths:\n  /v1/webhooks:\n    post:\n      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/CreateWebhookRequest'}}}}\n      ${OK}\nx-webhooks:\n  notification:\n    post: {${OK}}\ncomponents:\n  schemas:\n    CreateWebhookRequest:\n      type: object\n      properties:\n        webhookUrl: {type: string, format: uri}\n        authorizationHeader: {type: string, description: the authorization header to include with the notification}\n`,
  },
  {
    name: '3.1: a subscription whose body sets a signing secret covers its callbacks',
    spec: `${HEADERS['3.1']}paths:\n  /subs:\n    post:\n      requestBody: {content: {application/json: {schema: {type: object, properties: {url: {type: string}, signingSecret: {type: string}}}}}}\n      ${OK}\n      callbacks:\n        onEvent:\n          '{$request.body#/url}':\n            post: {${OK}}\n`,
  },
  {
    name: '3.0: messages pushed over a client-opened WebSocket are not HTTP deliveries',
    spec: `${HEADERS['3.0']}paths:\n  /caseUpdate:\n    put:\n      ${OK}\n      callbacks:\n        CaseUpdateCompletionWSS:\n          '<WSS liveCallbacks>':\n            post: {${OK}}\n        Stream:\n          'wss://stream.example.com/{$request.body#/channel}':\n            post: {${OK}}\n`,
  },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, raml: NOT_IN_RAML });
});
