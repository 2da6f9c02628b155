/*
 * The everyday CLI as a new user meets it: terminal output, closed pipes, -o, JUnit, severity
 * spellings, baselines, package metadata (issue: first run and everyday CLI).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Finding } from '../src/findings/findings.js';
import { colorWanted } from '../src/report/color.js';
import { tempDir } from './helpers.js';
import { RULES } from '../src/rules/registry.js';
import { readPackageJson } from './package-json.js';
import type { Log as SarifLog } from 'sarif';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'specguard.js');
const dir = tempDir('specguard-everyday-');
const file = (name: string, content: string) => {
  const full = path.join(dir, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
};

async function cli(argv: string[], tty: { isTTY?: boolean; columns?: number; stderrIsTTY?: boolean; stderrColumns?: number } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: t => (stdout += t), stderr: t => (stderr += t), ...tty });
  return { code, stdout, stderr };
}

/**
 * What every operation here answers: a success with its rate limit, the 429 with Retry-After a
 * rate-limited API documents, and problem details for any other error.
 */
const RESPONSES =
  "{'200': {description: ok, headers: {RateLimit: {schema: {type: string}}}}, '429': {description: slow down, headers: {Retry-After: {schema: {type: integer}}}}, default: {description: error, content: {application/problem+json: {schema: {type: object, properties: {instance: {type: string}}}}}}}";
const HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://api.example.com/v1'}]\n";
const SECURED = `${HEAD}security: [{bearer: []}]\ncomponents: {securitySchemes: {bearer: {type: http, scheme: bearer, bearerFormat: JWT}}}\n`;
/** `count` operations; `secured` adds a root security requirement. */
function api(count: number, secured: boolean): string {
  const paths = Array.from({ length: count }, (_, i) => `  /r${i}:\n    get:\n      responses: ${RESPONSES}\n`).join('');
  return `${secured ? SECURED : HEAD}paths:\n${paths}`;
}
const WITH_WARNING = `${SECURED}paths:\n  /q:\n    get:\n      parameters: [{name: q, in: query, schema: {type: string}}]\n      responses: ${RESPONSES}\n`;
const INSECURE = `${SECURED.replace('https://', 'http://')}paths: {}\n`;

describe('stylish output', () => {
  it('gives position, severity and message on one line, the rule and JSON path on the next, and summarises files and rules', async () => {
    const spec = file(
      'stylish/api.yaml',
      `${HEAD}paths:\n  /a:\n    get:\n      parameters: [{name: q, in: query, schema: {type: string}}]\n      responses: ${RESPONSES}\n`,
    );
    const clean = file('stylish/clean.yaml', api(1, true));
    const r = await cli(['lint', spec, clean]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(spec);
    expect(r.stdout).toContain(
      [
        '  6:9   error    Operation GET /a has no security requirement and no root default applies: add a "security" requirement, or mark it x-specguard-public: "<why it is public>".',
        '                 specguard-operation-security  paths./a.get',
        '  7:48  warning  Parameter "q" is a string without maxLength: add maxLength (or an enum or a fully anchored, bounded pattern) so oversized input is rejected at the edge.',
        '                 specguard-string-max-length  paths./a.get.parameters[0].schema',
      ].join('\n'),
    );
    for (const line of lines) expect(line).toBe(line.trimEnd());
    expect(r.stdout).toContain('✖ 2 problems (1 error, 1 warning, 0 infos, 0 hints)\n  2 files checked: 1 with findings, 1 passed.\n');
    expect(r.stdout).toMatch(
      /Findings per rule:\n {4}specguard-operation-security {2}1 {2}error\n {4}specguard-string-max-length {3}1 {2}warning\n/,
    );
  });

  it('says once what single change clears many findings with one cause', async () => {
    const spec = file('cause/many.yaml', api(12, false));
    const r = await cli(['lint', spec]);
    expect(r.stdout).toContain(
      // The temporary folder is outside the working folder, so the path stays absolute.
      `12 specguard-operation-security findings in ${spec} share one cause: the document declares no root "security": add one`,
    );
    // Below the threshold the findings speak for themselves.
    expect((await cli(['lint', file('cause/few.yaml', api(3, false))])).stdout).not.toContain('share one cause');
  });

  it('wraps long messages under their own column on a terminal', async () => {
    const spec = file('wrap/api.yaml', api(1, false));
    const r = await cli(['lint', spec, '--no-color'], { isTTY: true, columns: 80 });
    const rows = r.stdout.split('\n').filter(line => line.startsWith('  ') && !line.includes('problem'));
    expect(rows[0]).toMatch(/^ {2}6:9 {2}error {4}Operation GET \/r0 has no/);
    // Continuation lines start under the message: 2 + "6:9" + 2 + "warning" + 2.
    expect(rows[1]).toMatch(/^ {16}\S/);
    expect(rows.some(row => row === '                specguard-operation-security  paths./r0.get')).toBe(true);
  });

  it.each([80, 120])('keeps every line of the examples within %i columns, long JSON paths wrapped at their segments', async columns => {
    const examples = ['insecure', 'insecure-raml', 'secure'].map(dir => path.join(ROOT, 'examples', dir));
    const r = await cli(['lint', ...examples, '--no-color'], { isTTY: true, columns });
    const lines = r.stdout.split('\n');
    expect(lines.length).toBeGreaterThan(100);
    // A file's own name cannot wrap; nothing else here needs to pass the width.
    const overflowing = lines.filter(line => line.length > columns && !line.startsWith(path.join(ROOT, 'examples')));
    expect(overflowing).toEqual([]);
    expect(lines.filter(line => /^ +\.[a-zA-Z]/.test(line)).length).toBeGreaterThan(0);
  });

  it('--format markdown starts with a summary and gives files relative to the working folder, as SARIF does', async () => {
    const spec = path.join(ROOT, 'examples', 'insecure', 'openapi-3.0.yaml');
    const r = await cli(['lint', spec, path.join(ROOT, 'examples', 'secure', 'openapi-3.0.yaml'), '-f', 'markdown']);
    const relative = path.relative(process.cwd(), spec);
    expect(r.stdout).toMatch(
      /^# specguard report\n\n\d+ findings \(\d+ errors, \d+ warnings, \d+ infos, \d+ hints\)\. 2 files checked: \d with findings, \d passed\.\n\n\| Rule \| Findings \| Severity \|\n/,
    );
    expect(r.stdout).toContain('| [specguard-server-https](https://');
    expect(r.stdout).toContain('\n## Findings\n\n| Code | Path | Message | Severity | Position | Source |\n');
    expect(r.stdout).toContain(` | ${relative} |\n`);
    expect(r.stdout).not.toContain(spec);
  });

  it('colours severities on a terminal only, and never with NO_COLOR or --no-color', async () => {
    const spec = file('color/api.yaml', INSECURE);
    // eslint-disable-next-line no-control-regex -- ANSI escapes start with ESC
    const ansi = /\u001b\[/;
    const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
    delete process.env.NO_COLOR;
    delete process.env.FORCE_COLOR;
    try {
      expect((await cli(['lint', spec], { isTTY: true })).stdout).toMatch(ansi);
      expect((await cli(['lint', spec], { isTTY: false })).stdout).not.toMatch(ansi);
      expect((await cli(['lint', spec, '--no-color'], { isTTY: true })).stdout).not.toMatch(ansi);
      expect((await cli(['lint', spec, '-f', 'json'], { isTTY: true })).stdout).not.toMatch(ansi);
      process.env.NO_COLOR = '1';
      expect((await cli(['lint', spec], { isTTY: true })).stdout).not.toMatch(ansi);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
  ])('colorWanted(%o, tty=%s) is %s', (env, tty, expected) => {
    expect(colorWanted(env as NodeJS.ProcessEnv, tty)).toBe(expected);
  });
});

describe('progress on a terminal', () => {
  const a = file('progress/a.yaml', api(1, true));
  const b = file('progress/b.yaml', api(1, true));
  it('draws a bar on stderr while several files are linted, and erases it before the report', async () => {
    const r = await cli(['lint', a, b], { stderrIsTTY: true, stderrColumns: 60 });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\r\[=+\] 2\/2 files/);
    expect(r.stderr.endsWith('\r\x1b[2K')).toBe(true);
    for (const drawn of r.stderr.split('\r')) expect(drawn.replace('\x1b[2K', '').length).toBeLessThanOrEqual(60);
    expect(r.stdout).toBe('No findings in 2 files.\n');
  });
  it('stays off for one file, a redirected stderr, --quiet and --no-progress', async () => {
    expect((await cli(['lint', a], { stderrIsTTY: true })).stderr).toBe('');
    expect((await cli(['lint', a, b], { stderrIsTTY: false })).stderr).toBe('');
    expect((await cli(['lint', a, b, '--quiet'], { stderrIsTTY: true })).stderr).toBe('');
    expect((await cli(['lint', a, b, '--no-progress'], { stderrIsTTY: true })).stderr).toBe('');
  });
});

describe('a closed pipe', () => {
  /** Runs the binary, closing its stdout after the first chunk, as `| head -1` does. */
  function runClosingEarly(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise(resolve => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.on('data', chunk => (stderr += chunk));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', code => resolve({ code, stderr }));
    });
  }

  it('ends --help quietly with exit 0', async () => {
    const r = await runClosingEarly(['lint', '--help']);
    expect(r).toEqual({ code: 0, stderr: '' });
  });

  it('ends a long report quietly with the exit code of the run', async () => {
    const r = await runClosingEarly(['lint', file('pipe/many.yaml', api(3000, false))]);
    expect(r).toEqual({ code: 1, stderr: '' });
  });
});

describe('--output', () => {
  it('refuses a folder that does not exist before linting, as a usage error', async () => {
    const target = path.join(dir, 'no-such-folder', 'report.json');
    const r = await cli(['lint', file('out/api.yaml', INSECURE), '-o', target]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `specguard: ${target}: --output: the folder ${path.dirname(target)} does not exist; create it first\n`,
    });
  });

  it('refuses a folder as the report file', async () => {
    const r = await cli(['lint', file('out/api2.yaml', INSECURE), '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`specguard: ${dir}: --output: is a folder; give a file name\n`);
  });

  it('says in one line what it wrote', async () => {
    const target = path.join(dir, 'out', 'report.json');
    const r = await cli(['lint', file('out/api3.yaml', INSECURE), '-f', 'json', '-o', target]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `specguard: wrote json report to ${target}: 1 finding (1 error, 0 warnings, 0 infos, 0 hints) in 1 file\n`,
    });
    expect(JSON.parse(readFileSync(target, 'utf8'))).toHaveLength(1);
  });
});

describe('--format junit', () => {
  it('makes every finding a test case: failures at the fail severity, skipped below it, clean files passing', async () => {
    const warn = file('junit/warn.yaml', WITH_WARNING);
    const error = file('junit/error.yaml', INSECURE);
    const clean = file('junit/clean.yaml', api(1, true));
    const r = await cli(['lint', warn, error, clean, '-f', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="specguard" tests="3" failures="1" errors="0" skipped="1">/,
    );
    expect(r.stdout).toContain(`<testsuite name="${clean}" package="specguard" tests="1" failures="0" errors="0" skipped="0" time="0">`);
    expect(r.stdout).toContain(`<testcase classname="${clean}" name="no findings" time="0"/>`);
    expect(r.stdout).toContain('<skipped message="warning: Parameter &#34;q&#34; is a string without maxLength');
    expect(r.stdout).toContain('<failure message="Server URL &#34;http://api.example.com/v1&#34; uses plain HTTP');
    // With --fail-severity warning, the warning fails too.
    const strict = await cli(['lint', warn, '-f', 'junit', '--fail-severity', 'warning']);
    expect(strict.stdout).toContain('tests="1" failures="1" errors="0" skipped="0"');
  });
});

describe('severity names', () => {
  it.each(['warn', 'warning', 'WARNING'])('--fail-severity %s fails on warnings', async name => {
    expect((await cli(['lint', file('sev/api.yaml', WITH_WARNING), '-q', '--fail-severity', name])).code).toBe(1);
  });

  it('rejects an unknown severity and lists the accepted ones', async () => {
    const r = await cli(['lint', 'x.yaml', '--fail-severity', 'fatal']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected one of error, warn, warning, info, hint');
  });
});

describe('--baseline', () => {
  it('reports only findings the baseline does not list', async () => {
    const spec = file('base/api.yaml', api(2, false));
    const baseline = path.join(dir, 'base', 'baseline.json');
    const written = await cli(['lint', spec, '--baseline', baseline, '--update-baseline']);
    expect(written).toEqual({ code: 0, stdout: '', stderr: `specguard: wrote 2 findings to the baseline ${baseline}\n` });
    expect(await cli(['lint', spec, '--baseline', baseline])).toEqual({
      code: 0,
      stdout: 'No findings in 1 file (2 findings in the baseline not shown).\n',
      stderr: '',
    });
    // A new operation is a new finding; the old ones stay accepted even though their lines moved.
    writeFileSync(spec, api(2, false).replace('paths:\n', `paths:\n  /new:\n    get:\n      responses: ${RESPONSES}\n`));
    const r = await cli(['lint', spec, '--baseline', baseline, '-f', 'json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Finding[]).map(f => f.path)).toEqual([['paths', '/new', 'get']]);
    // With new findings too, the run says how many the baseline hid: in the summary, or on stderr
    // for a format without one.
    expect(r.stderr).toBe('specguard: 2 findings in the baseline not shown\n');
    const stylish = await cli(['lint', spec, '--baseline', baseline]);
    expect(stylish.code).toBe(1);
    expect(stylish.stderr).toBe('');
    expect(stylish.stdout).toContain('  1 file checked: 1 with findings, 0 passed.\n  2 findings in the baseline not shown.\n');
    const markdown = await cli(['lint', spec, '--baseline', baseline, '-f', 'markdown']);
    expect(markdown.stderr).toBe('');
    expect(markdown.stdout).toContain('1 file checked: 1 with findings, 0 passed. 2 findings in the baseline not shown.\n');
  });

  it('refuses a missing or malformed baseline with exit 2', async () => {
    const spec = file('base/one.yaml', api(1, false));
    const missing = path.join(dir, 'base', 'missing.json');
    expect(await cli(['lint', spec, '--baseline', missing])).toEqual({
      code: 2,
      stdout: '',
      stderr: `specguard: ${missing}: baseline file not found (create it with --update-baseline)\n`,
    });
    const bad = file('base/bad.json', '{"findings": 1}');
    expect((await cli(['lint', spec, '--baseline', bad])).stderr).toBe(
      `specguard: ${bad}: is not a specguard baseline (expected {"specguardBaseline": 1, "findings": [...]})\n`,
    );
  });
});

describe('the package', () => {
  const pkg = readPackageJson();
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; engines?: { node?: string } }>;
  };

  it('depends at run time only on packages that support the Node versions it declares (vendored ones too)', () => {
    const declared = pkg.engines.node;
    // The packages bundled into dist/vendor are devDependencies in the lockfile, at these paths.
    const vendored = new Set(
      (
        JSON.parse(readFileSync(path.join(ROOT, 'dist', 'vendor', 'raml-1-parser.json'), 'utf8')) as { packages: Array<{ path: string }> }
      ).packages.map(p => p.path),
    );
    expect(vendored.size).toBeGreaterThan(0);
    const unsupported = Object.entries(lock.packages)
      .filter(([name, entry]) => name !== '' && (!entry.dev || vendored.has(name)) && typeof entry.engines?.node === 'string')
      // Every version we declare, not just the oldest: a package that dropped Node 20 or skipped 23 fails here.
      .filter(([, entry]) => !semver.subset(declared, entry.engines!.node!))
      .map(([name, entry]) => `${name} needs node ${entry.engines!.node}`);
    expect(unsupported).toEqual([]);
  });

  it('CI tests on exact Node versions of each newer LTS line it supports, with test files that exist', () => {
    const ci = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci\nnpm test\n/m);
    const versions = /^NODE_VERSIONS=\(([^)]*)\)$/m.exec(ci)![1].split(' ');
    expect(versions.map(v => semver.major(v))).toEqual([22, 24]);
    for (const version of versions) {
      expect(semver.valid(version), version).toBe(version);
      expect(semver.satisfies(version, pkg.engines.node), version).toBe(true);
    }
    // vitest runs the files it finds and ignores a name that matches none: a renamed file would drop out unseen.
    const files = /^COMPAT_TESTS=\(([^)]*)\)$/m.exec(ci)![1].trim().split(/\s+/);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
    expect(readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toContain('.ci/cache/');
  });

  it('names its repository, homepage and issue tracker', () => {
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs.url).toMatch(/^https:\/\//);
  });

  it('runs no build or script when installed: dist/ is built when packed', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook]).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.files).toContain('dist');
  });

  it("require('specguard') gives the recommended ruleset, and its API names a clear error that names the ESM import", async () => {
    const exec = promisify(execFile);
    const script = 'const s = require("specguard"); console.log(Object.keys(s.rules).length); s.lint("api.yaml")';
    const { stdout, stderr } = await exec(process.execPath, ['-e', script], { cwd: ROOT }).then(
      () => ({ stdout: '', stderr: 'exited 0' }),
      (e: { stdout: string; stderr: string }) => e,
    );
    expect(Number(stdout)).toBe(RULES.length);
    expect(stderr).toContain('Error: specguard is an ES module. Use import { lint } from "specguard"');
    expect(stderr).not.toContain('SyntaxError');
  });

  it('npm run test:corpus without a corpus fails with one line, not a stack trace', async () => {
    const exec = promisify(execFile);
    const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const env = { ...process.env, SPECGUARD_REQUIRE_CORPUS: '1', SPECGUARD_CORPUS: path.join(ROOT, 'no-such-corpus') };
    const failure = await exec(process.execPath, [vitest, 'run', 'test/corpus.test.ts'], { cwd: ROOT, env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr.trim()).toBe(
      `npm run test:corpus: no corpus at ${env.SPECGUARD_CORPUS}. Put it there (../shared/corpus beside the clone) or set SPECGUARD_CORPUS=<folder>.`,
    );
  });

  it('SARIF links each rule to its docs page by absolute URL', async () => {
    const r = await cli(['lint', file('sarif/api.yaml', INSECURE), '-f', 'sarif']);
    const rule = (JSON.parse(r.stdout) as SarifLog).runs[0].tool.driver.rules?.[0];
    expect(rule?.helpUri).toBe('https://github.com/specguard/specguard/blob/main/docs/rules/specguard-server-https.md');
  });

  it('the HTML report keeps rule codes whole and links them to their docs', async () => {
    const r = await cli(['lint', file('html/api.yaml', INSECURE), '-f', 'html']);
    expect(r.stdout).toContain('td.rule{white-space:nowrap}');
    expect(r.stdout).toContain(
      '<td class="rule"><a href="https://github.com/specguard/specguard/blob/main/docs/rules/specguard-server-https.md">specguard-server-https</a></td>',
    );
  });
});

describe('SARIF levels and scores', () => {
  const INPUT_WARNING = WITH_WARNING;
  it('takes each rule level from the ruleset that ran, and security-severity from the rule, not from the level', async () => {
    const spec = file('sarif-levels/api.yaml', INPUT_WARNING);
    const rules = async (...flags: string[]) => {
      const sarif = JSON.parse((await cli(['lint', spec, '-f', 'sarif', ...flags])).stdout) as SarifLog;
      return (sarif.runs[0].tool.driver.rules ?? []).map((r): unknown[] => [
        r.id,
        r.defaultConfiguration?.level,
        r.properties?.['security-severity'],
      ]);
    };
    expect(await rules()).toEqual([['specguard-string-max-length', 'warning', '4.0']]);
    // Strict also turns on governance rules that fire on this document; the string rule's entry is what matters here.
    expect((await rules('--ruleset', 'strict')).filter(([id]) => id === 'specguard-string-max-length')).toEqual([
      ['specguard-string-max-length', 'error', '4.0'],
    ]);
  });
});
