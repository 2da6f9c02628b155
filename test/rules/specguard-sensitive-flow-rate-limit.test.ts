import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import { doc, versionCases } from '../spec-builders.js';
import type { Json, SchemaCase, Version } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-sensitive-flow-rate-limit';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (op: string, flow: string, where: string) =>
  `Operation ${op} is a sensitive flow ("${flow}" in its ${where}) with no 429 response: rate-limit it and document the 429 so credential stuffing, OTP guessing, fake signups and checkout automation are throttled.`;

const tooMany = (v: Version): Json => ({
  description: 'slow down',
  headers: { 'Retry-After': v === '2.0' ? { type: 'integer' } : { schema: { type: 'integer' } } },
});
const OK = { '200': { description: 'ok' } };

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'a login with a 429', paths: v => ({ '/login': { post: { responses: { ...OK, '429': tooMany(v) } } } }) },
  { name: 'a login whose 4XX carries Retry-After', paths: v => ({ '/login': { post: { responses: { ...OK, '4XX': tooMany(v) } } } }) },
  { name: 'reading payments is not a flow', paths: () => ({ '/payments': { get: { responses: OK } } }) },
  { name: 'words inside other words (paypal, tokenizer)', paths: () => ({ '/paypal/tokenizer': { post: { responses: OK } } }) },
  { name: 'revoking a token is not a flow (DELETE)', paths: () => ({ '/oauth/token': { delete: { responses: OK } } }) },
  { name: 'a path parameter named like a flow', paths: () => ({ '/invitations/{token}/accept': { post: { responses: OK } } }) },
  {
    name: 'RPC-style reads of a flow (a token check, a validation, a payment status)',
    paths: () => ({
      '/checkToken': {
        post: { operationId: 'checkTokenUsingPOST', summary: 'returns ok when the current api token is valid', responses: OK },
      },
      '/isRoutingValid': { post: { operationId: 'isRoutingValid', tags: ['PaymentValidator'], responses: OK } },
      '/payments/payment-status': { post: { summary: 'Get payment status', responses: OK } },
      '/v1/accessTokens': { post: { operationId: 'ListAccessTokens', responses: OK } },
      '/#X-Amz-Target=VerifiedPermissions.IsAuthorizedWithToken': { post: { operationId: 'IsAuthorizedWithToken', responses: OK } },
    }),
  },
  {
    name: 'flow words that qualify another noun (a pay code, a sender registered, a brand registration, payment methods)',
    paths: () => ({
      '/Employer/{EmployerId}/PayCode/{PayCodeId}/Tag/{TagId}': { put: { responses: OK } },
      '/account/register-sender': { post: { responses: OK } },
      '/apps/{appId}/hooks': { post: { operationId: 'registerWebhooks', responses: OK } },
      '/v1/a2p/BrandRegistrations': { post: { tags: ['MessagingV1BrandRegistration'], responses: OK } },
      '/transactions/{transactionId}': { post: { tags: ['transactions : Find payments and refunds'], responses: OK } },
      '/stores/{storeId}/paymentMethods': { post: { operationId: 'addPaymentMethod', responses: OK } },
    }),
  },
  {
    name: 'editing a stored record named after a flow, or deleting one by POST',
    paths: () => ({
      '/v1/tokens/{id}': { patch: { responses: OK } },
      '/v1/object/invoice-payment/{id}': { put: { responses: OK } },
      '/{Bucket}#requestPayment': { put: { operationId: 'PutBucketRequestPayment', responses: OK } },
      '/#X-Amz-Target=AWSLicenseManager.DeleteToken': { post: { operationId: 'DeleteToken', responses: OK } },
    }),
  },
  {
    name: 'a parameter name a converted spec appends to the path',
    paths: () => ({ '/profilingGroups#clientToken': { post: { operationId: 'CreateProfilingGroup', responses: OK } } }),
  },
  // Precision on real APIs (issue 18): the shapes the judged false alarms took.
  {
    name: 'an RPC-style POST lookup whose camelCase method segment reads, whatever the summary says',
    paths: () => ({
      '/par/paymentaccountreference/1/0/getPaymentAccountReference': {
        post: { summary: 'Submit an encrypted PAN to obtain the PAR linked to the account.', responses: OK },
      },
    }),
  },
  {
    name: 'a token that is a blockchain asset',
    paths: () => ({
      '/ntp1/issue': {
        post: {
          operationId: 'issueToken',
          summary: 'Builds a transaction that issues a new NTP1 Token',
          description: 'Builds an unsigned raw transaction that issues a new NTP1 token on the Neblio blockchain.',
          responses: OK,
        },
      },
    }),
  },
  {
    name: 'a configuration write for a component named after a flow',
    paths: () => ({
      '/apps/system/config/com.shinesolutions.aem.passwordreset.Activator': {
        post: { operationId: 'postConfigAemPasswordReset', responses: OK },
      },
    }),
  },
  {
    name: 'a webhook named like a flow: the API sends it',
    only: ['3.1'],
    paths: () => ({}),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'a token issued with no blockchain in sight, and a camelCase method segment that pays',
    paths: () => ({
      '/oauth/issue': { post: { operationId: 'issueToken', summary: 'Issues an access token', responses: OK } },
      '/checkout/payOrder': { post: { summary: 'Get paid', responses: OK } },
    }),
    expected: () => [
      finding(message('POST /oauth/issue', 'token', 'operationId'), ['paths', '/oauth/issue', 'post', 'responses']),
      finding(message('POST /checkout/payOrder', 'checkout', 'path'), ['paths', '/checkout/payOrder', 'post', 'responses']),
    ],
  },
  {
    name: 'flows found by path, operationId and tag',
    paths: () => ({
      '/auth/password-reset': { post: { responses: OK } },
      '/sessions': { post: { operationId: 'createPaymentIntent', responses: OK } },
      '/codes': { put: { tags: ['MFA'], responses: OK } },
    }),
    expected: () => [
      finding(message('POST /auth/password-reset', 'password', 'path'), ['paths', '/auth/password-reset', 'post', 'responses']),
      finding(message('POST /sessions', 'payment', 'operationId'), ['paths', '/sessions', 'post', 'responses']),
      finding(message('PUT /codes', 'mfa', 'tags'), ['paths', '/codes', 'put', 'responses']),
    ],
  },
  {
    name: 'flows that read or name their step, whom they are for or how (a token got by LDAP, pay all, a key registered, a user registered)',
    paths: () => ({
      '/authn/{account}/{login}/authenticate': {
        post: { operationId: 'getAccessTokenViaLdap', summary: 'Gets a short-lived access token', responses: OK },
      },
      '/api/oauth/v1/token': { post: { operationId: 'post_token', summary: 'Get authentication token', responses: OK } },
      '/apps/{appId}/subscription/pay_all': { post: { responses: OK } },
      '/key': { post: { operationId: 'key_register', responses: OK } },
      '/users': { post: { operationId: 'registerUser', responses: OK } },
      '/#Action=GetSessionToken': { post: { operationId: 'POST_GetSessionToken', responses: OK } },
    }),
    expected: () => [
      finding(message('POST /authn/{account}/{login}/authenticate', 'token', 'operationId'), [
        'paths',
        '/authn/{account}/{login}/authenticate',
        'post',
        'responses',
      ]),
      finding(message('POST /api/oauth/v1/token', 'token', 'path'), ['paths', '/api/oauth/v1/token', 'post', 'responses']),
      finding(message('POST /apps/{appId}/subscription/pay_all', 'pay', 'path'), [
        'paths',
        '/apps/{appId}/subscription/pay_all',
        'post',
        'responses',
      ]),
      finding(message('POST /key', 'register', 'operationId'), ['paths', '/key', 'post', 'responses']),
      finding(message('POST /users', 'register', 'operationId'), ['paths', '/users', 'post', 'responses']),
      finding(message('POST /#Action=GetSessionToken', 'token', 'path'), ['paths', '/#Action=GetSessionToken', 'post', 'responses']),
    ],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/auth/password-reset:\n  post:\n    responses:\n      202:\n` },
  expected: [
    {
      file: 'api.raml',
      line: 5,
      severity: 'error',
      message:
        'Operation POST /auth/password-reset is a sensitive flow ("password" in its path) with no 429 response: rate-limit it and document the 429 so credential stuffing, OTP guessing, fake signups and checkout automation are throttled.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/auth/password-reset:\n  post:\n    responses:\n      202:\n      429:\n        headers:\n          Retry-After: integer\n`,
  },
};

describe(CODE, () => {
  const webhooks = { webhooks: { paymentSucceeded: { post: { tags: ['payments'], responses: OK } } } };
  runRuleCases(CODE, {
    raml: RAML,
    valid: versionCases(VALID, (version, c) => doc(version, c.paths(version), {}, version === '3.1' ? webhooks : {})),
    invalid: versionCases(INVALID),
  });
  it('flows and methods replace the defaults', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { flows: ['export'], methods: ['get'] });
    const spec = doc('3.1', { '/login': { post: { responses: OK } }, '/data/export': { get: { responses: OK } } });
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(message('GET /data/export', 'export', 'path'), ['paths', '/data/export', 'get', 'responses']),
    ]);
  });
});
