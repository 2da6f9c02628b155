import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { derPem, FAKE, noise } from './example-values-docs.js';
import { VERSIONS, componentPath, doc, object, op, ref, responsePath } from './exposure-docs.js';
import { HEAD, REVOKE_HINT } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-secrets-in-examples';
const finding = findingOf(CODE);
const credential = (where: string, kind: string, shown: string) =>
  `${where} holds what looks like ${kind} (${shown}): replace it with an obvious placeholder such as <token>, and revoke it if it was ever real; published API descriptions are copied and indexed.`;
const shown = (value: string) => `"${value.slice(0, 4)}…", ${value.length} characters`;

/** A GET /keys operation with one query parameter `key` carrying `values` (x-example in 2.0). */
function keyParameter(v: (typeof VERSIONS)[number], value: string) {
  const parameter =
    v === '2.0'
      ? { name: 'key', in: 'query', type: 'string', 'x-example': value }
      : { name: 'key', in: 'query', schema: { type: 'string' }, example: value };
  return doc(v, { '/keys': { get: { parameters: [parameter], responses: { '204': { description: 'ok' } } } } });
}

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: a GitHub token as a property example, in a schema two operations share, reported once`,
    spec: doc(
      v,
      { '/users': { get: op(v, ref(v, 'User')), post: op(v, ref(v, 'User'), ref(v, 'User')) } },
      { User: object({ token: { type: 'string', example: FAKE.githubToken } }) },
    ),
    expected: [
      finding(
        credential('The example of Property "token"', 'a GitHub token', shown(FAKE.githubToken)),
        componentPath(v, 'User', 'properties', 'token', 'example'),
      ),
    ],
  },
  {
    name: `${v}: an AWS access key ID as a parameter example`,
    spec: keyParameter(v, FAKE.awsKeyId),
    expected: [
      finding(credential(`The ${v === '2.0' ? 'x-example' : 'example'} of Parameter "key"`, 'an AWS access key ID', shown(FAKE.awsKeyId)), [
        'paths',
        '/keys',
        'get',
        'parameters',
        '0',
        v === '2.0' ? 'x-example' : 'example',
      ]),
    ],
  },
  {
    name: `${v}: a Slack webhook URL as a schema default, inside a longer text`,
    spec: doc(v, { '/hooks': { get: op(v, object({ target: { type: 'string', default: `POST to ${FAKE.slackWebhook} on change` } })) } }),
    expected: [
      finding(credential('The default of Property "target"', 'a Slack webhook URL', shown(FAKE.slackWebhook)), [
        ...responsePath(v, '/hooks'),
        'properties',
        'target',
        'default',
      ]),
    ],
  },
  {
    name: `${v}: a signed JWT deep in an object example of a response body schema`,
    spec: doc(v, { '/session': { get: op(v, object({ auth: object({}) }, { example: { auth: { tokens: [{ value: FAKE.jwt }] } } })) } }),
    expected: [
      finding(credential('The example of Response body', 'a signed JSON Web Token', shown(FAKE.jwt)), [
        ...responsePath(v, '/session'),
        'example',
        'auth',
        'tokens',
        '0',
        'value',
      ]),
    ],
  },
  {
    name: `${v}: the same JWT in three fields of one example (Mist: registration_code, router_shell_cmd, conductor_cmd), reported once`,
    spec: doc(v, {
      '/register_cmd': {
        get: op(
          v,
          object(
            {},
            {
              example: {
                registration_code: FAKE.jwt,
                router_shell_cmd: `curl -H "Authorization: ${FAKE.jwt}" https://api.acme-corp.io`,
                conductor_cmd: `register ${FAKE.jwt}`,
              },
            },
          ),
        ),
      },
    }),
    expected: [
      finding(credential('The example of Response body', 'a signed JSON Web Token', shown(FAKE.jwt)), [
        ...responsePath(v, '/register_cmd'),
        'example',
        'registration_code',
      ]),
    ],
  },
  {
    name: `${v}: a JWT under a state or handle name with a credential word (state_token, auth_handle) is still reported`,
    spec: doc(v, { '/login': { get: op(v, object({}, { example: { state_token: FAKE.jwt, auth_handle: FAKE.jwt } })) } }),
    expected: [
      finding(credential('The example of Response body', 'a signed JSON Web Token', shown(FAKE.jwt)), [
        ...responsePath(v, '/login'),
        'example',
        'state_token',
      ]),
    ],
  },
]).concat([
  {
    name: '2.0: a Stripe live key in a response example (by mime type)',
    spec: doc('2.0', {
      '/keys': { get: { responses: { '200': { description: 'ok', examples: { 'application/json': { secretKey: FAKE.stripeLive } } } } } },
    }),
    expected: [
      finding(credential('The example of Response 200 (application/json)', 'a Stripe live secret key', shown(FAKE.stripeLive)), [
        'paths',
        '/keys',
        'get',
        'responses',
        '200',
        'examples',
        'application/json',
        'secretKey',
      ]),
    ],
  },
  ...(['3.0', '3.1'] as const).map(v => ({
    name: `${v}: a private key in components.examples used by two media types, reported once at the component`,
    spec: doc(
      v,
      {
        '/apps': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': { examples: { app: { $ref: '#/components/examples/App' } } },
                  'application/vnd.api+json': { examples: { app: { $ref: '#/components/examples/App' } } },
                },
              },
            },
          },
        },
      },
      {},
      { components: { schemas: {}, examples: { App: { value: { id: 7, pem: FAKE.privateKey } } } } },
    ),
    expected: [
      finding(credential('Example "App"', 'a private key', shown(FAKE.privateKey.slice(0, FAKE.privateKey.lastIndexOf('-----END')))), [
        'components',
        'examples',
        'App',
        'value',
        'pem',
      ]),
    ],
  })),
  {
    name: '3.1: the JSON Schema examples list, and a request body media type example',
    spec: doc('3.1', {
      '/login': {
        post: {
          requestBody: { content: { 'application/json': { schema: { type: 'object' }, example: { apiKey: FAKE.awsKeyId } } } },
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { type: 'string', examples: ['fine', FAKE.githubToken] } } },
            },
          },
        },
      },
    }),
    expected: [
      finding(credential('The example of Request body (application/json)', 'an AWS access key ID', shown(FAKE.awsKeyId)), [
        'paths',
        '/login',
        'post',
        'requestBody',
        'content',
        'application/json',
        'example',
        'apiKey',
      ]),
      finding(credential('The example of Response body', 'a GitHub token', shown(FAKE.githubToken)), [
        ...responsePath('3.1', '/login', 'post'),
        'examples',
        '1',
      ]),
    ],
  },
]);

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** Values that look like keys at a glance and are not: each must stay silent. */
const SILENT_VALUES = {
  uuid: '3f2c9a4e-8b1d-4c6f-9e2a-7d5b1c0e4f3a',
  commitSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  isoDate: '2024-05-01T12:30:00Z',
  url: 'https://api.example.com/v1/users?page=2',
  nodeId: 'MDQ6VXNlcjU4MzIzMQ==',
  placeholderToken: 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  template: '<token>',
  awsDocs: 'AKIAIOSFODNN7EXAMPLE',
  stripeTest: `sk_test_${noise(24, 31)}`,
  stripePublishable: `pk_live_${noise(24, 37)}`,
  githubDocsSample: 'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
  jwtIoSample: `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}.${noise(43, 41)}`,
  jwtFakePayload: `${base64url({ alg: 'HS256' })}.eyJwYXlsb2FkIjoi.${noise(43, 43)}`,
  jwtUnsigned: `${base64url({ alg: 'none' })}.${base64url({ sub: 'u_83fd1' })}.${noise(20, 47)}`,
  pemShape: '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
  pemMasked: `-----BEGIN RSA PRIVATE KEY-----\n${'X'.repeat(64)}\n-----END RSA PRIVATE KEY-----`,
  bearer: 'Bearer <access_token>',
  presignedV2: `https://s3.amazonaws.com/docs/a.pdf?Expires=1519114632&AWSAccessKeyId=${FAKE.awsKeyId}&Signature=b2tKZXk%3D`,
  presignedV4: `https://b.s3.amazonaws.com/a.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${FAKE.awsKeyId}%2F20240501%2Fus-east-1%2Fs3%2Faws4_request`,
  pemFragment: derPem(142, 1217),
  jwtLookupId: `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ id: '075e06a3-5075-467b-a599-ed6c9a895628' })}.${noise(43, 59)}`,
  jwtPlaceholderClaims: `${base64url({ alg: 'RS256' })}.${base64url({ sub: 'dddddddd-dddd-dddd-dddd-dddddddddddd', iss: 'https://auth.acme-corp.io' })}.${noise(43, 61)}`,
};

const valid = VERSIONS.flatMap(v => [
  {
    name: `${v}: UUIDs, hashes, dates, example.com URLs, placeholders, test and sample keys, fake JWTs, presigned URLs, PEM fragments`,
    spec: doc(v, { '/things': { get: op(v, object({ value: { type: 'string' } }, { example: SILENT_VALUES })) } }),
  },
  {
    name: `${v}: signed JWTs that authorize nothing: an OAuth state nonce (Apideck), a queue receipt handle (VTEX), a cursor, a nonce`,
    spec: doc(v, {
      '/callback': {
        get: {
          parameters: [
            v === '2.0'
              ? { name: 'state', in: 'query', type: 'string', 'x-example': FAKE.jwt }
              : { name: 'state', in: 'query', schema: { type: 'string' }, example: FAKE.jwt },
          ],
          responses: { '204': { description: 'ok' } },
        },
      },
      '/feed': {
        get: op(v, object({}, { example: [{ handle: FAKE.jwt, receiptHandle: FAKE.jwt, next_cursor: FAKE.jwt, nonce: FAKE.jwt }] })),
      },
    }),
  },
  {
    name: `${v}: a credential in a description or an x- extension is not an example`,
    spec: doc(v, {
      '/things': { get: op(v, object({ value: { type: 'string', description: `e.g. ${FAKE.githubToken}`, 'x-sample': FAKE.awsKeyId } })) },
    }),
  },
]);

const oddShapes: RuleCase[] = [
  {
    name: '3.0: examples that are not maps, Example objects without value, null and numeric examples',
    spec: doc(
      '3.0',
      {
        '/a': {
          get: {
            parameters: [{ name: 'q', in: 'query', examples: 5, example: null }],
            responses: {
              '200': {
                description: 'ok',
                content: { 'text/plain': { examples: { a: 'x', b: { externalValue: 'https://x.io/a' } }, example: 3 } },
              },
            },
          },
        },
      },
      {},
      { components: { schemas: {}, examples: ['x'] } },
    ),
    expected: [],
  },
  {
    name: '2.0: response examples that are a list, a deep array example',
    spec: doc('2.0', {
      '/a': { get: { responses: { '200': { description: 'ok', examples: [FAKE.jwt], schema: { example: [[[[]]]] } } } } },
    }),
    expected: [],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/keys:\n  get:\n    headers:\n      Authorization:\n        type: string\n        example: token ${FAKE.githubToken}\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              id: string\n            examples:\n              live:\n                id: ${FAKE.awsKeyId}\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 8,
      severity: 'error',
      message: `The example of Parameter "Authorization" holds what looks like a GitHub token ("ghp_…", 40 characters): ${REVOKE_HINT}`,
    },
    {
      file: 'api.raml',
      line: 17,
      severity: 'error',
      message: `The example of Response 200 body (application/json) holds what looks like an AWS access key ID ("AKIA…", 20 characters): ${REVOKE_HINT}`,
    },
  ],
  silent: {
    'api.raml': `${HEAD}/keys:\n  get:\n    headers:\n      Authorization:\n        type: string\n        example: token <token>\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              id: string\n            examples:\n              live:\n                id: AKIAXXXXXXXXXXXXXXXX\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
