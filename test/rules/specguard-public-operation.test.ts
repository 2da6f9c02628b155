import { describe } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD, OAUTH_RW, READ } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-public-operation';
const finding = findingOf(CODE);
const isPublic = (operation: string, reason: string) =>
  `${operation} is public (no authentication) because: "${reason}". Review that it returns and accepts nothing a stranger should not see or change.`;

const invalid: RuleCase[] = [
  {
    name: '3.0: a public GET and a public login POST are both listed',
    spec: authSpec('3.0', {
      '/health': { get: op("x-specguard-public: 'Load balancer probe'") },
      '/login': { post: op("security: [], x-specguard-public: '  Sign in  '") },
    }),
    expected: [
      finding(isPublic('Operation GET /health', 'Load balancer probe'), ['paths', '/health', 'get', 'x-specguard-public']),
      finding(isPublic('Operation POST /login', 'Sign in'), ['paths', '/login', 'post', 'x-specguard-public']),
    ],
  },
  {
    name: '3.1: an empty requirement among others',
    spec: authSpec('3.1', { '/pets': { get: op("security: [{oauth: ['pets:read']}, {}], x-specguard-public: 'Catalogue'") } }),
    expected: [finding(isPublic('Operation GET /pets', 'Catalogue'), ['paths', '/pets', 'get', 'x-specguard-public'])],
  },
  {
    name: '3.0: reads the document declares public are listed with what it says: a tag described as unauthenticated, a health probe',
    spec: authSpec(
      '3.0',
      { '/releases/agent/version': { get: op('tags: [Public]') }, '/health': { get: op('security: []') } },
      'tags: [{name: Public, description: Unauthenticated}]\n',
    ),
    expected: [
      finding(isPublic('Operation GET /releases/agent/version', 'tag "Public": Unauthenticated'), [
        'paths',
        '/releases/agent/version',
        'get',
        'tags',
      ]),
      finding(isPublic('Operation GET /health', 'health probe'), ['paths', '/health', 'get', 'security']),
    ],
  },
  {
    name: '2.0: overriding the root with an empty list',
    spec: authSpec(
      '2.0',
      { '/pets': { get: op("security: [], x-specguard-public: 'Catalogue'") } },
      "security: [{oauth: ['pets:read']}]\n",
    ),
    expected: [finding(isPublic('Operation GET /pets', 'Catalogue'), ['paths', '/pets', 'get', 'x-specguard-public'])],
  },
];

invalid.push(
  ...(['2.0', '3.1'] as const).map(v => ({
    name: `${v}: a tag named public alone, in a document that declares security schemes`,
    spec: authSpec(
      v,
      { '/ping': { get: op('tags: [public]') } },
      "tags: [{name: public, description: 'Publicly supported stable API.'}]\n",
    ),
    expected: [finding(isPublic('Operation GET /ping', 'tag "public": Publicly supported stable API.'), ['paths', '/ping', 'get', 'tags'])],
  })),
);

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: '3.0: security inherited from the root',
    spec: authSpec('3.0', { '/pets': { get: op() } }, "security: [{oauth: ['pets:read']}]\n"),
  },
  { name: '3.0: marked but secured', spec: authSpec('3.0', { '/pets': { get: op("security: [{key: []}], x-specguard-public: 'old'") } }) },
  { name: '3.0: anonymous but unmarked (operation-security reports it)', spec: authSpec('3.0', { '/pets': { get: op() } }) },
  { name: '3.0: marked false', spec: authSpec('3.0', { '/pets': { get: op('x-specguard-public: false') } }) },
  // Precision on real APIs (issue 18): "public" meaning publicly supported, where nothing is authenticated.
  ...(['2.0', '3.0', '3.1'] as const).map(v => ({
    name: `${v}: a tag named public meaning stable, in a document that declares no security`,
    spec: authSpec(
      v,
      { '/platform/public/utils/ping': { get: op('tags: [public]') } },
      "tags: [{name: public, description: 'Publicly supported stable API.'}, {name: private, description: Unstable}]\n",
      '',
    ),
  })),
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}annotationTypes:\n  specguard-public: string\n/status:\n  get:\n    (specguard-public): health check for the load balancer\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 7,
      severity: 'info',
      message:
        'Operation GET /status is public (no authentication) because: "health check for the load balancer". Review that it returns and accepts nothing a stranger should not see or change.',
    },
  ],
  silent: { 'api.raml': `${HEAD}${OAUTH_RW}/status:\n  get:\n    ${READ}\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, raml: RAML });
});
