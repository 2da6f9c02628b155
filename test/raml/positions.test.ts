import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ramlToOpenApi } from '../../src/input/raml/adapter.js';
import { tempDir } from '../helpers.js';
import { lintRaml } from './helpers.js';
import * as fs from 'node:fs';

/*
 * Where findings land: the root file, an included file, a library, a trait, a resource type.
 * raml-1-parser's expanded model keeps each node a trait or resource type contributed at the
 * trait's or type's own lines, so the finding is placed there, not at the resource.
 */

const FILES = {
  'api.raml': `#%RAML 1.0
title: T
uses:
  common: lib/common.raml
securedBy: [common.oauth]
resourceTypes:
  collection:
    post:
      body:
        properties:
          note: string
/things:
  type: collection
  get:
    is: [common.searchable]
  /{id}:
    put:
      body:
        type: !include types/thing.raml
`,
  'lib/common.raml': `#%RAML 1.0 Library
securitySchemes:
  oauth:
    type: OAuth 2.0
    settings:
      accessTokenUri: https://auth.example.com/token
      authorizationGrants: [client_credentials]
traits:
  searchable:
    queryParameters:
      q: string
`,
  'types/thing.raml': `#%RAML 1.0 DataType
type: object
properties:
  label: string
`,
};

describe('RAML finding positions', () => {
  it('root file, library trait, resource type and included file', async () => {
    const findings = (await lintRaml(FILES)).filter(f => f.code === 'specguard-string-max-length');
    expect(findings.map(f => `${f.file}:${f.line} ${f.message.split(' is ')[0]}`)).toEqual([
      'api.raml:11 Property "note"', // from the resource type
      'api.raml:16 Parameter "id"', // an undeclared URI parameter is a string
      'lib/common.raml:11 Parameter "q"', // from the library's trait
      'types/thing.raml:4 Property "label"', // from the included type
    ]);
  });

  it("a value in a type's named example is reported at its own line", async () => {
    const raml = `#%RAML 1.0\ntitle: T\ntypes:\n  Person:\n    properties:\n      ssn: string\n    examples:\n      one:\n        ssn: '123-45-6780'\n`;
    const findings = (await lintRaml({ 'api.raml': raml })).filter(f => f.code === 'specguard-sensitive-data-in-examples');
    expect(findings).toEqual([
      {
        code: 'specguard-sensitive-data-in-examples',
        message:
          'The example of Schema "Person" holds what looks like a real US Social Security number: use an impossible one such as 000-12-3456, or a placeholder.',
        file: 'api.raml',
        line: 9,
      },
    ]);
  });

  it('a path without a node of its own maps to its nearest mapped ancestor', () => {
    const dir = tempDir('specguard-raml-pos-');
    for (const [name, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const root = path.join(dir, 'api.raml');
    const { sourceMap } = ramlToOpenApi(FILES['api.raml'], root, { maxFileBytes: 1e8 });
    const at = (p: Array<string | number>) => {
      const loc = sourceMap.locate(p)!;
      return `${path.relative(dir, loc.file)}:${loc.range.start.line + 1}`;
    };
    expect(
      at(['paths', '/things/{id}', 'put', 'requestBody', 'content', 'application/json', 'schema', 'properties', 'label', 'type']),
    ).toBe('types/thing.raml:4');
    expect(at(['paths', '/things', 'get'])).toBe('api.raml:14');
    expect(at(['components', 'securitySchemes', 'common.oauth', 'flows', 'clientCredentials'])).toBe('lib/common.raml:7');
    expect(at(['no', 'such', 'path'])).toBe('api.raml:1');
  });

  it('a type in a types file included whole, next to a library: at its own line', async () => {
    const findings = await lintRaml({
      'api.raml':
        '#%RAML 1.0\ntitle: T\nuses:\n  lib: lib.raml\ntypes: !include types.raml\n/a:\n  post:\n    body:\n      application/json:\n        type: Pet\n',
      'lib.raml': '#%RAML 1.0 Library\nannotationTypes:\n  package: string\n',
      'types.raml': 'Pet:\n  type: object\n  properties:\n    name: string\n',
    });
    expect(
      findings.filter(f => f.code === 'specguard-string-max-length').map(f => `${f.file}:${f.line} ${f.message.split(' is ')[0]}`),
    ).toEqual(['types.raml:4 Property "name"']);
  });

  it("a pattern property's value: at its own line", async () => {
    const raml = '#%RAML 1.0\ntitle: T\ntypes:\n  LocalizedString:\n    properties:\n      /^[a-z]{2}$/:\n        type: string\n';
    const findings = (await lintRaml({ 'api.raml': raml })).filter(f => f.code === 'specguard-string-max-length');
    expect(findings.map(f => `${f.file}:${f.line}`)).toEqual(['api.raml:6']);
  });

  it('RAML 0.8: schemes and traits written as lists, an included schema file', async () => {
    const findings = await lintRaml({
      'api.raml':
        '#%RAML 0.8\ntitle: T\nbaseUri: http://api.example.com\nsecuritySchemes:\n  - basic:\n      type: Basic Authentication\ntraits:\n  - searchable:\n      queryParameters:\n        q: {type: string}\n/a:\n  get:\n    is: [searchable]\n    securedBy: [basic]\n    body:\n      application/json:\n        schema: !include user.json\n    responses:\n      429:\n        headers:\n          Retry-After: {type: integer}\n',
      'user.json': '{"type": "object", "properties": {"name": {"type": "string"}}}\n',
    });
    expect(findings.map(f => `${f.file}:${f.line} ${f.code}`)).toEqual([
      'api.raml:1 specguard-info-version', // no version: about the whole API, at its first line
      'api.raml:1 specguard-versioning-strategy',
      'api.raml:3 specguard-server-https',
      'api.raml:6 specguard-no-http-basic',
      'api.raml:10 specguard-string-max-length', // q, from the trait
      'api.raml:17 specguard-request-additional-properties', // the included JSON schema's open object
      'api.raml:17 specguard-string-max-length', // name, inside the included JSON schema: at the include
      'api.raml:18 specguard-error-response-coverage', // no 400, 401 or 500: at the responses
    ]);
  });
});
