import { describe, expect, it } from 'vitest';
import { isDocumented, pinsSchemeAndHost, pinsUrl } from '../src/rule-helpers/url-inputs.js';

describe('pinsSchemeAndHost', () => {
  it.each([
    [String.raw`^https://api\.example\.com/`, true],
    [String.raw`^https://api\.example\.com$`, true],
    [String.raw`^https:\/\/api\.example\.com\/.*$`, true],
    [String.raw`^https?://(cdn|img)\.example\.com/`, true],
    [String.raw`^(?:https|http)://example\.com(?:/|$)`, true],
    [String.raw`^https://example\.com:8443/`, true],
    [String.raw`^https://example\.com`, false], // also example.com.evil.net
    [String.raw`^https://api.example.com/`, false], // an unescaped dot matches any character
    [String.raw`https://api\.example\.com/`, false], // not anchored
    [String.raw`^https://.*\.example\.com/`, false],
    [String.raw`^https?://.+$`, false],
    [String.raw`^[a-z]+://example\.com/`, false],
    [String.raw`^https://(example\.com|.*)/`, false],
    ['', false],
  ])('%s: %s', (pattern, expected) => expect(pinsSchemeAndHost(pattern)).toBe(expected));

  it('answers at once on a long host without an end (no backtracking blow-up)', () => {
    const started = Date.now();
    expect(pinsSchemeAndHost(`^https://${'a\\.'.repeat(600)}!`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe('pinsUrl', () => {
  const ext = 'x-specguard-url-allowlist';
  it.each([
    [{ type: 'string', enum: ['https://a.example.com/hook'] }, true],
    [{ type: 'string', const: 'https://a.example.com/hook' }, true],
    [{ type: 'string', pattern: String.raw`^https://a\.example\.com/` }, true],
    [{ type: 'string', [ext]: 'Checked against the partner registry' }, true],
    [{ type: 'string', [ext]: ['hooks.example.com'] }, true],
    [{ type: 'string', [ext]: '  ' }, false],
    [{ type: 'string', format: 'uri' }, false],
  ])('%j: %s', (schema, expected) => expect(pinsUrl(schema, ext)).toBe(expected));

  it('isDocumented wants something said', () => {
    expect([isDocumented(true), isDocumented({}), isDocumented([]), isDocumented({ hosts: [] })]).toEqual([false, false, false, true]);
  });
});
