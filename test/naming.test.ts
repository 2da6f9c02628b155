import { describe, expect, it } from 'vitest';
import { matchingPhrase, nameHasPhrase, nameWords } from '../src/naming.js';

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
