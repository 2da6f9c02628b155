import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Finding } from '../src/findings/findings.js';
import { isLiteralData } from '../src/engine/resolver.js';
import { tempDir } from './helpers.js';
import { formatFindings, OUTPUT_FORMATS } from '../src/report/format.js';
import { summarize } from '../src/results/summary.js';
import { readPackageJson } from './package-json.js';
import type { Log as SarifLog } from 'sarif';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'specguard.js');

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: t => (stdout += t), stderr: t => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = tempDir('specguard-cli-');
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

describe('specguard lint: exit codes and output', () => {
  it('exits 0 and says so when nothing is found', async () => {
    const r = await cli('lint', file('ok.yaml', SECURE));
    expect(r).toEqual({ code: 0, stdout: 'No findings in 1 file.\n', stderr: '' });
  });

  it('exits 1 with findings, and --format json prints the documented shape', async () => {
    const spec = file('http.yaml', INSECURE);
    const r = await cli('lint', spec, '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        code: 'specguard-server-https',
        message: 'Server URL "http://api.example.com" uses plain HTTP: use https:// so credentials and data are encrypted in transit.',
        path: ['servers', '0', 'url'],
        severity: 0,
        range: { start: { line: 2, character: 16 }, end: { line: 2, character: 40 } },
        source: spec,
      },
    ]);
  });

  it('--fail-severity decides which findings fail the run', async () => {
    const spec = file(
      'warn-only.yaml',
      SECURE.replace(
        'paths:\n',
        "paths:\n  /q:\n    get:\n      parameters: [{name: q, in: query, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n",
      ),
    );
    expect((await cli('lint', spec, '-q')).code).toBe(0);
    expect((await cli('lint', spec, '-q', '--fail-severity', 'warn')).code).toBe(1);
  });

  it('--quiet prints nothing when nothing is found', async () => {
    expect(await cli('lint', file('ok-quiet.yaml', SECURE), '--quiet')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--output writes the report to a file', async () => {
    const out = path.join(dir, 'report.sarif');
    const r = await cli('lint', file('http-out.yaml', INSECURE), '-f', 'sarif', '-o', out);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as SarifLog;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.name).toBe('specguard');
    // Findings are not a failure of the tool: every file was linted.
    expect(sarif.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
    expect(sarif.runs[0].tool.driver.rules?.[0]).toMatchObject({
      id: 'specguard-server-https',
      properties: { tags: ['security', 'OWASP-API8:2023', 'CWE-319'], 'security-severity': '7.5' },
    });
    expect(sarif.runs[0].results?.[0]).toMatchObject({
      ruleId: 'specguard-server-https',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: path.relative(process.cwd(), path.join(dir, 'http-out.yaml')) },
            region: { startLine: 3, startColumn: 17 },
          },
        },
      ],
    });
  });

  it.each(OUTPUT_FORMATS)('--format %s renders findings', async format => {
    const r = await cli('lint', file(`fmt-${format}.yaml`, INSECURE), '--format', format);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('http://api.example.com');
    expect(r.stdout).toContain('uses plain HTTP: use https://');
  });

  it('lints a folder, skipping node_modules and files that are not API descriptions', async () => {
    file('tree/api/a.yaml', INSECURE);
    file('tree/api/nested/b.json', JSON.stringify({ swagger: '2.0', info: { title: 't', version: '1' }, schemes: ['http'], paths: {} }));
    file('tree/package.json', '{"name": "x"}');
    file('tree/node_modules/dep/openapi.yaml', INSECURE);
    const r = await cli('lint', path.join(dir, 'tree'), '-f', 'json');
    expect(r.code).toBe(1);
    const sources = [...new Set((JSON.parse(r.stdout) as Finding[]).map(f => path.relative(dir, f.source!)))];
    expect(sources).toEqual(['tree/api/a.yaml', 'tree/api/nested/b.json']);
  });

  it('expands globs', async () => {
    file('glob/one.yaml', INSECURE);
    file('glob/two.yaml', INSECURE);
    const r = await cli('lint', path.join(dir, 'glob', '*.yaml'), '-f', 'json');
    expect(new Set((JSON.parse(r.stdout) as Finding[]).map(f => path.basename(f.source!)))).toEqual(new Set(['one.yaml', 'two.yaml']));
  });

  it('detects the format from content, not from the extension', async () => {
    const r = await cli('lint', file('spec.txt', INSECURE), '-f', 'json');
    expect((JSON.parse(r.stdout) as Finding[]).map(f => f.code)).toEqual(['specguard-server-https']);
  });

  it('--ruleset strict uses the bundled strict ruleset', async () => {
    const spec = file(
      'strict.yaml',
      SECURE.replace(
        'paths:\n',
        "paths:\n  /q:\n    get:\n      parameters: [{name: q, in: query, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n",
      ),
    );
    const r = await cli('lint', spec, '--ruleset', 'strict', '-f', 'json');
    // Strict also turns on document-wide governance rules (versioning, error contracts...); this test is about the string rule's severity.
    expect(
      (JSON.parse(r.stdout) as Finding[]).filter(f => f.code === 'specguard-string-max-length').map(f => [f.code, f.severity]),
    ).toEqual([['specguard-string-max-length', 0]]);
  });

  it('--ruleset takes a user ruleset that extends specguard and overrides severities', async () => {
    const ruleset = file(
      'consumer/.spectral.yaml',
      'extends: [specguard]\nrules:\n  specguard-server-https: warn\n  specguard-string-max-length: off\n',
    );
    const r = await cli('lint', file('consumer/api.yaml', INSECURE), '--ruleset', ruleset, '-f', 'json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Finding[]).map(f => [f.code, f.severity])).toEqual([['specguard-server-https', 1]]);
  });

  it('--ruleset turns on a rule the recommended ruleset leaves off (and so does not run) by giving it a severity', async () => {
    const plain = await cli('lint', file('consumer-on/api.yaml', INSECURE), '-f', 'json');
    expect((JSON.parse(plain.stdout) as Finding[]).map(f => f.code)).not.toContain('specguard-server-description');
    const ruleset = file('consumer-on/.spectral.yaml', 'extends: [specguard]\nrules:\n  specguard-server-description: warn\n');
    const r = await cli('lint', path.join(dir, 'consumer-on/api.yaml'), '--ruleset', ruleset, '-f', 'json');
    expect((JSON.parse(r.stdout) as Finding[]).filter(f => f.code === 'specguard-server-description').map(f => f.severity)).toEqual([1]);
  });

  describe('a consumer project that tunes rule options', () => {
    const tuned = (options: string) =>
      `extends: [specguard]\nfunctionsDir: node_modules/specguard/dist/functions\nfunctions: [operationSecurity]\nrules:\n  specguard-operation-security:\n    given: "$"\n    then:\n      function: operationSecurity\n      functionOptions: {${options}}\n`;
    const project = () => {
      const root = mkdtempSync(path.join(dir, 'consumer-'));
      mkdirSync(path.join(root, 'node_modules'));
      symlinkSync(ROOT, path.join(root, 'node_modules', 'specguard'), 'dir');
      writeFileSync(
        path.join(root, 'api.yaml'),
        SECURE.replace('security: [{bearer: []}]\n', '').replace('    get:\n', '    get:\n      x-public: Liveness probe\n'),
      );
      return root;
    };

    it('uses the options it sets', async () => {
      const root = project();
      writeFileSync(path.join(root, '.spectral.yaml'), tuned('publicExtension: x-public'));
      const r = await cli('lint', path.join(root, 'api.yaml'), '--ruleset', path.join(root, '.spectral.yaml'), '-f', 'json');
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(r.stdout)).toEqual([]);
      writeFileSync(path.join(root, 'default.yaml'), tuned(''));
      const untuned = await cli('lint', path.join(root, 'api.yaml'), '--ruleset', path.join(root, 'default.yaml'), '-f', 'json');
      expect((JSON.parse(untuned.stdout) as Finding[]).map(f => f.code)).toEqual(['specguard-operation-security']);
    });

    it('gets a ruleset error naming a misspelt option', async () => {
      const root = project();
      writeFileSync(path.join(root, '.spectral.yaml'), tuned('publicExtensio: x-public'));
      const r = await cli('lint', path.join(root, 'api.yaml'), '--ruleset', path.join(root, '.spectral.yaml'));
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `specguard: ${path.join(root, '.spectral.yaml')}: invalid ruleset: rules.specguard-operation-security.then.functionOptions.publicExtensio: "operationSecurity" function does not support "publicExtensio" option\n`,
      );
    });
  });

  it('does not pick up a .spectral.yaml from the working folder silently', async () => {
    // The test runs in the repo root, which has no .spectral.yaml; the bundled ruleset is used.
    const r = await cli('lint', file('default.yaml', INSECURE), '-f', 'json');
    expect((JSON.parse(r.stdout) as Finding[])[0].severity).toBe(0);
  });
});

describe('specguard lint: bad input', () => {
  const expectUsageError = (r: { code: number; stderr: string }, message: string) => {
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`specguard: ${message}\n`);
  };

  it('missing file', async () => {
    const missing = path.join(dir, 'nope.yaml');
    expectUsageError(await cli('lint', missing), `${missing}: no such file or folder`);
  });

  it('empty file', async () => {
    const empty = file('empty.yaml', '   \n');
    expectUsageError(await cli('lint', empty), `${path.resolve(empty)}: file is empty`);
  });

  it('invalid YAML, with file:line:col', async () => {
    const bad = file('bad.yaml', 'openapi: 3.0.3\ninfo:\n  title: [unclosed\n');
    const r = await cli('lint', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^specguard: ${escape(path.resolve(bad))}:\\d+:\\d+: invalid YAML: .+\\n$`));
  });

  it('invalid JSON, with file:line:col', async () => {
    const bad = file('bad.json', '{\n  "openapi": "3.0.3",\n  "info": {\n}\n');
    const r = await cli('lint', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^specguard: ${escape(path.resolve(bad))}:5:1: invalid JSON: .+\\n$`));
  });

  it('a YAML file that is not an API description', async () => {
    const other = file('compose.yaml', 'services:\n  web: {image: nginx}\n');
    expectUsageError(await cli('lint', other), `${path.resolve(other)}: not an API description: no "openapi" or "swagger" field`);
  });

  it('a JSON file whose root is not an object', async () => {
    const other = file('list.json', '[1, 2]');
    expectUsageError(
      await cli('lint', other),
      `${path.resolve(other)}: not an API description: the document is not a mapping (expected an OpenAPI object)`,
    );
  });

  it('an unsupported OpenAPI version', async () => {
    const other = file('v4.yaml', "openapi: 4.0.0\ninfo: {title: t, version: '1'}\n");
    expectUsageError(
      await cli('lint', other),
      `${path.resolve(other)}: unsupported OpenAPI version "4.0.0": specguard reads 2.0, 3.0 and 3.1`,
    );
  });

  it('a RAML fragment given as the file to lint', async () => {
    const raml = file('user.raml', '#%RAML 1.0 DataType\ntype: string\n');
    expectUsageError(
      await cli('lint', raml),
      `${path.resolve(raml)}: is a RAML fragment or library, not an API: lint the root API file that uses it`,
    );
  });

  it('a folder with no API description', async () => {
    mkdirSync(path.join(dir, 'void'), { recursive: true });
    file('void/readme.yaml', 'a: 1\n');
    expectUsageError(
      await cli('lint', path.join(dir, 'void')),
      `${path.join(dir, 'void')}: no API description found in this folder (looked for OpenAPI 2.0/3.0/3.1 or RAML 0.8/1.0 root files)`,
    );
  });

  it('an unknown option', async () => {
    const r = await cli('lint', '--bogus', 'x.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it.each([
    [['lint'], "error: missing required argument 'inputs'", 'lint'],
    [['lint', 'x.yaml', '--format', 'nope'], "argument 'nope' is invalid", 'lint'],
    [['rules', '--bogus'], "error: unknown option '--bogus'", 'rules'],
    [['convert'], "error: missing required argument 'file'", 'convert'],
  ])("a usage error of %j points to that command's help", async (argv, error, command) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(error);
    expect(r.stderr).toMatch(new RegExp(`\\n\\(run specguard ${command} --help for usage\\)\\n$`));
  });

  it('a usage error outside any command points to specguard --help', async () => {
    const r = await cli('bogus');
    expect(r).toEqual({ code: 2, stdout: '', stderr: "error: unknown command 'bogus'\n(run specguard --help for usage)\n" });
  });

  it('a broken user ruleset stops the run: one line, no report (no file could be linted)', async () => {
    const ruleset = file('broken-ruleset.yaml', 'rules:\n  x:\n    given: 5\n');
    const specs = [file('for-broken.yaml', SECURE), file('for-broken-too.yaml', SECURE)];
    for (const format of ['stylish', 'json'])
      expect(await cli('lint', ...specs, '--ruleset', ruleset, '-f', format)).toEqual({
        code: 2,
        stdout: '',
        stderr: `specguard: ${ruleset}: invalid ruleset: rules.x.given: must be a valid JSON Path expression or a reference to the existing Alias optionally paired with a JSON Path expression subset\n`,
      });
  });

  describe('a ruleset that does not parse is refused at file:line:col', () => {
    const spec = () => file('for-syntax.yaml', SECURE);
    it.each([
      [
        'YAML',
        'syntax/indent.yaml',
        'extends: [specguard]\nrules:\n   a: off\n  b: off\n',
        '4:3',
        'YAML: bad indentation of a mapping entry',
      ],
      [
        'YAML, unclosed',
        'syntax/flow.yaml',
        'extends: [specguard]\nrules:\n  specguard-no-http-basic: [off\n',
        '4:1',
        'YAML: unexpected end of the stream within a flow collection',
      ],
      [
        'YAML, a rule set twice',
        'syntax/twice.yaml',
        'extends: [specguard]\nrules:\n  specguard-no-http-basic: off\n  specguard-no-http-basic: warn\n',
        '4:3',
        'YAML: duplicate key',
      ],
      ['JSON', 'syntax/ruleset.json', '{\n  "extends": ["specguard"],\n  "rules": {,}\n}\n', '3:13', 'JSON: value expected'],
      [
        'JavaScript',
        'syntax/ruleset.mjs',
        'export default {\n  rules: {\n    a: { given: "$" then: {} },\n  },\n};\n',
        '3:21',
        'Unexpected token',
      ],
    ])('%s', async (_, name, text, at, reason) => {
      const ruleset = file(name, text);
      expect(await cli('lint', spec(), '--ruleset', ruleset)).toEqual({
        code: 2,
        stdout: '',
        stderr: `specguard: ${ruleset}:${at}: invalid ruleset: ${reason}\n`,
      });
    });

    it('in a ruleset it extends, at that file', async () => {
      const base = file('syntax/base.yaml', 'rules:\n  a: "unclosed\n');
      const ruleset = file('syntax/extends-broken.yaml', 'extends: [./base.yaml]\n');
      expect((await cli('lint', spec(), '--ruleset', ruleset)).stderr).toBe(
        `specguard: ${base}:3:1: invalid ruleset: YAML: unexpected end of the stream within a double quoted scalar\n`,
      );
    });
  });

  it('a rule set to an unknown severity: the error lists the allowed values', async () => {
    const spec = file('for-severity.yaml', SECURE);
    const ruleset = file('severity/rules.yaml', 'extends: [specguard]\nrules:\n  specguard-no-http-basic: warning\n');
    expect((await cli('lint', spec, '--ruleset', ruleset)).stderr).toBe(
      `specguard: ${ruleset}: invalid ruleset: rules.specguard-no-http-basic: must be a severity ("error", "warn", "info", "hint", or "off"; a warning is "warn"), true, false or a rule definition\n`,
    );
    const override = file(
      'severity/overrides.yaml',
      'extends: [specguard]\noverrides:\n  - files: ["*.yaml"]\n    rules:\n      specguard-no-http-basic: fatal\n',
    );
    expect((await cli('lint', spec, '--ruleset', override)).stderr).toBe(
      `specguard: ${override}: invalid ruleset: overrides.0.rules.specguard-no-http-basic: must be a severity: "error", "warn", "info", "hint", or "off" (a warning is "warn")\n`,
    );
  });

  it('other files are still linted when one is bad, the bad one is an error entry, and the run exits 2', async () => {
    const missing = path.join(dir, 'missing-one.yaml');
    const r = await cli('lint', file('good-one.yaml', INSECURE), missing, '-f', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`specguard: ${missing}: no such file or folder\n`);
    const [linted, notLinted] = JSON.parse(r.stdout) as Finding[];
    expect(linted.code).toBe('specguard-server-https');
    expect(notLinted).toEqual({
      code: 'specguard-not-linted',
      message: 'no such file or folder',
      path: [],
      severity: 0,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      source: missing,
    });
  });
});

describe('$ref safety', () => {
  const specWithRef = (ref: string) =>
    SECURE.replace(
      '          description: ok\n',
      `          description: ok\n          content:\n            application/json:\n              schema: {$ref: '${ref}'}\n`,
    );
  const refFindings = async (spec: string, ...flags: string[]) =>
    (JSON.parse((await cli('lint', spec, '-f', 'json', ...flags)).stdout) as Finding[]).map(f => [f.code, f.message]);

  it('an unresolvable local $ref is an invalid-ref finding', async () => {
    const spec = file('refs/missing.yaml', specWithRef('./nowhere.yaml#/Thing'));
    expect(await refFindings(spec)).toEqual([['invalid-ref', `$ref target "${path.join(dir, 'refs', 'nowhere.yaml')}" does not exist`]]);
  });

  /** SECURE with one more operation whose 200 response has `content` (YAML lines under it, already indented). */
  const withContent = (lines: string[]) => {
    const spec = SECURE.replace(
      'paths:\n',
      [
        'paths:',
        '  /v1/data:',
        '    get:',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content:',
        ...lines,
        '',
      ].join('\n'),
    );
    expect(spec).not.toBe(SECURE);
    return spec;
  };

  it('a $ref inside example values and defaults is literal data, not followed (OpenAPI 3.x)', async () => {
    const spec = file(
      'refs/literal.yaml',
      withContent([
        '            application/json:',
        "              schema: {type: object, example: {$ref: '#/nowhere'}, default: {a: {$ref: '#/nowhere'}}}",
        "              example: {links: [{$ref: '#/nowhere'}]}",
        '              examples:',
        "                one: {value: {$ref: '#/nowhere'}}",
      ]),
    );
    expect((await refFindings(spec)).filter(([code]) => code === 'invalid-ref')).toEqual([]);
  });

  it('a $ref where a name happens to be a literal keyword (a property called example, an Example Object) is followed', async () => {
    const spec = file(
      'refs/names.yaml',
      withContent([
        '            application/json:',
        "              schema: {type: object, properties: {example: {$ref: '#/components/schemas/Nope'}}}",
        '              examples:',
        "                default: {$ref: '#/components/examples/Nope'}",
      ]),
    );
    expect((await refFindings(spec)).filter(([code]) => code === 'invalid-ref')).toEqual([
      ['invalid-ref', "'#/components/schemas/Nope' does not exist"],
      ['invalid-ref', "'#/components/examples/Nope' does not exist"],
    ]);
  });

  it('an unresolvable pointer is an invalid-ref finding', async () => {
    const spec = file('refs/pointer.yaml', specWithRef('#/components/schemas/Nope'));
    expect(await refFindings(spec)).toEqual([['invalid-ref', "'#/components/schemas/Nope' does not exist"]]);
  });

  it('a $ref leaving the spec folder is refused, unless --ref-root allows it', async () => {
    file('shared/thing.yaml', 'Thing: {type: string, maxLength: 5}\n');
    const spec = file('refs/escape.yaml', specWithRef('../shared/thing.yaml#/Thing'));
    expect(await refFindings(spec)).toEqual([
      [
        'invalid-ref',
        `$ref to "${path.join(dir, 'shared', 'thing.yaml')}" is outside the allowed folder "${path.join(dir, 'refs')}" and was not read; pass --ref-root to widen it`,
      ],
    ]);
    expect(await refFindings(spec, '--ref-root', dir)).toEqual([]);
  });

  it('circular $refs finish', async () => {
    const spec = file(
      'refs/circular.yaml',
      specWithRef('#/components/schemas/Node') +
        '  schemas:\n    Node:\n      type: object\n      properties:\n        next: {$ref: "#/components/schemas/Node"}\n        all: {type: array, items: {$ref: "#/components/schemas/Node"}}\n',
    );
    expect(await refFindings(spec)).toEqual([]);
  });

  describe('remote $refs', () => {
    let server: ReturnType<typeof createServer>;
    let requests = 0;
    let url = '';
    beforeAll(async () => {
      server = createServer((_req, res) => {
        requests++;
        res.setHeader('content-type', 'application/yaml');
        res.end('Thing: {type: string}\n');
      });
      await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/thing.yaml#/Thing`;
    });
    afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

    it('are not fetched by default: a finding says so and the server is never called', async () => {
      const spec = file('refs/remote.yaml', specWithRef(url));
      expect(await refFindings(spec)).toEqual([
        [
          'invalid-ref',
          `remote $ref "${url.split('#')[0]}" was not fetched: specguard reads no network by default; pass --allow-remote-refs to fetch it`,
        ],
      ]);
      expect(requests).toBe(0);
    });

    it('are fetched with --allow-remote-refs', async () => {
      const spec = file('refs/remote-allowed.yaml', specWithRef(url));
      expect(await refFindings(spec, '--allow-remote-refs')).toEqual([]);
      expect(requests).toBe(1);
    });
  });
});

describe('specguard rules', () => {
  it('--format json lists every rule with OWASP ids, CWE, controls and docs', async () => {
    const r = await cli('rules', '--format', 'json');
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rules.length).toBeGreaterThanOrEqual(5);
    for (const rule of rules) {
      expect(Object.keys(rule).sort()).toEqual(
        [
          'code',
          'controls',
          'cwe',
          'description',
          'docs',
          'formats',
          'function',
          'options',
          'owasp',
          'owasp2019',
          'rulesets',
          'securitySeverity',
          'severity',
        ].sort(),
      );
      expect(rule.owasp).toEqual(expect.arrayContaining([expect.stringMatching(/^API\d+:2023$/)]));
      expect(rule.cwe).toEqual(expect.arrayContaining([expect.stringMatching(/^CWE-\d+$/)]));
      expect(readFileSync(path.join(ROOT, rule.docs as string), 'utf8')).toMatch(new RegExp(`^# ${String(rule.code)}\\n`));
    }
  });

  it('--format markdown prints a table', async () => {
    const r = await cli('rules', '--format', 'markdown');
    expect(r.stdout).toMatch(/^\| Rule \| Severity \(recommended\) \| OWASP 2023 \|/);
    // Absolute, so the table works pasted into a wiki or an issue.
    expect(r.stdout).toContain(
      '[specguard-server-https](https://github.com/specguard/specguard/blob/main/docs/rules/specguard-server-https.md)',
    );
  });
});

describe('specguard rules: filters', () => {
  type Entry = { code: string; owasp: string[]; rulesets: Record<string, string> };
  const listed = async (...argv: string[]) => {
    const r = await cli('rules', '--format', 'json', ...argv);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(r.stdout) as Entry[];
  };
  const codes = (entries: Entry[]) => entries.map(e => e.code);
  let all: Entry[] = [];
  beforeAll(async () => {
    all = await listed();
  });

  it('--owasp takes a 2023 category with or without :2023, in any case', async () => {
    const api2 = await listed('--owasp', 'API2');
    expect(codes(api2)).toContain('specguard-no-http-basic');
    expect(codes(api2)).not.toContain('specguard-server-https');
    expect(codes(api2)).toEqual(codes(all.filter(e => e.owasp.includes('API2:2023'))));
    expect(await listed('--owasp', 'api2:2023')).toEqual(api2);
  });

  it('--severity is the severity in --ruleset (default recommended); warning means warn and off lists the rules left off', async () => {
    const warn = await listed('--severity', 'warn');
    expect(warn.length).toBeGreaterThan(0);
    expect(codes(warn)).toEqual(codes(all.filter(e => e.rulesets.recommended === 'warn')));
    expect(await listed('--severity', 'warning', '--ruleset', 'recommended')).toEqual(warn);
    const strictWarn = await listed('--ruleset', 'strict', '--severity', 'warn');
    expect(codes(strictWarn)).toEqual(codes(all.filter(e => e.rulesets.strict === 'warn')));
    expect(codes(strictWarn)).toContain('specguard-server-description'); // off in recommended
    expect(codes(await listed('--severity', 'off'))).toContain('specguard-server-description');
    expect(codes(await listed('--ruleset', 'strict', '--severity', 'off'))).toEqual(codes(all.filter(e => e.rulesets.strict === 'off')));
  });

  it("filters combine, and the text listing shows the chosen ruleset's severity", async () => {
    const both = await listed('--ruleset', 'strict', '--owasp', 'API4', '--severity', 'error');
    expect(codes(both)).toEqual(codes(all.filter(e => e.owasp.includes('API4:2023') && e.rulesets.strict === 'error')));
    expect(codes(both)).toContain('specguard-string-max-length');
    const text = await cli('rules', '--ruleset', 'strict', '--owasp', 'API4', '--severity', 'error');
    expect(text.stdout).toMatch(/\nspecguard-string-max-length +error +API4:2023 /);
    expect((await cli('rules', '--owasp', 'API10', '--severity', 'hint')).stdout).toBe('No rule matches these filters.\n');
  });

  it.each([
    ['--owasp', 'API11', 'expected one of API1, API2, API3, API4, API5, API6, API7, API8, API9, API10 (with or without :2023)'],
    ['--owasp', 'API2:2019', 'expected one of API1, API2'],
    ['--severity', 'fatal', 'expected one of error, warn, warning, info, hint, off'],
    ['--ruleset', 'lax', 'Allowed choices are recommended, strict.'],
  ])('an unknown %s value is a usage error naming the allowed values', async (flag, value, allowed) => {
    const r = await cli('rules', flag, value);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`argument '${value}' is invalid. ${allowed}`);
  });
});

describe('the installed binary', () => {
  const exec = promisify(execFile);
  const bin = async (...args: string[]) =>
    exec(process.execPath, [BIN, ...args]).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('prints --version and --help, exit 0', async () => {
    const pkg = readPackageJson();
    expect(await bin('--version')).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = await bin('lint', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
  });

  it('exits 2 with one line and no stack trace on bad input', async () => {
    const r = await bin('lint', file('bin-bad.yaml', 'openapi: [\n'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('large result sets', () => {
  it('formats 400,000 findings in every format without overflowing the stack', async () => {
    const finding: Finding = {
      code: 'specguard-string-max-length',
      message: 'm',
      path: ['a'],
      severity: 1,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      source: '/x.yaml',
    };
    const findings = Array.from({ length: 400_000 }, () => finding);
    // Spectral's own stylish, markdown and html overflowed here; json is what machines read.
    for (const format of ['json', 'stylish', 'markdown', 'html', 'junit'] as const) {
      const summary = summarize(findings, { filesChecked: 1 });
      expect(
        (
          await formatFindings(findings, format, { failSeverity: 0, catalog: [], version: '0', baseDir: '/', cleanFiles: [], summary })
        ).join('').length,
      ).toBeGreaterThan(400_000);
    }
  }, 120_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('isLiteralData: where a $ref is data, not a reference', () => {
  it.each([
    ['#/components/schemas/A/example', true],
    ['#/components/schemas/A/example/owner', true],
    ['#/components/schemas/A/default/0', true],
    ['#/components/schemas/A/enum/1', true],
    ['#/paths/~1a/get/responses/200/content/application~1json/examples/one/value', true],
    ['#/paths/~1a/get/responses/200/content/application~1json/examples/one/value/x', true],
    ['#/components/examples/one/value', true],
    ['#/components/schemas/A/examples/0', true],
    ['#/components/schemas/A/x-example', true],
    ['#/components/schemas/A/properties/example', false],
    ['#/components/schemas/A/properties/default/items', false],
    ['#/paths/~1a/get/responses/200/content/application~1json/examples/one', false],
    ['#/paths/~1a/get/responses/200/content/application~1json/examples/default', false],
    ['#/components/schemas/example', false],
    ['#/components/schemas/A/items', false],
  ])('%s: %s', (pointer, literal) => {
    expect(isLiteralData(pointer)).toBe(literal);
  });
});
