import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import { bodyOp, bodyPath, componentPath, versionCases, obj, OK, post, ref, responseOf, str } from '../spec-builders.js';
import type { Json, SchemaCase, Version } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-upload-size';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string) =>
  `${name} is an upload without a declared size limit: add maxLength (in bytes) or x-max-size (such as "10MB") and enforce it at the edge, so one request cannot exhaust memory, disk or processing time.`;
const rawMessage = (name: string) =>
  `${name} is an upload without a declared size limit: declare x-max-size (such as "10MB") on the media type, or give it a schema with maxLength, and enforce it at the edge, so one request cannot exhaust memory, disk or processing time.`;
const binary = (extra: Json = {}) => str({ format: 'binary', ...extra });
const MULTIPART = 'multipart/form-data';

/**
 * POST /files taking a `file` part: a multipart body in 3.x, a `type: file` formData parameter in
 * 2.0. `extra` goes on the file schema (the parameter in 2.0), `opExtra` on the operation.
 */
const upload = (v: Version, extra: Json = {}, opExtra: Json = {}) =>
  v === '2.0'
    ? {
        '/files': {
          post: {
            consumes: [MULTIPART],
            parameters: [{ name: 'file', in: 'formData', type: 'file', ...extra }],
            responses: { '201': OK },
            ...opExtra,
          },
        },
      }
    : { '/files': { post: { ...bodyOp(v, obj({ file: binary(extra) }), undefined, MULTIPART), ...opExtra } } };
const uploadPath = (v: Version) =>
  v === '2.0' ? ['paths', '/files', 'post', 'parameters', '0'] : [...bodyPath(v, '/files', 'post', MULTIPART), 'properties', 'file'];
const uploadName = (v: Version) => (v === '2.0' ? 'Parameter "file"' : 'Property "file"');

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'maxLength on the file', only: ['3.0', '3.1'], paths: v => upload(v, { maxLength: 10_000_000 }) },
  { name: 'a size extension on the file', paths: v => upload(v, { 'x-max-size': '10MB' }) },
  { name: 'a size extension on the operation', paths: v => upload(v, {}, { 'x-max-file-size': 5_000_000 }) },
  {
    name: 'a size extension on the media type object',
    only: ['3.0', '3.1'],
    paths: () => ({
      '/files': { put: { requestBody: { content: { 'image/png': { schema: binary(), 'x-max-size': '2MB' } } }, responses: { '204': OK } } },
    }),
  },
  {
    name: 'maxLength in an allOf branch',
    only: ['3.0', '3.1'],
    paths: v => post(v, obj({ file: { allOf: [binary(), { maxLength: 100 }] } })),
  },
  {
    name: 'maxLength reached through a $ref',
    only: ['3.0', '3.1'],
    paths: v => post(v, obj({ file: ref(v, 'File') })),
    schemas: () => ({ File: binary({ maxLength: 100 }) }),
  },
  { name: 'a download (response-only binary)', paths: v => ({ '/files': { get: { responses: { '200': responseOf(v, binary()) } } } }) },
  { name: 'a readOnly binary in a request', paths: v => post(v, obj({ thumbnail: binary({ readOnly: true }), n: str({ maxLength: 4 }) })) },
  { name: 'format: byte is text string-max-length bounds', paths: v => post(v, obj({ blob: str({ format: 'byte' }) })) },
  {
    name: 'a 3.1 base64 string is text too',
    only: ['3.1'],
    paths: v => post(v, obj({ img: str({ contentMediaType: 'image/png', contentEncoding: 'base64' }) })),
  },
  {
    name: 'an empty octet-stream body on GET, DELETE and HEAD (a converter artifact), and a file copied onto a DELETE',
    only: ['3.0', '3.1'],
    paths: v => {
      const octet = { requestBody: { content: { 'application/octet-stream': {} } }, responses: { '200': OK } };
      return {
        '/users/{id}': { get: octet, delete: octet, head: octet },
        '/groups/{id}/icon': { delete: bodyOp(v, obj({ File: binary() }), undefined, MULTIPART) },
      };
    },
  },
  {
    name: 'an x- extension named like a file property',
    only: ['3.0', '3.1'],
    paths: v => post(v, { ...obj({ n: str({ maxLength: 4 }) }), 'x-file': binary() }),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'a multipart file part, or a 2.0 formData file',
    paths: v => upload(v),
    expected: v => [finding(message(uploadName(v)), uploadPath(v))],
  },
  {
    name: 'an octet-stream body',
    paths: v => ({ '/files': { put: bodyOp(v, binary(), undefined, 'application/octet-stream') } }),
    expected: v => [finding(message('Request body'), bodyPath(v, '/files', 'put', 'application/octet-stream'))],
  },
  {
    name: 'a raw body without a schema',
    only: ['3.0', '3.1'],
    paths: () => ({ '/files/{id}': { put: { requestBody: { content: { 'image/*': {} } }, responses: { '204': OK } } } }),
    expected: () => [
      finding(rawMessage('Request body (image/*) of Operation PUT /files/{id}'), [
        'paths',
        '/files/{id}',
        'put',
        'requestBody',
        'content',
        'image/*',
      ]),
    ],
  },
  {
    name: 'a file a POST takes, also copied onto a DELETE, still reported for the POST',
    only: ['3.0', '3.1'],
    paths: v => ({
      '/icon': { post: bodyOp(v, ref(v, 'Icon'), undefined, MULTIPART), delete: bodyOp(v, ref(v, 'Icon'), undefined, MULTIPART) },
    }),
    schemas: () => ({ Icon: obj({ File: binary() }) }),
    expected: v => [finding(message('Property "File"'), [...componentPath(v, 'Icon'), 'properties', 'File'])],
  },
  {
    name: 'a 3.1 contentMediaType without encoding',
    only: ['3.1'],
    paths: v => post(v, obj({ scan: { contentMediaType: 'application/pdf' } })),
    expected: v => [finding(message('Property "scan"'), [...bodyPath(v), 'properties', 'scan'])],
  },
  {
    name: 'a file component two operations take, once at the definition',
    only: ['3.0', '3.1'],
    paths: v => ({ '/a': { post: bodyOp(v, obj({ doc: ref(v, 'File') })) }, '/b': { post: bodyOp(v, obj({ scan: ref(v, 'File') })) } }),
    schemas: () => ({ File: binary() }),
    expected: v => [finding(message('Property "doc"'), componentPath(v, 'File'))],
  },
  {
    name: 'a size extension on one of two operations using the file',
    only: ['3.0', '3.1'],
    paths: v => ({
      '/a': { post: { ...bodyOp(v, obj({ doc: ref(v, 'File') })), 'x-max-size': '1MB' } },
      '/b': { post: bodyOp(v, obj({ scan: ref(v, 'File') })) },
    }),
    schemas: () => ({ File: binary() }),
    expected: v => [finding(message('Property "doc"'), componentPath(v, 'File'))],
  },
  {
    name: 'file parts named with brackets, spaces and a slash in a referenced schema, each at its own path',
    only: ['3.0', '3.1'],
    paths: v => ({ '/tracks': { post: bodyOp(v, ref(v, 'TrackDataRequest'), undefined, MULTIPART) } }),
    schemas: () => ({ TrackDataRequest: obj({ 'track[artwork_data]': binary(), 'Upload Yaml/Yml File': binary() }) }),
    expected: v => [
      finding(message('Property "track[artwork_data]"'), [...componentPath(v, 'TrackDataRequest'), 'properties', 'track[artwork_data]']),
      finding(message('Property "Upload Yaml/Yml File"'), [...componentPath(v, 'TrackDataRequest'), 'properties', 'Upload Yaml/Yml File']),
    ],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/files:\n  put:\n    body:\n      application/octet-stream:\n  post:\n    body:\n      multipart/form-data:\n        properties:\n          file: file\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 6,
      severity: 'error',
      message:
        'Request body (application/octet-stream) of Operation PUT /files is an upload without a declared size limit: declare (max-size) (such as "10MB") on the media type, or give it a schema with maxLength, and enforce it at the edge, so one request cannot exhaust memory, disk or processing time.',
    },
    {
      file: 'api.raml',
      line: 11,
      severity: 'error',
      message:
        'Property "file" is an upload without a declared size limit: add maxLength (in bytes) or (max-size) (such as "10MB") and enforce it at the edge, so one request cannot exhaust memory, disk or processing time.',
    },
  ],
  silent: {
    // RAML's file type bounds its size with maxLength; a (max-size) annotation sets x-max-size
    // (on the media type when the body has no type).
    'api.raml': `${HEAD}annotationTypes:\n  max-size: string\n/files:\n  put:\n    body:\n      application/octet-stream: {type: file, maxLength: 10485760}\n  patch:\n    body:\n      image/png:\n        (max-size): 10MB\n  post:\n    body:\n      multipart/form-data:\n        properties:\n          file: {type: file, (max-size): 10MB}\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
});
