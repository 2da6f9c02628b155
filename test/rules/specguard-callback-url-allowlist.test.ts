import { describe } from 'vitest';
import { findingOf, HEADERS, rulesetOverriding, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { NOT_IN_RAML } from '../raml/cases.js';

const CODE = 'specguard-callback-url-allowlist';
const finding = findingOf(CODE);
const message = (callback: string) =>
  `${callback} sends requests to a URL the client chooses, and no allowlist is documented: pin the URL's scheme and host with an enum or anchored pattern on the request field it comes from, or describe the server's allowlist in x-specguard-url-allowlist on the callback, so clients cannot make the API call internal services (SSRF).`;
const OK = "responses: {'200': {description: ok}}";
type V = '3.0' | '3.1';

/**
 * POST /subs with a body whose `hook` property is `hook`, a `url` query parameter and an `X-Hook`
 * header, and one callback keyed by `expression` (and a second one keyed by `second`, if given).
 */
const subscribe = (
  v: V,
  expression: string,
  hook = '{type: string, format: uri, maxLength: 2000}',
  extra = '',
  callbackExtra = '',
  second = '',
) =>
  `${HEADERS[v]}paths:
  /subs:
    post:
      ${extra}
      parameters:
        - {name: url, in: query, schema: {type: string, format: uri, maxLength: 2000, enum: ['https://a.example.com/']}}
        - {name: X-Hook, in: header, schema: {type: string, maxLength: 2000}}
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
${second ? `        onDone:\n          '${second}':\n            post: {${OK}}\n` : ''}`;
const hookField = ['paths', '/subs', 'post', 'requestBody', 'content', 'application/json', 'schema', 'properties', 'hook'];
const NOT_A_URL_NAME = '{type: string, maxLength: 2000}';
const urlInputOff = rulesetOverriding({ 'specguard-url-input': 'off' });
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
  {
    name: `${v}: a field specguard-url-input reports (format uri): one flaw, its finding`,
    spec: subscribe(v, '{$request.body#/hook}', undefined, '', '', '{$request.body#/hook}/done'),
  },
  {
    name: `${v}: a pointer to a field the operation does not take (Telnyx, Vonage: the URL was registered elsewhere)`,
    spec: subscribe(v, '{$request.body#/webhook_url}', NOT_A_URL_NAME),
  },
  { name: `${v}: a header the operation does not declare`, spec: subscribe(v, '{$request.header.X-Callback}', NOT_A_URL_NAME) },
]);

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: a body field no other rule takes for a URL, once for the two callbacks that call it`,
    spec: subscribe(v, '{$request.body#/hook}', NOT_A_URL_NAME, '', '', '{$request.body#/hook}/done'),
    expected: [finding(message('Callback "onEvent" (POST {$request.body#/hook}) of Operation POST /subs'), hookField)],
  },
  {
    name: `${v}: a body field with format uri only, with specguard-url-input off (on, the field is its)`,
    spec: subscribe(v, '{$request.body#/hook}'),
    ruleset: urlInputOff,
    expected: [finding(message('Callback "onEvent" (POST {$request.body#/hook}) of Operation POST /subs'), hookField)],
  },
  {
    name: `${v}: a header value (named in any case), and an empty allowlist`,
    spec: subscribe(v, '{$request.header.x-hook}', undefined, "x-specguard-url-allowlist: ''"),
    expected: [
      finding(message('Callback "onEvent" (POST {$request.header.x-hook}) of Operation POST /subs'), [
        'paths',
        '/subs',
        'post',
        'parameters',
        '1',
        'schema',
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
    expected: [],
  },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: NOT_IN_RAML });
});
