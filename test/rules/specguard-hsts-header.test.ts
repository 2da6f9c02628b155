import { describe } from 'vitest';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { withHeaders } from './cors-docs.js';

const CODE = 'specguard-hsts-header';
const finding = findingOf(CODE);
const missing = (count: number) =>
  `No response of the ${count} operations documents a Strict-Transport-Security header: send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on every response and document it, so a browser that once reached the API over HTTPS never downgrades to HTTP.`;
const VERSIONS = ['2.0', '3.0', '3.1'] as const;

const invalid: RuleCase[] = VERSIONS.map(v => ({
  name: `${v}: no response documents it (a components header does not count)`,
  spec: withHeaders(
    v,
    { 'X-Other': { schema: { type: 'string' } } },
    v === '2.0' ? '' : '  headers:\n    Strict-Transport-Security: {schema: {type: string}}\n',
  ),
  expected: [finding(missing(1), ['paths'])],
}));

const valid = [
  ...VERSIONS.map(v => ({
    name: `${v}: one response documents it, in any case`,
    spec: withHeaders(v, { 'strict-transport-security': { type: 'string' } }),
  })),
  { name: '3.1: no operations', spec: `${HEADERS['3.1']}paths: {}\n` },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid });
});
