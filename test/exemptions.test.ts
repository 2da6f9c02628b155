import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/run/lint.js';
import type { LintOptions } from '../src/run/lint.js';
import { isoDate } from '../src/engine/declared-exemptions.js';
import { lintRaml } from './raml/helpers.js';

/*
 * Exemptions written in the spec (x-specguard-exempt), through the programmatic lint(), which
 * runs the same results stage as the CLI (test/exemptions-cli.test.ts covers the reports).
 */

const source = path.resolve('exempt.yaml');
/** The day the tests run on: exemptions expire against it, never against the real clock. */
const TODAY = new Date('2027-01-15T12:00:00Z');
const run = (content: string, options: LintOptions = {}) => lint({ content, source }, { exemptions: { today: TODAY }, ...options });
const brief = (f: { code: string; path: Array<string | number>; severity: number }) => [f.code, f.path.join('.'), f.severity];

const HEAD =
  "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://api.example.com/v1'}]\nsecurity: [{bearer: []}]\ncomponents: {securitySchemes: {bearer: {type: http, scheme: bearer, bearerFormat: JWT}}}\n";
const RESPONSES =
  "{'200': {description: ok, headers: {RateLimit: {schema: {type: string}}}}, '429': {description: slow down, headers: {Retry-After: {schema: {type: integer}}}}, default: {description: error, content: {application/problem+json: {schema: {type: object, properties: {instance: {type: string}}}}}}}";
/** Two operations with one unbounded string parameter each; `extension` goes on GET /q (line 9 on). */
const op = (extension: string) => `${HEAD}paths:
  /q:
    get:
${extension}      parameters: [{name: q, in: query, schema: {type: string}}]
      responses: ${RESPONSES}
  /r:
    get:
      parameters: [{name: search, in: query, schema: {type: string}}]
      responses: ${RESPONSES}
`;
const exempt = (value: string) => `      x-specguard-exempt: {specguard-string-max-length: ${value}}\n`;

const Q = ['specguard-string-max-length', 'paths./q.get.parameters.0.schema', 1];
const R = ['specguard-string-max-length', 'paths./r.get.parameters.0.schema', 1];
const AT = 'paths./q.get.x-specguard-exempt.specguard-string-max-length';

describe('x-specguard-exempt: exemptions that hold', () => {
  it('without one, both operations are flagged', async () => {
    const report = await run(op(''));
    expect(report.results.map(brief)).toEqual([Q, R]);
    expect(report.exempted).toEqual([]);
  });

  it('a bare reason string (the original form) silences its rule at the object and below; the finding is listed as exempted', async () => {
    const report = await run(op(exempt('"search terms are cut to 200 characters by the gateway"')));
    expect(report.results.map(brief)).toEqual([R]);
    expect(report.exempted.map(brief)).toEqual([Q]);
    expect(report.exempted[0].exempted).toEqual({ reason: 'search terms are cut to 200 characters by the gateway' });
    expect(report.exempted[0].message).toBe(report.results[0].message.replace('"search"', '"q"'));
    // The catalog covers the rules of exempted findings too.
    expect(report.rules.map(r => r.code)).toEqual(['specguard-string-max-length']);
  });

  it.each([
    ['a YAML date', '2027-03-31'],
    ['a quoted date', "'2027-03-31'"],
    ['a timestamp', '2027-03-31T23:00:00Z'],
  ])('{reason, owner, expires} with the expiry as %s', async (_, expires) => {
    const report = await run(op(exempt(`{reason: ' gateway caps q ', owner: payments-team, expires: ${expires}}`)));
    expect(report.results.map(brief)).toEqual([R]);
    expect(report.exempted.map(f => f.exempted)).toEqual([{ reason: 'gateway caps q', owner: 'payments-team', expires: '2027-03-31' }]);
  });

  it('holds through its expiry day', async () => {
    const report = await run(op(exempt('{reason: r, expires: 2027-01-15}')));
    expect(report.exempted.map(brief)).toEqual([Q]);
  });

  it('in JSON too', async () => {
    const json = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      'x-specguard-exempt': { 'specguard-server-https': { reason: 'a local mock', owner: 'qa', expires: '2027-02-01' } },
      servers: [{ url: 'http://api.example.com' }],
      paths: {},
    });
    const report = await run(json);
    expect(report.exempted.map(brief)).toEqual([['specguard-server-https', 'servers.0.url', 0]]);
    expect(report.results.map(f => f.code)).not.toContain('specguard-server-https');
  });

  it('on the root, silences the rule in the whole file, and only that rule', async () => {
    const content = op('')
      .replace('servers:', 'x-specguard-exempt: {specguard-string-max-length: "internal prototype"}\nservers:')
      .replace('https://', 'http://');
    const report = await run(content);
    expect(report.results.map(brief)).toEqual([['specguard-server-https', 'servers.0.url', 0]]);
    expect(report.exempted.map(brief)).toEqual([Q, R]);
  });

  it('a document without source: its exempted findings have no source either', async () => {
    const report = await lint({ content: op(exempt('"gateway"')) }, { exemptions: { today: TODAY } });
    expect(report.exempted).toHaveLength(1);
    expect(report.exempted[0]).not.toHaveProperty('source');
  });
});

describe('x-specguard-exempt: exemptions that do not hold are reported and exempt nothing', () => {
  /** The report of GET /q's exemption: its specguard-exemption warning first (line 9 precedes the parameter). */
  async function reported(extension: string, options: LintOptions = {}) {
    const report = await run(op(extension), options);
    expect(report.exempted).toEqual([]);
    return report.results;
  }
  const problem = (message: string, at = AT, line = 8) => ({
    code: 'specguard-exemption',
    message,
    path: at.split('.'),
    severity: 1,
    line,
  });
  const shape = (f: {
    code: string;
    message: string;
    path: Array<string | number>;
    severity: number;
    range: { start: { line: number } };
  }) => ({
    code: f.code,
    message: f.message,
    path: f.path.map(String),
    severity: f.severity,
    line: f.range.start.line,
  });
  const NO_REASON =
    'Exemption from specguard-string-max-length has no reason, so it exempts nothing: give a non-empty string that says why the rule does not apply here.';

  it.each(['""', '"  "', 'true', 'null', '{owner: payments-team}', "{reason: '', expires: 2027-03-31}"])('no reason (%s)', async value => {
    const results = await reported(exempt(value));
    expect(results.map(shape)).toEqual([
      problem(NO_REASON),
      expect.objectContaining({ code: Q[0] }),
      expect.objectContaining({ code: R[0] }),
    ]);
  });

  it('expired: the day after its expiry it exempts nothing, and says when it expired', async () => {
    const results = await reported(exempt('{reason: r, owner: payments-team, expires: 2027-01-14}'));
    expect(results.map(shape)[0]).toEqual(
      problem(
        'Exemption from specguard-string-max-length expired on 2027-01-14, so it exempts nothing: fix what it covered, or renew it with a later date.',
      ),
    );
    expect(results.map(brief)).toEqual([['specguard-exemption', AT, 1], Q, R]);
  });

  it('an expired exemption is reported even when nothing is left for it to cover', async () => {
    const results = await reported('      x-specguard-exempt: {specguard-server-https: {reason: r, expires: 2026-12-31}}\n');
    expect(results.map(brief)).toEqual([['specguard-exemption', 'paths./q.get.x-specguard-exempt.specguard-server-https', 1], Q, R]);
  });

  it('a rule the ruleset does not have (a typo)', async () => {
    const results = await reported('      x-specguard-exempt: {specguard-string-maxlength: "gateway"}\n');
    expect(results.map(shape)[0]).toEqual(
      problem(
        'Exemption from specguard-string-maxlength names no rule of the ruleset that ran, so it exempts nothing: check the rule code (specguard rules lists them).',
        'paths./q.get.x-specguard-exempt.specguard-string-maxlength',
      ),
    );
    expect(results.slice(1).map(brief)).toEqual([Q, R]);
  });

  it.each([
    [
      'an unknown field',
      '{reason: r, expire: 2027-03-31}',
      'has an unknown field "expire", so it exempts nothing: its fields are reason, owner and expires.',
    ],
    [
      'an owner that is not a name',
      '{reason: r, owner: 42}',
      'has an owner that is not a name, so it exempts nothing: give the team or person who answers for it.',
    ],
    [
      'an expiry that is not a date',
      "{reason: r, expires: 'next year'}",
      'has an expiry that is not a date, so it exempts nothing: write expires: YYYY-MM-DD.',
    ],
    [
      'a day that does not exist',
      '{reason: r, expires: 2027-02-30}',
      'has an expiry that is not a date, so it exempts nothing: write expires: YYYY-MM-DD.',
    ],
  ])('%s', async (_, value, tail) => {
    const results = await reported(exempt(value));
    expect(results.map(shape)[0]).toEqual(problem(`Exemption from specguard-string-max-length ${tail}`));
    expect(results.slice(1).map(brief)).toEqual([Q, R]);
  });

  it.each(['[specguard-string-max-length]', 'all'])('an exemption list that is not a map (%s)', async value => {
    const results = await reported(`      x-specguard-exempt: ${value}\n`);
    expect(results.map(shape)[0]).toEqual(
      problem(
        'This exemption list is not a map of rule codes, so it exempts nothing: write {<rule code>: "<why the rule does not apply here>"}.',
        'paths./q.get.x-specguard-exempt',
      ),
    );
    expect(results.slice(1).map(brief)).toEqual([Q, R]);
  });

  it('a policy that requires an owner or an expiry date', async () => {
    const ownerless = exempt('{reason: gateway, expires: 2027-03-31}');
    expect((await run(op(ownerless))).exempted).toHaveLength(1);
    expect((await reported(ownerless, { exemptions: { today: TODAY, requireOwner: true } })).map(shape)[0]).toEqual(
      problem(
        'Exemption from specguard-string-max-length has no owner, so it exempts nothing: this run requires one (--require-exemption-owner): add owner: "<team>".',
      ),
    );
    expect(
      (await reported(exempt('{reason: gateway, owner: me}'), { exemptions: { today: TODAY, requireExpiry: true } })).map(shape)[0],
    ).toEqual(
      problem(
        'Exemption from specguard-string-max-length has no expiry date, so it exempts nothing: this run requires one (--require-exemption-expiry): add expires: YYYY-MM-DD.',
      ),
    );
  });

  it('the nearest exemption decides: an expired one on the operation is not rescued by a valid one on the root', async () => {
    const content = op(exempt('{reason: r, expires: 2026-01-01}')).replace(
      'servers:',
      'x-specguard-exempt: {specguard-string-max-length: "prototype"}\nservers:',
    );
    const report = await run(content);
    expect(report.results.map(brief)).toEqual([['specguard-exemption', AT, 1], Q]);
    expect(report.exempted.map(brief)).toEqual([R]);
  });
});

describe('RAML: (specguard-exempt) annotations', () => {
  const API = (exemption: string) =>
    `#%RAML 1.0\ntitle: T\nversion: v1\nbaseUri: https://api.example.com/{version}\nannotationTypes:\n  specguard-exempt: any\nsecuritySchemes:\n  oauth:\n    type: OAuth 2.0\n    settings: {accessTokenUri: 'https://auth.example.com/token', authorizationGrants: [client_credentials], scopes: [read]}\nsecuredBy: [oauth: {scopes: [read]}]\n/q:\n  get:\n${exemption}    queryParameters:\n      q: string\n`;

  it('the object form holds, with a RAML date; an expired one is reported at its RAML line', async () => {
    const holding = await lintRaml({
      'api.raml': API(
        '    (specguard-exempt):\n      specguard-string-max-length: {reason: gateway caps q, owner: search, expires: 2099-03-31}\n',
      ),
    });
    expect(holding.map(f => f.code)).not.toContain('specguard-string-max-length');
    expect(holding.map(f => f.code)).not.toContain('specguard-exemption');

    const expired = await lintRaml({
      'api.raml': API('    (specguard-exempt):\n      specguard-string-max-length: {reason: gateway caps q, expires: 2020-03-31}\n'),
    });
    expect(expired.filter(f => ['specguard-exemption', 'specguard-string-max-length'].includes(f.code))).toEqual([
      {
        code: 'specguard-exemption',
        message:
          'Exemption from specguard-string-max-length expired on 2020-03-31, so it exempts nothing: fix what it covered, or renew it with a later date.',
        file: 'api.raml',
        line: 15,
      },
      expect.objectContaining({ code: 'specguard-string-max-length', file: 'api.raml', line: 17 }),
    ]);
  });
});

describe('isoDate', () => {
  it.each([
    ['2027-03-31', '2027-03-31'],
    [new Date('2027-03-31T00:00:00Z'), '2027-03-31'],
    ['2027-03-31T10:00:00.000Z', '2027-03-31'],
    ['2028-02-29', '2028-02-29'],
    ['2027-02-29', undefined],
    ['31/03/2027', undefined],
    [new Date('nonsense'), undefined],
    [20270331, undefined],
  ])('%s -> %s', (value, day) => expect(isoDate(value)).toBe(day));
});
