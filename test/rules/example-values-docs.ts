/*
 * Fake credentials for the example rules' tests, generated rather than written out, so the
 * repository holds no string a secret scanner would stop (and none was ever a real credential).
 */
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters of `alphabet`, random-looking and the same on every run. */
export function noise(length: number, seed: number, alphabet = BASE62): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[(x >> 8) % alphabet.length];
  }
  return out;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A PEM private key whose DER header (SEQUENCE, two-byte length) declares `declared` bytes, with
 * `bytes` bytes of body in all: a whole key when they agree, a cut-off documentation fragment when not.
 */
export function derPem(bytes: number, declared = bytes): string {
  const body = Buffer.from(noise(bytes, 53), 'latin1');
  body.set([0x30, 0x82, ((declared - 4) >> 8) & 0xff, (declared - 4) & 0xff]);
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

export const FAKE = {
  githubToken: `ghp_${noise(36, 7)}`,
  awsKeyId: `AKIA${noise(16, 11, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
  slackWebhook: `https://hooks.slack.com/services/T${noise(8, 3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/B${noise(8, 5, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${noise(24, 9)}`,
  stripeLive: `sk_live_${noise(24, 13)}`,
  jwt: `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url({ sub: 'u_83fd1', iss: 'https://auth.acme-corp.io', exp: 1767225600 })}.${noise(43, 17)}`,
  privateKey: `-----BEGIN RSA PRIVATE KEY-----\n${noise(64, 19)}\n${noise(64, 23)}\n${noise(40, 29)}==\n-----END RSA PRIVATE KEY-----\n`,
};
