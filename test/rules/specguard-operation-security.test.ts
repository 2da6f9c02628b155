import { describe, expect, it } from 'vitest';
import { findingsOf, HEADERS, ruleDefinition, rulesetWithOptions, runGenericChecks } from '../helpers.js';
import { HEAD, HINT as RAML_HINT, OAUTH } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-operation-security';
const FUNCTION = ruleDefinition(CODE).functionName;
const VERSIONS = ['2.0', '3.0', '3.1'] as const;
type Version = (typeof VERSIONS)[number];

/** A bearer/OAuth scheme called `oauth` and an API key called `key`, declared the way each version does. */
const SCHEMES: Record<Version, string> = {
  '2.0':
    "securityDefinitions:\n  oauth: {type: oauth2, flow: implicit, authorizationUrl: 'https://auth.example.com/authorize', scopes: {}}\n  key: {type: apiKey, in: header, name: X-API-Key}\n",
  '3.0': 'components:\n  securitySchemes:\n    oauth: {type: http, scheme: bearer}\n    key: {type: apiKey, in: header, name: X-API-Key}\n',
  '3.1': 'components:\n  securitySchemes:\n    oauth: {type: http, scheme: bearer}\n    key: {type: apiKey, in: header, name: X-API-Key}\n',
};

/** A document with `root` lines before `paths` and one path item per entry of `paths`. */
function spec(version: Version, paths: Record<string, Record<string, string>>, root = ''): string {
  const items = Object.entries(paths)
    .map(([p, methods]) => {
      const ops = Object.entries(methods).map(
        ([method, extra]) => `    ${method}: {${extra ? `${extra}, ` : ''}responses: {'200': {description: ok}}}\n`,
      );
      return `  ${p}:\n${ops.join('')}`;
    })
    .join('');
  return `${HEADERS[version]}${SCHEMES[version]}${root}paths:\n${items}`;
}

const HINT = ', or mark it x-specguard-public: "<why it is public>"';
const MESSAGES = {
  none: (op: string) => `${op} has no security requirement and no root default applies: add a "security" requirement${HINT}.`,
  emptyList: (op: string) => `${op} turns authentication off with an empty "security" list: add a requirement${HINT}.`,
  anonymous: (op: string) => `${op} accepts anonymous callers through an empty requirement ({}) in "security": remove it${HINT}.`,
  rootEmpty: (op: string) => `${op} inherits the root "security" list, which is empty: add a requirement to the operation${HINT}.`,
  rootAnonymous: (op: string) =>
    `${op} inherits a root "security" list that accepts anonymous callers through an empty requirement ({}): add a requirement to the operation${HINT}.`,
  noReason: (op: string) => `${op} is marked x-specguard-public without a reason: give a non-empty string that says why it is public.`,
};

const undeclaredCredential = (op: string, parameter: string, where: string) =>
  `${op} requires a credential in its ${where} parameter "${parameter}" but no security scheme: declare it as a security scheme (an apiKey in the ${where}, or http bearer for Authorization) and require it, so clients, gateways and reviewers see how the operation is authenticated.`;
/** A parameter as `extra` of an operation, typed the way `version` types parameters. */
const param = (version: Version, name: string, where: string, required: boolean) =>
  `parameters: [{name: ${name}, in: ${where}, required: ${required}, ${version === '2.0' ? 'type: string' : 'schema: {type: string}'}}]`;
const PUBLIC_TAGS =
  'tags: [{name: Public, description: Unauthenticated}, {name: Open, description: These endpoints do not require authentication.}]\n';

const finding = (message: string, p: string[], severity = 0) => ({ code: CODE, message, path: p, severity });

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}${OAUTH}/things:\n  securedBy: [oauth_2_0]\n  get:\n  /{id}:\n    get:\n` },
  expected: [
    {
      file: 'api.raml',
      line: 15,
      severity: 'error',
      message: `Operation GET /things/{id} has no security requirement and no root default applies: add a securedBy requirement${RAML_HINT}.`,
    },
  ],
  silent: {
    'api.raml': `${HEAD}${OAUTH}securedBy: [oauth_2_0]\n/things:\n  get:\n  /{id}:\n    get:\n      securedBy: [oauth_2_0: {scopes: [read]}]\n`,
  },
};

describe(CODE, () => {
  runGenericChecks(CODE, RAML);

  it('names the operation and says what to do (spelled out once)', async () => {
    expect(await findingsOf(CODE, spec('3.0', { '/users/{id}': { get: '' } }))).toEqual([
      {
        code: CODE,
        message:
          'Operation GET /users/{id} has no security requirement and no root default applies: add a "security" requirement, or mark it x-specguard-public: "<why it is public>".',
        path: ['paths', '/users/{id}', 'get'],
        severity: 0,
      },
    ]);
  });

  describe.each(VERSIONS)('OAS %s', version => {
    // False-positive guards first: each of these must produce no finding.
    it.each<[string, Record<string, Record<string, string>>, string?]>([
      ['root security inherited', { '/users/{id}': { get: '', delete: '' } }, 'security: [{oauth: []}]\n'],
      ['operation-level security without a root default', { '/users/{id}': { get: 'security: [{oauth: []}]' } }],
      ['operation-level security overriding an empty root list', { '/users/{id}': { get: 'security: [{key: []}]' } }, 'security: []\n'],
      [
        'operation-level security overriding a root anonymous alternative',
        { '/users/{id}': { get: 'security: [{oauth: []}]' } },
        'security: [{}]\n',
      ],
      ['two alternatives, both with credentials', { '/users/{id}': { get: 'security: [{oauth: []}, {key: []}]' } }],
      ['two schemes required together', { '/users/{id}': { get: 'security: [{oauth: [], key: []}]' } }],
      [
        'security: [] marked public with a reason',
        { '/health': { get: 'security: [], x-specguard-public: "Load balancer health probe"' } },
        'security: [{oauth: []}]\n',
      ],
      [
        'security: [{}] marked public with a reason',
        { '/health': { get: 'security: [{}], x-specguard-public: "Load balancer health probe"' } },
      ],
      [
        'optional auth marked public with a reason',
        { '/catalog': { get: 'security: [{}, {oauth: []}], x-specguard-public: "Anonymous browsing; signed-in users see prices"' } },
      ],
      ['no security at all, marked public with a reason', { '/health': { get: 'x-specguard-public: "Load balancer health probe"' } }],
      ['OPTIONS (CORS preflight) without security', { '/users': { options: '' } }],
      ['OPTIONS with security: []', { '/users': { options: 'security: []' } }, 'security: [{oauth: []}]\n'],
      [
        'secured operation with an empty public marker (the marker changes nothing)',
        { '/users': { get: 'security: [{oauth: []}], x-specguard-public: ""' } },
      ],
      [
        'secured operation marked x-specguard-public: false',
        { '/users': { get: 'x-specguard-public: false' } },
        'security: [{oauth: []}]\n',
      ],
      [
        'a read under a tag the document describes as unauthenticated',
        { '/releases/agent/version': { get: 'tags: [Public]' }, '/x': { get: 'tags: [Open]' } },
        PUBLIC_TAGS,
      ],
      [
        'a health probe that turns authentication off itself',
        { '/health': { get: 'security: []' }, '/v1/ping': { head: 'security: [{}]' } },
        'security: [{oauth: []}]\n',
      ],
    ])('valid: %s', async (_, paths, root) => {
      expect(await findingsOf(CODE, spec(version, paths, root))).toEqual([]);
    });

    it('reports a credential taken as a required query or header parameter as an undeclared scheme, not as no authentication', async () => {
      const paths = {
        '/routes': { get: param(version, 'api_key', 'query', true) },
        '/containers/quota': { get: `security: [], ${param(version, 'X-Auth-Token', 'header', true)}` },
        '/names': { get: param(version, 'X-Api-Key', 'header', false) },
      };
      expect(await findingsOf(CODE, spec(version, paths))).toEqual([
        finding(undeclaredCredential('Operation GET /routes', 'api_key', 'query'), ['paths', '/routes', 'get']),
        finding(undeclaredCredential('Operation GET /containers/quota', 'X-Auth-Token', 'header'), ['paths', '/containers/quota', 'get']),
        finding(MESSAGES.none('Operation GET /names'), ['paths', '/names', 'get']),
      ]);
    });

    it('still reports what the document does not declare public: a probe word under a resource, a plainly described tag, a probe without its own opt-out, a write under a public tag', async () => {
      const paths = {
        '/orders/{id}/status': { get: 'security: []' },
        '/users': { get: 'tags: [Users]' },
        '/ping': { get: '' },
        '/feedback': { post: 'tags: [Public]' },
      };
      const root =
        'tags: [{name: Public, description: Unauthenticated}, {name: Users, description: Public profiles of users}]\nsecurity: [{}]\n';
      expect(await findingsOf(CODE, spec(version, paths, root))).toEqual([
        finding(MESSAGES.emptyList('Operation GET /orders/{id}/status'), ['paths', '/orders/{id}/status', 'get', 'security']),
        finding(MESSAGES.rootAnonymous('Operation GET /users'), ['paths', '/users', 'get']),
        finding(MESSAGES.rootAnonymous('Operation GET /ping'), ['paths', '/ping', 'get']),
        finding(MESSAGES.rootAnonymous('Operation POST /feedback'), ['paths', '/feedback', 'post']),
      ]);
    });

    it.each<[string, Record<string, Record<string, string>>, string, ReturnType<typeof finding>[]]>([
      [
        'no security anywhere',
        { '/users/{id}': { get: '' } },
        '',
        [finding(MESSAGES.none('Operation GET /users/{id}'), ['paths', '/users/{id}', 'get'])],
      ],
      [
        'security: [] overriding the root default',
        { '/users/{id}': { delete: 'security: []' } },
        'security: [{oauth: []}]\n',
        [finding(MESSAGES.emptyList('Operation DELETE /users/{id}'), ['paths', '/users/{id}', 'delete', 'security'])],
      ],
      [
        'security: [] without a root default',
        { '/users': { post: 'security: []' } },
        '',
        [finding(MESSAGES.emptyList('Operation POST /users'), ['paths', '/users', 'post', 'security'])],
      ],
      [
        'security: [{}] alone',
        { '/users': { post: 'security: [{}]' } },
        'security: [{oauth: []}]\n',
        [finding(MESSAGES.anonymous('Operation POST /users'), ['paths', '/users', 'post', 'security', '0'])],
      ],
      [
        'an anonymous alternative first: [{}, {oauth: []}]',
        { '/users': { put: 'security: [{}, {oauth: []}]' } },
        '',
        [finding(MESSAGES.anonymous('Operation PUT /users'), ['paths', '/users', 'put', 'security', '0'])],
      ],
      [
        'an anonymous alternative last: [{oauth: []}, {}]',
        { '/users': { patch: 'security: [{oauth: []}, {}]' } },
        '',
        [finding(MESSAGES.anonymous('Operation PATCH /users'), ['paths', '/users', 'patch', 'security', '1'])],
      ],
      [
        'an empty root list, reported at each operation',
        { '/users': { get: '', post: '' } },
        'security: []\n',
        [
          finding(MESSAGES.rootEmpty('Operation GET /users'), ['paths', '/users', 'get']),
          finding(MESSAGES.rootEmpty('Operation POST /users'), ['paths', '/users', 'post']),
        ],
      ],
      [
        'a root anonymous alternative, reported at each operation',
        { '/users': { get: '' }, '/orders': { get: '' } },
        'security: [{oauth: []}, {}]\n',
        [
          finding(MESSAGES.rootAnonymous('Operation GET /users'), ['paths', '/users', 'get']),
          finding(MESSAGES.rootAnonymous('Operation GET /orders'), ['paths', '/orders', 'get']),
        ],
      ],
      [
        'x-specguard-public: "" (needs a reason)',
        { '/health': { get: 'security: [], x-specguard-public: ""' } },
        '',
        [finding(MESSAGES.noReason('Operation GET /health'), ['paths', '/health', 'get', 'x-specguard-public'])],
      ],
      [
        'x-specguard-public: "   " (blank is no reason)',
        { '/health': { get: 'x-specguard-public: "   "' } },
        '',
        [finding(MESSAGES.noReason('Operation GET /health'), ['paths', '/health', 'get', 'x-specguard-public'])],
      ],
      [
        'x-specguard-public: true (needs a reason)',
        { '/health': { get: 'security: [{}], x-specguard-public: true' } },
        '',
        [finding(MESSAGES.noReason('Operation GET /health'), ['paths', '/health', 'get', 'x-specguard-public'])],
      ],
      [
        'x-specguard-public: false is not an exemption',
        { '/health': { get: 'x-specguard-public: false' } },
        '',
        [finding(MESSAGES.none('Operation GET /health'), ['paths', '/health', 'get'])],
      ],
      [
        'HEAD is not ignored by default',
        { '/users': { head: '', options: '' } },
        '',
        [finding(MESSAGES.none('Operation HEAD /users'), ['paths', '/users', 'head'])],
      ],
    ])('invalid: %s', async (_, paths, root, expected) => {
      expect(await findingsOf(CODE, spec(version, paths, root))).toEqual(expected);
    });
  });

  it('checks TRACE in OAS 3 and ignores a trace key in OAS 2.0 (not a Swagger 2.0 method)', async () => {
    for (const version of ['3.0', '3.1'] as const) {
      expect(await findingsOf(CODE, spec(version, { '/debug': { trace: '' } }))).toEqual([
        finding(MESSAGES.none('Operation TRACE /debug'), ['paths', '/debug', 'trace']),
      ]);
    }
    expect(await findingsOf(CODE, spec('2.0', { '/debug': { trace: '' } }))).toEqual([]);
  });

  it('does not mistake schema properties named "security", "paths" or "get" for operations', async () => {
    const doc = `${HEADERS['3.1']}security: [{oauth: []}]
components:
  securitySchemes:
    oauth: {type: http, scheme: bearer}
  schemas:
    User:
      type: object
      properties:
        security: {type: array, maxItems: 2, items: {type: object}}
        paths: {type: object, properties: {get: {type: object, properties: {security: {type: array, maxItems: 0}}}}}
paths:
  /users:
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}
      responses: {'200': {description: ok}}
`;
    expect(await findingsOf(CODE, doc)).toEqual([]);
  });

  describe('options, through a user ruleset', () => {
    const ruleset = (functionOptions: unknown) => rulesetWithOptions(CODE, FUNCTION, functionOptions);

    it.each(VERSIONS)('ignoreMethods replaces the default list (%s)', async version => {
      const file = ruleset({ ignoreMethods: ['HEAD'] });
      const doc = spec(version, { '/users': { head: '', options: '', get: 'x-specguard-public: "Public directory"' } });
      expect(await findingsOf(CODE, doc, { ruleset: file })).toEqual([
        finding(MESSAGES.none('Operation OPTIONS /users'), ['paths', '/users', 'options']),
      ]);
    });

    it.each(VERSIONS)('publicExtension renames the exemption (%s)', async version => {
      const file = ruleset({ publicExtension: 'x-public' });
      const doc = spec(version, {
        '/health': { get: 'security: [], x-public: "Load balancer health probe"' },
        '/status': { get: 'x-public: ""' },
        '/old': { get: 'x-specguard-public: "Old marker no longer counts"' },
      });
      expect(await findingsOf(CODE, doc, { ruleset: file })).toEqual([
        finding('Operation GET /status is marked x-public without a reason: give a non-empty string that says why it is public.', [
          'paths',
          '/status',
          'get',
          'x-public',
        ]),
        finding(
          'Operation GET /old has no security requirement and no root default applies: add a "security" requirement, or mark it x-public: "<why it is public>".',
          ['paths', '/old', 'get'],
        ),
      ]);
    });

    it('rejects a bad option with a clear ruleset error', async () => {
      const file = ruleset({ ignoreMethods: 'options' });
      await expect(findingsOf(CODE, spec('3.0', { '/a': { get: '' } }), { ruleset: file })).rejects.toThrow(/invalid ruleset/);
      const file2 = ruleset({ publicExtension: 'public' });
      await expect(findingsOf(CODE, spec('3.0', { '/a': { get: '' } }), { ruleset: file2 })).rejects.toThrow(/invalid ruleset/);
    });
  });
});
