/*
 * Exemptions in the CLI: exempted findings in every report, never failing a run or entering a
 * baseline; the policy flags; and `specguard exemptions`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { displayPath } from '../src/results/summary.js';
import { tempDir } from './helpers.js';

const dir = tempDir('specguard-exemptions-');
const file = (name: string, content: string) => {
  const full = path.join(dir, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
};

/** The CLI in process, on a fixed day: 2027-01-15. */
async function cli(argv: string[], today = '2027-01-15T12:00:00Z') {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: t => (stdout += t), stderr: t => (stderr += t), now: () => new Date(today) });
  return { code, stdout, stderr };
}

const RESPONSES =
  "{'200': {description: ok, headers: {RateLimit: {schema: {type: string}}}}, '429': {description: slow down, headers: {Retry-After: {schema: {type: integer}}}}, default: {description: error, content: {application/problem+json: {schema: {type: object, properties: {instance: {type: string}}}}}}}";
/**
 * A plain-HTTP server (an error) exempted on the root until 2027-03-31, and an unbounded string
 * parameter (a warning) exempted on its operation with a bare reason.
 */
const EXEMPTED = `openapi: 3.0.3
info: {title: t, version: '1'}
x-specguard-exempt:
  specguard-server-https: {reason: a local mock server, owner: qa-team, expires: 2027-03-31}
servers: [{url: 'http://mock.example.com/v1'}]
security: [{bearer: []}]
components: {securitySchemes: {bearer: {type: http, scheme: bearer, bearerFormat: JWT}}}
paths:
  /q:
    get:
      x-specguard-exempt: {specguard-string-max-length: the gateway cuts q to 200 characters}
      parameters: [{name: q, in: query, schema: {type: string}}]
      responses: ${RESPONSES}
`;
const spec = file('api/openapi.yaml', EXEMPTED);
const HTTPS_MESSAGE =
  'Server URL "http://mock.example.com/v1" uses plain HTTP: use https:// so credentials and data are encrypted in transit.';

describe('lint: exempted findings', () => {
  it('never fail the run: the stylish report counts them', async () => {
    expect(await cli(['lint', spec])).toEqual({
      code: 0,
      stdout: 'No findings in 1 file (2 findings exempted in the spec).\n',
      stderr: '',
    });
  });

  it('--show-exempted lists them, each with its exemption', async () => {
    const r = await cli(['lint', spec, '--show-exempted']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      '',
      'Exempted in the spec (not counted, never failing the run):',
      '',
      spec,
      `  5:17   error    ${HTTPS_MESSAGE}`,
      '                  specguard-server-https  servers[0].url',
      '                  exempted: a local mock server (qa-team, expires 2027-03-31)',
      '  12:48  warning  Parameter "q" is a string without maxLength: add maxLength (or an enum or a fully anchored, bounded pattern) so oversized input is rejected at the edge.',
      '                  specguard-string-max-length  paths./q.get.parameters[0].schema',
      '                  exempted: the gateway cuts q to 200 characters',
      '',
      'ℹ 0 problems (0 errors, 0 warnings, 0 infos, 0 hints)',
      '  1 file checked: 0 with findings, 1 passed.',
      '  2 findings exempted in the spec.',
      '',
    ]);
  });

  it('the summary counts them beside real findings, and says how to list them', async () => {
    const withFinding = file('mixed/openapi.yaml', EXEMPTED.replace('/q:', '/p:\n    get:\n      responses: {}\n  /q:'));
    const r = await cli(['lint', withFinding]);
    expect(r.stdout).toContain('\n  2 findings exempted in the spec (--show-exempted lists them).\n');
    expect(r.stdout).not.toContain('Exempted in the spec');
  });

  it('JSON carries them as entries with an exempted field; other entries have none', async () => {
    const entries = JSON.parse((await cli(['lint', spec, '-f', 'json'])).stdout) as Array<Record<string, unknown>>;
    expect(entries.map(e => [e.code, e.exempted])).toEqual([
      ['specguard-server-https', { reason: 'a local mock server', owner: 'qa-team', expires: '2027-03-31' }],
      ['specguard-string-max-length', { reason: 'the gateway cuts q to 200 characters' }],
    ]);
    const expired = JSON.parse((await cli(['lint', spec, '-f', 'json'], '2027-04-01T00:00:00Z')).stdout) as Array<Record<string, unknown>>;
    expect(expired.map(e => [e.code, 'exempted' in e])).toEqual([
      ['specguard-exemption', false],
      ['specguard-server-https', false],
      ['specguard-string-max-length', true],
    ]);
  });

  it('SARIF: suppressed results (inSource, the reason as justification, owner and expiry as properties), in the shape SARIF 2.1.0 defines', async () => {
    const r = await cli(['lint', spec, '-f', 'sarif']);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout) as Log;
    const results = log.runs[0].results!;
    expect(results.map(result => [result.ruleId, result.level, result.suppressions])).toEqual([
      [
        'specguard-server-https',
        'error',
        [
          {
            kind: 'inSource',
            status: 'accepted',
            justification: 'a local mock server',
            properties: { owner: 'qa-team', expires: '2027-03-31' },
          },
        ],
      ],
      [
        'specguard-string-max-length',
        'warning',
        [{ kind: 'inSource', status: 'accepted', justification: 'the gateway cuts q to 200 characters' }],
      ],
    ]);
    // The suppression object of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json, "suppression"), which code scanning reads.
    const validate = new Ajv({ strict: false }).compile({
      type: 'array',
      minItems: 0,
      uniqueItems: true,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind'],
        properties: {
          guid: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$' },
          kind: { enum: ['inSource', 'external'] },
          status: { enum: ['accepted', 'underReview', 'rejected'] },
          justification: { type: 'string' },
          location: { type: 'object' },
          properties: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } } } },
        },
      },
    });
    for (const result of results) expect(validate(result.suppressions), JSON.stringify(validate.errors)).toBe(true);
    // Still tracked like any result, and the rules they belong to are described.
    expect(results.every(result => typeof result.partialFingerprints?.['specguard/v1'] === 'string')).toBe(true);
    expect(log.runs[0].tool.driver.rules!.map(rule => rule.id)).toEqual(['specguard-server-https', 'specguard-string-max-length']);
  });

  it('markdown and html count them; markdown lists them with --show-exempted', async () => {
    const markdown = (await cli(['lint', spec, '-f', 'markdown'])).stdout;
    expect(markdown).toContain(
      '0 findings (0 errors, 0 warnings, 0 infos, 0 hints). 1 file checked: 0 with findings, 1 passed. 2 findings exempted in the spec (--show-exempted lists them).',
    );
    expect(markdown).not.toContain('## Exempted');
    const listed = (await cli(['lint', spec, '-f', 'markdown', '--show-exempted'])).stdout;
    expect(listed).toContain(
      [
        '## Exempted in the spec',
        '',
        '| Code | Path | Message | Exemption | Position | Source |',
        '|---|---|---|---|---|---|',
        `| [specguard-server-https](`,
      ].join('\n'),
    );
    expect(listed).toContain(
      `| servers\\[0\\].url | ${HTTPS_MESSAGE} | a local mock server (qa-team, expires 2027-03-31) | 5:17 | ${displayPath(spec, process.cwd())} |`,
    );
    const html = (await cli(['lint', spec, '-f', 'html'])).stdout;
    expect(html).toContain('1 file checked: 0 with findings, 1 passed. 2 findings exempted in the spec (--show-exempted lists them).</p>');
  });

  it('an expired exemption exempts nothing: its finding fails the run again, beside the exemption warning', async () => {
    const r = await cli(['lint', spec, '-f', 'json'], '2027-04-01T00:00:00Z');
    expect(r.code).toBe(1);
    const [warning] = JSON.parse(r.stdout) as Array<{
      code: string;
      message: string;
      severity: number;
      range: { start: { line: number } };
    }>;
    expect(warning).toMatchObject({
      code: 'specguard-exemption',
      message:
        'Exemption from specguard-server-https expired on 2027-03-31, so it exempts nothing: fix what it covered, or renew it with a later date.',
      severity: 1,
      range: { start: { line: 3 } },
    });
  });

  it('--require-exemption-owner: an exemption without an owner exempts nothing', async () => {
    const r = await cli(['lint', spec, '--require-exemption-owner', '-f', 'json']);
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.stdout) as Array<{ code: string; message: string; exempted?: unknown }>;
    expect(entries.map(e => [e.code, e.exempted !== undefined])).toEqual([
      ['specguard-server-https', true],
      ['specguard-exemption', false],
      ['specguard-string-max-length', false],
    ]);
    expect(entries[1].message).toBe(
      'Exemption from specguard-string-max-length has no owner, so it exempts nothing: this run requires one (--require-exemption-owner): add owner: "<team>".',
    );
    const expiryless = JSON.parse((await cli(['lint', spec, '--require-exemption-expiry', '-f', 'json'])).stdout) as Array<{
      message: string;
    }>;
    expect(expiryless[1].message).toBe(
      'Exemption from specguard-string-max-length has no expiry date, so it exempts nothing: this run requires one (--require-exemption-expiry): add expires: YYYY-MM-DD.',
    );
  });

  it('never enter a baseline: when the exemption expires, its finding is new', async () => {
    const baseline = path.join(dir, 'baseline.json');
    expect(await cli(['lint', spec, '--baseline', baseline, '--update-baseline'])).toEqual({
      code: 0,
      stdout: '',
      stderr: `specguard: wrote 0 findings to the baseline ${baseline}\n`,
    });
    expect(JSON.parse(readFileSync(baseline, 'utf8'))).toEqual({ specguardBaseline: 1, findings: [] });
    const later = await cli(['lint', spec, '--baseline', baseline, '-f', 'json'], '2027-04-01T00:00:00Z');
    expect(later.code).toBe(1);
    expect((JSON.parse(later.stdout) as Array<{ code: string }>).map(e => e.code)).toEqual([
      'specguard-exemption',
      'specguard-server-https',
      'specguard-string-max-length',
    ]);
  });
});

describe('specguard exemptions', () => {
  const folder = path.join(dir, 'catalogue');
  const a = file(
    'catalogue/a.yaml',
    `openapi: 3.1.0
info: {title: a, version: '1'}
x-specguard-exempt:
  specguard-server-https: {reason: mock, owner: qa, expires: 2027-06-30}
paths:
  /x:
    get:
      x-specguard-exempt:
        specguard-string-max-length: legacy clients
        specguard-rate-limit-response: {reason: gateway limits, owner: platform, expires: 2027-01-01}
      responses: {}
`,
  );
  const b = file(
    'catalogue/b.json',
    JSON.stringify(
      {
        openapi: '3.0.3',
        info: { title: 'b', version: '1' },
        'x-specguard-exempt': { 'specguard-strng-max-length': { reason: 'typo', expires: '2027-03-01' } },
        paths: {},
      },
      null,
      2,
    ),
  );
  const rel = (f: string) => displayPath(f, process.cwd());

  it('lists every exemption, soonest expiry first and those without one last, and exits 0', async () => {
    const r = await cli(['exemptions', folder]);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `2027-01-01  expired                                         ${rel(a)}:10  specguard-rate-limit-response  platform  gateway limits`,
        `2027-03-01  invalid: names no rule of the ruleset that ran  ${rel(b)}:8   specguard-strng-max-length     -         typo`,
        `2027-06-30  active                                          ${rel(a)}:4   specguard-server-https         qa        mock`,
        `no expiry   active                                          ${rel(a)}:9   specguard-string-max-length    -         legacy clients`,
        '',
        '4 exemptions in 2 files: 1 expired, 1 invalid.',
        '',
      ].join('\n'),
    });
  });

  it('--fail-expired exits 1 when one has expired, 0 when none has', async () => {
    expect((await cli(['exemptions', folder, '--fail-expired'])).code).toBe(1);
    expect((await cli(['exemptions', folder, '--fail-expired'], '2026-12-31T00:00:00Z')).code).toBe(0);
  });

  it('--format json: one object per exemption, in the same order', async () => {
    const listed = JSON.parse((await cli(['exemptions', a, b, '-f', 'json'])).stdout) as unknown[];
    expect(listed).toEqual([
      {
        source: a,
        line: 10,
        rule: 'specguard-rate-limit-response',
        reason: 'gateway limits',
        owner: 'platform',
        expires: '2027-01-01',
        status: 'expired',
      },
      {
        source: b,
        line: 8,
        rule: 'specguard-strng-max-length',
        reason: 'typo',
        expires: '2027-03-01',
        status: 'invalid',
        problem: 'names no rule of the ruleset that ran',
      },
      { source: a, line: 4, rule: 'specguard-server-https', reason: 'mock', owner: 'qa', expires: '2027-06-30', status: 'active' },
      { source: a, line: 9, rule: 'specguard-string-max-length', reason: 'legacy clients', status: 'active' },
    ]);
  });

  it('--format markdown: a table', async () => {
    const r = await cli(['exemptions', a, '-f', 'markdown']);
    expect(r.stdout).toBe(
      [
        '# specguard exemptions',
        '',
        '3 exemptions in 1 file: 1 expired, 0 invalid.',
        '',
        '| Expires | Status | Location | Rule | Owner | Reason |',
        '|---|---|---|---|---|---|',
        `| 2027-01-01 | expired | ${rel(a)}:10 | specguard-rate-limit-response | platform | gateway limits |`,
        `| 2027-06-30 | active | ${rel(a)}:4 | specguard-server-https | qa | mock |`,
        `| no expiry | active | ${rel(a)}:9 | specguard-string-max-length | - | legacy clients |`,
        '',
      ].join('\n'),
    );
  });

  it('a file that cannot be read is an error at file:line:col and exit 2; the others are still listed', async () => {
    const broken = file('broken/openapi.yaml', 'openapi: 3.0.3\ninfo: {title: [}\n');
    const r = await cli(['exemptions', broken, a]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^specguard: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: invalid YAML: .+\\n$`));
    expect(r.stdout).toContain('3 exemptions in 1 file: 1 expired, 0 invalid.');
  });

  it('RAML: annotations at their RAML file and line', async () => {
    const raml = file(
      'raml/api.raml',
      '#%RAML 1.0\ntitle: T\nannotationTypes:\n  specguard-exempt: any\n/a:\n  get:\n    (specguard-exempt):\n      specguard-operation-security: {reason: internal only, owner: ops, expires: 2027-05-01}\n',
    );
    const listed = JSON.parse((await cli(['exemptions', raml, '-f', 'json'])).stdout) as unknown[];
    expect(listed).toEqual([
      {
        source: raml,
        line: 8,
        rule: 'specguard-operation-security',
        reason: 'internal only',
        owner: 'ops',
        expires: '2027-05-01',
        status: 'active',
      },
    ]);
  });
});
