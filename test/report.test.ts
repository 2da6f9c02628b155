import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCauses } from '../src/catalog/catalog.js';
import { run } from '../src/cli/main.js';
import type { Report } from '../src/report/api-report.js';
import { tempDir } from './helpers.js';

/*
 * specguard report, in-process, on specs whose scores are computed by hand: a ruleset that turns
 * every rule off but two (specguard-server-https, error; specguard-string-max-length, warning).
 */

const ROOT = path.resolve(__dirname, '..');
const dir = tempDir('specguard-report-');
const file = (name: string, content: string) => {
  const full = path.join(dir, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
};

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: t => (stdout += t), stderr: t => (stderr += t) });
  return { code, stdout, stderr };
}

const RULESET = file(
  '.spectral.yaml',
  `extends: [[specguard, off]]
rules:
  specguard-server-https: error
  specguard-string-max-length: warn
`,
);

// Two operations; a plain-HTTP server (1 error) and one unbounded string (1 warning); a second
// unbounded string exempted with a reason.
const WEAK = `openapi: 3.0.3
info: {title: Weak API, version: '1'}
servers: [{url: 'http://api.example.com'}]
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
  /b:
    get:
      parameters:
        - name: token
          in: query
          schema: {type: string}
          x-specguard-exempt: {specguard-string-max-length: "the gateway cuts it to 64 characters"}
      responses: {'200': {description: ok}}
`;
const STRONG = `openapi: 3.0.3
info: {title: Strong API, version: '1'}
servers: [{url: 'https://api.example.com'}]
paths:
  /a:
    get:
      responses: {'200': {description: ok}}
`;
file('apis/weak.yaml', WEAK);
file('apis/strong.yaml', STRONG);
file('apis/broken.yaml', 'openapi: 3.0.3\ninfo: [unclosed\n');

let cwd = '';
beforeAll(() => {
  cwd = process.cwd();
  process.chdir(dir);
});
afterAll(() => process.chdir(cwd));

const report = async (...argv: string[]) => {
  const result = await cli('report', ...argv, '--ruleset', RULESET);
  return { ...result, json: result.stdout.startsWith('{') ? (JSON.parse(result.stdout) as Report) : undefined };
};

describe('specguard report --format json', () => {
  it('scores each API by the README formula, worst first, with what was checked and what was exempted', async () => {
    const { code, json, stderr } = await report('apis/weak.yaml', 'apis/strong.yaml', '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(json!.reportVersion).toBe(1);
    expect(json!.score).toEqual({ severityWeights: { error: 10, warning: 3, info: 1, hint: 0 }, halfScorePenalty: 30 });
    expect(json!.summary).toEqual({
      apis: 2,
      notChecked: 0,
      findings: 2,
      bySeverity: { error: 1, warning: 1, info: 0, hint: 0 },
      exempted: 1,
    });
    expect(json!.apis.map(api => [api.file, api.title, api.operations, api.score])).toEqual([
      // server-https 10 x (1 + 1/2) / 2 = 7.5, string-max-length 3 x 1.5 / 2 = 2.25: 3000 / 39.75 = 75.5 -> 75
      [path.join('apis', 'weak.yaml'), 'Weak API', 2, 75],
      [path.join('apis', 'strong.yaml'), 'Strong API', 1, 100],
    ]);
    const weak = json!.apis[0];
    expect(weak.bySeverity).toEqual({ error: 1, warning: 1, info: 0, hint: 0 });
    expect(weak.byCategory.filter(c => c.error + c.warning + c.info + c.hint > 0)).toEqual([
      { category: 'API4:2023', name: 'Unrestricted Resource Consumption', error: 0, warning: 1, info: 0, hint: 0 },
      { category: 'API8:2023', name: 'Security Misconfiguration', error: 1, warning: 0, info: 0, hint: 0 },
    ]);
    expect(weak.byCategory.map(c => c.category)).toEqual([...Array.from({ length: 10 }, (_, i) => `API${i + 1}:2023`)]);
    // Without server-https: 3000 / 32.25 = 93 (+18); without string-max-length: 3000 / 37.5 = 80 (+5).
    expect(weak.topFixes).toEqual([
      { code: 'specguard-server-https', findings: 1, gain: 18 },
      { code: 'specguard-string-max-length', findings: 1, gain: 5 },
    ]);
    expect(weak.rules).toEqual([
      {
        code: 'specguard-server-https',
        category: 'API8:2023',
        severity: 'error',
        findings: 1,
        penalty: 7.5,
        docs: 'https://github.com/specguard/specguard/blob/main/docs/rules/specguard-server-https.md',
      },
      {
        code: 'specguard-string-max-length',
        category: 'API4:2023',
        severity: 'warning',
        findings: 1,
        penalty: 2.25,
        docs: 'https://github.com/specguard/specguard/blob/main/docs/rules/specguard-string-max-length.md',
      },
    ]);
    expect(weak.exemptions).toEqual({ count: 1 });
    expect(weak.findingList.map(f => [f.code, f.severity, f.line, f.column, f.source])).toEqual([
      ['specguard-server-https', 'error', 3, 17, path.join('apis', 'weak.yaml')],
      ['specguard-string-max-length', 'warning', 8, 39, path.join('apis', 'weak.yaml')],
    ]);
    // Only the two rules that ran count as checked; both have findings.
    expect(weak.compliance.map(fw => [fw.framework, fw.controls, fw.checked, fw.withFindings])).toEqual([
      [
        'owasp',
        [
          { id: 'API4:2023', findings: 1 },
          { id: 'API8:2023', findings: 1 },
        ],
        2,
        2,
      ],
      [
        'cwe',
        [
          { id: 'CWE-20', findings: 1 },
          { id: 'CWE-319', findings: 1 },
          { id: 'CWE-770', findings: 1 },
        ],
        3,
        3,
      ],
      [
        'nist80053',
        [
          { id: 'SC-8', findings: 1 },
          { id: 'SC-8(1)', findings: 1 },
          { id: 'SI-10', findings: 1 },
        ],
        3,
        3,
      ],
      [
        'soc2',
        [
          { id: 'CC6.7', findings: 1 },
          { id: 'PI1.2', findings: 1 },
        ],
        2,
        2,
      ],
      [
        'hipaa',
        [
          { id: '164.312(c)(1)', findings: 1 },
          { id: '164.312(e)(1)', findings: 1 },
          { id: '164.312(e)(2)(ii)', findings: 1 },
        ],
        3,
        3,
      ],
    ]);
    // The clean API was checked against the same controls and has findings against none.
    const strong = json!.apis[1];
    expect(strong.compliance.map(fw => [fw.checked, fw.withFindings])).toEqual([
      [2, 0],
      [3, 0],
      [3, 0],
      [2, 0],
      [3, 0],
    ]);
    expect(strong.topFixes).toEqual([]);
  });

  it('lists a file that could not be linted first, unscored, with its reason, and exits 2', async () => {
    const { code, json, stderr } = await report('apis/', '--format', 'json');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^specguard: .*broken\.yaml:3:1: invalid YAML: .*\n$/);
    expect(json!.apis.map(api => [api.file, api.score])).toEqual([
      [path.join('apis', 'broken.yaml'), null],
      [path.join('apis', 'weak.yaml'), 75],
      [path.join('apis', 'strong.yaml'), 100],
    ]);
    expect(json!.apis[0].notChecked).toMatch(/^invalid YAML: /);
    expect(json!.apis[0].compliance).toEqual([]);
    expect(json!.summary.notChecked).toBe(1);
  });

  it("counts as checked only the rules that ran on the file, after the ruleset's overrides", async () => {
    const ruleset = file(
      'override-rules.yaml',
      `extends: [[specguard, off]]
rules:
  specguard-server-https: error
  specguard-string-max-length: warn
overrides:
  - files: ['apis/strong.yaml']
    rules: {specguard-server-https: 'off'}
`,
    );
    const { stdout } = await cli('report', 'apis/strong.yaml', 'apis/weak.yaml', '--format', 'json', '--ruleset', ruleset);
    const owasp = (api: Report['apis'][number]) => api.compliance.find(fw => fw.framework === 'owasp')!.controls;
    const [weak, strong] = (JSON.parse(stdout) as Report).apis;
    expect(owasp(weak)).toEqual([
      { id: 'API4:2023', findings: 1 },
      { id: 'API8:2023', findings: 1 },
    ]);
    expect(owasp(strong)).toEqual([{ id: 'API4:2023', findings: 0 }]);
  });

  it('with the bundled ruleset, counts every rule meant for the API as checked', async () => {
    const { json } = await cli('report', 'apis/strong.yaml', '--format', 'json').then(r => ({ json: JSON.parse(r.stdout) as Report }));
    const owasp = json.apis[0].compliance.find(fw => fw.framework === 'owasp')!;
    expect(owasp.checked).toBe(10);
    expect(json.ruleset).toBe('recommended');
  }, 60_000);

  it("names the one change that clears a rule's findings where the rule knows it", async () => {
    const operations = Array.from({ length: 10 }, (_, i) => `  /r${i}:\n    get:\n      responses: {'200': {description: ok}}`).join('\n');
    const open = file('apis-open/open.yaml', `openapi: 3.0.3\ninfo: {title: Open, version: '1'}\npaths:\n${operations}\n`);
    const ruleset = file('open-rules.yaml', 'extends: [[specguard, off]]\nrules:\n  specguard-operation-security: error\n');
    const { stdout } = await cli('report', open, '--format', 'json', '--ruleset', ruleset);
    const api = (JSON.parse(stdout) as Report).apis[0];
    // 10 errors in 10 operations: penalty 10 x (1 + 1) / 2 = 10, score 75; fixed: 100.
    expect([api.operations, api.score]).toEqual([10, 75]);
    expect(api.topFixes).toEqual([
      {
        code: 'specguard-operation-security',
        findings: 10,
        gain: 25,
        fix: sharedCauses().find(cause => cause.code === 'specguard-operation-security')!.fix,
      },
    ]);
  });

  it('reports a RAML API once, at its root file, with the findings of its included files', async () => {
    const raml = path.join(ROOT, 'examples', 'insecure-raml', 'api.raml');
    const [reported, linted] = await Promise.all([
      cli('report', raml, '--format', 'json').then(r => JSON.parse(r.stdout) as Report),
      cli('lint', raml, '--format', 'json').then(r => JSON.parse(r.stdout) as unknown[]),
    ]);
    expect(reported.apis.map(api => [api.file, api.title, api.operations])).toEqual([[raml, 'Accounts API', 3]]);
    expect(reported.apis[0].findings).toBe(linted.length);
    expect(new Set(reported.apis[0].findingList.map(f => f.source)).size).toBeGreaterThan(1);
  }, 120_000);
});

describe('specguard report --format markdown', () => {
  it('has a summary table worst first, then per API its score, fixes, categories, rules and coverage', async () => {
    const { code, stdout } = await report('apis/weak.yaml', 'apis/strong.yaml', '--format', 'markdown', '--docs-url', '../docs/rules');
    expect(code).toBe(0);
    const weak = path.join('apis', 'weak.yaml');
    expect(stdout).toContain(
      [
        '| API | Score | Operations | Errors | Warnings | Info | Hints | Exempted |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        `| ${weak} (Weak API) | 75/100 | 2 | 1 | 1 | 0 | 0 | 1 |`,
        `| ${path.join('apis', 'strong.yaml')} (Strong API) | 100/100 | 1 | 0 | 0 | 0 | 0 | 0 |`,
      ].join('\n'),
    );
    expect(stdout).toContain('**Score 75/100**: 2 operations, 2 findings, 1 finding exempted by `x-specguard-exempt`.');
    expect(stdout).toContain('| [specguard-server-https](../docs/rules/specguard-server-https.md) | 1 | +18 | see the rule’s page |');
    expect(stdout).toContain('| API8:2023 Security Misconfiguration | 1 | 0 | 0 | 0 |');
    expect(stdout).toContain('| NIST SP 800-53 Rev. 5 | 3 | 3 | SC-8, SC-8(1), SI-10 |');
  });

  it('escapes what the spec says: a title cannot open a link or a table cell', async () => {
    const hostile = file('hostile/md.yaml', STRONG.replace('Strong API', '"[x](javascript:alert(1)) | <b>"'));
    const { stdout } = await report(hostile, '--format', 'markdown');
    expect(stdout).toContain('(\\[x\\](javascript:alert(1)) \\| \\<b\\>)');
  });
});

describe('specguard report --format html', () => {
  const HOSTILE = `openapi: 3.0.3
info: {title: '<img src=x onerror="window.pwned=1">', version: '1'}
servers: [{url: 'http://api.example.com'}]
paths:
  /users/<script>window.pwned=2</script>:
    get:
      parameters:
        - {name: q, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
`;

  it('escapes every text from the spec and allows only its own script', async () => {
    const hostile = file('hostile/spec.yaml', HOSTILE);
    const { code, stdout } = await report(hostile, '--format', 'html');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/<img|<script>window/);
    expect(stdout).toContain('&#60;img src=x onerror=&#34;window.pwned=1&#34;&#62;');
    const scripts = [...stdout.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(m => m[1]);
    expect(scripts).toHaveLength(1);
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const styles = [...stdout.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(m => m[1]);
    expect(styles).toHaveLength(1);
    expect(stdout).toContain(`style-src ${hash(styles[0])}; script-src ${hash(scripts[0])}"`);
    expect(stdout).not.toMatch(/ style=/);
    expect(stdout).toContain(`default-src 'none'`);
  });

  it('is one file that loads nothing: no src or external href but the rule pages', async () => {
    const { stdout } = await report('apis/weak.yaml', '--format', 'html');
    expect(stdout).not.toMatch(/<link|<img|src=/);
    const hrefs = [...stdout.matchAll(/href="([^"]*)"/g)].map(m => m[1]);
    expect(new Set(hrefs)).toEqual(
      new Set([
        'https://github.com/specguard/specguard/blob/main/docs/rules/specguard-server-https.md',
        'https://github.com/specguard/specguard/blob/main/docs/rules/specguard-string-max-length.md',
      ]),
    );
    expect(stdout).toContain('<svg class="chart"');
  });

  it('writes to --output and says so on stderr', async () => {
    const out = path.join(dir, 'out', 'report.html');
    mkdirSync(path.dirname(out), { recursive: true });
    const { code, stdout, stderr } = await report('apis/weak.yaml', 'apis/strong.yaml', '-o', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe(`specguard: wrote html report to ${out}: 2 APIs, 2 findings, lowest score 75\n`);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});

describe('specguard report: usage errors', () => {
  it.each([
    [['--docs-url', 'javascript:alert(1)'], "option '--docs-url <base>' argument 'javascript:alert(1)' is invalid"],
    [['--format', 'pdf'], "option '-f, --format <format>' argument 'pdf' is invalid"],
  ])('%j is refused in one line with exit 2', async (flags, message) => {
    const { code, stderr } = await report('apis/strong.yaml', ...flags);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toContain(`error: ${message}`);
  });

  it('refuses an --output folder that does not exist before linting', async () => {
    const { code, stderr } = await report('apis/strong.yaml', '-o', 'missing/report.html');
    expect(code).toBe(2);
    expect(stderr).toBe(
      `specguard: missing/report.html: --output: the folder ${path.join(dir, 'missing')} does not exist; create it first\n`,
    );
  });
});
