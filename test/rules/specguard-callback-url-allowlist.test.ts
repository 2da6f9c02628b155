import { describe } from 'vitest';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';

const CODE = 'specguard-callback-url-allowlist';
const finding = findingOf(CODE);
const message = (callback: string) =>
  `${callback} sends requests to a URL the client chooses, and no allowlist is documented: pin the URL's scheme and host with an enum or anchored pattern on the request field it comes from, or describe the server's allowlist in x-specguard-url-allowlist on the callback, so clients cannot make the API call internal services (SSRF).`;
const OK = "responses: {'200': {description: ok}}";
type V = '3.0' | '3.1';

/** POST /subs with a body whose `hook` property is `hook`, a `url` query parameter, and one callback keyed by `expression`. */
const subscribe = (v: V, expression: string, hook = '{type: string, format: uri, maxLength: 2000}', extra = '', callbackExtra = '') =>
  `${HEADERS[v]}paths:
  /subs:
    post:
      ${extra}
      parameters:
        - {name: url, in: query, schema: {type: string, format: uri, maxLength: 2000, enum: ['https://a.example.com/']}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                hook: ${hook}
      ${OK}
      callbacks:
        onEvent:
          ${callbackExtra}
          '${expression}':
            post: {${OK}}
`;
const at = ['paths', '/subs', 'post', 'callbacks', 'onEvent'];
const VERSIONS: V[] = ['3.0', '3.1'];

const valid: Array<Omit<RuleCase, 'expected'>> = VERSIONS.flatMap(v => [
  { name: `${v}: a fixed host with a request value in the path`, spec: subscribe(v, 'https://hooks.example.com/{$request.body#/hook}') },
  {
    name: `${v}: the body field pins scheme and host`,
    spec: subscribe(v, '{$request.body#/hook}', "{type: string, pattern: '^https://hooks\\.example\\.com/'}"),
  },
  {
    name: `${v}: the pattern in an allOf branch of the body field`,
    spec: subscribe(v, '{$request.body#/hook}', "{allOf: [{type: string, format: uri}, {pattern: '^https://hooks\\.example\\.com/'}]}"),
  },
  { name: `${v}: a query parameter with an enum`, spec: subscribe(v, '{$request.query.url}') },
  {
    name: `${v}: an allowlist on the declaring operation`,
    spec: subscribe(v, '{$request.body#/hook}', undefined, 'x-specguard-url-allowlist: Registered partner hosts only'),
  },
  {
    name: `${v}: an allowlist on the Callback object`,
    spec: subscribe(v, '{$request.body#/hook}/events', undefined, '', "x-specguard-url-allowlist: ['hooks.example.com']"),
  },
  { name: `${v}: the API's own URL`, spec: subscribe(v, '{$url}/done') },
]);

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: a body field with format uri only`,
    spec: subscribe(v, '{$request.body#/hook}'),
    expected: [
      finding(message('Callback "onEvent" (POST {$request.body#/hook}) of Operation POST /subs'), [...at, '{$request.body#/hook}']),
    ],
  },
  {
    name: `${v}: a header value, and an empty allowlist`,
    spec: subscribe(v, '{$request.header.X-Hook}', undefined, "x-specguard-url-allowlist: ''"),
    expected: [
      finding(message('Callback "onEvent" (POST {$request.header.X-Hook}) of Operation POST /subs'), [...at, '{$request.header.X-Hook}']),
    ],
  },
  {
    name: `${v}: a pointer to a field the body does not declare`,
    spec: subscribe(v, '{$request.body#/missing}/x'),
    expected: [
      finding(message('Callback "onEvent" (POST {$request.body#/missing}/x) of Operation POST /subs'), [
        ...at,
        '{$request.body#/missing}/x',
      ]),
    ],
  },
]);

const oddShapes: RuleCase[] = [
  {
    name: 'callbacks that are not objects',
    spec: `${HEADERS['3.0']}paths:\n  /subs:\n    post:\n      ${OK}\n      callbacks: 5\n`,
    expected: [],
  },
  {
    name: 'a request body that is a list',
    spec: subscribe('3.1', '{$request.body#/a~1b}').replace('requestBody:', 'requestBody: []\n      x-was:'),
    expected: [
      finding(message('Callback "onEvent" (POST {$request.body#/a~1b}) of Operation POST /subs'), [...at, '{$request.body#/a~1b}']),
    ],
  },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes });
});
