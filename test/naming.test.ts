import { describe, expect, it } from 'vitest';
import { matchingPhrase, nameHasPhrase, nameWords, phraseMatcher, suffixMatcher } from '../src/rule-helpers/naming.js';

describe('nameWords', () => {
  it.each([
    ['contactEmail', ['contact', 'email']],
    ['phone_number', ['phone', 'number']],
    ['new-password', ['new', 'password']],
    ['NEW_PASSWORD', ['new', 'password']],
    ['HTTPServerURL2', ['http', 'server', 'url', '2']],
    ['X-API-Key', ['x', 'api', 'key']],
    ['ssnLast4', ['ssn', 'last', '4']],
    ['', []],
  ])('%s', (name, words) => expect(nameWords(name)).toEqual(words));
});

describe('nameHasPhrase', () => {
  it.each([
    ['newPassword', 'password', true],
    ['userPasswordHash', 'password', true],
    ['passwordless', 'password', false],
    ['pinned', 'pin', false],
    ['spanId', 'pan', false],
    ['x-api-key', 'api key', true],
    ['apiKey', 'apiKey', true],
    ['apikey', 'api key', false],
    ['clientSecret', 'client_secret', true],
    ['secret', 'client secret', false],
  ])('%s contains %s: %s', (name, phrase, expected) => expect(nameHasPhrase(name, phrase)).toBe(expected));

  it('matchingPhrase returns the first phrase found', () => {
    expect(matchingPhrase('cardNumber', ['pan', 'card number'])).toBe('card number');
    expect(matchingPhrase('company', ['pan', 'card number'])).toBeUndefined();
  });
});

describe('phraseMatcher', () => {
  it('answers like matchingPhrase, and the same again for a name seen before', () => {
    const match = phraseMatcher(['api key', 'admin']);
    for (const name of ['x-api-key', 'X-API-KEY', 'administrators', 'admin-api', 'admin-api']) {
      expect(match(name), name).toBe(matchingPhrase(name, ['api key', 'admin']));
    }
    expect(match('admin-api')).toBe('admin');
  });
});

describe('suffixMatcher: field kinds', () => {
  const match = suffixMatcher(['email', 'phone number', 'phone', 'password']);
  it.each([
    ['contactEmail', 'email'],
    ['EMAIL', 'email'],
    ['phone_number', 'phone number'],
    ['mobilePhone', 'phone'],
    ['new-password', 'password'],
    ['emailVerified', undefined],
    ['passwordPolicy', undefined],
    ['passwordUpdatedAt', undefined],
    ['phoneVerified', undefined],
    ['passwordless', undefined],
    ['', undefined],
  ])('%s -> %s', (name, expected) => {
    expect(match(name)).toBe(expected);
    expect(match(name)).toBe(expected); // the second answer comes from the cache
  });
});

describe('suffixMatcher', () => {
  const match = suffixMatcher(['url', 'return to', 'target']);
  it.each([
    ['imageUrl', 'url'],
    ['callback_url', 'url'],
    ['returnTo', 'return to'],
    ['target', 'target'],
    ['urlPath', undefined],
    ['targetId', undefined],
    ['to', undefined],
    ['', undefined],
  ])('%s ends with %s', (name, expected) => {
    expect(match(name)).toBe(expected);
    expect(match(name)).toBe(expected); // answered again from the cache
  });
});
