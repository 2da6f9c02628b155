import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { VERSIONS, componentPath, doc, object, ref, responseOf } from './exposure-docs.js';
import type { Json } from './exposure-docs.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-error-internals';
const FUNCTION = ruleDefinition(CODE).functionName;
const finding = findingOf(CODE);
const internal = (name: string, phrase: string) =>
  `Property "${name}" of an error response looks like internal detail ("${phrase}"): leave stack traces, exceptions, queries and source locations in the server logs and return a correlation id instead.`;
const leaky = (status: string, operation: string, what: string) =>
  `The example of the ${status} response of Operation ${operation} shows ${what}: error examples teach implementers what to return; show a generic message and a correlation id.`;
const internalCopied = (name: string, phrase: string, more: string) =>
  `Property "${name}" of an error response, copied into ${more}, looks like internal detail ("${phrase}"): leave stack traces, exceptions, queries and source locations in the server logs and return a correlation id instead.`;
const leakyCopied = (status: string, operation: string, more: string, what: string) =>
  `The example of the ${status} response of Operation ${operation}, copied into ${more}, shows ${what}: error examples teach implementers what to return; show a generic message and a correlation id.`;

const OK = { description: 'ok' };
const responsePathOf = (v: string, p: string, status: string): string[] =>
  v === '2.0'
    ? ['paths', p, 'get', 'responses', status, 'schema']
    : ['paths', p, 'get', 'responses', status, 'content', 'application/json', 'schema'];
const get = (responses: Json) => ({ get: { responses: { '200': OK, ...responses } } });
const withExample = (example: unknown) => ({
  description: 'error',
  content: { 'application/json': { schema: { type: 'object' }, example } },
});

const STACK = { type: 'array', items: { type: 'string' }, description: 'Stack trace indicating where the error occurred.' };
const JUST_EAT_500 = {
  errors: [
    {
      errorCode: 'InternalServerError',
      description:
        'System.NullReferenceException: Object reference not set to an instance of an object.\n   at JE.Api.Restaurants.Search(String postcode) in C:\\build\\JE.Api\\Restaurants.cs:line 42',
    },
  ],
};

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: a serialized .NET exception is reported at its stack trace, not again at its inner exception`,
    spec: doc(
      v,
      { '/a': get({ '500': responseOf(v, ref(v, 'Exception')) }) },
      { Exception: object({ Message: {}, StackTrace: {}, InnerException: { oneOf: [ref(v, 'Exception')] } }) },
    ),
    expected: [finding(internal('StackTrace', 'stack'), componentPath(v, 'Exception', 'properties', 'StackTrace'))],
  },
  {
    name: `${v}: a nested exception with no other internal property is still reported`,
    spec: doc(
      v,
      { '/a': get({ '500': responseOf(v, ref(v, 'Fault')) }) },
      { Fault: object({ message: {}, innerException: { oneOf: [ref(v, 'Fault')] } }) },
    ),
    expected: [finding(internal('innerException', 'exception'), componentPath(v, 'Fault', 'properties', 'innerException'))],
  },
  {
    name: `${v}: a source path in a line property is still reported when a success body shares nothing`,
    spec: doc(v, {
      '/a': get({ '400': responseOf(v, object({ message: {}, line: { type: 'string', example: '/go/src/router/newRouter.go:336' } })) }),
    }),
    expected: [finding(internal('line', 'line'), [...responsePathOf(v, '/a', '400'), 'properties', 'line'])],
  },
  {
    name: `${v}: internal properties in a shared error schema, reported once`,
    spec: doc(
      v,
      { '/a': get({ '500': responseOf(v, ref(v, 'Error')) }), '/b': get({ default: responseOf(v, ref(v, 'Error')) }) },
      { Error: object({ message: {}, stack_trace: {}, exceptionClass: {}, traceId: {}, 'debug-info': {} }) },
    ),
    expected: [
      finding(internal('stack_trace', 'stack'), componentPath(v, 'Error', 'properties', 'stack_trace')),
      finding(internal('exceptionClass', 'exception'), componentPath(v, 'Error', 'properties', 'exceptionClass')),
      finding(internal('debug-info', 'debug'), componentPath(v, 'Error', 'properties', 'debug-info')),
    ],
  },
  {
    name: `${v}: a source location (a file name beside a line number, a whole-name line), and exception detail inside an error summary batch results also list`,
    spec: doc(
      v,
      {
        '/a': get({ '500': responseOf(v, object({ message: {}, fileName: {}, lineNumber: { type: 'integer' } })) }),
        '/b': get({ '400': responseOf(v, object({ message: {}, line: { type: 'string' } })) }),
        '/batch': {
          post: {
            responses: {
              '200': responseOf(v, object({ errors: { type: 'array', items: ref(v, 'ErrorSummary') } })),
              '409': responseOf(v, ref(v, 'ErrorSummary')),
            },
          },
        },
      },
      { ErrorSummary: object({ errorCode: {}, detail: ref(v, 'ExceptionDetail') }), ExceptionDetail: object({ type: {}, stackTrace: {} }) },
    ),
    expected: [
      finding(internal('fileName', 'file'), [...responsePathOf(v, '/a', '500'), 'properties', 'fileName']),
      finding(internal('lineNumber', 'line'), [...responsePathOf(v, '/a', '500'), 'properties', 'lineNumber']),
      finding(internal('line', 'line'), [...responsePathOf(v, '/b', '400'), 'properties', 'line']),
      finding(internal('stackTrace', 'stack'), componentPath(v, 'ExceptionDetail', 'properties', 'stackTrace')),
    ],
  },
  {
    name: `${v}: an internal property copied into several error schemas is one finding, at the schema most error responses use (GoDaddy Error.stack and ErrorLimit.stack, DRACOON debugInfo); a different one is its own`,
    spec: doc(
      v,
      {
        '/countries': get({ '422': responseOf(v, ref(v, 'ErrorLimit')), '500': responseOf(v, ref(v, 'Error')) }),
        '/domains': get({ '400': responseOf(v, ref(v, 'Error')), '409': responseOf(v, ref(v, 'RadiusChallengeResponse')) }),
        '/shoppers': get({ '404': responseOf(v, ref(v, 'LegacyError')) }),
      },
      {
        ErrorLimit: object({ code: {}, retryAfterSec: { type: 'integer' }, stack: STACK }),
        Error: object({ code: {}, stack: STACK }),
        RadiusChallengeResponse: object({ challengeId: {}, stack: STACK }),
        LegacyError: object({ code: {}, stack: { type: 'string' } }),
      },
    ),
    expected: [
      finding(internalCopied('stack', 'stack', '2 more schemas'), componentPath(v, 'Error', 'properties', 'stack')),
      finding(internal('stack', 'stack'), componentPath(v, 'LegacyError', 'properties', 'stack')),
    ],
  },
  {
    name: `${v}: exception models that repeat each other's fields (Airbyte KnownExceptionInfo, NotFoundKnownExceptionInfo)`,
    spec: doc(
      v,
      {
        '/sources/check': get({ '422': responseOf(v, ref(v, 'KnownExceptionInfo')) }),
        '/sources/get': get({
          '404': responseOf(v, ref(v, 'NotFoundKnownExceptionInfo')),
          '422': responseOf(v, ref(v, 'KnownExceptionInfo')),
        }),
      },
      {
        KnownExceptionInfo: object({
          message: {},
          exceptionClassName: { type: 'string' },
          exceptionStack: { type: 'array', items: { type: 'string' } },
        }),
        NotFoundKnownExceptionInfo: object({
          id: {},
          message: {},
          exceptionClassName: { type: 'string' },
          exceptionStack: { type: 'array', items: { type: 'string' } },
        }),
      },
    ),
    expected: [
      finding(
        internalCopied('exceptionClassName', 'exception', '1 more schema'),
        componentPath(v, 'KnownExceptionInfo', 'properties', 'exceptionClassName'),
      ),
      finding(
        internalCopied('exceptionStack', 'stack', '1 more schema'),
        componentPath(v, 'KnownExceptionInfo', 'properties', 'exceptionStack'),
      ),
    ],
  },
]).concat([
  {
    name: '3.0: the same leaky example written into several operations is one finding, at its first; another example is its own (Just Eat)',
    spec: doc('3.0', {
      '/restaurants/bylatlong': get({ '500': withExample(JUST_EAT_500), '503': withExample(JUST_EAT_500) }),
      '/restaurants/bypostcode/{postcode}': get({ '500': withExample(JUST_EAT_500) }),
      '/menus': get({ '500': withExample({ error: 'java.lang.NullPointerException' }) }),
    }),
    expected: [
      finding(leakyCopied('500', 'GET /restaurants/bylatlong', '2 more responses', 'an exception class name'), [
        'paths',
        '/restaurants/bylatlong',
        'get',
        'responses',
        '500',
        'content',
        'application/json',
        'example',
      ]),
      finding(leaky('500', 'GET /menus', 'an exception class name'), [
        'paths',
        '/menus',
        'get',
        'responses',
        '500',
        'content',
        'application/json',
        'example',
      ]),
    ],
  },
  {
    name: '3.1: the same example under JSON and XML of one response is one finding',
    spec: doc('3.1', {
      '/a': get({
        '500': {
          description: 'error',
          content: { 'application/json': { example: JUST_EAT_500 }, 'application/xml': { example: JUST_EAT_500 } },
        },
      }),
    }),
    expected: [
      finding(leaky('500', 'GET /a', 'an exception class name'), [
        'paths',
        '/a',
        'get',
        'responses',
        '500',
        'content',
        'application/json',
        'example',
      ]),
    ],
  },
  {
    name: '2.0: the same leaky example in two operations',
    spec: doc('2.0', {
      '/a': get({ '500': { description: 'x', examples: { 'application/json': JUST_EAT_500 } } }),
      '/b': get({ '500': { description: 'x', examples: { 'application/json': JUST_EAT_500 } } }),
    }),
    expected: [
      finding(leakyCopied('500', 'GET /a', '1 more response', 'an exception class name'), [
        'paths',
        '/a',
        'get',
        'responses',
        '500',
        'examples',
        'application/json',
      ]),
    ],
  },
  {
    name: '3.0: examples showing an exception, a stack frame, an SQL error and a file path',
    spec: doc('3.0', {
      '/a': get({
        '400': withExample({ error: 'java.lang.IllegalArgumentException: bad id' }),
        '404': withExample('at com.example.PetService.find(PetService.java:42)'),
        '409': withExample({ detail: 'ERROR: duplicate key value violates unique constraint "pets_pkey"' }),
        '500': {
          description: 'error',
          content: {
            'application/json': {
              examples: {
                crash: { value: { message: 'failed', where: 'C:\\inetpub\\app\\handler.cs' } },
                fine: { value: { message: 'Internal error' } },
              },
            },
          },
        },
      }),
    }),
    expected: [
      finding(leaky('400', 'GET /a', 'an exception class name'), [
        'paths',
        '/a',
        'get',
        'responses',
        '400',
        'content',
        'application/json',
        'example',
      ]),
      finding(leaky('404', 'GET /a', 'a stack frame'), [
        'paths',
        '/a',
        'get',
        'responses',
        '404',
        'content',
        'application/json',
        'example',
      ]),
      finding(leaky('409', 'GET /a', 'an SQL error'), ['paths', '/a', 'get', 'responses', '409', 'content', 'application/json', 'example']),
      finding(leaky('500', 'GET /a', 'a server file path'), [
        'paths',
        '/a',
        'get',
        'responses',
        '500',
        'content',
        'application/json',
        'examples',
        'crash',
        'value',
      ]),
    ],
  },
  {
    name: '2.0: a Python traceback in an example',
    spec: doc('2.0', {
      '/a': get({ '500': { description: 'x', examples: { 'application/json': { trace: 'Traceback (most recent call last): ...' } } } }),
    }),
    expected: [
      finding(leaky('500', 'GET /a', 'a stack frame'), ['paths', '/a', 'get', 'responses', '500', 'examples', 'application/json']),
    ],
  },
  {
    name: '3.1: internal properties under allOf in an error body',
    spec: doc('3.1', { '/a': get({ '422': responseOf('3.1', { allOf: [object({ title: {} }), object({ sqlState: {} })] }) }) }),
    expected: [
      finding(internal('sqlState', 'sql'), [
        'paths',
        '/a',
        'get',
        'responses',
        '422',
        'content',
        'application/json',
        'schema',
        'allOf',
        '1',
        'properties',
        'sqlState',
      ]),
    ],
  },
]);

const valid = VERSIONS.flatMap(v => [
  {
    name: `${v}: a file or line in the client's own input: field error lists, a line of the sent body, a policy module (illumidesk, InfluxDB, OPA)`,
    spec: doc(v, {
      '/files': get({
        '400': responseOf(v, object({ file: { type: 'array', items: { type: 'string' }, description: 'file field errors' } })),
      }),
      '/write': get({
        '400': responseOf(
          v,
          object({ message: {}, line: { type: 'integer', description: 'First line within sent body containing malformed data' } }),
        ),
      }),
      '/policies': get({
        '400': responseOf(
          v,
          object({
            location: object({
              file: { type: 'string', description: 'The policy module name that generated the error' },
              row: { type: 'number' },
            }),
          }),
        ),
      }),
    }),
  },
  {
    name: `${v}: a 451 that reuses the 200 body holding a domain file object (UniCourt export)`,
    spec: doc(
      v,
      {
        '/export': {
          get: { responses: { '200': responseOf(v, ref(v, 'Export')), '451': responseOf(v, ref(v, 'Export')) } },
        },
      },
      { Export: object({ status: {}, file: ref(v, 'ExportFile') }), ExportFile: object({ name: {}, fileUrl: {} }) },
    ),
  },
  {
    name: `${v}: default as the only response is the success response (FEC, Betfair, InfluxDB)`,
    spec: doc(v, {
      '/schedules/schedule_e/': {
        get: { responses: { default: responseOf(v, object({ line_number: {}, file_number: {}, debug: {}, query: { type: 'string' } })) } },
      },
    }),
  },
  {
    name: `${v}: domain words in an error body: address lines, file numbers and dates, a file version`,
    spec: doc(v, {
      '/cards': get({
        '402': responseOf(
          v,
          object({
            message: {},
            address_line1: {},
            address_line1_check: {},
            file_number: {},
            last_file_date: {},
            file_version: {},
            lineInterval: {},
          }),
        ),
      }),
    }),
  },
  {
    name: `${v}: a domain object embedded in an error (Stripe error.source, Box's conflicting File) that success responses return too`,
    spec: doc(
      v,
      {
        '/sources/{id}': get({ '402': responseOf(v, object({ error: object({ message: {}, source: ref(v, 'Source') }) })) }),
        '/sources': { get: { responses: { '200': responseOf(v, ref(v, 'Source')) } } },
      },
      { Source: object({ id: {}, line: {}, trace: {}, debug: { type: 'boolean' } }) },
    ),
  },
  {
    name: `${v}: query objects: the request's parameters grouped by location, or echoed back (journy.io, OPTIMADE)`,
    spec: doc(v, {
      '/tracking/snippet': get({
        '400': responseOf(
          v,
          object({
            errors: object({ parameters: object({ query: { type: 'object', additionalProperties: { type: 'string' } } }) }),
            meta: object({ query: object({ representation: {} }) }),
          }),
        ),
      }),
    }),
  },
  {
    name: `${v}: success responses may have query, file and line properties; errors have correlation ids`,
    spec: doc(v, {
      '/a': {
        get: {
          responses: {
            '200': responseOf(v, object({ query: {}, file: {}, line: {} })),
            '404': responseOf(v, object({ traceId: {}, requestId: {}, spanId: {} })),
          },
        },
      },
    }),
  },
  {
    name: `${v}: plain error examples, a version number and a URL`,
    spec: doc(v, {
      '/a': get(
        v === '2.0'
          ? {
              '500': {
                description: 'x',
                examples: { 'application/json': { message: 'Internal error', docs: 'https://example.com/app/errors' } },
              },
            }
          : {
              '500': withExample({
                message: 'Internal error v1.2.3 at 12:00',
                docs: 'https://example.com/app/errors',
                type: 'ValidationError',
              }),
            },
      ),
    }),
  },
]);

const oddShapes: RuleCase[] = [
  {
    name: '3.0: examples that are not objects, content entries that are null',
    spec: doc('3.0', {
      '/a': get({ '500': { description: 'x', content: { 'application/json': { examples: { a: 5, b: null } }, 'text/plain': null } } }),
    }),
    expected: [],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}types:\n  Error: !include error.raml\n/things:\n  get:\n    responses:\n      500:\n        body:\n          application/json: Error\n`,
    'error.raml': '#%RAML 1.0 DataType\ntype: object\nproperties:\n  message: string\n  stackTrace: string\n',
  },
  expected: [
    {
      file: 'error.raml',
      line: 5,
      severity: 'error',
      message:
        'Property "stackTrace" of an error response looks like internal detail ("stack"): leave stack traces, exceptions, queries and source locations in the server logs and return a correlation id instead.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}types:\n  Error: !include error.raml\n/things:\n  get:\n    responses:\n      500:\n        body:\n          application/json: Error\n`,
    'error.raml': '#%RAML 1.0 DataType\ntype: object\nproperties:\n  message: string\n  correlationId: string\n',
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  it('internalNames replaces the list', async () => {
    const spec = doc('3.1', { '/a': get({ '500': responseOf('3.1', object({ trace: {}, internalCode: {} })) }) });
    const ruleset = rulesetWithOptions(CODE, FUNCTION, { internalNames: ['internal code'] });
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(internal('internalCode', 'internal code'), [
        'paths',
        '/a',
        'get',
        'responses',
        '500',
        'content',
        'application/json',
        'schema',
        'properties',
        'internalCode',
      ]),
    ]);
  });
});
