import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { VERSIONS, componentPath, doc, object, op, ref, responsePath } from './exposure-docs.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-no-secrets-in-responses';
const finding = findingOf(CODE);
const inResponse = (name: string, where = 'responses', reason = '') =>
  `${name}${reason} looks like a password or secret and is returned in ${where}: remove it from the response schema; a client never needs to read it back.`;
const shared = (name: string) =>
  `${name} looks like a password or secret and its schema is shared by requests and responses: mark it writeOnly: true so it is accepted but never returned.`;
const sharedOas2 = (name: string) =>
  `${name} looks like a password or secret and its schema is shared by requests and responses: Swagger 2.0 has no writeOnly, so give the request its own schema and leave the secret out of the response.`;

const SILENT_NAMES = {
  passwordPolicy: { type: 'string' },
  passwordUpdatedAt: { type: 'string', format: 'date-time' },
  tokenType: { type: 'string' },
  expiresAt: { type: 'string' },
  pinned: { type: 'boolean' },
  spanId: { type: 'string' },
  company: { type: 'string' },
  secretName: { type: 'string' },
  hasPassword: { type: 'boolean' },
  passwordless: { type: 'string' },
  pin: { type: 'object', properties: { pinnedAt: { type: 'string' } } },
  secret: { type: ['array', 'null'], items: { type: 'string' } },
};

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: a response-only schema with password, client_secret and PIN-CODE`,
    spec: doc(v, { '/users': { get: op(v, ref(v, 'User')) } }, { User: object({ password: {}, client_secret: {}, 'PIN-CODE': {} }) }),
    expected: [
      finding(inResponse('Property "password"'), componentPath(v, 'User', 'properties', 'password')),
      finding(inResponse('Property "client_secret"'), componentPath(v, 'User', 'properties', 'client_secret')),
      finding(inResponse('Property "PIN-CODE"'), componentPath(v, 'User', 'properties', 'PIN-CODE')),
    ],
  },
  {
    name: `${v}: a schema shared by the request and the response, used by two operations, reported once`,
    spec: doc(
      v,
      { '/users': { post: op(v, ref(v, 'User'), ref(v, 'User')), get: op(v, ref(v, 'User')) } },
      { User: object({ email: { type: 'string' }, passwordHash: { type: 'string' } }) },
    ),
    expected: [
      finding((v === '2.0' ? sharedOas2 : shared)('Property "passwordHash"'), componentPath(v, 'User', 'properties', 'passwordHash')),
    ],
  },
  {
    name: `${v}: the same property in two allOf branches, reported once`,
    spec: doc(
      v,
      { '/users': { get: op(v, { allOf: [ref(v, 'Base'), object({ secret: { type: 'string', maxLength: 64 } })] }) } },
      { Base: object({ secret: { type: 'string' } }) },
    ),
    expected: [finding(inResponse('Property "secret"'), componentPath(v, 'Base', 'properties', 'secret'))],
  },
  {
    name: `${v}: a key secret issued by POST /keys and read back by GET /keys/{id}`,
    spec: doc(
      v,
      { '/keys': { post: op(v, ref(v, 'Key')) }, '/keys/{id}': { get: op(v, ref(v, 'Key')) } },
      { Key: object({ id: {}, secret: {} }) },
    ),
    expected: [finding(inResponse('Property "secret"'), componentPath(v, 'Key', 'properties', 'secret'))],
  },
  {
    name: `${v}: a device PIN beside a state is still a PIN`,
    spec: doc(v, { '/locks/{id}': { get: op(v, object({ pin: { type: 'string' }, state: { type: 'string' } })) } }),
    expected: [finding(inResponse('Property "pin"'), [...responsePath(v, '/locks/{id}'), 'properties', 'pin'])],
  },
]).concat([
  {
    name: '3.1: format password, a nullable type array, and a webhook payload',
    spec: doc(
      '3.1',
      { '/apps': { get: op('3.1', object({ signingMaterial: { type: ['string', 'null'], format: 'password' } })) } },
      { Hook: object({ apiSecret: { type: 'string' } }) },
      {
        webhooks: {
          created: {
            post: {
              requestBody: { content: { 'application/json': { schema: ref('3.1', 'Hook') } } },
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      },
    ),
    expected: [
      finding(inResponse('Property "signingMaterial"', 'responses', ' (format "password")'), [
        ...responsePath('3.1', '/apps'),
        'properties',
        'signingMaterial',
      ]),
      finding(inResponse('Property "apiSecret"', 'callback or webhook payloads'), componentPath('3.1', 'Hook', 'properties', 'apiSecret')),
    ],
  },
]);

const valid = VERSIONS.flatMap(v => [
  { name: `${v}: names about a secret, not the secret`, spec: doc(v, { '/users': { get: op(v, object(SILENT_NAMES)) } }) },
  {
    name: `${v}: a password only in the request`,
    spec: doc(v, { '/users': { post: op(v, object({ id: {} }), object({ password: {} })) } }),
  },
  {
    name: `${v}: x- extensions named like secrets are not properties`,
    spec: doc(v, { '/users': { get: op(v, object({ id: {} }, { 'x-password': 'changeit', 'x-secret': { type: 'string' } })) } }),
  },
  {
    name: `${v}: a credential the operation exists to issue (paylocity POST /v2/credentials/secrets, an OAuth token endpoint, Stripe terminal connection tokens)`,
    spec: doc(v, {
      '/v2/credentials/secrets': { post: op(v, object({ clientId: {}, clientSecret: {} })) },
      '/oauth/access_token': { post: op(v, object({ oauth_token: {}, oauth_token_secret: {} })) },
      '/v1/terminal/connection_tokens': { post: op(v, object({ secret: {} })) },
      '/apps/{id}/secret/rotate': { post: op(v, object({ secret: {} })) },
    }),
  },
  {
    name: `${v}: India's postal PIN in an address (API Setu)`,
    spec: doc(
      v,
      {
        '/certificates': { get: op(v, object({ address: ref(v, 'Address') })) },
        '/iec/{iec}': { get: op(v, object({ addressLine1: {}, city: {}, pin: {} })) },
      },
      { Address: object({ line1: {}, district: {}, state: {}, pin: { type: 'string' }, country: {} }) },
    ),
  },
  {
    name: `${v}: settings named after a feature (opensuse change_password: "on"), and published values`,
    spec: doc(v, {
      '/configuration': {
        get: op(
          v,
          object({
            change_password: { type: 'string', example: 'on' },
            pinPolicy: {},
            password: { type: 'string', enum: ['required', 'notRequired'] },
          }),
        ),
      },
    }),
  },
]).concat(
  (['3.0', '3.1'] as const).flatMap(v => [
    {
      name: `${v}: a writeOnly password in a shared schema`,
      spec: doc(
        v,
        { '/users': { post: op(v, ref(v, 'User'), ref(v, 'User')) } },
        { User: object({ password: { type: 'string', writeOnly: true } }) },
      ),
    },
    {
      name: `${v}: writeOnly on an allOf peer holds for the merged property`,
      spec: doc(
        v,
        { '/users': { post: op(v, ref(v, 'User'), ref(v, 'User')) } },
        {
          Base: object({ password: { writeOnly: true } }),
          User: { allOf: [ref(v, 'Base'), object({ password: { type: 'string', maxLength: 64 } })] },
        },
      ),
    },
  ]),
);

const oddShapes: RuleCase[] = [
  {
    name: '3.0: properties that are null, strings or lists',
    spec: doc('3.0', { '/a': { get: op('3.0', object({ password: null, secret: 'x', pin: [1] })) } }),
    expected: [],
  },
  {
    name: '3.1: properties is a list',
    spec: doc('3.1', { '/a': { get: op('3.1', { type: 'object', properties: ['password'] }) } }),
    expected: [],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}types:\n  User: !include user.raml\n/users:\n  get:\n    responses:\n      200:\n        body:\n          application/json: User\n`,
    'user.raml': '#%RAML 1.0 DataType\ntype: object\nproperties:\n  name: string\n  password: string\n',
  },
  expected: [
    {
      file: 'user.raml',
      line: 5,
      severity: 'error',
      message:
        'Property "password" looks like a password or secret and is returned in responses: remove it from the response schema; a client never needs to read it back.',
    },
  ],
  silent: {
    // RAML has no writeOnly facet: a (writeOnly) annotation sets it.
    'api.raml': `${HEAD}annotationTypes:\n  writeOnly: nil\ntypes:\n  User: !include user.raml\n/users:\n  post:\n    body:\n      application/json: User\n  get:\n    responses:\n      200:\n        body:\n          application/json: User\n`,
    'user.raml': '#%RAML 1.0 DataType\ntype: object\nproperties:\n  name: string\n  password:\n    type: string\n    (writeOnly):\n',
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
