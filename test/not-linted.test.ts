/*
 * A file that could not be linted is never green (issue 22, point 4): in every output format it
 * is an error entry for that file, the summary never counts it as passed, and the run exits 2.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { run } from '../src/cli/main.js';
import type { Finding } from '../src/findings/findings.js';
import { tempDir } from './helpers.js';

const dir = tempDir('specguard-not-linted-');
/** Writes each file into a new folder under the temporary one and returns the folder. */
function folderWith(name: string, files: Record<string, string | Buffer>): string {
  const folder = path.join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(folder, file), content);
  return folder;
}

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: t => (stdout += t), stderr: t => (stderr += t) });
  return { code, stdout, stderr };
}

/** A spec with no finding at all, so the good file passes. */
const CLEAN = [
  'openapi: 3.0.3',
  "info: {title: t, version: '1'}",
  "servers: [{url: 'https://api.example.com/v1'}]",
  'security: [{bearer: []}]',
  'components: {securitySchemes: {bearer: {type: http, scheme: bearer, bearerFormat: JWT}}}',
  'paths:',
  '  /r:',
  '    get:',
  "      responses: {'200': {description: ok, headers: {RateLimit: {schema: {type: string}}}}, '429': {description: slow down, headers: {Retry-After: {schema: {type: integer}}}}, default: {description: error, content: {application/problem+json: {schema: {type: object, properties: {instance: {type: string}}}}}}}",
  '',
].join('\n');

/** Recognised as OpenAPI by its first line, so a folder search lints it; line 3 breaks the YAML. */
const BROKEN = 'openapi: 3.0.3\ninfo: {title: x\n  version: 1\npaths: {}\n';
const REASON = 'invalid YAML: Invalid mixed usage of block and flow styles';

describe('a folder with one good and one broken file', () => {
  const folder = folderWith('mixed', { 'a-good.yaml': CLEAN, 'b-bad.yaml': BROKEN });
  const good = path.join(folder, 'a-good.yaml');
  const bad = path.join(folder, 'b-bad.yaml');
  const relative = (f: string) => path.relative(process.cwd(), f).split(path.sep).join('/');
  // Under the working folder the markdown report names files relatively; elsewhere absolutely.
  const shown = (f: string) => (relative(f).startsWith('..') ? f : relative(f));

  it.each<[string, (stdout: string) => void]>([
    [
      'stylish',
      stdout =>
        expect(stdout).toBe(
          [
            '',
            bad,
            `  3:10  error    ${REASON}`,
            '                 specguard-not-linted',
            '',
            '✖ 1 problem (1 error, 0 warnings, 0 infos, 0 hints)',
            '  2 files checked: 0 with findings, 1 could not be linted, 1 passed.',
            '',
            '  Findings per rule:',
            '    specguard-not-linted  1  error',
            '',
          ].join('\n'),
        ),
    ],
    [
      'json',
      stdout =>
        expect(JSON.parse(stdout)).toEqual([
          {
            code: 'specguard-not-linted',
            message: REASON,
            path: [],
            severity: 0,
            range: { start: { line: 2, character: 9 }, end: { line: 2, character: 9 } },
            source: bad,
          },
        ]),
    ],
    [
      'sarif',
      stdout => {
        const [sarifRun] = (JSON.parse(stdout) as Log).runs;
        expect(sarifRun.results).toEqual([]);
        expect(sarifRun.tool.driver.rules).toEqual([]);
        expect(sarifRun.invocations).toEqual([
          {
            executionSuccessful: false,
            toolExecutionNotifications: [
              {
                level: 'error',
                message: { text: REASON },
                descriptor: { id: 'specguard-not-linted' },
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: relative(bad) },
                      region: { startLine: 3, startColumn: 10, endLine: 3, endColumn: 10 },
                    },
                  },
                ],
              },
            ],
          },
        ]);
      },
    ],
    [
      'junit',
      stdout =>
        expect(stdout).toBe(
          [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<testsuites name="specguard" tests="2" failures="0" errors="1" skipped="0">',
            `  <testsuite name="${good}" package="specguard" tests="1" failures="0" errors="0" skipped="0" time="0">`,
            `    <testcase classname="${good}" name="no findings" time="0"/>`,
            '  </testsuite>',
            `  <testsuite name="${bad}" package="specguard" tests="1" failures="0" errors="1" skipped="0" time="0">`,
            `    <testcase classname="${bad}" name="specguard-not-linted at 3:10" time="0"><error message="${REASON}" type="specguard-not-linted"><![CDATA[error at line 3:10, (document): ${REASON}]]></error></testcase>`,
            '  </testsuite>',
            '</testsuites>',
            '',
          ].join('\n'),
        ),
    ],
    [
      'github-actions',
      stdout =>
        expect(stdout).toBe(`::error title=specguard-not-linted,file=${relative(bad)},col=10,endColumn=10,line=3,endLine=3::${REASON}\n`),
    ],
    [
      'markdown',
      stdout => {
        expect(stdout).toContain(
          '1 finding (1 error, 0 warnings, 0 infos, 0 hints). 2 files checked: 0 with findings, 1 could not be linted, 1 passed.\n',
        );
        expect(stdout).toContain(`| specguard-not-linted |  | ${REASON} | error | 3:10 | ${shown(bad)} |\n`);
      },
    ],
    [
      'html',
      stdout => {
        expect(stdout).toContain(
          '<p>1 finding: 1 error, 0 warnings, 0 infos, 0 hints. 2 files checked: 0 with findings, 1 could not be linted, 1 passed.</p>',
        );
        expect(stdout).toContain(
          `<h2>${bad}</h2>\n<table><thead><tr><th>Position</th><th>Severity</th><th>Rule</th><th>Message</th><th>Path</th></tr></thead><tbody>\n<tr class="error"><td>3:10</td><td>error</td><td class="rule">specguard-not-linted</td><td>${REASON}</td><td><code></code></td></tr>\n</tbody></table>`,
        );
      },
    ],
  ])('%s: the broken file is an error entry and the run exits 2', async (format, expectReport) => {
    const r = await cli('lint', folder, '--format', format);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`specguard: ${bad}:3:10: ${REASON}\n`);
    expectReport(r.stdout);
  });
});

describe('every kind of file that cannot be linted is an entry at its place', () => {
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x]',
    ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
  ];
  // [what, file name, content, flags, reason, 0-based line and character of the entry]
  it.each<[string, string, string | Buffer, string[], string, [number, number]]>([
    ['invalid JSON', 'api.json', '{"openapi": "3.0.3",\n  "info": }\n', [], 'invalid JSON: Value expected', [1, 10]],
    [
      'bytes that are not UTF-8',
      'latin1.yaml',
      Buffer.concat([Buffer.from('openapi: 3.0.3\ninfo: {title: caf'), Buffer.from([0xe9]), Buffer.from(", version: '1'}\npaths: {}\n")]),
      [],
      'not valid UTF-8 (byte 0xe9 at offset 32); save the file as UTF-8',
      [1, 17],
    ],
    [
      'a file over --max-file-size',
      'big.yaml',
      `openapi: 3.0.3\nx-padding: ${'a'.repeat(300 * 1024)}\n`,
      ['--max-file-size', '0.25'],
      'is 300 KB, over the 256 KB size limit; raise it with --max-file-size',
      [0, 0],
    ],
    [
      'an alias bomb',
      'bomb.yaml',
      `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-bomb:\n${bomb.map(l => `  ${l}`).join('\n')}\n`,
      [],
      'YAML aliases expand to 544,810,087 nodes from 127 written ones (an alias bomb); refused',
      [0, 0],
    ],
    [
      'RAML that does not parse',
      'api.raml',
      '#%RAML 1.0\ntitle: T\n/a: [\n',
      [],
      'invalid YAML: unexpected end of the stream within a flow collection',
      [3, 0],
    ],
  ])('%s', async (_, name, content, flags, reason, [line, character]) => {
    const folder = folderWith(`kind-${name}`, { [name]: content, 'good.yaml': CLEAN });
    const broken = path.join(folder, name);
    const r = await cli('lint', folder, '-f', 'json', ...flags);
    expect(r.code).toBe(2);
    const at = { line, character };
    expect(JSON.parse(r.stdout)).toEqual([
      { code: 'specguard-not-linted', message: reason, path: [], severity: 0, range: { start: at, end: at }, source: broken },
    ]);
  });
});

describe('an error in another file than the one linted', () => {
  it("is the linted file's entry, at its start, with the place of the error in the message", async () => {
    const folder = folderWith('include-cycle', {
      'api.raml': '#%RAML 1.0\ntitle: T\n/a: !include part.raml\n',
      'part.raml': 'get:\n  body: !include part.raml\n',
    });
    const at = { line: 0, character: 0 };
    expect(JSON.parse((await cli('lint', folder, '-f', 'json')).stdout)).toEqual([
      {
        code: 'specguard-not-linted',
        message: `${path.join(folder, 'part.raml')}:2:3: !include part.raml includes itself (an include cycle); refused`,
        path: [],
        severity: 0,
        range: { start: at, end: at },
        source: path.join(folder, 'api.raml'),
      },
    ]);
  });
});

describe('a baseline', () => {
  it('never hides a file that could not be linted, and is not written with one', async () => {
    const folder = folderWith('baseline', { 'insecure.yaml': CLEAN.replace('https://', 'http://'), 'broken.yaml': BROKEN });
    const broken = path.join(folder, 'broken.yaml');
    const baseline = path.join(folder, 'baseline.json');
    const written = await cli('lint', folder, '--baseline', baseline, '--update-baseline');
    expect(written.code).toBe(2);
    const entries = (JSON.parse(readFileSync(baseline, 'utf8')) as { findings: Array<{ code: string }> }).findings;
    expect(entries.map(e => e.code)).toEqual(['specguard-server-https']);
    const r = await cli('lint', folder, '--baseline', baseline, '-f', 'json');
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as Finding[]).map(f => [f.code, f.source])).toEqual([['specguard-not-linted', broken]]);
  });
});
