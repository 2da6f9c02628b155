import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { tempDir } from '../helpers.js';
import { lintRaml } from './helpers.js';

/* RAML from the CLI: folder discovery, output formats naming the RAML file, `convert`, exemptions. */

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: t => (stdout += t), stderr: t => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = tempDir('specguard-raml-cli-');
const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
const API = write(
  'api/api.raml',
  '#%RAML 1.0\ntitle: T\nbaseUri: http://api.example.com\nuses:\n  t: types.raml\n/a:\n  get:\n    responses:\n      429:\n        headers:\n          Retry-After: integer\n',
);
write('api/types.raml', '#%RAML 1.0 Library\ntypes:\n  T: string\n');

describe('specguard lint on RAML', () => {
  it('lints the root API of a folder, skipping its library, with source set to the RAML file', async () => {
    const { code, stdout } = await cli('lint', path.join(dir, 'api'), '--format', 'json');
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as Array<{ code: string; severity: number; source: string; range: { start: { line: number } } }>;
    // The errors; the info findings of the contract rules (no version, no 500) are placed the same way.
    expect(results.filter(r => r.severity === 0).map(r => [r.code, path.relative(dir, r.source), r.range.start.line + 1])).toEqual([
      ['specguard-server-https', 'api/api.raml', 3],
      ['specguard-operation-security', 'api/api.raml', 7],
    ]);
  });

  it('counts files by the API linted, not by the included file a finding sits in', async () => {
    const root = write(
      'counted/api.raml',
      '#%RAML 1.0\ntitle: T\nbaseUri: https://api.example.com\ntypes:\n  Note: !include note.raml\n/notes:\n  post:\n    body:\n      application/json:\n        type: Note\n',
    );
    write('counted/note.raml', '#%RAML 1.0 DataType\ntype: object\nproperties:\n  text: string\n');
    const clean = write('counted/clean.yaml', "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    const { stdout } = await cli('lint', root, clean, '--no-color');
    expect(stdout).toContain('note.raml');
    expect(stdout).toContain('  2 files checked: 1 with findings, 1 passed.');
    const junit = (await cli('lint', root, clean, '-f', 'junit')).stdout;
    expect(junit).toContain(`<testcase classname="${clean}" name="no findings" time="0"/>`);
    expect(junit).not.toContain(`<testcase classname="${root}" name="no findings"`);
  });

  it.each(['stylish', 'sarif', 'junit', 'github-actions', 'markdown', 'html'])('the %s report names the RAML file', async format => {
    const { stdout } = await cli('lint', API, '--format', format, '--no-color');
    expect(stdout).toContain('api.raml');
    expect(stdout).not.toContain('openapi.json');
  });
});

describe('RAML users are told RAML is linted', () => {
  // Help wraps to the terminal's width: compare the words.
  const words = (text: string) => text.replace(/\s+/g, ' ');
  const ramlPositions = 'RAML is checked as its OpenAPI 3.0 equivalent, with each finding reported at the RAML file and line';

  it('in specguard --help and specguard lint --help', async () => {
    const main = await cli('--help');
    expect(main.code).toBe(0);
    expect(words(main.stdout)).toContain('in OpenAPI 2.0/3.0/3.1 and RAML 0.8/1.0 API descriptions.');
    expect(words(main.stdout)).toContain(ramlPositions);
    expect(words(main.stdout)).toContain('lint [options] <inputs...> Lint OpenAPI 2.0/3.0/3.1 and RAML 0.8/1.0 API descriptions');
    expect(main.stdout).toContain('specguard lint api.raml ');
    const lint = await cli('lint', '--help');
    expect(lint.code).toBe(0);
    expect(words(lint.stdout)).toContain('Lint API descriptions (OpenAPI 2.0/3.0/3.1 and RAML 0.8/1.0)');
    expect(words(lint.stdout)).toContain(ramlPositions);
  });

  it('when a folder holds no API description', async () => {
    const empty = path.join(dir, 'no-api');
    write('no-api/types.raml', '#%RAML 1.0 Library\ntypes:\n  T: string\n');
    const reason = 'no API description found in this folder (looked for OpenAPI 2.0/3.0/3.1 or RAML 0.8/1.0 root files)';
    const r = await cli('lint', empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`specguard: ${empty}: ${reason}\n`);
    // The report says it too: the folder is an error entry, not a passed file.
    expect(r.stdout).toContain(`\n${empty}\n  1:1  error    ${reason}\n                specguard-not-linted\n`);
    expect(r.stdout).toContain('  1 file checked: 0 with findings, 1 could not be linted, 0 passed.\n');
  });

  it("in package.json's description", () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { description: string };
    expect(pkg.description).toContain('OpenAPI 2.0/3.0/3.1 and RAML 0.8/1.0 (findings at the RAML file and line)');
  });
});

describe('specguard convert', () => {
  it('writes YAML to stdout and JSON to a .json file', async () => {
    const yaml = await cli('convert', API);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toMatch(/^openapi: 3\.0\.3\n/);
    const out = path.join(dir, 'out.json');
    expect((await cli('convert', API, '-o', out)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({
      openapi: '3.0.3',
      servers: [{ url: 'http://api.example.com' }],
      paths: { '/a': { get: { responses: {} } } },
    });
  });

  it('refuses what is not a RAML API with exit 2', async () => {
    const result = await cli('convert', path.join(dir, 'api', 'types.raml'));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `specguard: ${path.join(dir, 'api', 'types.raml')}: is not a RAML API (its first line must be #%RAML 0.8 or #%RAML 1.0)\n`,
    );
  });
});

describe('exemptions written as RAML annotations', () => {
  it('(specguard-public) and (specguard-exempt) work as their x- forms do in OpenAPI', async () => {
    const findings = await lintRaml({
      'api.raml':
        '#%RAML 1.0\ntitle: T\nannotationTypes:\n  specguard-public: string\n  specguard-exempt: any\n/a:\n  get:\n    (specguard-public): health check for the load balancer\n  post:\n    (specguard-exempt):\n      specguard-operation-security: internal only, behind the VPN\n  put:\n  is: [throttled]\ntraits:\n  throttled:\n    responses:\n      429:\n        headers:\n          Retry-After: integer\n',
    });
    // The public GET is still listed (info), at its annotation's method; the exempted POST is silent.
    const security = new Set(['specguard-public-operation', 'specguard-operation-security']);
    expect(findings.filter(f => security.has(f.code)).map(f => `${f.file}:${f.line} ${f.code}`)).toEqual([
      'api.raml:8 specguard-public-operation',
      'api.raml:12 specguard-operation-security',
    ]);
  });
});
