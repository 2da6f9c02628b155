/*
 * `specguard diff` from the command line: exit codes, every output format, the lint findings new
 * in NEW, folders paired by relative path, git:REF:path against a temporary repository, and the
 * baseline. Lints in worker threads, so it needs the built CLI (dist/): `npm test` builds first.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { fingerprint } from '../src/results/fingerprint.js';
import { tempDir } from './helpers.js';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'specguard.js');
const exec = promisify(execFile);
const dir = tempDir('specguard-diff-cli-');

const file = (name: string, content: string, base = dir) => {
  const full = path.join(base, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
};

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: t => (stdout += t), stderr: t => (stderr += t) });
  return { code, stdout, stderr };
}

/** An API whose GET /items is secured by the root requirement (line 5), unless `operation` says otherwise. */
const api = (operation = '', more = '') => `openapi: 3.0.3
info: {title: t, version: '1'}
servers:
  - url: https://api.example.com/v1
security:
  - bearer: []
paths:
${more}  /items:
    get:
      operationId: listItems
${operation}      responses:
        '200': {description: ok}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer, bearerFormat: JWT}
`;

const OLD = file('old.yaml', api());
const NEW = file('new.yaml', api('      security: []\n'));
const REMOVED = `Operation GET /items no longer requires authentication, where it required bearer: restore its security requirement, or mark it public with x-specguard-public: "<reason>". Before: ${OLD}:5:10.`;

interface JsonFinding {
  code: string;
  message: string;
  path: string[];
  severity: number;
  range: { start: { line: number; character: number } };
  source: string;
  was?: { source: string; path: string[]; range: { start: { line: number; character: number } } };
}

describe('specguard diff: exit codes', () => {
  it('exits 1 on a regression, locating it in NEW (line 11) and in OLD (line 5)', async () => {
    const r = await cli(['diff', OLD, NEW, '-f', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    // The lint finding for security: [] (specguard-operation-security) says the same at the same place: left out.
    expect(findings).toEqual([
      {
        code: 'specguard-diff-security-removed',
        message: REMOVED,
        path: ['paths', '/items', 'get', 'security'],
        severity: 0,
        range: { start: { line: 10, character: 15 }, end: { line: 10, character: 18 } },
        source: NEW,
        was: { source: OLD, path: ['security'], range: { start: { line: 4, character: 9 }, end: { line: 5, character: 14 } } },
      },
    ]);
  });

  it('exits 0 when nothing got weaker', async () => {
    expect(await cli(['diff', OLD, file('same.yaml', api())])).toEqual({ code: 0, stdout: 'Nothing got weaker in 1 file.\n', stderr: '' });
    // Made safer: an operation that was public now requires authentication.
    expect((await cli(['diff', NEW, OLD])).code).toBe(0);
  });

  it('finds nothing between a folder and itself: every example, OpenAPI 2.0, 3.0, 3.1 and RAML', async () => {
    const examples = path.join(ROOT, 'examples');
    expect(await cli(['diff', examples, examples])).toEqual({ code: 0, stdout: 'Nothing got weaker in 8 files.\n', stderr: '' });
  }, 120_000);

  it('exits 0 on a warning below --fail-severity, 1 once --fail-severity takes it in', async () => {
    const scoped = (scope: string) =>
      api('', '')
        .replace('bearer: []\npaths', `oauth: [${scope}]\npaths`)
        .replace(
          'bearer: {type: http, scheme: bearer, bearerFormat: JWT}',
          "oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {'items:read': r, items: all}}}}",
        );
    const [before, after] = [file('scope-old.yaml', scoped("'items:read'")), file('scope-new.yaml', scoped('items'))];
    const r = await cli(['diff', before, after, '-f', 'json']);
    expect(r.code).toBe(0);
    // items:read is now declared and required nowhere: a lint finding OLD did not have.
    expect((JSON.parse(r.stdout) as JsonFinding[]).map(f => [f.code, f.severity])).toEqual([
      ['specguard-diff-scope-widened', 1],
      ['specguard-scope-hygiene', 2],
    ]);
    expect((await cli(['diff', before, after, '-F', 'warn', '-f', 'json'])).code).toBe(1);
  });

  it('exits 2 with a one-line error for a missing file, a file against a folder, invalid YAML and a bad git ref', async () => {
    const missing = path.join(dir, 'missing.yaml');
    expect(await cli(['diff', OLD, missing])).toEqual({
      code: 2,
      stdout: '',
      stderr: `specguard: ${missing}: no such file or folder (git:REF:path reads one from git)\n`,
    });
    const folder = path.join(dir, 'folder-new');
    file('folder-new/api.yaml', api());
    expect((await cli(['diff', OLD, folder])).stderr).toBe(
      `specguard: ${OLD} ${folder}: compare a file with a file or a folder with a folder (got a file and a folder)\n`,
    );
    const broken = file('broken.yaml', 'openapi: 3.0.3\ninfo: {title: t\npaths: {}\n');
    const r = await cli(['diff', OLD, broken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^specguard: ${broken}:\\d+:\\d+: invalid YAML: .+\\n$`));
    expect(await cli(['diff', 'git:-x:old.yaml', NEW])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'specguard: git:-x:old.yaml: expected git:<ref>:<path>, such as git:main:api/openapi.yaml\n',
    });
    expect((await cli(['diff', OLD])).code).toBe(2);
  });
});

describe('specguard diff: lint findings new in NEW', () => {
  it('reports the findings of an added operation, not the old ones that only moved down the file', async () => {
    const added = file('added.yaml', api('', '  /other:\n    get:\n      responses:\n        "200": {description: ok}\n'));
    const r = await cli(['diff', OLD, added, '-f', 'json']);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    const lint = JSON.parse((await cli(['lint', added, '-f', 'json'])).stdout) as JsonFinding[];
    const before = JSON.parse((await cli(['lint', OLD, '-f', 'json'])).stdout) as JsonFinding[];
    const place = (f: JsonFinding) => JSON.stringify([f.code, f.path]);
    // Every finding of NEW at a place OLD had none (those under /other, and the document-wide count
    // whose place OLD's finding had at another path), and none of those under /items, 4 lines lower now.
    expect(before.some(f => f.path[1] === '/items')).toBe(true);
    expect(findings.filter(f => f.path[1] === '/other').length).toBeGreaterThan(0);
    expect(findings).toEqual(lint.filter(f => !before.some(b => place(b) === place(f))));
    expect(findings.some(f => f.path[1] === '/items')).toBe(false);
    expect(r.code).toBe(findings.some(f => f.severity === 0) ? 1 : 0);
  });
});

describe('specguard diff: output formats', () => {
  it.each(['stylish', 'json', 'sarif', 'junit', 'github-actions', 'markdown', 'html'])(
    '%s reports the regression with both places',
    async format => {
      const r = await cli(['diff', OLD, NEW, '-f', format]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('specguard-diff-security-removed');
      // Up to the first character a format escapes.
      expect(r.stdout).toContain(REMOVED.slice(0, REMOVED.indexOf(':')));
      expect(r.stdout).toContain(`${OLD}:5:10`);
    },
  );

  it('sarif: results are new to the baseline, with the old place as a related location and the kind’s OWASP and CWE tags', async () => {
    const sarif = JSON.parse((await cli(['diff', OLD, NEW, '-f', 'sarif'])).stdout) as Log;
    const [result] = sarif.runs[0].results!;
    expect(result.baselineState).toBe('new');
    expect(result.relatedLocations).toEqual([
      {
        id: 0,
        message: { text: `Before: ${path.relative(ROOT, OLD)}:5:10 security` },
        physicalLocation: {
          artifactLocation: { uri: path.relative(ROOT, OLD) },
          region: { startLine: 5, startColumn: 10, endLine: 6, endColumn: 15 },
        },
        logicalLocations: [{ fullyQualifiedName: 'security' }],
      },
    ]);
    const [rule] = sarif.runs[0].tool.driver.rules!;
    expect(rule.id).toBe('specguard-diff-security-removed');
    expect(rule.helpUri).toMatch(/\/blob\/main\/docs\/diff\.md$/);
    expect(rule.properties?.tags).toEqual(['security', 'OWASP-API2:2023', 'OWASP-API5:2023', 'CWE-306']);
    expect(rule.properties?.['security-severity']).toBe('9.1');
  });

  it('markdown and html link the kind to docs/diff.md; junit fails the case; github-actions annotates NEW', async () => {
    expect((await cli(['diff', OLD, NEW, '-f', 'markdown'])).stdout).toMatch(
      /\[specguard-diff-security-removed\]\(https:\/\/\S+\/docs\/diff\.md\)/,
    );
    expect((await cli(['diff', OLD, NEW, '-f', 'html'])).stdout).toMatch(
      /<a href="https:\/\/\S+\/docs\/diff\.md">specguard-diff-security-removed<\/a>/,
    );
    expect((await cli(['diff', OLD, NEW, '-f', 'junit'])).stdout).toContain(
      '<failure message="Operation GET /items no longer requires authentication',
    );
    expect((await cli(['diff', OLD, NEW, '-f', 'github-actions'])).stdout).toMatch(
      /^::error title=specguard-diff-security-removed,file=\S*new\.yaml,/m,
    );
  });
});

describe('specguard diff: folders and the baseline', () => {
  it('pairs files by relative path; a file only NEW has reports all its findings', async () => {
    file('tree-old/v1/api.yaml', api());
    file('tree-old/gone.yaml', api());
    file('tree-new/v1/api.yaml', api('      security: []\n'));
    const fresh = file('tree-new/fresh.yaml', api());
    const r = await cli(['diff', path.join(dir, 'tree-old'), path.join(dir, 'tree-new'), '-f', 'json']);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    const lint = JSON.parse((await cli(['lint', fresh, '-f', 'json'])).stdout) as JsonFinding[];
    expect(findings.filter(f => f.source !== fresh).map(f => [f.code, f.source, f.was?.source])).toEqual([
      ['specguard-diff-security-removed', path.join(dir, 'tree-new/v1/api.yaml'), path.join(dir, 'tree-old/v1/api.yaml')],
    ]);
    expect(findings.filter(f => f.source === fresh)).toEqual(lint);
  });

  it('leaves out what the baseline lists, and says so', async () => {
    const [found] = JSON.parse((await cli(['diff', OLD, NEW, '-f', 'json'])).stdout) as JsonFinding[];
    const baseline = file(
      'baseline.json',
      JSON.stringify({ specguardBaseline: 1, findings: [{ fingerprint: fingerprint(found as never, process.cwd()) }] }),
    );
    expect(await cli(['diff', OLD, NEW, '--baseline', baseline])).toEqual({
      code: 0,
      stdout: 'Nothing got weaker in 1 file (1 finding in the baseline not shown).\n',
      stderr: '',
    });
  });
});

describe('specguard diff: git:REF:path', () => {
  const repo = tempDir('specguard-diff-git-');
  const git = (...args: string[]) => exec('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo });
  const specguard = (...args: string[]) =>
    exec(process.execPath, [BIN, 'diff', ...args, '-f', 'json'], { cwd: repo }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const withRef = () =>
    api().replace(
      "'200': {description: ok}",
      "'200': {description: ok}\n      parameters:\n        - {name: q, in: query, schema: {$ref: 'schemas.yaml#/Query'}}",
    );
  const schemas = (maxLength: string) => `Query: {type: string${maxLength}}\n`;

  it('reads OLD at a commit with git show, its $refs from the same commit, and names it git:REF:path', async () => {
    await git('init', '-q');
    file('api/openapi.yaml', withRef(), repo);
    file('api/schemas.yaml', schemas(', maxLength: 64'), repo);
    await git('add', '.');
    await git('commit', '-qm', 'first');
    file('api/schemas.yaml', schemas(''), repo);
    const r = await specguard('git:HEAD:api/openapi.yaml', 'api/openapi.yaml');
    expect(r.stderr).toBe('');
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    // Located in the $ref'd file on both sides (the old place at the value 64), where lint's string-max-length finding is (left out: the regression says it).
    expect(findings.map(f => [f.code, f.source, f.path, f.range.start.line, f.was?.source, f.was?.path])).toEqual([
      [
        'specguard-diff-bound-loosened',
        path.join(repo, 'api/schemas.yaml'),
        ['Query'],
        0,
        'git:HEAD:api/schemas.yaml',
        ['Query', 'maxLength'],
      ],
    ]);
    expect(findings[0].message).toBe(
      'Parameter "q" of Operation GET /items is less bounded: maxLength was removed (it was 64). Restore the bound, or state the limit the server enforces. Before: git:HEAD:api/schemas.yaml:1:34.',
    );
    expect(r.code).toBe(0); // a warning, below the default fail severity

    // A folder at a commit against the working tree, and two commits against each other (NEW reported at its working-tree path).
    expect((JSON.parse((await specguard('git:HEAD:api', 'api')).stdout) as JsonFinding[]).map((f: JsonFinding) => f.code)).toEqual([
      'specguard-diff-bound-loosened',
    ]);
    await git('commit', '-qam', 'second');
    const commits = JSON.parse((await specguard('git:HEAD~1:api/openapi.yaml', 'git:HEAD:api/openapi.yaml')).stdout) as JsonFinding[];
    expect(commits.map(f => [f.code, f.source, f.was?.source])).toEqual([
      ['specguard-diff-bound-loosened', path.join(repo, 'api/schemas.yaml'), 'git:HEAD~1:api/schemas.yaml'],
    ]);
  }, 180_000); // four runs of the CLI, each as long as a lint

  it('exits 2 naming the argument when git has no such file at that ref', async () => {
    const r = await specguard('git:HEAD:api/nothing.yaml', 'api/openapi.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^specguard: git:HEAD:api\/nothing\.yaml: git has no api\/nothing\.yaml at HEAD \(.+\)\n$/);
  });
});
