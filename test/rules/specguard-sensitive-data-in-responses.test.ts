import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { VERSIONS, componentPath, doc, object, op, ref, responsePath } from './exposure-docs.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-sensitive-data-in-responses';
const FUNCTION = ruleDefinition(CODE).functionName;
const finding = findingOf(CODE);
const unclassified = (name: string, cls: string, where = 'responses', extension = 'x-specguard-classification') =>
  `Property "${name}" looks like ${cls} data and is returned in ${where}: leave it out, mask it, or say why it is returned with ${extension}: "<reason>".`;
const noReason = (name: string) =>
  `Property "${name}" has x-specguard-classification without a reason: give a non-empty reason (for example "masked: last 4 digits only").`;

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: one property of each class, in a shared component`,
    spec: doc(
      v,
      { '/owners': { get: op(v, ref(v, 'Owner')) }, '/owners/{id}': { get: op(v, ref(v, 'Owner')) } },
      { Owner: object({ owner_ssn: {}, cardNumber: {}, medicalRecordNumber: {}, 'date-of-birth': {}, iban: {} }) },
    ),
    expected: [
      finding(unclassified('owner_ssn', 'national id'), componentPath(v, 'Owner', 'properties', 'owner_ssn')),
      finding(unclassified('cardNumber', 'payment'), componentPath(v, 'Owner', 'properties', 'cardNumber')),
      finding(unclassified('medicalRecordNumber', 'health'), componentPath(v, 'Owner', 'properties', 'medicalRecordNumber')),
      finding(unclassified('date-of-birth', 'birth date'), componentPath(v, 'Owner', 'properties', 'date-of-birth')),
      finding(unclassified('iban', 'payment'), componentPath(v, 'Owner', 'properties', 'iban')),
    ],
  },
  {
    name: `${v}: a masked field whose extension has no reason`,
    spec: doc(v, { '/owners': { get: op(v, object({ ssnLast4: { 'x-specguard-classification': ' ' } })) } }),
    expected: [finding(noReason('ssnLast4'), [...responsePath(v, '/owners'), 'properties', 'ssnLast4'])],
  },
  {
    name: `${v}: the same property in two allOf branches, reported once`,
    spec: doc(v, { '/a': { get: op(v, { allOf: [ref(v, 'Base'), object({ dob: { maxLength: 10 } })] }) } }, { Base: object({ dob: {} }) }),
    expected: [finding(unclassified('dob', 'birth date'), componentPath(v, 'Base', 'properties', 'dob'))],
  },
  {
    name: `${v}: account numbers near a bank word (a sort code sibling, a bank account component, the name), and a string tax id`,
    spec: doc(
      v,
      {
        '/feeds': { get: op(v, object({ accountName: {}, accountNumber: {}, sortCode: {} })) },
        '/accounts': { get: op(v, ref(v, 'BankAccount')) },
        '/payments': { get: op(v, object({ BankAccountNumber: {}, tax_id: { type: 'string' } })) },
      },
      { BankAccount: object({ account_number: {}, holder: {} }) },
    ),
    expected: [
      finding(unclassified('accountNumber', 'payment'), [...responsePath(v, '/feeds'), 'properties', 'accountNumber']),
      finding(unclassified('BankAccountNumber', 'payment'), [...responsePath(v, '/payments'), 'properties', 'BankAccountNumber']),
      finding(unclassified('tax_id', 'national id'), [...responsePath(v, '/payments'), 'properties', 'tax_id']),
      finding(unclassified('account_number', 'payment'), componentPath(v, 'BankAccount', 'properties', 'account_number')),
    ],
  },
]).concat([
  {
    name: '3.1: a callback payload with a diagnosis',
    spec: doc('3.1', {
      '/subscriptions': {
        post: {
          responses: { '201': { description: 'ok' } },
          callbacks: {
            visit: {
              '{$request.body#/url}': {
                post: {
                  requestBody: { content: { 'application/json': { schema: object({ diagnosis: { type: 'string' } }) } } },
                  responses: { '200': { description: 'ok' } },
                },
              },
            },
          },
        },
      },
    }),
    expected: [
      finding(unclassified('diagnosis', 'health', 'callback or webhook payloads'), [
        'paths',
        '/subscriptions',
        'post',
        'callbacks',
        'visit',
        '{$request.body#/url}',
        'post',
        'requestBody',
        'content',
        'application/json',
        'schema',
        'properties',
        'diagnosis',
      ]),
    ],
  },
]);

const valid = VERSIONS.flatMap(v => [
  {
    name: `${v}: names that merely contain a class word`,
    spec: doc(v, {
      '/a': {
        get: op(
          v,
          object({ company: {}, spanId: {}, expiresAt: {}, tokenType: {}, pinned: {}, ssnVerified: {}, hasIban: { type: 'boolean' } }),
        ),
      },
    }),
  },
  {
    name: `${v}: a classified field with a reason (string or {reason}), also on an allOf peer`,
    spec: doc(
      v,
      {
        '/a': {
          get: op(v, {
            allOf: [
              ref(v, 'Base'),
              object({ ssnLast4: { maxLength: 4 }, iban: { 'x-specguard-classification': { reason: 'own account' } } }),
            ],
          }),
        },
      },
      { Base: object({ ssnLast4: { 'x-specguard-classification': 'masked: last 4 digits only' } }) },
    ),
  },
  {
    name: `${v}: sensitive data only in the request`,
    spec: doc(v, { '/a': { post: op(v, object({ id: {} }), object({ ssn: {}, dob: {} })) } }),
  },
  {
    name: `${v}: customer account numbers at providers that are not banks (Zoom, a shipping carrier, a betting site)`,
    spec: doc(v, {
      '/accounts': { get: op(v, object({ account_name: {}, account_number: {}, owner_email: {}, seats: { type: 'integer' } })) },
      '/shipping': {
        get: op(v, object({ carrierName: {}, carrierAccountNumber: { description: "The customer's account number with the carrier." } })),
      },
      '/online': { get: op(v, object({ name: {}, onlineAccountNumber: {} })) },
    }),
  },
  {
    name: `${v}: tax record keys, a public routing number, a creation date called birthday, masked values`,
    spec: doc(v, {
      '/items': { get: op(v, object({ TaxId: { type: 'integer', format: 'int32' }, propertyTaxID: { type: 'string' } })) },
      '/banks': { get: op(v, object({ routing_number: {}, name: {} })) },
      '/characters/{id}': {
        get: op(v, object({ birthday: { type: 'string', format: 'date-time', description: 'Creation date of the character' } })),
      },
      '/cards': { get: op(v, object({ maskedPan: {}, iban_last4: {} })) },
    }),
  },
]).concat([
  {
    name: '3.0: a writeOnly ssn in a shared schema',
    spec: doc('3.0', { '/a': { put: op('3.0', ref('3.0', 'P'), ref('3.0', 'P')) } }, { P: object({ ssn: { writeOnly: true } }) }),
  },
]);

const oddShapes: RuleCase[] = [
  {
    name: '3.0: a classification extension that is a number',
    spec: doc('3.0', { '/a': { get: op('3.0', object({ ssn: { 'x-specguard-classification': 5 } })) } }),
    expected: [finding(noReason('ssn'), [...responsePath('3.0', '/a'), 'properties', 'ssn'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/people:\n  get:\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              name: string\n              ssn: string\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 11,
      severity: 'error',
      message:
        'Property "ssn" looks like national id data and is returned in responses: leave it out, mask it, or say why it is returned with (specguard-classification): "<reason>".',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/people:\n  get:\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              name: string\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  describe('options', () => {
    const spec = doc('3.1', { '/a': { get: op('3.1', object({ employeeBadge: {}, ssn: { 'x-pii': 'masked' } })) } });
    it('classes replace the default; classificationExtension renames the extension', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, {
        classes: { staff: { names: ['employee badge'] }, 'national id': { names: ['ssn'] } },
        classificationExtension: 'x-pii',
      });
      expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
        finding(unclassified('employeeBadge', 'staff', 'responses', 'x-pii'), [
          ...responsePath('3.1', '/a'),
          'properties',
          'employeeBadge',
        ]),
      ]);
    });
    it('formats mark a class too', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { classes: { payment: { names: [], formats: ['credit-card'] } } });
      const cards = doc('3.0', { '/a': { get: op('3.0', object({ primary: { type: 'string', format: 'credit-card' } })) } });
      expect((await findingsOf(CODE, cards, { ruleset })).map(f => f.message)).toEqual([
        'Property "primary" (format "credit-card") looks like payment data and is returned in responses: leave it out, mask it, or say why it is returned with x-specguard-classification: "<reason>".',
      ]);
    });
  });
});
