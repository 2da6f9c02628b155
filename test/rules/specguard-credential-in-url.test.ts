import { describe, expect, it } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-credential-in-url';
const finding = findingOf(CODE);
const credential = (parameter: string, where: string) =>
  `Parameter "${parameter}" puts a credential in the URL ${where}, where proxies, server logs, browser history and Referer headers keep it: send it in a header (Authorization) or the request body.`;
const repeated = (parameter: string, where: string, count: number) =>
  `Parameter "${parameter}" puts a credential in the URL ${where} of ${count} operations, where proxies, server logs, browser history and Referer headers keep it: send it in a header (Authorization) or the request body.`;
const q3 = (name: string, type = 'string') => `{name: ${name}, in: query, schema: {type: ${type}}}`;
const get = (params: string) => ({ get: op(`parameters: [${params}]`) });

const invalid: RuleCase[] = [
  {
    name: '3.0: access_token, apiKey and clientSecret in the query',
    spec: authSpec('3.0', { '/pets': get(`${q3('access_token')}, ${q3('apiKey')}, ${q3('clientSecret')}`) }),
    expected: [
      finding(credential('access_token', 'query'), ['paths', '/pets', 'get', 'parameters', '0']),
      finding(credential('apiKey', 'query'), ['paths', '/pets', 'get', 'parameters', '1']),
      finding(credential('clientSecret', 'query'), ['paths', '/pets', 'get', 'parameters', '2']),
    ],
  },
  {
    name: '3.1: a token in the path, JSESSIONID in the query, whatever the schemes say',
    spec: authSpec('3.1', {
      '/reset/{token}': {
        post: op("security: [{oauth: ['pets:write']}], parameters: [{name: token, in: path, required: true, schema: {type: string}}]"),
      },
      '/legacy': get(q3('JSESSIONID')),
    }),
    expected: [
      finding(credential('token', 'path'), ['paths', '/reset/{token}', 'post', 'parameters', '0']),
      finding(credential('JSESSIONID', 'query'), ['paths', '/legacy', 'get', 'parameters', '0']),
    ],
  },
  {
    name: '2.0: a password query parameter, declared once at the path level',
    spec: authSpec('2.0', { '/login': { parameters: '[{name: password, in: query, type: string}]', get: op(), post: op() } }),
    expected: [finding(credential('password', 'query'), ['paths', '/login', 'parameters', '0'])],
  },
  {
    name: '3.0: a callback that sends a session id in its query',
    spec: authSpec('3.0', {
      '/subscriptions': {
        post: op(
          `callbacks: {onEvent: {'{$request.body#/url}': {post: {parameters: [${q3('sessionid')}], responses: {'200': {description: ok}}}}}}`,
        ),
      },
    }),
    expected: [
      finding(credential('sessionid', 'query'), [
        'paths',
        '/subscriptions',
        'post',
        'callbacks',
        'onEvent',
        '{$request.body#/url}',
        'post',
        'parameters',
        '0',
      ]),
    ],
  },
  {
    name: '3.0: a refresh token or API key after its own collection is the credential itself (hubapi /refresh-tokens/{token})',
    spec: authSpec('3.0', {
      '/oauth/v1/refresh-tokens/{token}': get('{name: token, in: path, required: true, schema: {type: string}}'),
      '/api-keys/{apiKey}': { delete: op('parameters: [{name: apiKey, in: path, required: true, schema: {type: string}}]') },
    }),
    expected: [
      finding(credential('token', 'path'), ['paths', '/oauth/v1/refresh-tokens/{token}', 'get', 'parameters', '0']),
      finding(credential('apiKey', 'path'), ['paths', '/api-keys/{apiKey}', 'delete', 'parameters', '0']),
    ],
  },
  {
    name: '2.0: the same token query parameter written into every operation (Trello) is one finding, at its first declaration',
    spec: authSpec('2.0', {
      '/boards': { get: op('parameters: [{name: token, in: query, type: string}]') },
      '/cards': {
        get: op('parameters: [{name: key, in: query, type: string}, {name: token, in: query, type: string}]'),
        post: op('parameters: [{name: token, in: query, type: string}]'),
      },
    }),
    expected: [finding(repeated('token', 'query', 3), ['paths', '/boards', 'get', 'parameters', '0'])],
  },
  {
    name: '3.1: one shared definition and inline copies of it: counted by the operations that take it',
    spec: authSpec(
      '3.1',
      {
        '/a': get("{$ref: '#/components/parameters/AccessToken'}"),
        '/b': get("{$ref: '#/components/parameters/AccessToken'}"),
        '/c': get(q3('access_token')),
      },
      '',
      `components:\n  parameters:\n    AccessToken: {name: access_token, in: query, schema: {type: string}}\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n`,
    ),
    expected: [finding(repeated('access_token', 'query', 3), ['components', 'parameters', 'AccessToken'])],
  },
  {
    name: '3.0: a session identifier is the session credential, whatever its description says (Mastercard UserToken)',
    spec: authSpec('3.0', {
      '/activatestatementcreditoffer': {
        post: op(
          'parameters: [{name: UserToken, in: query, description: Session identifier as returned by the UserToken resource., schema: {type: string}}]',
        ),
      },
    }),
    expected: [finding(credential('UserToken', 'query'), ['paths', '/activatestatementcreditoffer', 'post', 'parameters', '0'])],
  },
  {
    name: '3.0: a login session named by its object type is still a session (UserSession ID)',
    spec: authSpec('3.0', {
      '/reports': get('{name: session, in: query, description: Only return reports of this UserSession ID., schema: {type: string}}'),
    }),
    expected: [finding(credential('session', 'query'), ['paths', '/reports', 'get', 'parameters', '0'])],
  },
  {
    name: '3.0: a key that says it is one by its format (AWS Location key, kumpeapps auth_key)',
    spec: authSpec('3.0', {
      '/routes/calculate': { post: op('parameters: [{name: key, in: query, schema: {type: string, format: password}}]') },
      '/authkey': { patch: op('parameters: [{name: auth_key, in: query, schema: {type: string, format: password}}]') },
    }),
    expected: [
      finding(credential('key', 'query'), ['paths', '/routes/calculate', 'post', 'parameters', '0']),
      finding(credential('auth_key', 'query'), ['paths', '/authkey', 'patch', 'parameters', '0']),
    ],
  },
  {
    name: '2.0: a bare api key after a collection is not its member (/games/{apiKey})',
    spec: authSpec('2.0', { '/games/{apiKey}': { get: op('parameters: [{name: apiKey, in: path, required: true, type: string}]') } }),
    expected: [finding(credential('apiKey', 'path'), ['paths', '/games/{apiKey}', 'get', 'parameters', '0'])],
  },
  {
    name: '2.0: path segments without words (an empty segment, a symbol-only name) neither crash nor hide a token',
    spec: authSpec('2.0', {
      '/games//{apiKey}': { get: op('parameters: [{name: apiKey, in: path, required: true, type: string}]') },
      '/games/{_}/{token}': {
        get: op('parameters: [{name: _, in: path, required: true, type: string}, {name: token, in: path, required: true, type: string}]'),
      },
    }),
    expected: [
      finding(credential('apiKey', 'path'), ['paths', '/games//{apiKey}', 'get', 'parameters', '0']),
      finding(credential('token', 'path'), ['paths', '/games/{_}/{token}', 'get', 'parameters', '1']),
    ],
  },
  {
    name: '3.0: a bare session in an API that has no sessions resource',
    spec: authSpec('3.0', { '/reports': get(q3('session')) }),
    expected: [finding(credential('session', 'query'), ['paths', '/reports', 'get', 'parameters', '0'])],
  },
  {
    name: '2.0: a session filter that names a login session',
    spec: authSpec('2.0', {
      '/audit': {
        get: op('parameters: [{name: session, in: query, type: string, description: Filter by the login session that made the change.}]'),
      },
    }),
    expected: [finding(credential('session', 'query'), ['paths', '/audit', 'get', 'parameters', '0'])],
  },
  {
    name: '3.1: a collection of credentials names no resource: /refresh-tokens/{token} and ?token= elsewhere are both reported',
    spec: authSpec('3.1', {
      '/refresh-tokens/{token}': { delete: op('parameters: [{name: token, in: path, required: true, schema: {type: string}}]') },
      '/files': get(q3('token')),
    }),
    expected: [
      finding(credential('token', 'path'), ['paths', '/refresh-tokens/{token}', 'delete', 'parameters', '0']),
      finding(credential('token', 'query'), ['paths', '/files', 'get', 'parameters', '0']),
    ],
  },
  {
    name: '3.0: a custom method on a credential ({token}:revoke), and a filter on a secret (intellifi ?secret=)',
    spec: authSpec('3.0', {
      '/v1/{token}:revoke': { post: op('parameters: [{name: token, in: path, required: true, schema: {type: string}}]') },
      '/keys': get('{name: secret, in: query, description: Filter on the secret token., schema: {type: string}}'),
    }),
    expected: [
      finding(credential('token', 'path'), ['paths', '/v1/{token}:revoke', 'post', 'parameters', '0']),
      finding(credential('secret', 'query'), ['paths', '/keys', 'get', 'parameters', '0']),
    ],
  },
  {
    name: '2.0: a target key in an API that names no member by its key (/copy/to/{targetApiKey} beside /games/{apiKey})',
    spec: authSpec('2.0', {
      '/games/{apiKey}/copy/to/{targetApiKey}': {
        post: op(
          'parameters: [{name: apiKey, in: path, required: true, type: string}, {name: targetApiKey, in: path, required: true, type: string}]',
        ),
      },
    }),
    expected: [
      finding(credential('apiKey', 'path'), ['paths', '/games/{apiKey}/copy/to/{targetApiKey}', 'post', 'parameters', '0']),
      finding(credential('targetApiKey', 'path'), ['paths', '/games/{apiKey}/copy/to/{targetApiKey}', 'post', 'parameters', '1']),
    ],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: '3.0: pagination tokens',
    spec: authSpec('3.0', { '/pets': get(`${q3('pageToken')}, ${q3('next_token')}, ${q3('continuationToken')}`) }),
  },
  {
    name: '3.0: words inside other words',
    spec: authSpec('3.0', { '/pets': get(`${q3('tokenize')}, ${q3('passwordless')}, ${q3('secretary')}`) }),
  },
  {
    name: '3.0: names about a credential rather than the credential (GitHub: secret_name, secret_type, exclude_secret_types)',
    spec: authSpec('3.0', {
      '/secrets/{secret_name}': get(
        `{name: secret_name, in: path, required: true, schema: {type: string}}, ${q3('secret_type')}, ${q3('exclude_secret_types')}, ${q3('token_type')}`,
      ),
    }),
  },
  {
    name: "3.0: a crypto API's token tickers (token_symbols, token_ticker), not credentials",
    spec: authSpec('3.0', { '/v1/tokens': get(`${q3('token_symbols')}, ${q3('token_ticker')}`) }),
  },
  { name: '3.0: a boolean flag', spec: authSpec('3.0', { '/users': get(q3('has_password', 'boolean')) }) },
  {
    name: '3.1: headers and cookies',
    spec: authSpec('3.1', {
      '/pets': get('{name: X-Api-Key, in: header, schema: {type: string}}, {name: session, in: cookie, schema: {type: string}}'),
    }),
  },
  {
    name: '3.0: /sessions/{sessionId} names a session by its id',
    spec: authSpec('3.0', {
      '/sessions/{sessionId}': get('{name: sessionId, in: path, required: true, schema: {type: string, format: uuid}}'),
    }),
  },
  {
    name: '2.0: a body property called password',
    spec: authSpec('2.0', {
      '/users': { post: op('parameters: [{name: body, in: body, schema: {type: object, properties: {password: {type: string}}}}]') },
    }),
  },
  {
    name: "3.0: Twilio's String IDs (AccountSid, CallSid, SessionSid) are identifiers, not session ids",
    spec: authSpec('3.0', {
      '/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json': get(
        '{name: AccountSid, in: path, required: true, schema: {type: string, pattern: "^AC[0-9a-fA-F]{32}$"}}, {name: CallSid, in: path, required: true, schema: {type: string}}',
      ),
      '/v1/Services/{ServiceSid}/Sessions/{SessionSid}': get(
        `{name: ServiceSid, in: path, required: true, schema: {type: string}}, {name: SessionSid, in: path, required: true, schema: {type: string}}, ${q3('Sid')}`,
      ),
    }),
  },
  {
    name: "2.0: an object's identifier right after its collection (Stripe /sessions/{session}, /authorizations/{authorization}, /shipping_rates/{shipping_rate_token}; Trello /sessions/{idSession})",
    spec: authSpec('2.0', {
      '/v1/checkout/sessions/{session}': { get: op('parameters: [{name: session, in: path, required: true, type: string}]') },
      '/v1/issuing/authorizations/{authorization}/approve': {
        post: op('parameters: [{name: authorization, in: path, required: true, type: string}]'),
      },
      '/v1/shipping_rates/{shipping_rate_token}': {
        get: op('parameters: [{name: shipping_rate_token, in: path, required: true, type: string}]'),
      },
      '/organizations/lti/credentials/{credentials}': {
        get: op('parameters: [{name: credentials, in: path, required: true, type: string}]'),
      },
      '/v1/identity/verification_sessions/{session}': { get: op('parameters: [{name: session, in: path, required: true, type: string}]') },
      '/sessions/{idSession}': { put: op('parameters: [{name: idSession, in: path, required: true, type: string}]') },
    }),
  },
  {
    name: '3.1: ids, ARNs and versions of a secret, and a list of published values',
    spec: authSpec('3.1', {
      '/secrets/{secret-name}/{secret-version}': get(
        '{name: secret-name, in: path, required: true, schema: {type: string}}, {name: secret-version, in: path, required: true, schema: {type: string}}',
      ),
      '/db': get(`${q3('TdeCredentialArn')}, {name: AuthTokenUpdateStrategy, in: query, schema: {type: string, enum: [ROTATE, SET]}}`),
    }),
  },
  {
    name: '3.0: page cursors and idempotency keys (Square batch_token, Azure $skipToken, AWS ClientToken and ClientRequestToken)',
    spec: authSpec('3.0', {
      '/v1/me/roles': get(
        `{name: batch_token, in: query, description: A pagination cursor to retrieve the next set of results., schema: {type: string}}, ${q3('$skipToken')}`,
      ),
      '/#Action=CreateChangeSet': get(`${q3('ClientToken')}, ${q3('ClientRequestToken')}`),
      '/runs': get(
        '{name: marker, in: query, schema: {type: string}}, {name: resume_token, in: query, description: "Unique, case-sensitive identifier that you provide to ensure the idempotency of the request.", schema: {type: string}}',
      ),
    }),
  },
  {
    name: '2.0: described as an identifier or a consistency token (Google Mirror userToken, AWS api_Key and profileToken, Google Games, Stripe verification_session), a game addressed by its key (GameSparks /game/{gameApiKey}), a plain key, even one described as an API key (OpenCage)',
    spec: authSpec('2.0', {
      '/accounts/{userToken}/{accountType}': {
        post: op(
          'parameters: [{name: userToken, in: path, required: true, type: string, description: The ID for the user.}, {name: accountType, in: path, required: true, type: string}]',
        ),
      },
      '/apikeys/{api_Key}': {
        get: op(
          'parameters: [{name: api_Key, in: path, required: true, type: string, description: The identifier of the ApiKey resource.}]',
        ),
      },
      '/agentProfile': {
        post: op(
          'parameters: [{name: profileToken, in: query, type: string, description: " Amazon CodeGuru Profiler uses this universally unique identifier (UUID) to prevent the accidental submission of duplicate profiling data if there are failures and retries."}]',
        ),
      },
      '/v1/identity/verification_reports': {
        get: op(
          'parameters: [{name: verification_session, in: query, type: string, description: Only return VerificationReports created by this VerificationSession ID.}]',
        ),
      },
      '/restv2/game/{gameApiKey}/region/{regionCode}': {
        post: op(
          'parameters: [{name: gameApiKey, in: path, required: true, type: string}, {name: regionCode, in: path, required: true, type: string}]',
        ),
      },
      '/sort/{key}': { get: op('parameters: [{name: key, in: path, required: true, type: string, description: The sort key.}]') },
      '/geocode': { get: op('parameters: [{name: key, in: query, type: string, description: an application key.}]') },
      '/games/v1/players/{playerId}': {
        get: op(
          'parameters: [{name: playerId, in: path, required: true, type: string}, {name: playerIdConsistencyToken, in: query, type: string}]',
        ),
      },
    }),
  },
  {
    name: "3.0: a resource the API addresses as /…/sessions/{session} is that resource's id in a query too (Stripe ?session=)",
    spec: authSpec('3.0', {
      '/v1/financial_connections/sessions/{session}': get('{name: session, in: path, required: true, schema: {type: string}}'),
      '/v1/financial_connections/accounts': get(
        '{name: session, in: query, description: "If present, only return accounts that were collected as part of the given session.", schema: {type: string, maxLength: 5000}}',
      ),
    }),
  },
  {
    name: '2.0: the same, declared the OAS 2.0 way (a shared query parameter after the path member)',
    spec: authSpec(
      '2.0',
      {
        '/v1/accounts': { get: op("parameters: [{$ref: '#/parameters/session'}]") },
        '/v1/checkout/sessions/{session}': { get: op('parameters: [{name: session, in: path, required: true, type: string}]') },
      },
      'parameters:\n  session: {name: session, in: query, type: string}\n',
    ),
  },
  {
    name: '3.1: a session the API filters by is data, and so is the path parameter of the same name (OpenStates legislative sessions)',
    spec: authSpec('3.1', {
      '/bills': get('{name: session, in: query, description: Filter by session identifier., schema: {type: string, title: Session}}'),
      '/bills/{jurisdiction}/{session}/{bill_id}': get(
        '{name: jurisdiction, in: path, required: true, schema: {type: string}}, {name: session, in: path, required: true, schema: {type: string, title: Session}}, {name: bill_id, in: path, required: true, schema: {type: string}}',
      ),
    }),
  },
  {
    name: '3.0: a custom method on a resource names it ({session}:detectIntent in Dialogflow, {session}:batchWrite in Spanner)',
    spec: authSpec('3.0', {
      '/v3beta1/{session}:detectIntent': {
        post: op(
          "parameters: [{name: session, in: path, required: true, description: 'Required. The name of the session this query is sent to. Format: `projects//locations//agents//sessions/`. It is up to the API caller to choose an appropriate `Session ID`.', schema: {type: string}}]",
        ),
      },
      '/v1/{session}:batchWrite': {
        post: op(
          'parameters: [{name: session, in: path, required: true, description: Required. The session in which the batch request is to be run., schema: {type: string}}]',
        ),
      },
    }),
  },
  {
    name: "2.0: a key the API addresses a member by, bare or as a copy's target (GameSparks /game/{gameApiKey}, /game/{apiKey}, /copy/to/{targetApiKey})",
    spec: authSpec('2.0', {
      '/restv2/game/{gameApiKey}/region/{regionCode}': {
        post: op(
          'parameters: [{name: gameApiKey, in: path, required: true, type: string}, {name: regionCode, in: path, required: true, type: string}]',
        ),
      },
      '/restv2/game/{apiKey}/admin/snapshots/{snapshotId}/copy/to/{targetApiKey}': {
        post: op(
          'parameters: [{name: apiKey, in: path, required: true, type: string}, {name: snapshotId, in: path, required: true, type: string}, {name: targetApiKey, in: path, required: true, type: string}]',
        ),
      },
    }),
  },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: parameters without a name, with a numeric name, with in that is a list',
    spec: authSpec('3.0', { '/pets': get('{in: query}, {name: 5, in: query}, {name: token, in: [query]}, null') }),
    expected: [],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      access_token: string\n` },
  expected: [
    {
      file: 'api.raml',
      line: 6,
      severity: 'error',
      message:
        'Parameter "access_token" puts a credential in the URL query, where proxies, server logs, browser history and Referer headers keep it: send it in a header (Authorization) or the request body.',
    },
  ],
  silent: { 'api.raml': `${HEAD}/things:\n  get:\n    headers:\n      Authorization: string\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  it('names and ignoredNames replace the defaults', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { names: ['otp', 'token'], ignoredNames: ['magic token'] });
    const spec = authSpec('3.0', { '/pets': get(`${q3('otp')}, ${q3('magicToken')}, ${q3('password')}, ${q3('pageToken')}`) });
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(credential('otp', 'query'), ['paths', '/pets', 'get', 'parameters', '0']),
      finding(credential('pageToken', 'query'), ['paths', '/pets', 'get', 'parameters', '3']),
    ]);
  });
});
