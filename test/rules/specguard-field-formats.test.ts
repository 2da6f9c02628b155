import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import {
  bodyOp,
  bodyPath,
  componentPath,
  doc,
  getWith,
  versionCases,
  obj,
  param,
  paramPath,
  post,
  ref,
  responseOf,
  str,
  VERSIONS,
} from '../spec-builders.js';
import type { Json, SchemaCase } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-field-formats';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const messages = {
  email: (name: string, missing: string) =>
    `${name} is an email address without ${missing}: add it so malformed and oversized addresses are rejected at the edge.`,
  password: (name: string, missing: string) =>
    `${name} is a password in a request without ${missing}: add it so weak and oversized passwords are rejected, and the value is marked never to be returned.`,
  phone: (name: string, missing: string) =>
    `${name} is a phone number without ${missing}: add it so only digits of a real number's length are accepted.`,
};
const email = (extra: Json = {}) => str({ format: 'email', maxLength: 254, ...extra });
const password = (extra: Json = {}) => str({ format: 'password', minLength: 8, maxLength: 128, ...extra });
const phone = (extra: Json = {}) => str({ pattern: '^\\+?[0-9]{7,14}$', maxLength: 15, ...extra });

const VALID: Array<SchemaCase<Finding>> = [
  {
    name: 'well-constrained fields in every case style',
    paths: v => post(v, obj({ contactEmail: email(), 'new-password': password(), phone_number: phone() })),
  },
  { name: 'an email pattern instead of a format', paths: v => post(v, obj({ email: str({ pattern: '^[^@]+@[^@]+$', maxLength: 100 }) })) },
  {
    name: 'E.164 with its + sign in 16 characters',
    paths: v => post(v, obj({ phone: str({ pattern: '^\\+[1-9][0-9]{6,14}$', maxLength: 16 }) })),
  },
  { name: 'a writeOnly password', paths: v => post(v, obj({ password: str({ writeOnly: true, minLength: 12, maxLength: 64 }) })) },
  {
    name: 'names about the field, not the field',
    paths: v =>
      post(
        v,
        obj({
          emailVerified: { type: 'boolean' },
          passwordPolicy: str({ enum: ['a'] }),
          passwordUpdatedAt: str({ format: 'date-time' }),
          phoneVerified: str(),
        }),
      ),
  },
  { name: 'a non-string named like a field', paths: v => post(v, obj({ email: obj({ address: email() }), phone: { type: 'integer' } })) },
  {
    name: 'response-only fields',
    paths: v => ({ '/users': { get: { responses: { '200': responseOf(v, obj({ email: str(), password: str(), phone: str() })) } } } }),
  },
  { name: 'readOnly fields', paths: v => post(v, obj({ email: str({ readOnly: true }), phone: str({ readOnly: true }) })) },
  {
    name: 'constraints spread over allOf branches',
    paths: v => post(v, { allOf: [ref(v, 'Base'), { properties: { email: { maxLength: 254 }, password: { minLength: 10 } } }] }),
    schemas: () => ({ Base: obj({ email: str({ format: 'email' }), password: str({ writeOnly: true, maxLength: 64 }) }) }),
  },
  { name: 'a well-constrained query parameter', paths: v => getWith(v, param(v, 'email', 'query', email())) },
  { name: 'an x- extension named like a field', paths: v => post(v, { ...obj({}), 'x-email': str(), 'x-password': str() }) },
  {
    name: 'a bounded password only requests take: nothing to mark writeOnly, nothing is returned',
    paths: v => post(v, obj({ password: str({ minLength: 8, maxLength: 45 }) }), obj({ id: str({ format: 'uuid' }) })),
  },
  {
    name: 'a login password and a current password: a maxLength, no minLength (they must accept existing passwords)',
    paths: v => ({
      '/v2/users/login': { post: bodyOp(v, obj({ password: str({ maxLength: 128 }) })) },
      '/auth/token': { post: bodyOp(v, obj({ passwd: str({ maxLength: 128 }) })) },
      '/me/password': {
        put: bodyOp(v, obj({ old_password: str({ maxLength: 128 }), currentPassword: str({ maxLength: 128 }), newPassword: password() })),
      },
    }),
  },
  {
    name: 'a search filter beside its lookup variants (contact_phone__ic, email[contains]) matches stored values',
    paths: v =>
      getWith(
        v,
        param(v, 'contact_phone', 'query', str({ maxLength: 50 })),
        param(v, 'contact_phone__ic', 'query', str({ maxLength: 50 })),
        param(v, 'email', 'query', str({ maxLength: 254 })),
        param(v, 'email[contains]', 'query', str({ maxLength: 254 })),
      ),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'bare email, password and phone fields',
    paths: v => post(v, obj({ contactEmail: str(), 'new-password': str(), phone_number: str() })),
    expected: v => [
      finding(messages.email('Property "contactEmail"', 'format: email (or a pattern) and a maxLength of at most 254'), [
        ...bodyPath(v),
        'properties',
        'contactEmail',
      ]),
      finding(messages.password('Property "new-password"', 'a minLength of at least 8 and a maxLength'), [
        ...bodyPath(v),
        'properties',
        'new-password',
      ]),
      finding(messages.phone('Property "phone_number"', 'a digits pattern and a maxLength of at most 15'), [
        ...bodyPath(v),
        'properties',
        'phone_number',
      ]),
    ],
  },
  {
    name: 'limits too loose',
    paths: v =>
      post(v, obj({ email: email({ maxLength: 1000 }), password: password({ minLength: 4 }), mobilePhone: phone({ maxLength: 40 }) })),
    expected: v => [
      finding(messages.email('Property "email"', 'a maxLength of at most 254 (it allows 1000)'), [...bodyPath(v), 'properties', 'email']),
      finding(messages.password('Property "password"', 'a minLength of at least 8'), [...bodyPath(v), 'properties', 'password']),
      finding(messages.phone('Property "mobilePhone"', 'a maxLength of at most 16 (it allows 40)'), [
        ...bodyPath(v),
        'properties',
        'mobilePhone',
      ]),
    ],
  },
  {
    name: 'a phone pattern that admits letters',
    paths: v => post(v, obj({ phone: phone({ pattern: '^[\\w+]{7,15}$' }) })),
    expected: v => [finding(messages.phone('Property "phone"', 'a digits pattern'), [...bodyPath(v), 'properties', 'phone'])],
  },
  {
    name: 'digits only, in 16 characters',
    paths: v => post(v, obj({ phone: str({ pattern: '^[0-9]{7,16}$', maxLength: 16 }) })),
    expected: v => [
      finding(messages.phone('Property "phone"', 'a maxLength of at most 15 (it allows 16)'), [...bodyPath(v), 'properties', 'phone']),
    ],
  },
  {
    name: 'a query parameter',
    paths: v => getWith(v, param(v, 'email', 'query', str({ maxLength: 254 }))),
    expected: v => [finding(messages.email('Parameter "email"', 'format: email (or a pattern)'), paramPath(v, 0))],
  },
  {
    name: 'a password the API also returns, asked to be marked writeOnly',
    paths: v => ({ '/users': { post: bodyOp(v, ref(v, 'User'), ref(v, 'User')) } }),
    schemas: () => ({ User: obj({ password: str() }) }),
    expected: v => [
      finding(messages.password('Property "password"', 'a minLength of at least 8, a maxLength and format: password or writeOnly: true'), [
        ...componentPath(v, 'User'),
        'properties',
        'password',
      ]),
    ],
  },
  {
    name: 'a login password without a maxLength; a password login and sign-up share is asked for a minLength too',
    paths: v => ({
      '/login': { post: bodyOp(v, obj({ password: str() })) },
      '/old': { put: bodyOp(v, obj({ oldPassword: str({ minLength: 1 }) })) },
      '/signin': { post: bodyOp(v, ref(v, 'Credentials')) },
      '/signup': { post: bodyOp(v, ref(v, 'Credentials')) },
    }),
    schemas: () => ({ Credentials: obj({ password: str({ maxLength: 64 }) }) }),
    expected: v => [
      finding(messages.password('Property "password"', 'a maxLength'), [...bodyPath(v, '/login'), 'properties', 'password']),
      finding(messages.password('Property "oldPassword"', 'a maxLength'), [...bodyPath(v, '/old', 'put'), 'properties', 'oldPassword']),
      finding(messages.password('Property "password"', 'a minLength of at least 8'), [
        ...componentPath(v, 'Credentials'),
        'properties',
        'password',
      ]),
    ],
  },
  {
    name: 'a GET query parameter with no lookup variants is a lookup of one value: judged',
    paths: v => getWith(v, param(v, 'phone', 'query', str()), param(v, 'phone_number', 'query', phone())),
    expected: v => [finding(messages.phone('Parameter "phone"', 'a digits pattern and a maxLength of at most 15'), paramPath(v, 0))],
  },
  {
    name: 'a component used by two operations, reported once at the definition',
    paths: v => ({ '/a': { post: bodyOp(v, ref(v, 'Login'), ref(v, 'Login')) }, '/b': { put: bodyOp(v, ref(v, 'Login')) } }),
    schemas: () => ({ Login: obj({ password: password({ format: undefined }) }) }),
    expected: v => [
      finding(messages.password('Property "password"', 'format: password or writeOnly: true'), [
        ...componentPath(v, 'Login'),
        'properties',
        'password',
      ]),
    ],
  },
  {
    name: 'the missing part names only what no allOf branch gives',
    paths: v => post(v, { allOf: [ref(v, 'Base'), { properties: { email: { maxLength: 254 } } }] }),
    schemas: () => ({ Base: obj({ email: str() }) }),
    expected: v => [
      finding(messages.email('Property "email"', 'format: email (or a pattern)'), [...componentPath(v, 'Base'), 'properties', 'email']),
    ],
  },
  {
    name: 'a components-only file',
    paths: () => ({}),
    schemas: () => ({ Contact: obj({ phone: str() }) }),
    expected: v => [
      finding(messages.phone('Property "phone"', 'a digits pattern and a maxLength of at most 15'), [
        ...componentPath(v, 'Contact'),
        'properties',
        'phone',
      ]),
    ],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    // The user is also returned, so its password is asked to be marked writeOnly.
    'api.raml': `${HEAD}types:\n  User:\n    additionalProperties: false\n    properties:\n      email: {type: string, maxLength: 254}\n      password: {type: string, maxLength: 64}\n      phone: {type: string, maxLength: 20}\n/users:\n  post:\n    body:\n      application/json: User\n    responses:\n      201:\n        body:\n          application/json: User\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 7,
      severity: 'error',
      message:
        'Property "email" is an email address without format: email (or a pattern): add it so malformed and oversized addresses are rejected at the edge.',
    },
    {
      file: 'api.raml',
      line: 8,
      severity: 'error',
      message:
        'Property "password" is a password in a request without a minLength of at least 8 and format: password or (writeOnly): true: add it so weak and oversized passwords are rejected, and the value is marked never to be returned.',
    },
    {
      file: 'api.raml',
      line: 9,
      severity: 'error',
      message:
        'Property "phone" is a phone number without a digits pattern and a maxLength of at most 15 (it allows 20): add it so only digits of a real number\'s length are accepted.',
    },
  ],
  silent: {
    // RAML has no writeOnly facet: a (writeOnly) annotation sets it.
    'api.raml': `${HEAD}annotationTypes:\n  writeOnly: nil\ntypes:\n  User:\n    additionalProperties: false\n    properties:\n      email: {type: string, maxLength: 254, pattern: '^[^@]+@[^@]+$'}\n      password: {type: string, minLength: 12, maxLength: 64, (writeOnly):}\n      phone: {type: string, maxLength: 16, pattern: '^\\+[0-9]{6,15}$'}\n/users:\n  post:\n    body:\n      application/json: User\n    responses:\n      201:\n        body:\n          application/json: User\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
  it.each(VERSIONS)('options: own name lists and limits (%s)', async version => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, {
      emailNames: ['courriel'],
      phoneNames: ['tel'],
      phoneMaxLength: 16,
      unreachedSchemas: 'ignore',
    });
    const paths = post(version, obj({ email: str(), courriel: str({ format: 'email', maxLength: 300 }), tel: phone({ maxLength: 16 }) }));
    expect(await findingsOf(CODE, doc(version, paths, { Contact: obj({ phone: str() }) }), { ruleset })).toEqual([
      finding(messages.email('Property "courriel"', 'a maxLength of at most 254 (it allows 300)'), [
        ...bodyPath(version),
        'properties',
        'courriel',
      ]),
    ]);
  });
});
