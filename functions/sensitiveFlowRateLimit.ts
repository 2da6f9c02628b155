import type { OperationEntry } from '../src/document-index/index.js';
import { nameWords } from '../src/rule-helpers/naming.js';
import { ACTION_OPTIONS, actionOf, literalSegments } from '../src/rule-helpers/operation-intent.js';
import type { ActionOptions } from '../src/rule-helpers/operation-intent.js';
import { describeOperation, defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { lowerCaseSet, RATE_LIMIT_HEADERS_OPTION, tooManyRequestsResponse } from '../src/rule-helpers/rate-limit.js';

interface Options extends ActionOptions {
  flows: string[];
  methods: string[];
  rateLimitHeaders: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-sensitive-flow-rate-limit',
    description:
      'Sensitive business flows (login, tokens, password reset, OTP/MFA, signup, checkout, payment) must document a 429 response.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API6:2023', 'API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-307', 'CWE-799'],
    controls: { nist80053: ['AC-7', 'SC-5'], soc2: ['CC6.1', 'A1.1'], hipaa: ['164.308(a)(5)(ii)(C)'] },
    securitySeverity: 6.5,
    options: {
      flows: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'login',
          'log in',
          'signin',
          'sign in',
          'logon',
          'token',
          'tokens',
          'password',
          'otp',
          'totp',
          'mfa',
          '2fa',
          'two factor',
          'signup',
          'sign up',
          'register',
          'registration',
          'checkout',
          'payment',
          'payments',
          'pay',
          'purchase',
        ],
        description:
          'Words or phrases that mark a sensitive flow when they head a literal path segment, the operationId or a tag (`/auth/password-reset`, `createPaymentIntent`, `/users/login`): as whole words, followed by nothing, by a step of the flow (`reset`, `verify`, `intent`...), by whom it is for (`user`, `account`) or by a preposition (`getTokenViaLdap`); not where they qualify another noun (`PayCode`, `paymentMethods`, `registerWebhooks`, `BrandRegistration`). The list replaces the default.',
      },
      methods: {
        type: 'array',
        items: { type: 'string' },
        default: ['post', 'put', 'patch'],
        description:
          'Methods whose operations can carry out a flow (reading a list of payments is not one, nor is revoking a token with DELETE). The list replaces the default.',
      },
      rateLimitHeaders: RATE_LIMIT_HEADERS_OPTION,
      ...ACTION_OPTIONS,
    },
    messages: {
      no429: ({ operation, flow, where }) =>
        `${operation} is a sensitive flow ("${flow}" in its ${where}) with no 429 response: rate-limit it and document the 429 so credential stuffing, OTP guessing, fake signups and checkout automation are throttled.`,
    },
  },
  (index, options, messages) => {
    const { flows, methods, rateLimitHeaders } = options;
    const headers = lowerCaseSet(rateLimitHeaders);
    const flowMethods = lowerCaseSet(methods);
    const flowIn = headedPhraseMatcher(flows);
    const results: RuleResult[] = [];
    for (const op of index.operations) {
      if (!flowMethods.has(op.method) || tooManyRequestsResponse(op, headers) !== undefined) continue;
      const found = sensitiveFlow(op, flowIn);
      if (found === undefined || updatesARecord(op) || onlyLooksAt(op, found.flow, options) || undoes(op, options)) continue;
      if (configures(op) || isCryptoAsset(op, found.flow)) continue;
      const responses = op.operation.responses;
      results.push({
        message: messages.no429({ operation: describeOperation(op), ...found }),
        path: responses !== null && typeof responses === 'object' ? [...op.path, 'responses'] : op.path,
      });
    }
    return results;
  },
);

/**
 * The first flow word the path, the operationId or a tag holds, and where. Path parameters are
 * left out: `/invitations/{token}` names a value, not a flow; so are the parameter names some
 * converted specs append to a path (`/profilingGroups#clientToken`).
 */
function sensitiveFlow(op: OperationEntry, flowIn: (name: string) => string | undefined): { flow: string; where: string } | undefined {
  for (const segment of literalSegments(op.pathKey)) {
    const flow = flowIn(segment);
    if (flow !== undefined) return { flow, where: 'path' };
  }
  const { operationId, tags } = op.operation;
  const inId = typeof operationId === 'string' ? flowIn(operationId) : undefined;
  if (inId !== undefined) return { flow: inId, where: 'operationId' };
  for (const tag of Array.isArray(tags) ? tags : []) {
    const inTag = typeof tag === 'string' ? flowIn(tag) : undefined;
    if (inTag !== undefined) return { flow: inTag, where: 'tags' };
  }
  return undefined;
}

/**
 * A POST that only reads or computes (`checkToken`, `isRoutingValid`, `GetPaymentStatus`) carries
 * out no flow, except where it gets a credential: `getAccessTokenViaLdap` is a login.
 */
function onlyLooksAt(op: OperationEntry, flow: string, options: ActionOptions): boolean {
  if (op.method !== 'post') return false;
  const action = actionOf(op, options);
  if (action?.kind !== 'read') return false;
  return !(OBTAINING_VERBS.has(action.verb) && nameWords(flow).some(word => CREDENTIAL_FLOW_WORDS.has(word)));
}

/**
 * A PUT or PATCH of one stored object (`PATCH /v1/tokens/{id}`, `PUT /invoice-payment/{id}`)
 * edits a record named after a flow, it does not carry the flow out.
 */
function updatesARecord(op: OperationEntry): boolean {
  if (op.method !== 'put' && op.method !== 'patch') return false;
  const last = op.pathKey.split(/[#?]/)[0].split('/').pop() ?? '';
  return /^\{[^{}]*\}$/.test(last);
}

/** A POST that deletes or revokes (`DeleteToken`, `revokeToken`), like a DELETE, ends a flow rather than carrying it out. */
function undoes(op: OperationEntry, options: ActionOptions): boolean {
  const verb = op.method === 'post' ? actionOf(op, options)?.verb : undefined;
  return verb !== undefined && UNDOING_VERBS.has(verb);
}

/**
 * A write under a configuration path or name (`/apps/system/config/...passwordreset.Activator`,
 * `postConfigAemPasswordReset`) sets up the component named after a flow; it does not carry it out.
 */
function configures(op: OperationEntry): boolean {
  const { operationId } = op.operation;
  const names = [...literalSegments(op.pathKey), ...(typeof operationId === 'string' ? [operationId] : [])];
  return names.some(name => nameWords(name).some(word => CONFIG_WORDS.has(word)));
}

const CONFIG_WORDS: ReadonlySet<string> = new Set(['config', 'configs', 'configuration', 'configurations']);

/** A token that is a blockchain asset (`issueToken`: "issues a new NTP1 token on the Neblio blockchain"), not a credential. */
function isCryptoAsset(op: OperationEntry, flow: string): boolean {
  if (!nameWords(flow).some(word => word === 'token' || word === 'tokens')) return false;
  const { summary, description } = op.operation;
  const prose = [summary, description].filter((text): text is string => typeof text === 'string').join(' ');
  return nameWords(prose).some(word => CRYPTO_WORDS.has(word));
}

const CRYPTO_WORDS: ReadonlySet<string> = new Set([
  ...['blockchain', 'crypto', 'cryptocurrency', 'nft', 'nfts', 'erc20', 'erc721', 'erc1155', 'onchain', 'mint', 'minting'],
]);

const UNDOING_VERBS: ReadonlySet<string> = new Set(['delete', 'remove', 'revoke']);

const OBTAINING_VERBS: ReadonlySet<string> = new Set(['get', 'retrieve', 'fetch', 'return']);
/** The words of flows that prove who the caller is. */
const CREDENTIAL_FLOW_WORDS: ReadonlySet<string> = new Set([
  ...['token', 'tokens', 'login', 'log', 'signin', 'sign', 'logon', 'password', 'otp', 'totp', 'mfa', '2fa', 'factor'],
]);

/**
 * Words that may follow a flow phrase in a name that is still about the flow: its steps, whom it
 * is for, a preposition or a method suffix (`passwordReset`, `registerUser`, `loginWithEmailUsingPost`).
 * Any other word makes the phrase qualify a noun: `PayCode`, `paymentMethods`, `registerWebhooks`.
 */
const FLOW_CONTINUATIONS: ReadonlySet<string> = new Set([
  ...['reset', 'forgot', 'forgotten', 'change', 'recover', 'recovery', 'confirm', 'confirmation', 'verify', 'verification'],
  ...['request', 'exchange', 'refresh', 'start', 'begin', 'init', 'initiate', 'initiation', 'complete', 'completion', 'finish'],
  ...['submit', 'callback', 'redirect', 'challenge', 'link', 'intent', 'intents', 'session', 'sessions'],
  ...['auth', 'authentication', 'authorization', 'authorisation', 'capture', 'enroll', 'enrollment', 'setup', 'now', 'all'],
  ...['user', 'users', 'account', 'accounts', 'customer', 'customers', 'member', 'members', 'guest', 'me'],
  ...['via', 'for', 'with', 'by', 'using', 'from', 'post', 'put', 'patch'],
]);

/** A code continues a credential flow (`otpCode`, `loginCode`), not a payment (`PayCode`). */
const CODE_WORDS: ReadonlySet<string> = new Set(['code', 'codes']);

/** Sign-up words that a preceding noun turns into the registration of a thing (`BrandRegistration`, `deviceRegistration`). */
const SIGN_UP_WORDS: ReadonlySet<string> = new Set(['registration']);
/** What may precede a sign-up word: whom it is for, or a step of it (`userRegistration`, `completeRegistration`). */
const SIGN_UP_PRECEDERS: ReadonlySet<string> = new Set([
  ...['user', 'users', 'account', 'accounts', 'customer', 'customers', 'member', 'members', 'guest', 'me', 'my', 'new', 'self'],
  ...['start', 'begin', 'complete', 'confirm', 'verify', 'submit', 'create', 'finish', 'resend', 'cancel', 'post', 'put', 'patch'],
]);

/** The first flow phrase that heads a name (see FLOW_CONTINUATIONS), with the phrases split into words once. */
function headedPhraseMatcher(phrases: readonly string[]): (name: string) => string | undefined {
  const split = phrases.map(phrase => [phrase, nameWords(phrase)] as const).filter(([, words]) => words.length > 0);
  const known = new Map<string, string | undefined>();
  return name => {
    if (!known.has(name)) {
      const words = nameWords(name);
      known.set(name, split.find(([, wanted]) => headsName(words, wanted))?.[0]);
    }
    return known.get(name);
  };
}

/** Whether `wanted` occurs in `words` as the flow the name is about, not as a qualifier of another noun. */
function headsName(words: readonly string[], wanted: readonly string[]): boolean {
  for (let start = 0; start + wanted.length <= words.length; start++) {
    if (!wanted.every((word, i) => words[start + i] === word)) continue;
    if (continuesFlow(words[start + wanted.length], wanted) && !namesThingRegistered(words[start - 1], wanted)) return true;
  }
  return false;
}

/** Whether the word after a flow phrase (undefined: none) keeps the name about the flow. */
function continuesFlow(next: string | undefined, wanted: readonly string[]): boolean {
  if (next === undefined || FLOW_CONTINUATIONS.has(next)) return true;
  return CODE_WORDS.has(next) && CREDENTIAL_FLOW_WORDS.has(wanted[wanted.length - 1]);
}

/** Whether the word before a sign-up word (undefined: none) makes it the registration of a thing. */
function namesThingRegistered(previous: string | undefined, wanted: readonly string[]): boolean {
  return SIGN_UP_WORDS.has(wanted[0]) && previous !== undefined && !SIGN_UP_PRECEDERS.has(previous);
}
