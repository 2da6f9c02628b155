import { describe } from 'vitest';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { NOT_IN_RAML } from '../raml/cases.js';

const CODE = 'specguard-webhook-https';
const finding = findingOf(CODE);
const plain = (name: string, url: string) =>
  `${name} is sent to "${url}" over plain HTTP: use an https:// URL, so the payload and its signature cannot be read or replayed in transit.`;
const OK = "responses: {'200': {description: ok}}";

const invalid: RuleCase[] = [
  ...(['3.0', '3.1'] as const).map(v => ({
    name: `${v}: a callback keyed by a literal http URL`,
    spec: `${HEADERS[v]}paths:\n  /subs:\n    post:\n      ${OK}\n      callbacks:\n        audit:\n          'HTTP://audit.example.com/e':\n            post: {${OK}}\n`,
    expected: [
      finding(plain('Callback "audit" (POST HTTP://audit.example.com/e) of Operation POST /subs', 'HTTP://audit.example.com/e'), [
        'paths',
        '/subs',
        'post',
        'callbacks',
        'audit',
        'HTTP://audit.example.com/e',
      ]),
    ],
  })),
  {
    name: '3.1: a webhook with an http server',
    spec: `${HEADERS['3.1']}paths: {}\nwebhooks:\n  a:\n    post: {servers: [{url: 'https://ok.example.com'}, {url: 'http://hooks.example.com'}], ${OK}}\n`,
    expected: [finding(plain('Webhook "a" (POST)', 'http://hooks.example.com'), ['webhooks', 'a', 'post', 'servers', '1', 'url'])],
  },
  {
    name: '3.1: an http server on a webhook path item serves both methods: one finding',
    spec: `${HEADERS['3.1']}paths: {}\nwebhooks:\n  a:\n    servers: [{url: 'http://hooks.example.com'}]\n    post: {${OK}}\n    put: {${OK}}\n`,
    expected: [finding(plain('Webhook "a" (POST)', 'http://hooks.example.com'), ['webhooks', 'a', 'servers', '0', 'url'])],
  },
  {
    name: '3.0: an http server on a callback path item',
    spec: `${HEADERS['3.0']}paths:\n  /subs:\n    post:\n      ${OK}\n      callbacks:\n        done:\n          '{$request.body#/url}':\n            servers: [{url: 'http://cb.example.com'}]\n            post: {${OK}}\n`,
    expected: [
      finding(plain('Callback "done" (POST {$request.body#/url}) of Operation POST /subs', 'http://cb.example.com'), [
        'paths',
        '/subs',
        'post',
        'callbacks',
        'done',
        '{$request.body#/url}',
        'servers',
        '0',
        'url',
      ]),
    ],
  },
];

const valid = [
  {
    name: '3.0: runtime expressions and https URLs',
    spec: `${HEADERS['3.0']}paths:\n  /subs:\n    post:\n      ${OK}\n      callbacks:\n        a:\n          '{$request.body#/url}':\n            post: {${OK}}\n          'https://x.example.com/e':\n            post: {${OK}}\n`,
  },
  {
    name: '3.1: https servers on a webhook path item',
    spec: `${HEADERS['3.1']}paths: {}\nwebhooks:\n  a:\n    servers: [{url: 'https://hooks.example.com'}]\n    post: {${OK}}\n`,
  },
  {
    name: '3.1: servers that are not a list',
    spec: `${HEADERS['3.1']}paths: {}\nwebhooks:\n  a:\n    post: {servers: 'http://x', ${OK}}\n`,
  },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, raml: NOT_IN_RAML });
});
