import { describe, expect, it } from 'vitest';
import { cardBrandOf, credentialIn, isRealisticSsn, looksLikePlaceholder, redacted } from '../src/rule-helpers/example-values.js';
import { derPem, FAKE, noise } from './rules/example-values-docs.js';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (header: unknown, payload: unknown, signature = noise(43, 3)) => `${base64url(header)}.${base64url(payload)}.${signature}`;

describe('credentialIn', () => {
  it.each([
    ['a private key', FAKE.privateKey],
    ['a private key', FAKE.privateKey.replace(/\n/g, '\\n')], // written with escaped newlines
    ['an AWS access key ID', `aws_access_key_id = ${FAKE.awsKeyId}`],
    ['a GitHub token', FAKE.githubToken],
    ['a GitHub token', `github_pat_${noise(22, 5)}_${noise(59, 7)}`],
    ['a GitLab token', `glpat-${noise(20, 9)}`],
    ['a Slack token', `xoxb-${noise(11, 3, '0123456789')}-${noise(24, 11)}`],
    ['a Slack webhook URL', FAKE.slackWebhook],
    ['a Stripe live secret key', FAKE.stripeLive],
    ['a Google API key', `AIza${noise(35, 13)}`],
    ['an npm access token', `npm_${noise(36, 15)}`],
    ['a SendGrid API key', `SG.${noise(22, 17)}.${noise(43, 19)}`],
    ['an OpenAI API key', `sk-proj-${noise(24, 21)}T3BlbkFJ${noise(24, 23)}`],
    ['a signed JSON Web Token', `Authorization: Bearer ${FAKE.jwt}`],
    ['a private key', derPem(1217)], // a whole PKCS#8 key: its DER header declares what its body holds
    ['an AWS access key ID', `https://bucket.s3.amazonaws.com/a.csv?key=${FAKE.awsKeyId}`],
  ])('finds %s', (kind, text) => {
    expect(credentialIn(text)?.kind).toBe(kind);
  });

  it.each([
    ['a UUID', '3f2c9a4e-8b1d-4c6f-9e2a-7d5b1c0e4f3a'],
    ['a commit id', '6dcb09b5b57875f334f61aebed695e2e4193db5e'],
    ['a masked GitHub token', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['AWS documentation key', 'AKIAIOSFODNN7EXAMPLE'],
    ['a Stripe test key', `sk_test_${noise(24, 31)}`],
    ['a Stripe publishable key', `pk_live_${noise(24, 37)}`],
    ['a PEM block without a body', '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----'],
    ['a PEM public key', `-----BEGIN PUBLIC KEY-----\n${noise(64, 41)}\n-----END PUBLIC KEY-----`],
    ['an unsigned JWT', jwt({ alg: 'none' }, { sub: 'u1' })],
    ['a JWT without alg', jwt({ typ: 'JWT' }, { sub: 'u1' })],
    ['jwt.io’s sample token', jwt({ alg: 'HS256', typ: 'JWT' }, { sub: '1234567890', name: 'John Doe', iat: 1516239022 })],
    ['a JWT whose payload is not JSON', `${base64url({ alg: 'HS256' })}.eyJub3QganNvbg.${noise(43, 43)}`],
    ['a JWT with an example issuer', jwt({ alg: 'RS256' }, { iss: 'https://auth.example.com', sub: 'u1' })],
    ['a JWT with a placeholder signature', jwt({ alg: 'RS256' }, { sub: 'u1' }, 'signature-goes-here-xxxx')],
    ['a short string', 'ghp_'],
    ['a PEM fragment cut short (nexmo: a 1.2 KB header over 142 bytes)', derPem(142, 1217)],
    [
      'a presigned S3 URL (signature version 2)',
      `https://s3.amazonaws.com/b/f.pdf?Expires=1519114632&AWSAccessKeyId=${FAKE.awsKeyId}&Signature=abc`,
    ],
    [
      'a presigned S3 URL (signature version 4)',
      `https://b.s3.amazonaws.com/f?X-Amz-Credential=${FAKE.awsKeyId}%2F20240501%2Fus-east-1%2Fs3%2Faws4_request`,
    ],
    [
      'a JWT-shaped lookup id (apideck: its payload is only an id)',
      jwt({ alg: 'HS256', typ: 'JWT' }, { id: '075e06a3-5075-467b-a599-ed6c9a895628' }),
    ],
    [
      'a JWT whose claims are runs of one character',
      jwt({ alg: 'RS256' }, { sub: 'dddddddd-dddd-dddd-dddd-dddddddddddd', iss: 'https://auth.acme-corp.io' }),
    ],
  ])('ignores %s', (_, text) => {
    expect(credentialIn(text)).toBeUndefined();
  });
});

describe('personal data', () => {
  it.each([
    ['536-22-4187', true],
    ['000-12-3456', false],
    ['666-12-3456', false],
    ['912-12-3456', false],
    ['536-00-4187', false],
    ['536-22-0000', false],
    ['078-05-1120', false],
    ['123-45-6789', false],
    ['536224187', false],
    ['x536-22-4187', false],
    ['555-55-5555', false], // one digit repeated (va.gov)
    ['111-22-3333', false],
    ['111-22-1234', false], // a counting serial (Plaid)
  ])('SSN %s: %s', (text, expected) => {
    expect(isRealisticSsn(text)).toBe(expected);
  });

  it.each([
    ['4539148803436467', 'Visa'],
    ['4539-1488-0343-6467', 'Visa'],
    [5273849102651378, 'Mastercard'],
    ['3795 610284 73654', 'American Express'],
    ['4539148803436468', undefined], // Luhn-invalid
    ['4111111111111111', undefined], // a test number
    ['4444444444444448', undefined], // one digit repeated
    [1717171717171, undefined], // no card prefix (a timestamp in ms)
    ['9539148803436467', undefined],
    [4.5e15, undefined],
    ['4539 1488 0343 6467 0000 0000', undefined],
    ['4012999999999999', undefined], // a run of one digit (Amadeus's test card)
    ['5101180000000007', undefined],
    ['4154567890100682', undefined], // a counting run (Adyen's docs)
    ['5184680430000014', undefined], // Mastercard's Repower sandbox number
  ])('card %s: %s', (value, brand) => {
    expect(cardBrandOf(value)).toBe(brand);
  });
});

describe('looksLikePlaceholder and redacted', () => {
  it.each(['<token>', '{{secret}}', '${API_KEY}', 'xxxx', '****', 'your-api-key', 'EXAMPLE', 'aaaaaa', '…'])(
    '%s is a placeholder',
    text => {
      expect(looksLikePlaceholder(text)).toBe(true);
    },
  );

  it('shows at most four characters, and none of a short value', () => {
    expect(redacted(FAKE.githubToken)).toBe(`"ghp_…", 40 characters`);
    expect(redacted('changeit')).toBe('8 characters');
  });
});

describe('hostile strings', () => {
  it.each([
    ['JWT-like runs', ('-eyJ' + 'a'.repeat(20)).repeat(10_000)],
    ['repeated sk-', 'sk-'.repeat(80_000)],
    ['open brackets', '<{'.repeat(100_000)],
    ['PEM headers', '-----BEGIN '.repeat(20_000)],
    ['one long run', '-eyJ' + 'a'.repeat(250_000)],
  ])('%s: linear time', (_, text) => {
    const start = performance.now();
    credentialIn(text);
    looksLikePlaceholder(text);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
