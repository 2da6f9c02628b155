import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/parse/errors.js';
import { lintOne } from '../../src/run/lint.js';
import { tempDir } from '../helpers.js';

/*
 * Hostile RAML ends in InputError (exit 2) naming file:line, never a stack trace or a hang:
 * the same guarantees as OpenAPI, for the root file and for everything it includes.
 */

const dir = tempDir('specguard-raml-hostile-');
fs.mkdirSync(path.join(dir, 'api'));
fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');

const api = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, 'api', name), text);
  return path.join(dir, 'api', name);
};
const withDescription = (value: string) => `#%RAML 1.0\ntitle: T\n/a:\n  get:\n    description: ${value}\n`;
const withType = (value: string) => `#%RAML 1.0\ntitle: T\n/a:\n  get:\n    body:\n      application/json:\n        type: ${value}\n`;

function aliasBomb(header: string): string {
  let text = `${header}\na: &a [x, x, x, x, x, x, x, x, x, x]\n`;
  for (let i = 1; i < 9; i++)
    text += `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
      .fill(`*${String.fromCharCode(96 + i)}`)
      .join(', ')}]\n`;
  return text;
}

async function refusal(file: string): Promise<string> {
  try {
    await lintOne(file);
  } catch (error) {
    if (error instanceof InputError) return error.message.split(`${dir}${path.sep}`).join('').replace(/\\/g, '/');
    throw error;
  }
  throw new Error('expected an InputError');
}

async function parserFindings(file: string): Promise<string[]> {
  return (await lintOne(file))
    .filter(f => f.code === 'parser')
    .map(f => `${path.relative(dir, f.source!)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message}`);
}

describe('hostile RAML: includes that are not read are parser findings where they are named', () => {
  it.each([
    [
      'a missing include',
      () => api('missing.raml', withDescription('!include nope.md')),
      'api/missing.raml:5:5: !include nope.md: no such file',
    ],
    [
      'an include leaving the API folder',
      () => api('outside.raml', withDescription('!include ../secret.txt')),
      /^api\/outside\.raml:5:5: !include \.\.\/secret\.txt: leaves the API's folder/,
    ],
    [
      'a remote include',
      () => api('remote.raml', withDescription('!include https://example.com/x.md')),
      'api/remote.raml:5:5: !include https://example.com/x.md: is remote; specguard reads only local files unless --allow-remote-refs is given',
    ],
    [
      'an alias bomb in an include',
      () => {
        api('bomb.raml', aliasBomb('#%RAML 1.0 DataType'));
        return api('bomb-api.raml', withType('!include bomb.raml'));
      },
      /^api\/bomb-api\.raml:7:9: !include bomb\.raml: YAML aliases expand to over a billion nodes .* \(an alias bomb\); refused$/,
    ],
    [
      'a non-UTF-8 include',
      () => {
        fs.writeFileSync(
          path.join(dir, 'api', 'latin1.raml'),
          Buffer.from('#%RAML 1.0 DataType\ntype: string\ndescription: caf\xe9\n', 'latin1'),
        );
        return api('latin1-api.raml', withType('!include latin1.raml'));
      },
      'api/latin1-api.raml:7:9: !include latin1.raml: not valid UTF-8 (byte 0xe9 at offset 49); save the file as UTF-8',
    ],
    [
      'deep nesting in an include',
      () => {
        api('deep-type.raml', `#%RAML 1.0 DataType\ntype: object\nexample: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
        return api('deep-api.raml', withType('!include deep-type.raml'));
      },
      'api/deep-api.raml:7:9: !include deep-type.raml: line 3: nests more than 1000 levels deep; refused',
    ],
    [
      'a missing library',
      () => api('nolib.raml', '#%RAML 1.0\ntitle: T\nuses:\n  l: nothere.raml\n'),
      'api/nolib.raml:4:3: library nothere.raml: no such file',
    ],
  ])('%s', async (_name, make, expected) => {
    const findings = await parserFindings(make());
    expect(findings).toHaveLength(1);
    if (typeof expected === 'string') expect(findings[0]).toBe(expected);
    else expect(findings[0]).toMatch(expected);
  });
});

describe('hostile RAML: what cannot be read at all is an InputError (exit 2) at file:line', () => {
  it.each([
    [
      'an include cycle',
      () => {
        api('cycle-a.raml', 'description: d\nresponses:\n  200:\n    body: !include cycle-b.raml\n');
        api('cycle-b.raml', 'application/json:\n  type: !include cycle-a.raml\n');
        return api('cycle.raml', '#%RAML 1.0\ntitle: T\n/a:\n  get: !include cycle-a.raml\n');
      },
      'api/cycle-b.raml:2:3: !include cycle-a.raml includes itself (an include cycle); refused',
    ],
    [
      'an alias bomb in the root file',
      () => api('root-bomb.raml', aliasBomb('#%RAML 1.0\ntitle: T')),
      /^api\/root-bomb\.raml: YAML aliases expand .*an alias bomb/,
    ],
    [
      'deep nesting in the root file',
      () => api('deep.raml', `#%RAML 1.0\ntitle: T\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`),
      /^api\/deep\.raml:3:\d+: nests more than 1000 levels deep; refused$/,
    ],
    [
      'a YAML syntax error',
      () => api('syntax.raml', '#%RAML 1.0\ntitle: T\n/a:\n  get:\n    description: [a, b\n  put: x\n'),
      'api/syntax.raml:6:3: invalid YAML: missed comma between flow collection entries',
    ],
    [
      'a YAML syntax error in an include',
      () => {
        api('broken-type.raml', '#%RAML 1.0 DataType\ntype: object\nproperties:\n  a: [x\n');
        return api('broken-api.raml', withType('!include broken-type.raml'));
      },
      'api/broken-type.raml:5:1: invalid YAML: unexpected end of the stream within a flow collection',
    ],
  ])('%s', async (_name, make, expected) => {
    const message = await refusal(make());
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });

  it('the same fragment included at two levels of one branch is no cycle', async () => {
    api('collection.raml', '#%RAML 1.0 ResourceType\nget:\n  description: all\n');
    const file = api(
      'twice.raml',
      '#%RAML 1.0\ntitle: T\nresourceTypes:\n  collection: !include collection.raml\n/a:\n  type: collection\n  /b:\n    type: collection\n',
    );
    expect(await parserFindings(file)).toEqual([]);
  });
});
