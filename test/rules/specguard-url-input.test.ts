import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import {
  bodyOp,
  bodyPath,
  componentPath,
  getWith,
  versionCases,
  obj,
  param,
  paramPath,
  post,
  ref,
  responseOf,
  str,
} from '../spec-builders.js';
import type { SchemaCase } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-url-input';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string) =>
  `${name} takes a URL the server may fetch or redirect to, and nothing pins its scheme and host: add an enum, or an anchored pattern naming the allowed hosts (such as ^https://cdn\\.example\\.com/), or document the server's allowlist in x-specguard-url-allowlist, so clients cannot point the API at internal services (SSRF).`;
const uri = (extra = {}) => str({ format: 'uri', maxLength: 2000, ...extra });
const pinned = String.raw`^https://cdn\.example\.com/`;

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'a pattern pinning scheme and host', paths: v => post(v, obj({ avatar: uri({ pattern: pinned }) })) },
  { name: 'an enum of URLs', paths: v => post(v, obj({ imageUrl: str({ enum: ['https://a.example.com/x.png'] }) })) },
  {
    name: 'a documented allowlist',
    paths: v => post(v, obj({ feed: uri({ 'x-specguard-url-allowlist': 'Partner feeds registered in the admin console' }) })),
  },
  { name: 'the pattern in another allOf branch', paths: v => post(v, obj({ avatar: { allOf: [uri(), { pattern: pinned }] } })) },
  {
    name: 'the pattern reached through a $ref',
    paths: v => post(v, obj({ avatar: ref(v, 'CdnUrl') })),
    schemas: () => ({ CdnUrl: uri({ pattern: pinned }) }),
  },
  { name: 'response-only URLs', paths: v => ({ '/u': { get: { responses: { '200': responseOf(v, obj({ avatarUrl: uri() })) } } } }) },
  { name: 'a readOnly URL in a request', paths: v => post(v, obj({ selfUrl: uri({ readOnly: true }) })) },
  {
    name: 'a URL-like name with another format',
    paths: v => post(v, obj({ callback: str({ format: 'uuid' }), target: str({ format: 'date' }) })),
  },
  {
    name: 'names that do not end with a URL word',
    paths: v => post(v, obj({ urlPath: str({ maxLength: 9 }), targetId: str({ maxLength: 9 }) })),
  },
  {
    name: 'x- extensions named like URL properties',
    paths: v => post(v, { ...obj({ n: str({ maxLength: 3 }) }), 'x-imageUrl': { type: 'string' } }),
  },
  {
    name: 'header and path parameters with enums',
    paths: v => ({
      '/hooks/{target}': {
        get: {
          parameters: [
            param(v, 'target', 'path', str({ enum: ['a', 'b'] })),
            param(v, 'X-Redirect', 'header', str({ enum: ['https://a.example.com/'] })),
          ],
          responses: { '200': { description: 'ok' } },
        },
      },
    }),
  },
  {
    name: 'a JSONP callback (Twitter, EPA): the name of a function to wrap the response in',
    paths: v => getWith(v, param(v, 'callback', 'query', str({ maxLength: 64, description: 'The JSONP callback function name.' }))),
  },
  {
    name: 'hypermedia links the API writes, in a model requests reuse (HAL _links, JSON:API links)',
    paths: v => ({ '/orders': { post: bodyOp(v, ref(v, 'Order'), ref(v, 'Order')) } }),
    schemas: v => ({
      Order: obj({ amount: { type: 'integer' }, _links: obj({ self: ref(v, 'Link') }), links: obj({ uri: uri() }) }),
      Link: obj({ href: uri() }),
    }),
  },
  {
    name: "names that end with a URL word and are something else: a target currency, Trello's idWebhook",
    paths: v => ({
      '/live': {
        get: {
          parameters: [param(v, 'target', 'query', str({ maxLength: 3, example: 'EUR' }))],
          responses: { '200': { description: 'ok' } },
        },
      },
      '/webhooks/{idWebhook}': {
        delete: { parameters: [param(v, 'idWebhook', 'path', str({ maxLength: 24 }))], responses: { '204': { description: 'ok' } } },
      },
    }),
  },
  { name: "Square's x-read-only", paths: v => post(v, obj({ logo_url: str({ maxLength: 300, 'x-read-only': true }) })) },
  {
    name: "a hyperlinked reference to one of the API's own records (GSM Tasks account beside /accounts/)",
    paths: v => ({
      '/accounts/': { get: { responses: { '200': { description: 'ok' } } } },
      '/tasks/': { post: bodyOp(v, obj({ account: uri(), name: str({ maxLength: 9 }) })) },
    }),
  },
  {
    name: 'links the API stores and shows, with no sign the server calls or fetches them (Stripe terms_of_service_url, GitHub environment_url)',
    paths: v =>
      post(
        v,
        obj({
          terms_of_service_url: uri(),
          edit_url: str({ maxLength: 300 }),
          environment_url: uri({ description: 'Sets the URL for accessing your environment.' }),
          website: uri(),
        }),
      ),
  },
  {
    name: 'a card reference whose description names a Poll, not a server that polls (Twitter card_uri)',
    paths: v =>
      post(
        v,
        obj({
          card_uri: str({
            description: 'Card Uri Parameter. This is mutually exclusive from Quote Tweet Id, Poll, Media, and Direct Message Deep Link.',
          }),
        }),
      ),
  },
  {
    name: 'a URL the API provides, in a model requests reuse (Taxamo invoice_image_url)',
    paths: v => post(v, obj({ invoice_image_url: str({ description: 'Invoice image URL - provided by Taxamo.' }) })),
  },
  {
    name: 'an OAuth redirect_uri checked against the one registered for the app (Square ObtainTokenRequest)',
    paths: v =>
      post(
        v,
        obj({
          redirect_uri: str({
            maxLength: 2048,
            description: 'The redirect URL assigned in the [developer dashboard](https://developer.squareup.com/apps).',
          }),
        }),
      ),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'plain url inputs the server calls or fetches, as the model, the path or the description says',
    paths: v => ({
      '/settings': { put: bodyOp(v, ref(v, 'NotificationSettings')) },
      '/webhooks': { post: bodyOp(v, obj({ url: uri() })) },
      '/numbers': {
        post: bodyOp(
          v,
          obj({ VoiceUrl: uri({ description: 'The URL we should call when the number receives a call.' }), repo_clone_url: uri() }),
        ),
      },
    }),
    schemas: () => ({ NotificationSettings: obj({ url: str({ maxLength: 300 }) }) }),
    expected: v => [
      finding(message('Property "url"'), [...bodyPath(v, '/webhooks'), 'properties', 'url']),
      finding(message('Property "VoiceUrl"'), [...bodyPath(v, '/numbers'), 'properties', 'VoiceUrl']),
      finding(message('Property "repo_clone_url"'), [...bodyPath(v, '/numbers'), 'properties', 'repo_clone_url']),
      finding(message('Property "url"'), [...componentPath(v, 'NotificationSettings'), 'properties', 'url']),
    ],
  },
  {
    name: 'descriptions that say the server polls or fetches it, or that the client provides it',
    paths: v =>
      post(
        v,
        obj({
          statusUrl: uri({ description: 'We poll this URL every minute until the job is done.' }),
          sourceUrl: uri({ description: 'Image URL provided by the client; the server polls the URL until it answers.' }),
        }),
      ),
    expected: v => [
      finding(message('Property "statusUrl"'), [...bodyPath(v), 'properties', 'statusUrl']),
      finding(message('Property "sourceUrl"'), [...bodyPath(v), 'properties', 'sourceUrl']),
    ],
  },
  {
    name: 'a webhook target and a callback that are URLs (Asana)',
    paths: v =>
      post(
        v,
        obj({
          target: str({ maxLength: 300, example: 'https://example.com/receive-webhook/7654' }),
          callback: str({ maxLength: 300, description: 'Where we POST the result.' }),
        }),
      ),
    expected: v => [
      finding(message('Property "target"'), [...bodyPath(v), 'properties', 'target']),
      finding(message('Property "callback"'), [...bodyPath(v), 'properties', 'callback']),
    ],
  },
  {
    name: 'a format uri property and a URL-named property',
    paths: v => post(v, obj({ avatar: uri(), imageUrl: str({ maxLength: 300 }) })),
    expected: v => [
      finding(message('Property "avatar"'), [...bodyPath(v), 'properties', 'avatar']),
      finding(message('Property "imageUrl"'), [...bodyPath(v), 'properties', 'imageUrl']),
    ],
  },
  {
    name: 'a redirect_uri query parameter',
    paths: v => getWith(v, param(v, 'redirect_uri', 'query', str({ maxLength: 300 }))),
    expected: v => [finding(message('Parameter "redirect_uri"'), paramPath(v, 0))],
  },
  {
    name: 'a pattern whose dots match any character',
    paths: v => post(v, obj({ webhook: uri({ pattern: '^https://hooks.example.com/' }) })),
    expected: v => [finding(message('Property "webhook"'), [...bodyPath(v), 'properties', 'webhook'])],
  },
  {
    name: 'a 3.1 nullable URL',
    only: ['3.1'],
    paths: v => post(v, obj({ endpoint: { type: ['string', 'null'], maxLength: 300 } })),
    expected: v => [finding(message('Property "endpoint"'), [...bodyPath(v), 'properties', 'endpoint'])],
  },
  {
    name: 'a component two operations use, once at the definition',
    paths: v => ({ '/a': { post: bodyOp(v, obj({ avatar: ref(v, 'Link') })) }, '/b': { put: bodyOp(v, obj({ photo: ref(v, 'Link') })) } }),
    schemas: () => ({ Link: uri() }),
    expected: v => [finding(message('Property "avatar"'), componentPath(v, 'Link'))],
  },
  {
    name: 'a components-only file',
    paths: () => ({}),
    schemas: () => ({ Subscription: obj({ callbackUrl: str({ maxLength: 300 }) }) }),
    expected: v => [finding(message('Property "callbackUrl"'), [...componentPath(v, 'Subscription'), 'properties', 'callbackUrl'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/hooks:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          callbackUrl: {type: string, maxLength: 2000}\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 9,
      severity: 'error',
      message:
        'Property "callbackUrl" takes a URL the server may fetch or redirect to, and nothing pins its scheme and host: add an enum, or an anchored pattern naming the allowed hosts (such as ^https://cdn\\.example\\.com/), or document the server\'s allowlist in (specguard-url-allowlist), so clients cannot point the API at internal services (SSRF).',
    },
  ],
  silent: {
    'api.raml': `${HEAD}annotationTypes:\n  specguard-url-allowlist: string\n/hooks:\n  post:\n    queryParameters:\n      redirect: {type: string, maxLength: 2000, (specguard-url-allowlist): hosts registered per client}\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          callbackUrl: {type: string, maxLength: 2000, pattern: '^https://hooks\\.example\\.com/'}\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
});
