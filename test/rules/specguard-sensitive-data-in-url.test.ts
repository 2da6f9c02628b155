import { describe } from 'vitest';
import { findingOf, rulesetOverriding, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { VERSIONS, doc } from './exposure-docs.js';
import type { Json, Version } from './exposure-docs.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-sensitive-data-in-url';
const finding = findingOf(CODE);
const inUrl = (name: string, operation: string, cls: string, place: string, reason = '') =>
  `Parameter "${name}" of Operation ${operation}${reason} looks like ${cls} data sent in the ${place}, which proxies, server logs and browser history keep: send it in the request body or a header.`;

const param = (v: Version, name: string, where: string, schema: Json = { type: 'string', maxLength: 20 }): Json =>
  v === '2.0'
    ? { name, in: where, ...(where === 'path' ? { required: true } : {}), ...schema }
    : { name, in: where, ...(where === 'path' ? { required: true } : {}), schema };
const OK = { responses: { '200': { description: 'ok' } } };

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: query and path parameters, a shared one reported once`,
    spec: doc(
      v,
      {
        '/patients/{patient_ssn}': {
          parameters: [param(v, 'patient_ssn', 'path')],
          get: { parameters: [param(v, 'newPassword', 'query'), param(v, 'dob', 'query', { type: 'string', format: 'date' })], ...OK },
          delete: OK,
        },
      },
      {},
    ),
    expected: [
      finding(inUrl('patient_ssn', 'GET /patients/{patient_ssn}', 'national id', 'URL path'), [
        'paths',
        '/patients/{patient_ssn}',
        'parameters',
        '0',
        'name',
      ]),
      finding(inUrl('dob', 'GET /patients/{patient_ssn}', 'birth date', 'query string'), [
        'paths',
        '/patients/{patient_ssn}',
        'get',
        'parameters',
        '1',
        'name',
      ]),
    ],
  },
  {
    name: `${v}: a person's national id under a company's people or an organization's members (one flaw, two operations), a full birthday`,
    spec: doc(v, {
      '/companies/{companyId}/employees': {
        get: {
          parameters: [
            param(v, 'companyId', 'path'),
            { ...param(v, 'national_id', 'query'), description: "The employee's national id, as the company's payroll holds it." },
          ],
          ...OK,
        },
      },
      '/organization/members': {
        get: { parameters: [{ ...param(v, 'national_id', 'query'), description: 'National id of the person.' }], ...OK },
      },
      '/people': { get: { parameters: [param(v, 'birthday', 'query', { type: 'string', format: 'date' })], ...OK } },
    }),
    expected: [
      finding(inUrl('national_id', 'GET /companies/{companyId}/employees and 1 more operation', 'national id', 'query string'), [
        'paths',
        '/companies/{companyId}/employees',
        'get',
        'parameters',
        '1',
        'name',
      ]),
      finding(inUrl('birthday', 'GET /people', 'birth date', 'query string'), ['paths', '/people', 'get', 'parameters', '0', 'name']),
    ],
  },
  {
    name: `${v}: a password query parameter, with specguard-credential-in-url off (on, the place is its)`,
    spec: doc(v, { '/a': { get: { parameters: [param(v, 'newPassword', 'query')], ...OK } } }),
    ruleset: rulesetOverriding({ 'specguard-credential-in-url': 'off' }),
    expected: [finding(inUrl('newPassword', 'GET /a', 'secret', 'query string'), ['paths', '/a', 'get', 'parameters', '0', 'name'])],
  },
  {
    name: `${v}: a format password query parameter, with specguard-credential-in-url off`,
    spec: doc(v, { '/login': { post: { parameters: [param(v, 'token', 'query', { type: 'string', format: 'password' })], ...OK } } }),
    ruleset: rulesetOverriding({ 'specguard-credential-in-url': 'off' }),
    expected: [
      finding(inUrl('token', 'POST /login', 'secret', 'query string', ' (format "password")'), [
        'paths',
        '/login',
        'post',
        'parameters',
        '0',
        'name',
      ]),
    ],
  },
  {
    name: `${v}: the same password query parameter written into three operations, with specguard-credential-in-url off: one finding`,
    spec: doc(v, {
      '/a': { get: { parameters: [param(v, 'password', 'query')], ...OK }, post: { parameters: [param(v, 'password', 'query')], ...OK } },
      '/b': { get: { parameters: [param(v, 'password', 'query')], ...OK } },
    }),
    ruleset: rulesetOverriding({ 'specguard-credential-in-url': 'off' }),
    expected: [
      finding(inUrl('password', 'GET /a and 2 more operations', 'secret', 'query string'), [
        'paths',
        '/a',
        'get',
        'parameters',
        '0',
        'name',
      ]),
    ],
  },
  {
    name: `${v}: an account number beside a routing number, or under a bank path, is a bank account`,
    spec: doc(v, {
      '/transfers': { get: { parameters: [param(v, 'account_number', 'query'), param(v, 'routing_number', 'query')], ...OK } },
      '/bank-accounts': { get: { parameters: [param(v, 'AccountNumber', 'query')], ...OK } },
    }),
    expected: [
      finding(inUrl('account_number', 'GET /transfers', 'payment', 'query string'), [
        'paths',
        '/transfers',
        'get',
        'parameters',
        '0',
        'name',
      ]),
      finding(inUrl('AccountNumber', 'GET /bank-accounts', 'payment', 'query string'), [
        'paths',
        '/bank-accounts',
        'get',
        'parameters',
        '0',
        'name',
      ]),
    ],
  },
  {
    name: `${v}: a person's tax id and a whole card number are still reported`,
    spec: doc(v, {
      '/customers': {
        get: {
          parameters: [
            { ...param(v, 'tax_id', 'query'), description: "The customer's personal tax ID." },
            { ...param(v, 'card_number', 'query'), description: 'The card used to make the payment.' },
          ],
          ...OK,
        },
      },
    }),
    expected: [
      finding(inUrl('tax_id', 'GET /customers', 'national id', 'query string'), ['paths', '/customers', 'get', 'parameters', '0', 'name']),
      finding(inUrl('card_number', 'GET /customers', 'payment', 'query string'), ['paths', '/customers', 'get', 'parameters', '1', 'name']),
    ],
  },
]);

const valid = VERSIONS.flatMap(v => [
  {
    name: `${v}: a business's VAT or MOSS number (Taxamo tax_id, moss_tax_id, vat_tax_id), a card's first six or last four digits (GOV.UK Pay)`,
    spec: doc(v, {
      '/api/v1/reports/eu/vies': {
        get: {
          parameters: [
            {
              ...param(v, 'tax_id', 'query'),
              description: "MOSS-assigned tax ID - if not provided, merchant's national tax number will be used.",
            },
            param(v, 'moss_tax_id', 'query'),
            param(v, 'vat_tax_id', 'query'),
          ],
          ...OK,
        },
      },
      '/v1/payments': {
        get: {
          parameters: [
            { ...param(v, 'first_digits_card_number', 'query'), description: 'First six digits of the card used to make payment' },
            param(v, 'last_digits_card_number', 'query'),
            param(v, 'card_last4', 'query'),
            { ...param(v, 'card_number', 'query'), description: 'Last four digits of the card.' },
          ],
          ...OK,
        },
      },
    }),
  },
  {
    name: `${v}: a password or token in the query string: specguard-credential-in-url owns the place`,
    spec: doc(v, {
      '/a': {
        get: {
          parameters: [param(v, 'newPassword', 'query'), param(v, 'token', 'query', { type: 'string', format: 'password' })],
          ...OK,
        },
      },
    }),
  },
  {
    name: `${v}: header parameters and names that merely contain a class word`,
    spec: doc(v, {
      '/a': {
        get: {
          parameters: [
            param(v, 'X-Api-Secret', 'header'),
            param(v, 'pinned', 'query'),
            param(v, 'company', 'query'),
            param(v, 'passwordPolicy', 'query'),
            param(v, 'spanId', 'query'),
            param(v, 'hide_secret', 'query', { type: 'boolean' }),
          ],
          ...OK,
        },
      },
    }),
  },
  {
    name: `${v}: a password query parameter written into every operation: specguard-credential-in-url owns its first declaration`,
    spec: doc(v, {
      '/a': { get: { parameters: [param(v, 'password', 'query')], ...OK } },
      '/b': { get: { parameters: [param(v, 'password', 'query')], ...OK } },
    }),
  },
  {
    name: `${v}: other things named like sensitive data (visma propertyTaxID, a routing number, an app's account number)`,
    spec: doc(v, {
      '/fixedAssetPropertyTaxGroup': { get: { parameters: [param(v, 'propertyTaxID', 'query')], ...OK } },
      '/routing_numbers': { get: { parameters: [param(v, 'routing_number', 'query')], ...OK } },
      '/api/User/registerUser': {
        post: {
          parameters: [
            {
              ...param(v, 'AccountNumber', 'query'),
              description: 'Account number of the user. It can be any stakeholder of the application, even a gym.',
            },
            param(v, 'UserName', 'query'),
          ],
          ...OK,
        },
      },
    }),
  },
  {
    name: `${v}: a company's national registration number (Sinao's SIREN), a birthday's day of the month (Nookipedia)`,
    spec: doc(v, {
      '/apps/{appId}/organization': {
        post: {
          parameters: [
            param(v, 'appId', 'path'),
            {
              ...param(v, 'national_id', 'query'),
              description: 'Unique National Id, format by country. **In France : [0-9]{9} with last number as security key.**',
            },
          ],
          ...OK,
        },
      },
      '/suppliers': {
        get: { parameters: [{ ...param(v, 'national_id', 'query'), description: 'SIREN of the company.' }], ...OK },
      },
      '/villagers': {
        get: {
          parameters: [
            {
              ...param(v, 'birthday', 'query'),
              description: 'Use with `birthmonth` to get villager(s) born on a specific day. Value should be an int, 1 through 31.',
            },
            param(v, 'birthmonth', 'query'),
          ],
          ...OK,
        },
      },
      '/characters': {
        get: { parameters: [{ ...param(v, 'birthday', 'query'), description: 'Day of the month the character was born on.' }], ...OK },
      },
    }),
  },
  {
    name: `${v}: AWS cursors, ARNs and email addresses marked format password`,
    spec: doc(v, {
      '/meetings': {
        get: {
          parameters: [
            param(v, 'next-token', 'query', { type: 'string', format: 'password' }),
            param(v, 'appInstanceUserArn', 'query', { type: 'string', format: 'password' }),
            param(v, 'user-email', 'query', { type: 'string', format: 'password' }),
          ],
          ...OK,
        },
      },
    }),
  },
]);

const oddShapes: RuleCase[] = [
  {
    name: '3.0: parameters without a name, with a number name, or a string schema',
    spec: doc('3.0', {
      '/a': {
        get: {
          parameters: [{ in: 'query' }, { name: 5, in: 'query' }, { name: 'ssn', in: 5 }, { name: 'pin', in: 'query', schema: 'x' }],
          ...OK,
        },
      },
    }),
    expected: [finding(inUrl('pin', 'GET /a', 'secret', 'query string'), ['paths', '/a', 'get', 'parameters', '3', 'name'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/people:\n  get:\n    queryParameters:\n      ssn: {type: string, maxLength: 11}\n` },
  expected: [
    {
      file: 'api.raml',
      line: 6,
      severity: 'error',
      message:
        'Parameter "ssn" of Operation GET /people looks like national id data sent in the query string, which proxies, server logs and browser history keep: send it in the request body or a header.',
    },
  ],
  silent: { 'api.raml': `${HEAD}/people:\n  get:\n    queryParameters:\n      city: {type: string, maxLength: 100}\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
