import { isContainer, isObject, keysOf, memoizedPerObject } from '../document-index/json.js';
import type { ExampleEntry, JsonPath } from '../document-index/index.js';

/*
 * What a value in an example or default looks like: a credential in a known format, a
 * national id, a card number. Read by specguard-secrets-in-examples and
 * specguard-sensitive-data-in-examples.
 *
 * The credential formats are the ones their issuers document (fixed prefixes, lengths and
 * alphabets), checked the way maintained scanners check them (gitleaks, GitHub secret
 * scanning): a prefix-anchored shape first, then the parts that can be verified (a JWT's header
 * and payload decode to JSON). No library fitted: secretlint (the best-kept JS one) needs
 * Node >= 22 and is ESM-only and asynchronous; the stock spectral CLI bundles our functions as
 * CommonJS and `require`s their packages, which fails for ESM-only ones before Node 20.19.
 */

/** One scalar inside an example, with the key it sits under (the value's own name at the top). */
export interface ExampleLeaf {
  value: string | number;
  /** The nearest object key above it (array indices skipped), else the example's name; undefined when neither exists. */
  key: string | undefined;
  entry: ExampleEntry;
  /** Where it is below the example's own path: its container's links, then its own key (see leafPath); most leaves are never reported. */
  parent: Link | null;
  step: string | number | undefined;
}

export interface Link {
  parent: Link | null;
  key: string | number;
}

/** A leaf's path from the document root. */
export function leafPath({ entry, parent, step }: ExampleLeaf): JsonPath {
  const keys: JsonPath = step === undefined ? [] : [step];
  for (let link = parent; link !== null; link = link.parent) keys.push(link.key);
  return [...entry.path, ...keys.reverse()];
}

/**
 * Every string and number inside the examples, depth first, found without recursion. Listed once
 * per document and kept: two rules read them. An object or array met twice (a shared component
 * example, a `$ref` the resolver followed inside an example) is read once, so cycles end and
 * nothing is reported twice.
 */
export const exampleLeaves: (examples: readonly ExampleEntry[]) => readonly ExampleLeaf[] = memoizedPerObject(collectLeaves);

function collectLeaves(examples: readonly ExampleEntry[]): ExampleLeaf[] {
  const leaves: ExampleLeaf[] = [];
  const seen = new Set<object>();
  // Parallel stacks, so a child costs no object of its own: only containers get a link, and only leaves a leaf.
  const values: unknown[] = [];
  const parents: Array<Link | null> = [];
  const steps: Array<string | number | undefined> = [];
  const keys: Array<string | undefined> = [];
  for (const entry of examples) {
    values.push(entry.value);
    parents.push(null);
    steps.push(undefined);
    keys.push(entry.name);
    while (values.length > 0) {
      const value = values.pop();
      const parent = parents.pop() as Link | null;
      const step = steps.pop();
      const key = keys.pop();
      if (typeof value === 'string' || typeof value === 'number') {
        leaves.push({ value, key, entry, parent, step });
      } else if (isContainer(value) && !seen.has(value)) {
        seen.add(value);
        const at = step === undefined ? parent : { parent, key: step };
        if (Array.isArray(value)) {
          for (let i = value.length - 1; i >= 0; i--) {
            values.push(value[i]);
            parents.push(at);
            steps.push(i);
            keys.push(key);
          }
        } else {
          const names = keysOf(value);
          for (let i = names.length - 1; i >= 0; i--) {
            values.push(value[names[i]]);
            parents.push(at);
            steps.push(names[i]);
            keys.push(names[i]);
          }
        }
      }
    }
  }
  return leaves;
}

/**
 * Text that says it is not real. By shape: a mask (`****`, `xxxx`), an ellipsis, a template
 * (`<token>`, `{{secret}}`, `${API_KEY}`), a run of one character. By content: counting
 * (`123456`, `abcdef`) or a word such as example, sample, dummy, fake, placeholder, redacted,
 * your, replace. Random key material holds neither by chance.
 */
// Fixed counts, not `{4,}`: a match needs only the first few, and a greedy tail would scan a long run.
const PLACEHOLDER_SHAPE = /x{4}|\*{3}|•{3}|\.{3}|…|<[^<>]*>|\{[^{}]*\}|\$\{|(.)\1{5}/i;
const PLACEHOLDER_WORDS = /0123|1234|abcd|example|sample|dummy|fake|placeholder|redacted|your|replace|insert|john doe|jane doe/i;

export const looksLikePlaceholder = (text: string): boolean => PLACEHOLDER_SHAPE.test(text) || PLACEHOLDER_WORDS.test(text);

/** A credential format: how messages name it, and its shape. */
interface CredentialFormat {
  kind: string;
  pattern: RegExp;
  /** A further check of the match (e.g. a JWT's parts decode); the shape alone when absent. */
  confirm?: (match: RegExpExecArray) => boolean;
}

const BASE64_BODY_MIN = 64;

/*
 * Every pattern runs in linear time on any string (a spec is hostile input): a pattern whose
 * start could repeat inside one run of its characters, and that can fail after the run, starts
 * only where the run starts (the `(?<![\w-])` look-behind), so no run is scanned twice.
 */
const CREDENTIAL_FORMATS: readonly CredentialFormat[] = [
  {
    kind: 'a private key',
    // The body up to the END line: a real key has hundreds of base64 characters, a documented shape `...`.
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----([^-]*)/,
    confirm: match => {
      const body = match[1].replace(/\\n|\s+/g, '');
      // Shape only: a long random body holds a word such as `fake` by chance now and then.
      return /^[A-Za-z0-9+/=:,]*$/.test(body) && body.length >= BASE64_BODY_MIN && !PLACEHOLDER_SHAPE.test(body) && !isCutShort(body);
    },
  },
  {
    kind: 'an AWS access key ID',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/,
    // A presigned URL or a signed request names the key by its id, beside a signature that expires.
    confirm: match =>
      !looksLikePlaceholder(match[0]) && !SIGNED_REQUEST_KEY_ID.test(match.input.slice(Math.max(0, match.index - 20), match.index)),
  },
  { kind: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,251}\b|\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b/ },
  { kind: 'a GitLab token', pattern: /\bgl(?:pat|dt|ptt|rt)-[A-Za-z0-9_-]{20,}/ },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-\d{6,}-[A-Za-z0-9-]{10,}/ },
  {
    kind: 'a Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9_]{8,}\/[A-Za-z0-9_]{8,}\/[A-Za-z0-9_]{16,}/,
  },
  // Live keys only: a `sk_test_` key reaches only an account's test mode, and Stripe's own docs publish them.
  { kind: 'a Stripe live secret key', pattern: /\b[rs]k_live_[A-Za-z0-9]{20,}/ },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  { kind: 'an npm access token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/ },
  { kind: 'an OpenAI API key', pattern: /(?<![\w-])sk-(?:proj-|svcacct-|admin-)?[\w-]{20,200}T3BlbkFJ[\w-]{20,}/ },
  { kind: 'an Anthropic API key', pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}/ },
  { kind: 'an Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/]{86}==/ },
  {
    kind: 'a signed JSON Web Token',
    pattern: /(?<![\w-])eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{16,}/,
    confirm: match => isRealLookingJwt(match[0]),
  },
];

/** `AWSAccessKeyId=` (a presigned URL, signature version 2), `X-Amz-Credential=` and `Credential=` (version 4). */
const SIGNED_REQUEST_KEY_ID = /(?:AWSAccessKeyId|Credential)=$/;

/**
 * Whether a PEM body is a fragment: its DER header (a SEQUENCE with a one- or two-byte length)
 * declares more bytes than the body holds. A documentation sample cut to a few lines is no key.
 */
function isCutShort(body: string): boolean {
  const bytes = Buffer.from(body.slice(0, 8), 'base64');
  if (bytes[0] !== 0x30) return false;
  const declared = bytes[1] === 0x82 ? 4 + ((bytes[2] << 8) | bytes[3]) : bytes[1] === 0x81 ? 3 + bytes[2] : undefined;
  return declared !== undefined && Math.floor((body.replace(/=+$/, '').length * 3) / 4) < declared;
}

/** Longer strings (a bundled file, a log dump) are not read: every format above is a few kilobytes at most. */
const MAX_SCANNED_LENGTH = 256 * 1024;

/** A cheap first filter: every format above holds one of these, and most example strings none. */
const CREDENTIAL_HINT =
  /-----BEGIN|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|gl(?:pat|dt|ptt|rt)-|xox|hooks\.slack|k_live_|AIza|npm_|SG\.|sk-|AccountKey=|eyJ/;

/** What credential `text` holds, as messages name it (`a GitHub token`), and the match; undefined when none. */
export function credentialIn(text: string): { kind: string; match: string } | undefined {
  if (text.length < 20 || text.length > MAX_SCANNED_LENGTH || !CREDENTIAL_HINT.test(text)) return undefined;
  for (const format of CREDENTIAL_FORMATS) {
    const match = format.pattern.exec(text);
    if (match === null) continue;
    if (format.confirm ? !format.confirm(match) : looksLikePlaceholder(match[0])) continue;
    return { kind: format.kind, match: match[0] };
  }
  return undefined;
}

/**
 * A JWT worth reporting: its header decodes to JSON naming a signing `alg` (not `none`), its
 * payload to a JSON object with more than an `id` (a JWT-shaped lookup handle is no credential),
 * and neither the payload nor the signature reads as a placeholder (jwt.io's `"sub":
 * "1234567890", "name": "John Doe"` sample does, and so do claims such as
 * `dddddddd-dddd-dddd-dddd-dddddddddddd`).
 */
function isRealLookingJwt(token: string): boolean {
  const [header, payload, signature] = token.split('.');
  const decoded = { header: decodeJson(header), payload: decodeJson(payload) };
  if (decoded.header === undefined || decoded.payload === undefined) return false;
  const alg = decoded.header.value.alg;
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') return false;
  const claims = Object.keys(decoded.payload.value);
  if (claims.length === 0 || (claims.length === 1 && claims[0] === 'id')) return false;
  // Words only for the payload: decoded JSON is all braces.
  return !PLACEHOLDER_WORDS.test(decoded.payload.text) && !hasRunClaim(decoded.payload.value) && !looksLikePlaceholder(signature);
}

/** A claim that is a run of one character (`dddddddd-dddd-…`, `00000000`): a placeholder. */
function hasRunClaim(payload: Record<string, unknown>): boolean {
  return Object.values(payload).some(value => typeof value === 'string' && /([A-Za-z0-9])\1{7}/.test(value));
}

function decodeJson(part: string): { text: string; value: Record<string, unknown> } | undefined {
  try {
    const text = Buffer.from(part, 'base64url').toString('utf8');
    const value: unknown = JSON.parse(text);
    return isObject(value) ? { text, value } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A US Social Security number as written (`123-45-6789` shape) that the SSA could issue: not
 * area 000, 666 or 9xx, group 00 or serial 0000, not one of the numbers published as samples
 * (`078-05-1120`, the wallet-card number; `219-09-9999`; `123-45-6789`), and not made up by hand
 * (see isSyntheticSsn).
 */
export function isRealisticSsn(text: string): boolean {
  return SSN.test(text) && !SAMPLE_SSNS.has(text) && !isSyntheticSsn(text);
}

/** Made up by hand: every group one digit repeated (`555-55-5555`, `111-22-3333`), or a counting serial (`111-22-1234`). */
function isSyntheticSsn(text: string): boolean {
  const groups = text.split('-');
  return groups.every(group => /^(\d)\1*$/.test(group)) || COUNTING.includes(groups[2]);
}

const COUNTING = '0123456789';

const SSN = /^(?!000|666|9)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/;
const SAMPLE_SSNS: ReadonlySet<string> = new Set(['078-05-1120', '219-09-9999', '123-45-6789']);

/**
 * A payment card number: 13 to 19 digits (alone, or in groups split by spaces or dashes) with
 * a Visa, Mastercard, American Express or Discover prefix and length, that passes the Luhn check
 * and is neither one of the networks' and processors' published test numbers nor typed by hand
 * (see isSyntheticNumber). The brand name, or undefined.
 */
export function cardBrandOf(value: string | number): string | undefined {
  const text = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : '') : value;
  if (text.length < 13 || text.length > 23 || !/^\d[\d -]*\d$/.test(text)) return undefined;
  const digits = text.replace(/[ -]/g, '');
  if (!/^\d{13,19}$/.test(digits) || TEST_CARDS.has(digits) || isSyntheticNumber(digits)) return undefined;
  const brand = CARD_BRANDS.find(({ prefix, lengths }) => prefix.test(digits) && lengths.includes(digits.length))?.brand;
  return brand !== undefined && luhnValid(digits) ? brand : undefined;
}

/**
 * Digits typed by hand rather than issued: one digit repeated (`4444 4444 4444 4448`), a run of
 * six of one digit (`4012 9999 9999 9999`, `5101 1800 0000 0007`) or a counting run of six
 * (`4154 5678 9010 0682`).
 */
function isSyntheticNumber(digits: string): boolean {
  if (/^(\d)\1+$/.test(digits.slice(0, -1)) || /(\d)\1{5}/.test(digits)) return true;
  for (let i = 0; i + 6 <= digits.length; i++) if (COUNTING_WRAPPED.includes(digits.slice(i, i + 6))) return true;
  return false;
}

const COUNTING_WRAPPED = '01234567890123456';

const CARD_BRANDS = [
  { brand: 'Visa', prefix: /^4/, lengths: [13, 16, 19] },
  { brand: 'Mastercard', prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { brand: 'American Express', prefix: /^3[47]/, lengths: [15] },
  { brand: 'Discover', prefix: /^(?:6011|65|64[4-9])/, lengths: [16, 19] },
];

const TEST_CARDS: ReadonlySet<string> = new Set([
  '4111111111111111',
  '4242424242424242',
  '4012888888881881',
  '4000056655665556',
  '4222222222222',
  '5555555555554444',
  '5105105105105100',
  '5200828282828210',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '378734493671000',
  '6011111111111117',
  '6011000990139424',
  // Mastercard's sandbox (Repower), Adyen's test cards.
  '5184680430000014',
  '5555341244441115',
  '5555444411213703',
  '5555444411209883',
]);

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * How a message shows a value it must not repeat: its first four characters when it is long
 * enough that they give nothing away (a token's `ghp_` prefix), and its length.
 */
export function redacted(value: string | number): string {
  const text = String(value);
  return text.length >= 16 ? `"${text.slice(0, 4)}…", ${text.length} characters` : `${text.length} characters`;
}

/** How a message names where a value is: `The example of Property "token"`, `Example "Login"` (a components.examples entry). */
export function describeExample(entry: ExampleEntry): string {
  return entry.holder === 'component' ? entry.label : `The ${entry.keyword === 'examples' ? 'example' : entry.keyword} of ${entry.label}`;
}
