import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/parse/errors.js';
import { lintOne } from '../../src/run/lint.js';
import { detectRaml, ramlToOpenApi } from '../../src/input/raml/adapter.js';
import { lintRaml, writeRaml } from './helpers.js';
import * as fs from 'node:fs';

/*
 * RAML 1.0 overlays and extensions are root files: each is linted merged with the API it
 * `extends`, and every finding is placed in the file its node came from (the base API or the
 * extension).
 */

const BASE = `#%RAML 1.0
title: Base
baseUri: http://api.example.com
traits:
  searchable:
    queryParameters:
      q: string
securitySchemes:
  basic:
    type: Basic Authentication
securedBy: [basic]
/things:
  get:
`;

const EXTENSION = `#%RAML 1.0 Extension
extends: base.raml
usage: Adds search and writes
baseUri: https://api.example.com
/things:
  get:
    is: [searchable]
  post:
    securedBy: [null]
`;

const OVERLAY = `#%RAML 1.0 Overlay
extends: base.raml
title: Base, documented
/things:
  get:
    description: Lists the things.
`;

const codes = ['specguard-server-https', 'specguard-no-http-basic', 'specguard-string-max-length', 'specguard-operation-security'];
const placed = async (files: Record<string, string>) =>
  (await lintRaml(files)).filter(f => codes.includes(f.code)).map(f => `${f.file}:${f.line} ${f.code}`);

describe('RAML overlays and extensions', () => {
  it('are root files', () => {
    expect(detectRaml(EXTENSION)).toBe('root');
    expect(detectRaml(OVERLAY)).toBe('root');
    expect(detectRaml('#%RAML 1.0 Library\n')).toBe('part');
    expect(detectRaml('#%RAML 0.8 Extension\n')).toBe('part');
  });

  it('an extension is linted merged with its base: findings in the base and in the extension, each at its file and line', async () => {
    expect(await placed({ 'ext.raml': EXTENSION, 'base.raml': BASE })).toEqual([
      'base.raml:7 specguard-string-max-length', // q, from the base's trait the extension applies
      'base.raml:10 specguard-no-http-basic', // the base's scheme
      'ext.raml:9 specguard-operation-security', // the extension's anonymous POST
    ]);
    // The extension's https baseUri replaces the base's http one; the base alone still has it.
    expect(await placed({ 'base.raml': BASE })).toEqual(['base.raml:3 specguard-server-https', 'base.raml:10 specguard-no-http-basic']);
  });

  it('merges as RAML says: maps key by key, lists gain new items, single values are the extension’s', () => {
    const dir = path.dirname(writeRaml({ 'ext.raml': EXTENSION, 'base.raml': BASE }));
    const file = path.join(dir, 'ext.raml');
    const { openapi } = ramlToOpenApi(fs.readFileSync(file, 'utf8'), file, { maxFileBytes: 1e8 });
    expect(openapi.servers).toEqual([{ url: 'https://api.example.com' }]);
    expect(openapi.info).toEqual({ title: 'Base', version: '' });
    expect(Object.keys(openapi.paths as object)).toEqual(['/things']);
    const things = (openapi.paths as Record<string, Record<string, { security?: unknown; parameters?: unknown[] }>>)['/things'];
    expect(openapi.security).toEqual([{ basic: [] }]);
    expect(things.get.parameters).toHaveLength(1);
    expect(things.post.security).toEqual([{}]);
    expect(openapi).not.toHaveProperty('usage');
  });

  it('an overlay adds to the base; what it only annotates stays placed in the base', async () => {
    const files = { 'overlay.raml': OVERLAY, 'base.raml': BASE };
    expect(await placed(files)).toEqual(['base.raml:3 specguard-server-https', 'base.raml:10 specguard-no-http-basic']);
    const dir = path.dirname(writeRaml(files));
    const file = path.join(dir, 'overlay.raml');
    const { openapi } = ramlToOpenApi(OVERLAY, file, { maxFileBytes: 1e8 });
    expect(openapi.info).toEqual({ title: 'Base, documented', version: '' });
    expect(openapi.paths).toEqual({ '/things': { get: { description: 'Lists the things.', responses: {} } } });
    expect(openapi.security).toEqual([{ basic: [] }]);
  });

  it('an extension of an extension merges the whole chain', async () => {
    const second = '#%RAML 1.0 Extension\nextends: ext.raml\n/things:\n  delete:\n';
    expect(await placed({ 'second.raml': second, 'ext.raml': EXTENSION, 'base.raml': BASE })).toEqual([
      'base.raml:7 specguard-string-max-length',
      'base.raml:10 specguard-no-http-basic',
      'ext.raml:9 specguard-operation-security',
    ]);
  });

  it('a base that is not read is a parser finding at the extends line; the extension is linted alone', async () => {
    const findings = await lintRaml({ 'ext.raml': EXTENSION });
    expect(findings.filter(f => f.code === 'parser')).toEqual([
      { code: 'parser', file: 'ext.raml', line: 2, message: 'extends base.raml: no such file' },
    ]);
    expect(findings.filter(f => f.code === 'specguard-operation-security').map(f => f.line)).toEqual([6, 9]);
  });

  it('a base outside the API folder is refused', async () => {
    const dir = path.dirname(writeRaml({ 'base.raml': BASE, 'api/ext.raml': EXTENSION.replace('base.raml', '../base.raml') }));
    const findings = await lintOne(path.join(dir, 'api', 'ext.raml'));
    expect(findings.filter(f => f.code === 'parser').map(f => f.message)).toEqual([
      `extends ../base.raml: leaves the API's folder (${path.join(dir, 'api')}); refused`,
    ]);
  });

  it.each([
    [
      'a cycle',
      { 'a.raml': '#%RAML 1.0 Extension\nextends: b.raml\n', 'b.raml': '#%RAML 1.0 Overlay\n# x\nextends: a.raml\n' },
      'b.raml:3:1: extends a.raml, which leads back to this file (an extends cycle); refused',
    ],
    [
      'itself',
      { 'a.raml': '#%RAML 1.0 Extension\nextends: a.raml\n' },
      'a.raml:2:1: extends a.raml, which leads back to this file (an extends cycle); refused',
    ],
    [
      'a library',
      { 'a.raml': '#%RAML 1.0 Extension\ntitle: T\nextends: lib.raml\n', 'lib.raml': '#%RAML 1.0 Library\n' },
      'a.raml:3:1: extends lib.raml, which is not a RAML 1.0 API, overlay or extension; refused',
    ],
  ])('extending %s is an InputError (exit 2) at the extends line', async (_name, files, expected) => {
    const root = writeRaml(files);
    const error = await lintOne(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      `${path.join(path.dirname(root), expected.split(':')[0])}${expected.slice(expected.indexOf(':'))}`,
    );
  });
});
