import { describe, expect, it } from 'vitest';
import { inRamlWords, ramlWordingsIn } from '../../src/input/raml/advice.js';
import { lintRamlFile, writeRaml } from './helpers.js';

describe('advice in RAML words', () => {
  it.each([
    [
      'Operation GET /a has no security requirement and no root default applies: add a "security" requirement, or mark it x-specguard-public: "<why it is public>".',
      'Operation GET /a has no security requirement and no root default applies: add a securedBy requirement, or mark it (specguard-public): "<why it is public>".',
    ],
    ['mark it writeOnly: true so it is accepted', 'mark it (writeOnly): true so it is accepted'],
    ['document the limit in x-max-depth, so', 'document the limit in (max-depth), so'],
    ['info.version "latest" names no version', 'version "latest" names no version'],
    ['Server URL "http://a" uses plain HTTP', 'baseUri "http://a" uses plain HTTP'],
    [
      'set additionalProperties: false (in OpenAPI 3.1, unevaluatedProperties: false when composing with allOf) or maxProperties',
      'set additionalProperties: false or maxProperties',
    ],
  ])('%s', (openapi, raml) => {
    expect(inRamlWords(openapi)).toBe(raml);
  });

  it('leaves header and parameter names alone, quoted or capitalised', () => {
    const message = 'Parameter "x-access-token" puts a credential in the URL header, beside X-RateLimit-Limit.';
    expect(inRamlWords(message)).toBe(message);
  });

  it('names the pairs a rule text uses, for its docs page', () => {
    expect(ramlWordingsIn('mark it x-specguard-public: "<why>"; add a "security" requirement')).toEqual([
      ['x-<name> extensions', 'the annotation (<name>), declared in annotationTypes'],
      ['"security"', 'securedBy'],
    ]);
    expect(ramlWordingsIn('a string without maxLength')).toEqual([]);
  });

  it('a RAML finding gives the RAML form of its fix', async () => {
    const root = writeRaml({
      'api.raml': '#%RAML 1.0\ntitle: t\nversion: v1\nbaseUri: https://api.example.com/{version}\n/things:\n  get:\n',
    });
    const found = (await lintRamlFile(root)).find(f => f.code === 'specguard-operation-security');
    expect(found?.message).toBe(
      'Operation GET /things has no security requirement and no root default applies: add a securedBy requirement, or mark it (specguard-public): "<why it is public>".',
    );
  });
});
