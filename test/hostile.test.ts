import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { byteSize } from '../src/parse/load.js';
import { lintOne } from '../src/run/lint.js';
import type { Finding } from '../src/findings/findings.js';
import { RULES as DEFINITIONS } from '../src/rules/registry.js';
import { tempDir } from './helpers.js';

/** Rules only the strict ruleset turns on. */
const STRICT_ONLY = new Set(DEFINITIONS.filter(r => r.severity.recommended === 'off').map(r => r.code));

/*
 * Hostile and odd documents: each ends in a finding or a one-line refusal (exit 2), quickly,
 * never a hang, a crash or a silent pass.
 */

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const started = Date.now();
  const code = await run(argv, { stdout: t => (stdout += t), stderr: t => (stderr += t) });
  return { code, stdout, stderr, ms: Date.now() - started };
}

const dir = tempDir('specguard-hostile-');
const file = (name: string, content: string | Buffer) => {
  const full = path.join(dir, name);
  writeFileSync(full, content);
  return full;
};
const HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
const refusal = (spec: string, reason: string) => `specguard: ${spec}: ${reason}\n`;

/** A valid spec with `count` operations, each with string parameters: slow enough to lint to hit a short --timeout. */
function manyOperations(count: number): string {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    paths[`/r${i}/{id}`] = {
      get: {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'q', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'object', properties: { a: { type: 'string' } } } } },
          },
        },
      },
    };
  }
  return JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths });
}

/** Nine levels of nine aliases each: about 5 * 10^8 nodes once expanded ("billion laughs"). */
function aliasBomb(indent: string): string {
  const levels = [`${indent}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  'bcdefghi'.split('').forEach((name, i) => levels.push(`${indent}${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`));
  return `${levels.join('\n')}\n`;
}

describe('hostile documents', () => {
  it('refuses a YAML alias bomb ("billion laughs") quickly', async () => {
    const spec = file('bomb.yaml', `${HEAD}x-bomb:\n${aliasBomb('  ')}`);
    const r = await cli('lint', spec);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(refusal(spec, 'YAML aliases expand to 544,810,087 nodes from 127 written ones (an alias bomb); refused'));
    expect(r.ms).toBeLessThan(10_000);
  });

  it('refuses a recursive alias', async () => {
    const spec = file('recursive-alias.yaml', `${HEAD}x-loop: &loop\n  self: *loop\n`);
    const r = await cli('lint', spec);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(refusal(spec, 'YAML alias refers to a node that contains it (a recursive alias); refused'));
  });

  it('lints YAML that reuses anchors modestly', async () => {
    const spec = file(
      'anchors.yaml',
      `${HEAD.replace('paths: {}\n', '')}servers: [{url: 'http://a.example.com/v1'}]\nx-defaults: &defaults {type: string, maxLength: 10}\npaths:\n  /a:\n    get:\n      security: [{k: []}]\n      parameters: [{name: q, in: query, schema: *defaults}]\n      responses: {'200': {description: ok, headers: {RateLimit: {schema: {type: string}}}}, '429': {description: slow down, headers: {Retry-After: {schema: {type: integer}}}}, default: {description: error, content: {application/problem+json: {schema: {type: object, properties: {instance: {type: string}}}}}}}\ncomponents: {securitySchemes: {k: {type: apiKey, in: header, name: X-Key}}}\n`,
    );
    const r = await cli('lint', spec, '-f', 'json');
    expect((JSON.parse(r.stdout) as Finding[]).map(f => f.code)).toEqual(['specguard-server-https']);
  });

  it.each([
    [
      'JSON arrays',
      (d: number) => `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x":${'['.repeat(d)}${']'.repeat(d)}}`,
      'json',
    ],
    [
      'JSON objects',
      (d: number) => `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}`,
      'json',
    ],
    ['YAML flow mappings', (d: number) => `${HEAD}x: ${'{a: '.repeat(d)}1${'}'.repeat(d)}\n`, 'yaml'],
  ])('refuses 10,000-level nesting (%s) with a clear message', async (_name, make, ext) => {
    const spec = file(`deep-${ext}-${_name.length}.${ext}`, make(10_000));
    const r = await cli('lint', spec);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      refusal(
        spec,
        'nests more than 1000 levels deep; refused (real API descriptions stay far below this, and deeper ones crash the resolver)',
      ),
    );
  });

  it('lints nesting well inside the limit', async () => {
    const spec = file(
      'nested-ok.json',
      `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x":${'['.repeat(500)}${']'.repeat(500)}}`,
    );
    expect(await cli('lint', spec, '-q')).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses a file over the size limit, and --max-file-size raises it', async () => {
    const spec = file('big.yaml', `${HEAD}x-padding: "${'a'.repeat(2 * 1024 * 1024)}"\n`);
    const r = await cli('lint', spec, '--max-file-size', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(refusal(spec, 'is 2 MB, over the 1 MB size limit; raise it with --max-file-size'));
    expect((await cli('lint', spec, '--max-file-size', '3', '-q')).code).toBe(0);
  });

  it('names a limit below 1 MB in KB or bytes, not "0 MB"', async () => {
    const spec = file('medium.yaml', `${HEAD}x-padding: "${'a'.repeat(300 * 1024)}"\n`);
    expect((await cli('lint', spec, '--max-file-size', '0.25')).stderr).toBe(
      refusal(spec, 'is 300.1 KB, over the 256 KB size limit; raise it with --max-file-size'),
    );
    expect(byteSize(100)).toBe('100 bytes');
    expect(byteSize(1536)).toBe('1.5 KB');
    expect(byteSize(100 * 1024 * 1024)).toBe('100 MB');
  });

  it('reports an oversized file found in a folder without reading it to sniff it', async () => {
    const folder = path.join(dir, 'oversized');
    mkdirSync(folder);
    const spec = path.join(folder, 'big.json');
    writeFileSync(spec, `{"padding": "${'a'.repeat(2 * 1024 * 1024)}"}`); // no "openapi" key: only the size says it is linted
    expect(await cli('lint', folder, '--max-file-size', '1')).toMatchObject({
      code: 2,
      stderr: refusal(spec, 'is 2 MB, over the 1 MB size limit; raise it with --max-file-size'),
    });
  });

  it('lints a document with a 20 MB string in bounded time', async () => {
    const spec = file(
      'huge-string.json',
      `{"openapi": "3.0.3", "info": {"title": "t", "version": "1", "description": "${'a'.repeat(20 * 1024 * 1024)}"}, "paths": {}}`,
    );
    const r = await cli('lint', spec, '-q');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.ms).toBeLessThan(20_000);
  });

  it('reports duplicate keys as findings instead of merging them silently', async () => {
    const spec = file('dup.yaml', `${HEAD}paths: {}\n`);
    const r = await cli('lint', spec, '-f', 'json');
    expect(r.code).toBe(1);
    expect(
      (JSON.parse(r.stdout) as Finding[]).map(({ code, message, severity, range }) => ({
        code,
        message,
        severity,
        line: range.start.line,
      })),
    ).toEqual([{ code: 'parser', message: 'Duplicate key: paths', severity: 0, line: 3 }]);
  });

  it.each(['recommended', 'strict'])('accepts unquoted numeric keys such as responses 200: (%s)', async ruleset => {
    const spec = file(
      `numeric-keys-${ruleset}.yaml`,
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nsecurity: [{k: []}]\npaths:\n  /v1/a:\n    get:\n      responses:\n        200: {description: ok, headers: {RateLimit: {schema: {type: string}}}}\n        429: {description: slow down, headers: {Retry-After: {schema: {type: integer}}}}\n        default: {description: error, content: {application/problem+json: {schema: {type: object, properties: {instance: {type: string}}}}}}\ncomponents: {securitySchemes: {k: {type: apiKey, in: header, name: X-Key}}}\n",
    );
    const result = await cli('lint', spec, '--ruleset', ruleset, '-f', 'json');
    // Strict's own governance rules (server descriptions...) fire on this minimal document; none may be a parser finding.
    const findings = (JSON.parse(result.stdout) as Array<{ code: string }>).filter(
      f => ruleset === 'recommended' || !STRICT_ONLY.has(f.code),
    );
    expect(findings).toEqual([]);
    if (ruleset === 'recommended') expect(result).toMatchObject({ code: 0, stdout: '[]\n' });
  });

  it('refuses bytes that are not UTF-8, naming the place', async () => {
    const spec = file(
      'latin1.yaml',
      Buffer.concat([Buffer.from('openapi: 3.0.3\ninfo: {title: caf'), Buffer.from([0xe9]), Buffer.from(", version: '1'}\npaths: {}\n")]),
    );
    const r = await cli('lint', spec);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`specguard: ${spec}:2:18: not valid UTF-8 (byte 0xe9 at offset 32); save the file as UTF-8\n`);
  });

  it('reads UTF-8 with a BOM and UTF-16 with a BOM', async () => {
    const utf8 = file(
      'bom8.yaml',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEAD}servers: [{url: 'http://x.example.com'}]\n`)]),
    );
    const utf16 = file(
      'bom16.yaml',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEAD}servers: [{url: 'http://x.example.com'}]\n`, 'utf16le')]),
    );
    for (const spec of [utf8, utf16]) {
      const r = await cli('lint', spec, '-f', 'json');
      expect((JSON.parse(r.stdout) as Finding[]).map(f => [f.code, f.range.start.line])).toEqual([['specguard-server-https', 3]]);
    }
  });

  it('refuses YAML with custom tags, with file:line:col', async () => {
    const spec = file('tags.yaml', "openapi: 3.0.3\ninfo: {title: !!python/object:os.system t, version: '1'}\npaths: {}\n");
    const r = await cli('lint', spec);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`specguard: ${spec}:2:15: invalid YAML: Unknown tag <tag:yaml.org,2002:python/object:os.system>\n`);
  });

  it('reports comments in JSON as a finding', async () => {
    const spec = file('comments.json', '{\n  // a comment\n  "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}\n}\n');
    const r = await cli('lint', spec, '-f', 'json');
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Finding[]).map(({ code, message, range }) => ({ code, message, start: range.start }))).toEqual([
      {
        code: 'parser',
        message: 'Comments are not allowed in JSON: remove them (or write the file as YAML)',
        start: { line: 1, character: 2 },
      },
    ]);
  });

  it('refuses a key named "hasOwnProperty" (it breaks Spectral\'s $ref resolver) with its place, not a crash', async () => {
    const spec = file('has-own.yaml', `${HEAD}x-a:\n  hasOwnProperty: 1\n`);
    expect(await cli('lint', spec)).toMatchObject({
      code: 2,
      stderr: `specguard: ${spec}:5:19: a key named "hasOwnProperty" breaks Spectral's $ref resolver (an upstream limitation); rename it to lint this file\n`,
    });
  });

  it.each([
    ['a scalar', 'scalar.yaml', 'just a string\n'],
    ['an array', 'array.json', '[{"openapi": "3.0.3"}]'],
    ['null', 'null.yaml', 'null\n'],
  ])('refuses a document that is %s', async (_name, name, content) => {
    const spec = file(name, content);
    expect(await cli('lint', spec)).toMatchObject({
      code: 2,
      stderr: refusal(spec, 'not an API description: the document is not a mapping (expected an OpenAPI object)'),
    });
  });
});

describe('the tool itself', () => {
  it('never evaluates document content as a message template', async () => {
    const spec = file(
      'template.yaml',
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://api.example.com/v1'}]\npaths:\n  '/a/#{{1+1}}/{{constructor}}/{{path}}':\n    get:\n      responses: {'200': {description: ok, headers: {RateLimit: {schema: {type: string}}}}, '429': {description: slow down, headers: {Retry-After: {schema: {type: integer}}}}, default: {description: error, content: {application/problem+json: {schema: {type: object, properties: {instance: {type: string}}}}}}}\n",
    );
    const r = await cli('lint', spec, '-f', 'json');
    expect((JSON.parse(r.stdout) as Finding[]).map(f => f.message)).toEqual([
      'Operation GET /a/#{{1+1}}/{{constructor}}/{{path}} has no security requirement and no root default applies: add a "security" requirement, or mark it x-specguard-public: "<why it is public>".',
    ]);
    expect(r.stderr).toBe('');
  });
});

describe('circular $refs', () => {
  it('a finding whose path runs into a circular $ref chain is located at the object holding it (Spectral would never return)', async () => {
    const spec = file('circular-finding.yaml', CIRCULAR);
    const { Spectral, Ruleset } = await import('@stoplight/spectral-core');
    const { oas3 } = await import('@stoplight/spectral-formats');
    const { parseSpec } = await import('../src/input/index.js');
    const { defineRule } = await import('../src/rule-kit.js');
    const reportAt = (target: string[]) =>
      defineRule({ ...DEFINITIONS[0], code: 'specguard-probe', options: {}, messages: {} }, () => [{ message: 'here', path: target }]);
    const run = async (target: string[]) => {
      const spectral = new Spectral();
      spectral.setRuleset(
        new Ruleset({
          formats: [oas3],
          rules: { probe: { given: '$', resolved: true, severity: 'error', then: { function: reportAt(target) } } },
        }),
      );
      const { document } = parseSpec(readFileSync(spec, 'utf8'), spec);
      return (await spectral.run(document)).map(r => [r.path.join('.'), r.range.start.line + 1]);
    };
    expect(await run(['components', 'responses', 'R1'])).toEqual([['components.responses', 34]]);
    expect(await run(['paths', '/a', 'post', 'responses', '200', 'description'])).toEqual([['paths./a.post.responses', 14]]);
    expect(await run(['components', 'schemas', 'Node', 'properties'])).toEqual([['components.schemas.Node.properties', 45]]);
  }, 20_000);

  it('through schemas, parameters and responses: no hang, and each finding once', async () => {
    const spec = file('circular.yaml', CIRCULAR);
    const r = await cli('lint', spec, '-f', 'json');
    expect((JSON.parse(r.stdout) as Finding[]).map(f => [f.code, f.path.join('.')])).toEqual([
      ['specguard-request-additional-properties', 'components.schemas.Node'],
      ['specguard-request-depth', 'components.schemas.Node'],
      ['specguard-string-max-length', 'components.schemas.Node.properties.label'],
      ['specguard-array-max-items', 'components.schemas.Node.properties.children'],
    ]);
  });
});

const CIRCULAR = `openapi: 3.0.3
info: {title: t, version: '1'}
servers: [{url: 'https://api.example.com/v1'}]
security: [{k: []}]
paths:
  /a:
    post:
      parameters:
        - $ref: '#/components/parameters/P1'
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Node'}
      responses:
        '200': {$ref: '#/components/responses/R1'}
        '429': {$ref: '#/components/responses/TooMany'}
        default: {$ref: '#/components/responses/Error'}
  /b:
    put:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Node'}
      responses:
        '200': {$ref: '#/components/responses/R1'}
        '429': {$ref: '#/components/responses/TooMany'}
        default: {$ref: '#/components/responses/Error'}
components:
  securitySchemes:
    k: {type: apiKey, in: header, name: X-Key}
  parameters:
    P1: {$ref: '#/components/parameters/P2'}
    P2: {$ref: '#/components/parameters/P1'}
  responses:
    R1: {$ref: '#/components/responses/R2'}
    R2: {$ref: '#/components/responses/R1'}
    TooMany:
      description: slow down
      headers:
        Retry-After: {schema: {type: integer}}
    Error: {description: error, content: {application/problem+json: {schema: {type: object, properties: {instance: {type: string}}}}}}
  schemas:
    Node:
      type: object
      properties:
        label: {type: string}
        next: {$ref: '#/components/schemas/Node'}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
`;

describe('hostile $ref targets', () => {
  it('an alias bomb behind a $ref is an invalid-ref finding, not a hang', async () => {
    file('bomb-target.yaml', `${aliasBomb('')}Thing: {type: string}\n`);
    const spec = file('refs-bomb.yaml', `${HEAD}x-thing: {$ref: './bomb-target.yaml#/Thing'}\n`);
    const r = await cli('lint', spec, '-f', 'json');
    expect((JSON.parse(r.stdout) as Finding[]).map(f => [f.code, f.message])).toEqual([
      [
        'invalid-ref',
        `$ref target "${path.join(dir, 'bomb-target.yaml')}" YAML aliases expand to 544,810,075 nodes from 115 written ones (an alias bomb); refused`,
      ],
    ]);
  });
});

describe('remote $refs, when allowed, are bounded', () => {
  let server: Server;
  let base = '';
  const calls: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      calls.push(req.url ?? '');
      if (req.url === '/slow.yaml') return; // never answers
      if (req.url === '/huge.yaml') return void res.end(`Thing: {type: string, description: "${'a'.repeat(64 * 1024)}"}\n`);
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>(resolve => server.close(() => resolve()));
  });
  const refTo = (url: string) => `${HEAD}x-thing: {$ref: '${url}#/Thing'}\n`;
  const messages = async (url: string) =>
    (
      await lintOne(
        { content: refTo(url), source: path.join(dir, 'remote.yaml') },
        { allowRemoteRefs: true, remoteTimeoutMs: 300, remoteMaxBytes: 16 * 1024 },
      )
    ).map(f => [f.code, f.message]);

  it('a server that never answers is given up on after the timeout', async () => {
    const started = Date.now();
    expect(await messages(`${base}/slow.yaml`)).toEqual([
      ['invalid-ref', `remote $ref "${base}/slow.yaml" could not be fetched: no answer within 300 ms`],
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a document over the size limit is not read', async () => {
    expect(await messages(`${base}/huge.yaml`)).toEqual([
      ['invalid-ref', `remote $ref "${base}/huge.yaml" is larger than 16384 bytes and was not read`],
    ]);
  });

  it('an HTTP error is a finding', async () => {
    expect(await messages(`${base}/missing.yaml`)).toEqual([['invalid-ref', `remote $ref "${base}/missing.yaml" answered HTTP 404`]]);
  });
});

describe('--timeout and --jobs', () => {
  it('stops a file at its time budget, reports it as an error, and lints the others', async () => {
    const small = file('small.yaml', `${HEAD}servers: [{url: 'http://x.example.com'}]\n`);
    const big = file('big.json', manyOperations(3000));
    const r = await cli('lint', big, small, '--timeout', '0.5', '-f', 'json', '-j', '2');
    expect(r.code).toBe(1);
    const expected = [
      [
        big,
        'specguard-timeout',
        'Linting stopped after 0.5 s (--timeout): this file was not fully checked; raise --timeout or split the file.',
      ],
      [
        small,
        'specguard-server-https',
        'Server URL "http://x.example.com" uses plain HTTP: use https:// so credentials and data are encrypted in transit.',
      ],
    ].sort(([a], [b]) => (a < b ? -1 : 1));
    expect((JSON.parse(r.stdout) as Finding[]).map(f => [f.source, f.code, f.message])).toEqual(expected);
    expect(r.ms).toBeLessThan(30_000);
  });

  it('gives byte-identical JSON and SARIF across runs and --jobs values, in worker threads or not', async () => {
    const examples = path.resolve(__dirname, '..', 'examples');
    const outputs = new Set<string>();
    const sarifs = new Set<string>();
    // Without --timeout the examples (under 512 KB) are linted in the CLI's thread; with it, in workers.
    for (const flags of [
      ['-j', '1'],
      ['-j', '3', '--timeout', '300'],
      ['-j', '4'],
      ['-j', '1', '--timeout', '300'],
    ]) {
      outputs.add((await cli('lint', examples, '-f', 'json', ...flags)).stdout);
      sarifs.add((await cli('lint', examples, '-f', 'sarif', ...flags)).stdout);
    }
    expect(outputs.size).toBe(1);
    expect(sarifs.size).toBe(1);
    const findings = JSON.parse([...outputs][0]) as Finding[];
    const keys = findings.map(
      f => `${f.source}\u0000${String(f.range.start.line).padStart(8, '0')}\u0000${String(f.range.start.character).padStart(8, '0')}`,
    );
    expect(keys).toEqual([...keys].sort());
  });

  it('rejects a bad --jobs or --timeout value', async () => {
    expect((await cli('lint', 'x.yaml', '--jobs', '0')).code).toBe(2);
    expect((await cli('lint', 'x.yaml', '--timeout', 'soon')).code).toBe(2);
  });
});
