import { describe, expect, it } from 'vitest';
import { findingsOf, HEADERS } from './helpers.js';

describe('engine smoke', () => {
  it('lints an in-memory document with the recommended ruleset', async () => {
    const spec = `${HEADERS['3.0']}servers: [{url: 'http://api.example.com'}]\npaths: {}\n`;
    expect(await findingsOf('specguard-server-https', spec)).toEqual([
      {
        code: 'specguard-server-https',
        message: 'Server URL "http://api.example.com" uses plain HTTP: use https:// so credentials and data are encrypted in transit.',
        path: ['servers', '0', 'url'],
        severity: 0,
      },
    ]);
  });
});
