import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Document } from '@stoplight/spectral-core';
import parsers from '@stoplight/spectral-parsers';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../src/engine/discover.js';
import { InputError } from '../src/parse/errors.js';
import { lint, lintOne } from '../src/run/lint.js';
import { adapterFor, isRootApiDescription, parseSpec, registerInputAdapter } from '../src/input/index.js';
import type { InputAdapter } from '../src/input/index.js';
import { openApiAdapter } from '../src/input/openapi.js';
import { writeBaseline } from '../src/results/baseline.js';
import { tempDir } from './helpers.js';

/*
 * The input registry: formats are told apart by content, and an adapter's location mapper puts
 * every finding back in the user's own file.
 */

const OAS3_JSON = '{\n  "info": {"title": "t", "version": "1"},\n  "openapi": "3.0.3",\n  "paths": {}\n}\n';
const OAS31_YAML = "info: {title: t, version: '1'}\npaths: {}\nopenapi: 3.1.0\n";
const OAS2_YAML = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n";
const OAS2_JSON = '{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}';
const INSECURE = readFileSync(path.resolve(__dirname, '..', 'examples', 'insecure', 'openapi-3.0.yaml'), 'utf8');

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.reason;
    throw error;
  }
  throw new Error('expected an InputError');
};

describe('input registry: detection by content', () => {
  it.each([
    ['OpenAPI 3.0 JSON, keys in any order', OAS3_JSON, '3.0'],
    ['OpenAPI 3.1 YAML, version key last', OAS31_YAML, '3.1'],
    ['Swagger 2.0 YAML', OAS2_YAML, '2.0'],
    ['Swagger 2.0 JSON', OAS2_JSON, '2.0'],
    ['OpenAPI with a UTF-8 byte order mark', `\uFEFF${OAS2_YAML}`, '2.0'],
  ])('%s is a root OpenAPI description', (_name, text, version) => {
    // The file name says nothing: content decides.
    expect(adapterFor(text, 'notes.txt').name).toBe('OpenAPI');
    expect(isRootApiDescription(text, 'notes.txt')).toBe(true);
    expect(parseSpec(text, '/x/notes.txt')).toMatchObject({ format: 'OpenAPI', version, findings: [] });
  });

  it.each([
    ['#%RAML 1.0\ntitle: t\n', 'root'],
    ['#%RAML 0.8\ntitle: t\n', 'root'],
    ['\uFEFF#%RAML 1.0\ntitle: t\n', 'root'],
    ['#%RAML 1.0 DataType\ntype: string\n', 'part'],
    ['#%RAML 1.0 Library\ntypes: {}\n', 'part'],
  ])('RAML by its header: %j', (text, kind) => {
    expect(adapterFor(text, 'api.yaml').name).toBe('RAML');
    expect(isRootApiDescription(text, 'api.yaml')).toBe(kind === 'root');
    if (kind === 'root') expect(parseSpec(text, '/x/api.raml')).toMatchObject({ format: 'RAML', version: '3.0', findings: [] });
    else
      expect(refusal(() => parseSpec(text, '/x/api.raml'))).toBe(
        'is a RAML fragment or library, not an API: lint the root API file that uses it',
      );
  });

  it.each([
    ['a YAML file of another kind', 'services:\n  web: {image: nginx}\n', 'not an API description: no "openapi" or "swagger" field'],
    ['a JSON array', '[1, 2]', 'not an API description: the document is not a mapping (expected an OpenAPI object)'],
    [
      'OpenAPI 4',
      "openapi: 4.0.0\ninfo: {title: t, version: '1'}\n",
      'unsupported OpenAPI version "4.0.0": specguard reads 2.0, 3.0 and 3.1',
    ],
    ['blank text', ' \n\n', 'file is empty'],
  ])('%s is no root API description, and reading it gives the current error', (_name, text, reason) => {
    expect(isRootApiDescription(text, 'x.yaml')).toBe(false);
    expect(refusal(() => parseSpec(text, '/x/x.yaml'))).toBe(reason);
  });

  it('keeps the OpenAPI comment-in-JSON finding', () => {
    const { findings } = parseSpec(
      '{\n  // note\n  "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}\n}',
      '/x/c.json',
    );
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'parser',
        range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } },
        source: '/x/c.json',
      }),
    ]);
  });
});

/** A made-up format: a `%SHIFTED` line, then an OpenAPI document, read from a generated name. */
const shifted: InputAdapter = {
  name: 'Shifted',
  extensions: ['shifted'],
  detect: text => (text.startsWith('%SHIFTED\n') ? 'root' : undefined),
  load(text, source, options) {
    const generated = `${source}.openapi.yaml`;
    const { document, version, findings } = openApiAdapter.load(text.slice('%SHIFTED\n'.length), generated, options);
    const note = {
      code: 'shifted-note',
      message: 'loaded',
      path: [],
      severity: 3 as const,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      source: generated,
    };
    return {
      document,
      version,
      findings: [...findings, note],
      // One line down, and in the user's file rather than the generated one.
      mapLocation: ({ source: at, range }) => ({
        source: at === generated ? source : at,
        range: { start: { ...range.start, line: range.start.line + 1 }, end: { ...range.end, line: range.end.line + 1 } },
      }),
    };
  },
};

describe('input registry: a plugged-in adapter', () => {
  let unregister = () => {};
  afterEach(() => unregister());

  it('maps every finding back to its source and range', async () => {
    const source = path.resolve('pets.shifted');
    const direct = await lintOne({ content: INSECURE, source: `${source}.openapi.yaml` });
    expect(direct.length).toBeGreaterThan(5);
    unregister = registerInputAdapter(shifted);
    const viaAdapter = await lintOne({ content: `%SHIFTED\n${INSECURE}`, source });
    const note = {
      code: 'shifted-note',
      message: 'loaded',
      path: [],
      severity: 3,
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } },
      source,
    };
    const expected = direct.map(f => ({
      ...f,
      source,
      range: { start: { ...f.range.start, line: f.range.start.line + 1 }, end: { ...f.range.end, line: f.range.end.line + 1 } },
    }));
    expect(viaAdapter).toEqual(expect.arrayContaining([...expected, note]));
    expect(viaAdapter).toHaveLength(expected.length + 1);
  });

  it('is asked by folder discovery, by extension and content', async () => {
    const dir = tempDir('specguard-input-');
    mkdirSync(path.join(dir, 'api'));
    writeFileSync(path.join(dir, 'api', 'pets.shifted'), `%SHIFTED\n${OAS2_YAML}`);
    writeFileSync(path.join(dir, 'api', 'other.shifted'), 'not this format\n');
    unregister = registerInputAdapter(shifted);
    expect(await discoverFiles([path.join(dir, 'api')])).toEqual({ files: [path.join(dir, 'api', 'pets.shifted')], errors: [] });
  });

  it('cannot hand over a document that skipped the guards', async () => {
    unregister = registerInputAdapter({
      ...shifted,
      load: (text, source, options) => ({
        ...shifted.load(text, source, options),
        document: new Document(text, parsers.Yaml as never, source),
      }),
    });
    await expect(lintOne({ content: `%SHIFTED\n${OAS2_YAML}`, source: 'x.shifted' })).rejects.toThrow(
      /built its document without parseSafely/,
    );
  });

  it('gets text only after the size guard', async () => {
    let loaded = false;
    unregister = registerInputAdapter({
      ...shifted,
      load: (...args) => {
        loaded = true;
        return shifted.load(...args);
      },
    });
    await expect(lintOne({ content: `%SHIFTED\n${OAS2_YAML}`, source: 'x.shifted' }, { maxFileBytes: 10 })).rejects.toThrow(
      /over the .* size limit/,
    );
    expect(loaded).toBe(false);
  });
});

describe('lint({content}) without a source', () => {
  const dir = tempDir('specguard-unnamed-');
  writeFileSync(path.join(dir, 'query.yaml'), 'type: string\n');
  /** An insecure document whose one parameter's schema is a $ref. */
  const withRef = (ref: string) =>
    `openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: 'http://api.example.com'}]\npaths:\n  /a:\n    get:\n      parameters: [{name: q, in: query, schema: {$ref: '${ref}'}}]\n      responses: {'200': {description: ok}}\n`;

  it('reports its findings with no source, and no invented path', async () => {
    const { results } = await lint({ content: INSECURE });
    expect(results.length).toBeGreaterThan(5);
    for (const finding of results) expect(finding).not.toHaveProperty('source');
    expect(JSON.stringify(results)).not.toContain('document.yaml');
    expect(JSON.stringify(results)).not.toContain(process.cwd());
  });

  it('resolves its relative $refs against refRoot; findings in a file it $refs keep that file as source', async () => {
    const { results } = await lint({ content: withRef('query.yaml') }, { refRoot: dir });
    expect(results.find(f => f.code === 'specguard-server-https')).not.toHaveProperty('source');
    expect(results.filter(f => f.code === 'specguard-string-max-length').map(f => f.source)).toEqual([path.join(dir, 'query.yaml')]);
    expect(results.map(f => f.code)).not.toContain('invalid-ref');
  });

  it('without refRoot, against the working folder, which is also the folder $refs may not leave', async () => {
    const ref = path.relative(process.cwd(), path.join(dir, 'query.yaml'));
    const { results } = await lint({ content: withRef(ref) });
    expect(results.filter(f => f.code === 'invalid-ref').map(({ message, source }) => ({ message, source }))).toEqual([
      {
        message: `$ref to "${path.join(dir, 'query.yaml')}" is outside the allowed folder "${process.cwd()}" and was not read; pass --ref-root to widen it`,
        source: undefined,
      },
    ]);
  });

  it('is called <content> in errors, with the line and column', async () => {
    const error = (content: string) =>
      lint({ content }).then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(await error('openapi: 3.0.3\ninfo: [\n')).toEqual(
      new InputError('<content>:3:1', 'invalid YAML: Unexpected end of the stream within a flow collection'),
    );
    expect(((await error('a: 1\n')) as InputError).message).toBe('<content>: not an API description: no "openapi" or "swagger" field');
  });

  it('a named one keeps its name, resolved against the working folder as a path is', async () => {
    const { results } = await lint({ content: INSECURE, source: 'api/openapi.yaml' });
    expect(new Set(results.map(f => f.source))).toEqual(new Set([path.resolve('api/openapi.yaml')]));
  });
});

describe('lint() with a baseline, the results stage the CLI runs too', () => {
  const dir = tempDir('specguard-api-baseline-');
  const source = path.join(dir, 'openapi.yaml');
  writeFileSync(source, INSECURE);

  it('reports only findings the baseline does not list, and counts the others', async () => {
    const all = (await lint(source)).results;
    const accepted = all.filter(f => f.code === 'specguard-server-https');
    expect(accepted.length).toBeGreaterThan(0);
    const baseline = path.join(dir, 'baseline.json');
    await writeBaseline(baseline, accepted, process.cwd());
    const report = await lint(source, { baseline });
    expect(report.results).toEqual(all.filter(f => f.code !== 'specguard-server-https'));
    expect(report.baselined).toBe(accepted.length);
    expect(report.rules.map(r => r.code)).toContain('specguard-server-https');
    expect(await lintOne(source, { baseline })).toEqual(report.results);
    expect((await lint(source)).baselined).toBe(0);
  });

  it('refuses a baseline file that is missing, as the CLI does', async () => {
    const missing = path.join(dir, 'none.json');
    await expect(lint(source, { baseline: missing })).rejects.toEqual(
      new InputError(missing, 'baseline file not found (create it with --update-baseline)'),
    );
  });
});
