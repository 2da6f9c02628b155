import { describe } from 'vitest';
import { OAS3_SCHEMES, findingOf, oas2WithDefinitions as oas2, oas3WithSchemes as oas3, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';

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
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  { name: '3.0: bearer with bearerFormat JWT', spec: oas3('3.0', '    b: {type: http, scheme: bearer, bearerFormat: JWT}\n') },
  { name: '3.1: mutualTLS', spec: oas3('3.1', '    m: {type: mutualTLS}\n') },
  {
    name: '3.0: an OAuth 2.0 scheme (its tokens are bearer tokens too, described by the flows)',
    spec: oas3('3.0', '    o: {type: oauth2, flows: {}}\n'),
  },
  { name: '2.0: an apiKey Authorization header', spec: oas2('  k: {type: apiKey, in: header, name: Authorization}\n') },
];

describe(CODE, () => {
  runRuleCases(CODE, {
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
