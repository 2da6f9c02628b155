import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintOne } from '../../src/run/lint.js';
import { inRamlWords } from '../../src/input/raml/advice.js';

/*
 * examples/insecure-raml: the RAML API with the usual flaws and its hand-written OpenAPI
 * equivalent get the same findings (the RAML ones giving their fixes in RAML's words), and each
 * RAML finding is at the RAML file and line.
 */

const RULES = [
  'specguard-server-https',
  'specguard-no-http-basic',
  'specguard-no-api-key-in-url',
  'specguard-operation-security',
  'specguard-string-max-length',
];
const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'insecure-raml');

describe('examples/insecure-raml', () => {
  it('gets the same findings as its OpenAPI equivalent, each at the right RAML file and line', async () => {
    const raml = await lintOne(path.join(EXAMPLE, 'api.raml'));
    const openapi = await lintOne(path.join(EXAMPLE, 'openapi-3.0.yaml'));
    const key = (f: { code: string; message: string; path: Array<string | number> }) => `${f.code} ${f.path.join('.')} ${f.message}`;
    const inRaml = (f: { code: string; message: string; path: Array<string | number> }) => key({ ...f, message: inRamlWords(f.message) });
    expect(raml.map(key).sort()).toEqual(openapi.map(inRaml).sort());
    expect(raml.find(f => f.code === 'specguard-operation-security')?.message).toContain('(specguard-public)');

    // The rules this list was written for; rules added later are covered by the comparison above.
    const placed = raml
      .filter(f => RULES.includes(f.code))
      .map(f => `${path.relative(EXAMPLE, f.source!)}:${f.range.start.line + 1} ${f.code}`);
    expect(placed).toEqual([
      'api.raml:5 specguard-server-https', // baseUri: http://
      'api.raml:11 specguard-no-http-basic', // type: Basic Authentication
      'api.raml:23 specguard-operation-security', // securedBy: [null, oauth_2_0]
      'api.raml:25 specguard-string-max-length', // queryParameters name: string
      'api.raml:41 specguard-operation-security', // GET /accounts/{accountId}: no securedBy
      'types/account.raml:5 specguard-string-max-length', // name, in the !included type
      // password (line 6) is specguard-field-formats' finding, which string-max-length defers to
    ]);
  });
});
