import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { FAKE } from './example-values-docs.js';
import { VERSIONS, componentPath, doc, object, op, ref, responsePath } from './exposure-docs.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-sensitive-data-in-examples';
const finding = findingOf(CODE);
const secretLiteral = (where: string, key: string, shown: string) =>
  `${where} gives "${key}" a literal value (${shown}): use a placeholder such as <password>; a published password is tried first by attackers, and one that was ever real must be changed.`;
const ssn = (where: string) =>
  `${where} holds what looks like a real US Social Security number: use an impossible one such as 000-12-3456, or a placeholder.`;
const card = (where: string, brand: string) =>
  `${where} holds what looks like a real ${brand} card number (it passes the Luhn check): use a card network test number such as 4111 1111 1111 1111.`;

const VISA = '4539148803436467';
const MASTERCARD = 5273849102651378;
const AMEX_GROUPED = '3795 610284 73654';

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: password: changeit in a schema example, and a literal property example, in a schema two operations share`,
    spec: doc(
      v,
      { '/users': { get: op(v, ref(v, 'Login')), post: op(v, ref(v, 'Login'), ref(v, 'Login')) } },
      {
        Login: object(
          { username: { type: 'string' }, newPassword: { type: 'string', example: 'Tr0ub4dor&3' } },
          { example: { username: 'ada', password: 'changeit' } },
        ),
      },
    ),
    expected: [
      finding(
        secretLiteral('The example of Property "newPassword"', 'newPassword', '11 characters'),
        componentPath(v, 'Login', 'properties', 'newPassword', 'example'),
      ),
      finding(secretLiteral('The example of Schema "Login"', 'password', '8 characters'), componentPath(v, 'Login', 'example', 'password')),
    ],
  },
  {
    name: `${v}: a client secret as a parameter's example`,
    spec: doc(v, {
      '/token': {
        post: {
          parameters: [
            v === '2.0'
              ? { name: 'client_secret', in: 'query', type: 'string', 'x-example': 'q8Fz2LmW4pRt' }
              : { name: 'client_secret', in: 'query', schema: { type: 'string', example: 'q8Fz2LmW4pRt' } },
          ],
          responses: { '204': { description: 'ok' } },
        },
      },
    }),
    expected: [
      finding(
        secretLiteral(`The ${v === '2.0' ? 'x-example' : 'example'} of Parameter "client_secret"`, 'client_secret', '12 characters'),
        v === '2.0'
          ? ['paths', '/token', 'post', 'parameters', '0', 'x-example']
          : ['paths', '/token', 'post', 'parameters', '0', 'schema', 'example'],
      ),
    ],
  },
  {
    name: `${v}: an SSN, a Visa number, a Mastercard number written as a number and a grouped Amex number`,
    spec: doc(v, {
      '/customers': {
        get: op(
          v,
          object({ id: { type: 'string' } }, { example: { ssn: '536-22-4187', cards: [VISA, MASTERCARD], backup: AMEX_GROUPED } }),
        ),
      },
    }),
    expected: [
      finding(ssn('The example of Response body'), [...responsePath(v, '/customers'), 'example', 'ssn']),
      finding(card('The example of Response body', 'Visa'), [...responsePath(v, '/customers'), 'example', 'cards', '0']),
      finding(card('The example of Response body', 'Mastercard'), [...responsePath(v, '/customers'), 'example', 'cards', '1']),
      finding(card('The example of Response body', 'American Express'), [...responsePath(v, '/customers'), 'example', 'backup']),
    ],
  },
  {
    name: `${v}: the same literal in the object's example and the property's, reported once`,
    spec: doc(
      v,
      { '/users': { get: op(v, ref(v, 'User')) } },
      { User: object({ password: { type: 'string', example: 'Tr0ub4dor&3' } }, { example: { password: 'Tr0ub4dor&3' } }) },
    ),
    expected: [
      finding(secretLiteral('The example of Schema "User"', 'password', '11 characters'), componentPath(v, 'User', 'example', 'password')),
    ],
  },
]).concat([
  {
    name: '3.0: components.examples and a header example',
    spec: doc(
      '3.0',
      {
        '/login': {
          post: {
            requestBody: {
              content: { 'application/json': { schema: { type: 'object' }, examples: { a: { $ref: '#/components/examples/Login' } } } },
            },
            responses: {
              '204': { description: 'ok', headers: { 'X-Api-Secret': { schema: { type: 'string' }, example: 'k9#Lp2!vQ' } } },
            },
          },
        },
      },
      {},
      { components: { schemas: {}, examples: { Login: { value: { user: 'ada', passphrase: 'correct horse battery staple' } } } } },
    ),
    expected: [
      finding(secretLiteral('The example of Header "X-Api-Secret"', 'X-Api-Secret', '9 characters'), [
        'paths',
        '/login',
        'post',
        'responses',
        '204',
        'headers',
        'X-Api-Secret',
        'example',
      ]),
      finding(secretLiteral('Example "Login"', 'passphrase', '"corr…", 28 characters'), [
        'components',
        'examples',
        'Login',
        'value',
        'passphrase',
      ]),
    ],
  },
]);

const SILENT = {
  password: '<password>',
  adminPassword: '********',
  dbPassword: '${DB_PASSWORD}',
  userPassword: 'your-password',
  apiSecret: 'string',
  clientSecret: '',
  pin: 1234,
  secret: 'https://github.githubassets.com/images/icons/emoji/unicode/3299.png',
  passwordPolicy: 'at least 12 characters',
  passwordUpdatedAt: '2024-05-01T12:30:00Z',
  hasPassword: true,
  token: FAKE.githubToken, // a credential format: specguard-secrets-in-examples' finding
  webhookSecret: FAKE.stripeLive,
  ssnShapes: ['000-12-3456', '666-12-3456', '900-12-3456', '123-45-6789', '078-05-1120'],
  notSsn: ['2024-05-01', '555-123-4567', '536224187'],
  testCards: ['4111111111111111', '4242 4242 4242 4242', 5555555555554444, '378282246310005'],
  notCards: ['4539148803436468', 1234567890123, 1717171717171, '4444444444444448', '6dcb09b5b57875f334f61aebed695e2e4193db5e'],
};

/** Placeholders and synthetic data real APIs publish (corpus: Meraki, Microsoft Graph, VA, Amadeus, Mastercard, Chaingateway). */
const MADE_UP = {
  password: 'lorem ipsum',
  secret: 'foo',
  apiSecret: 'test123',
  client_secret: 'stringst',
  sharedSecret: '10.11.12.1',
  passwordBlockPicturePasswordAndPin: 'true',
  pin: '0',
  pinCode: '1111',
  vpnSecret: 'asdf56785678567856785678',
  token_secret: 'frobozz',
  ssn: '555-55-5555',
  cards: ['4012999999999999', '5184680430000014'],
  gasCost: 2341475898076854,
};

const valid = VERSIONS.flatMap(v => [
  {
    name: `${v}: placeholder words, cut-off generator strings, switch values, synthetic SSNs and sandbox cards, a long number that is no card`,
    spec: doc(v, { '/a': { get: op(v, object({}, { example: MADE_UP })) } }),
  },
  {
    name: `${v}: placeholders, names about a secret, URLs, impossible SSNs, test and Luhn-invalid cards`,
    spec: doc(v, { '/a': { get: op(v, object({}, { example: SILENT })) } }),
  },
  {
    name: `${v}: a password in an x- extension or a description is not an example`,
    spec: doc(v, {
      '/a': { get: op(v, object({ password: { type: 'string', description: 'e.g. changeit', 'x-password': 'changeit' } })) },
    }),
  },
]);

const oddShapes: RuleCase[] = [
  {
    name: '3.1: examples that are not a list, nested empty values, a numeric key',
    spec: doc('3.1', { '/a': { get: op('3.1', { type: 'object', examples: { password: 'x' }, example: { 0: [{}], password: null } }) } }),
    expected: [],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  // An !include'd JSON file is the example's text; the rule reads the value it shows.
  invalid: {
    'api.raml': `${HEAD}/login:\n  post:\n    body:\n      application/json:\n        properties:\n          user: string\n          password: string\n        example: !include login.json\n/people:\n  get:\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              ssn: {type: string, example: '123-45-6780'}\n`,
    'login.json': '{"user": "ann", "password": "hunter2"}\n',
  },
  expected: [
    {
      file: 'api.raml',
      line: 10,
      severity: 'error',
      message:
        'The example of Request body gives "password" a literal value (7 characters): use a placeholder such as <password>; a published password is tried first by attackers, and one that was ever real must be changed.',
    },
    {
      file: 'api.raml',
      line: 18,
      severity: 'error',
      message:
        'The example of Property "ssn" holds what looks like a real US Social Security number: use an impossible one such as 000-12-3456, or a placeholder.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/login:\n  post:\n    body:\n      application/json:\n        properties:\n          user: string\n          password: string\n        example: !include login.json\n/people:\n  get:\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              ssn: {type: string, example: '000-12-3456'}\n`,
    'login.json': '{"user": "ann", "password": "<password>"}\n',
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
