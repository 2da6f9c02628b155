/*
 * `specguard lint -`: one API description from standard input, as editors and pipes give it,
 * reported at `<stdin>` or at the name --stdin-filepath gives, with the same errors and exit
 * codes as a file.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Finding } from '../src/findings/findings.js';
import { tempDir } from './helpers.js';
import type { Log as SarifLog } from 'sarif';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'specguard.js');
const dir = tempDir('specguard-stdin-');
const file = (name: string, content: string) => {
  const full = path.join(dir, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
};

const SECURE = `openapi: 3.0.3
info: {title: t, version: '1'}
servers: [{url: 'https://api.example.com'}]
security: [{bearer: []}]
paths:
  /v1/ping:
    get:
      responses:
        '200':
          description: ok
          headers:
            RateLimit: {schema: {type: string, maxLength: 100}}
        '429':
          description: too many requests
          headers:
            Retry-After: {schema: {type: integer, minimum: 0, maximum: 3600}}
        default:
          description: any other error
          content:
            application/problem+json:
              schema: {type: object, properties: {title: {type: string}, instance: {type: string}}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer, bearerFormat: JWT}
`;
const INSECURE = SECURE.replace('https://', 'http://');
const HTTP_SERVER = 'Server URL "http://api.example.com" uses plain HTTP: use https:// so credentials and data are encrypted in transit.';

/** The finding INSECURE gives, reported at `source`. */
const httpFinding = (source: string): Finding => ({
  code: 'specguard-server-https',
  message: HTTP_SERVER,
  path: ['servers', '0', 'url'],
  severity: 0,
  range: { start: { line: 2, character: 16 }, end: { line: 2, character: 40 } },
  source,
});

/** The CLI in-process, with `input` as standard input (a pipe unless `tty`). */
async function cli(argv: string[], input: string | Buffer, tty = false) {
  let stdout = '';
  let stderr = '';
  const stdin = () => Object.assign(Readable.from([Buffer.from(input)]), { isTTY: tty });
  const code = await run(argv, { stdout: t => (stdout += t), stderr: t => (stderr += t), stdin });
  return { code, stdout, stderr };
}

describe('specguard lint - (standard input)', () => {
  it('lints a good spec: exit 0, no findings', async () => {
    expect(await cli(['lint', '-'], SECURE)).toEqual({ code: 0, stdout: 'No findings in 1 file.\n', stderr: '' });
  });

  it('reports findings at <stdin>, JSON as well as YAML', async () => {
    const r = await cli(['lint', '-', '-f', 'json'], INSECURE);
    expect(r).toMatchObject({ code: 1, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual([httpFinding('<stdin>')]);
    const json = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      servers: [{ url: 'http://api.example.com/v1' }],
      paths: {},
    });
    const fromJson = await cli(['lint', '-', '-f', 'json'], json);
    expect((JSON.parse(fromJson.stdout) as Finding[]).map(f => [f.code, f.path.join('.'), f.source])).toEqual([
      ['specguard-server-https', 'servers.0.url', '<stdin>'],
    ]);
  });

  it('names <stdin> in stylish and SARIF reports', async () => {
    const stylish = await cli(['lint', '-', '--no-color'], INSECURE);
    expect(stylish.stdout.split('\n').slice(0, 3)).toEqual(['', '<stdin>', `  3:17  error    ${HTTP_SERVER}`]);
    const sarif = await cli(['lint', '-', '-f', 'sarif'], INSECURE);
    const result = (JSON.parse(sarif.stdout) as SarifLog).runs[0].results?.[0];
    expect(result?.locations?.[0].physicalLocation?.artifactLocation?.uri).toBe('<stdin>');
  });

  it('--stdin-filepath names it: findings at that path, relative $refs resolved from its folder', async () => {
    file('named/schemas.yaml', 'Name: {type: string}\n');
    const named = path.join(dir, 'named', 'openapi.yaml'); // need not exist
    const spec = INSECURE.replace(
      'paths:\n',
      "paths:\n  /v1/names:\n    post:\n      requestBody: {content: {application/json: {schema: {$ref: './schemas.yaml#/Name'}}}}\n      responses: {'204': {description: ok}}\n",
    );
    const r = await cli(['lint', '-', '--stdin-filepath', named, '-f', 'json'], spec);
    const findings = JSON.parse(r.stdout) as Finding[];
    expect(findings.filter(f => f.code === 'invalid-ref')).toEqual([]);
    expect(findings.find(f => f.code === 'specguard-string-max-length')?.source).toBe(path.join(dir, 'named', 'schemas.yaml'));
    expect(findings.find(f => f.code === 'specguard-server-https')).toEqual(httpFinding(named));
  });

  it('empty input: exit 2, one line, reported as not linted', async () => {
    const r = await cli(['lint', '-', '-f', 'json'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('specguard: <stdin>: file is empty\n');
    expect(JSON.parse(r.stdout)).toEqual([
      {
        code: 'specguard-not-linted',
        message: 'file is empty',
        path: [],
        severity: 0,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        source: '<stdin>',
      },
    ]);
  });

  it('unparseable input: exit 2 at <stdin>:line:col, or at the --stdin-filepath name', async () => {
    const broken = 'openapi: 3.0.3\ninfo: {title: t\n';
    const r = await cli(['lint', '-', '-q'], broken);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^specguard: <stdin>:3:1: invalid YAML: [^\n]+\n$/);
    const named = path.join(dir, 'broken.yaml');
    const n = await cli(['lint', '-', '--stdin-filepath', named, '-q'], broken);
    expect(n.stderr).toBe(r.stderr.replace('<stdin>', named));
  });

  it('bytes that are not UTF-8, and input over --max-file-size, are refused like a file', async () => {
    const binary = await cli(['lint', '-', '-q'], Buffer.from([0x6f, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    expect(binary.code).toBe(2);
    expect(binary.stderr).toMatch(/^specguard: <stdin>:1:4: [^\n]*UTF-8[^\n]*\n$/);
    const big = await cli(['lint', '-', '-q', '--max-file-size', '0.0001'], SECURE);
    expect(big).toMatchObject({ code: 2, stderr: 'specguard: <stdin>: is over the 105 bytes size limit; raise it with --max-file-size\n' });
  });

  it('mixes with files: each is linted and reported, the exit code covers all', async () => {
    const clean = file('mix/clean.yaml', SECURE);
    const insecure = file('mix/insecure.yaml', INSECURE);
    const r = await cli(['lint', clean, '-', insecure, '-f', 'json'], INSECURE);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Finding[]).map(f => f.source)).toEqual([insecure, '<stdin>']);
    const ok = await cli(['lint', '-', clean], SECURE);
    expect(ok).toEqual({ code: 0, stdout: 'No findings in 2 files.\n', stderr: '' });
  });

  it('a file also named by --stdin-filepath is linted once, from standard input (the editor buffer)', async () => {
    const saved = file('buffer/openapi.yaml', SECURE);
    const r = await cli(['lint', '-', saved, '--stdin-filepath', saved, '-f', 'json'], INSECURE);
    expect(JSON.parse(r.stdout)).toEqual([httpFinding(saved)]);
  });

  it('refuses a terminal instead of waiting on it, and --stdin-filepath without -', async () => {
    expect(await cli(['lint', '-'], '', true)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'specguard: -: standard input is a terminal: pipe an API description in (specguard lint - < openapi.yaml)\n',
    });
    const spec = file('alone.yaml', SECURE);
    expect(await cli(['lint', spec, '--stdin-filepath', spec], '')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'specguard: --stdin-filepath: names the document read from standard input: add - to the inputs\n',
    });
  });

  it('reads the real standard input of the installed binary', async () => {
    const child = spawn(process.execPath, [BIN, 'lint', '-', '-f', 'json'], { cwd: dir });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin.end(INSECURE);
    const code = await new Promise(resolve => child.on('close', resolve));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([httpFinding('<stdin>')]);
  });
});
