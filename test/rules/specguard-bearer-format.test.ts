import { describe } from 'vitest';
import { OAS3_SCHEMES, findingOf, oas2WithDefinitions as oas2, oas3WithSchemes as oas3, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { NOT_IN_RAML } from '../raml/cases.js';

const CODE = 'specguard-bearer-format';
const finding = findingOf(CODE);
const noFormat = (name: string) =>
  `Security scheme "${name}" is a bearer scheme without bearerFormat: say what the tokens are (JWT, opaque reference token...), so clients and reviewers know how they are validated, scoped and expire.`;

const invalid: RuleCase[] = [
  {
    name: '3.0: bearer without bearerFormat',
    spec: oas3('3.0', '    b: {type: http, scheme: bearer}\n'),
    expected: [finding(noFormat('b'), [...OAS3_SCHEMES, 'b'])],
  },
  {
    name: '3.1: Bearer in capitals, empty bearerFormat',
    spec: oas3('3.1', "    b: {type: http, scheme: Bearer, bearerFormat: ''}\n"),
    expected: [finding(noFormat('b'), [...OAS3_SCHEMES, 'b'])],
  },
  {
    name: '3.0: a description that says where the token comes from, not what it is',
    spec: oas3(
      '3.0',
      "    a: {type: http, scheme: bearer, description: 'When you register a new agent you will be granted a private bearer token.'}\n    b: {type: http, scheme: bearer, description: API Token}\n",
    ),
    expected: [finding(noFormat('a'), [...OAS3_SCHEMES, 'a']), finding(noFormat('b'), [...OAS3_SCHEMES, 'b'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  { name: '3.0: bearer with bearerFormat JWT', spec: oas3('3.0', '    b: {type: http, scheme: bearer, bearerFormat: JWT}\n') },
  {
    name: '3.0: a description that names the token kind (a personal access token, a JWT, a prefix, its lifetime)',
    spec: oas3(
      '3.0',
      [
        "    pat: {type: http, scheme: bearer, description: 'A personal access token allows access to the API for the user who created it.'}",
        "    ably: {type: http, scheme: bearer, description: 'Token Authentication using an Ably Token, or optionally an Ably JWT.'}",
        "    doks: {type: http, scheme: bearer, description: 'OAuth tokens are prefixed with doo_v1_.'}",
        "    rev: {type: http, scheme: bearer, description: 'This token need only be generated once and never expires.'}",
        '',
      ].join('\n'),
    ),
  },
  { name: '3.1: mutualTLS', spec: oas3('3.1', '    m: {type: mutualTLS}\n') },
  {
    name: '3.0: an OAuth 2.0 scheme (its tokens are bearer tokens too, described by the flows)',
    spec: oas3('3.0', '    o: {type: oauth2, flows: {}}\n'),
  },
  { name: '2.0: an apiKey Authorization header', spec: oas2('  k: {type: apiKey, in: header, name: Authorization}\n') },
];

describe(CODE, () => {
  runRuleCases(CODE, {
    raml: NOT_IN_RAML,
    invalid,
    valid,
    oddShapes: [
      {
        name: '3.0: bearerFormat that is a number',
        spec: oas3('3.0', '    b: {type: http, scheme: bearer, bearerFormat: 5}\n'),
        expected: [finding(noFormat('b'), [...OAS3_SCHEMES, 'b'])],
      },
    ],
  });
});
