import { describe } from 'vitest';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';

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
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid });
});
