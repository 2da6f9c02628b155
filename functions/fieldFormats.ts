import { inputScope, isJudgedInput } from '../src/document-index/inputs.js';
import type { DocumentIndex, JsonObject, OperationEntry, SchemaEntry, UnreachedSchemas } from '../src/document-index/index.js';
import type { InputScope } from '../src/document-index/inputs.js';
import { phraseMatcher, suffixMatcher } from '../src/rule-helpers/naming.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';
import credentialInUrl from './credentialInUrl.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  emailNames: string[];
  passwordNames: string[];
  phoneNames: string[];
  checkedPasswordNames: string[];
  passwordCheckOperations: string[];
  emailMaxLength: number;
  passwordMinLength: number;
  phoneMaxLength: number;
  unreachedSchemas: UnreachedSchemas;
}

type Kind = 'email' | 'password' | 'phone';
/** What a value of one kind lacks, over the schemas describing it: each missing constraint as the message names it. */
type Requirements = (group: readonly JsonObject[]) => string[];
/** What a password is asked for depends on what the API does with it. */
interface PasswordUse {
  /** The API stores it as a new password (sign-up, a new password), so its policy applies: a minimum length. */
  sets: boolean;
  /** It can leave the API (a response, a webhook), so it must be marked never to be returned. */
  leaves: boolean;
}

const numberIn = (group: readonly JsonObject[], keyword: string) => {
  const values = group.map(schema => schema[keyword]).filter((value): value is number => typeof value === 'number');
  return values.length === 0 ? undefined : values;
};
/** The tightest maxLength of a composition (every branch applies), or undefined. */
const maxLengthOf = (group: readonly JsonObject[]) => {
  const values = numberIn(group, 'maxLength');
  return values && Math.min(...values);
};
const minLengthOf = (group: readonly JsonObject[]) => {
  const values = numberIn(group, 'minLength');
  return values && Math.max(...values);
};
const atMost = (group: readonly JsonObject[], limit: number) => {
  const max = maxLengthOf(group);
  if (max === undefined) return [`a maxLength of at most ${limit}`];
  return max > limit ? [`a maxLength of at most ${limit} (it allows ${max})`] : [];
};
/** A pattern for digits: it names them (`\d`, `0-9`) and admits no letters (`\w`, `a-z`, `.`, `\S`). */
const isDigitsPattern = (pattern: unknown) =>
  typeof pattern === 'string' && /\\d|0-9/.test(pattern) && !/\\[wWSD]|[a-zA-Z]-[a-zA-Z]|(^|[^\\])\./.test(pattern);

export default defineRule<Options>(
  {
    code: 'specguard-field-formats',
    description: 'Email, password and phone inputs must carry the constraints of their kind: a format or pattern and a length bound.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API4:2023', 'API8:2023'],
    owasp2019: ['API4:2019', 'API7:2019'],
    cwe: ['CWE-20', 'CWE-521'],
    controls: { nist80053: ['SI-10', 'IA-5(1)'], soc2: ['PI1.2', 'CC6.1'], hipaa: ['164.312(c)(1)', '164.308(a)(5)(ii)(D)'] },
    securitySeverity: 4.0,
    defersTo: [{ owner: () => credentialInUrl, why: 'a password in the URL is a credential in the URL first' }],
    options: {
      emailNames: {
        type: 'array',
        items: { type: 'string' },
        default: ['email', 'e-mail', 'email address', 'mail address'],
        description:
          "Field and parameter names of email addresses, matched as the name's last words in any case style (`contactEmail`, `email_address`). The list replaces the default.",
      },
      passwordNames: {
        type: 'array',
        items: { type: 'string' },
        default: ['password', 'passwd', 'passphrase', 'password confirmation'],
        description:
          "Field and parameter names of passwords, matched as the name's last words (`newPassword`, `new-password`; not `passwordPolicy`). The list replaces the default.",
      },
      phoneNames: {
        type: 'array',
        items: { type: 'string' },
        default: ['phone', 'phone number', 'telephone', 'telephone number', 'mobile number', 'msisdn', 'fax', 'fax number'],
        description:
          "Field and parameter names of phone numbers, matched as the name's last words (`phone_number`, `mobilePhone`). The list replaces the default.",
      },
      checkedPasswordNames: {
        type: 'array',
        items: { type: 'string' },
        default: ['current password', 'old password', 'existing password', 'previous password'],
        description:
          "Names of password fields whose value the API checks rather than sets, matched as the name's last words (`currentPassword`, `old_password`): asked for a maxLength but not a minLength, since they must accept the passwords that exist. The list replaces the default.",
      },
      passwordCheckOperations: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'login',
          'log in',
          'logon',
          'log on',
          'sign in',
          'signin',
          'authenticate',
          'session',
          'sessions',
          'token',
          'tokens',
          'oauth',
        ],
        description:
          "Words (any case style) in an operation's path or operationId that mark it as checking a password (a login, a token request): a password only such operations take is asked for a maxLength but not a minLength. The list replaces the default.",
      },
      emailMaxLength: {
        type: 'integer',
        minimum: 1,
        default: 254,
        description: 'The largest maxLength an email address may allow (RFC 5321 caps an address at 254 characters).',
      },
      passwordMinLength: {
        type: 'integer',
        minimum: 1,
        default: 8,
        description: 'The smallest minLength a password may allow (NIST SP 800-63B asks for at least 8).',
      },
      phoneMaxLength: {
        type: 'integer',
        minimum: 1,
        default: 15,
        description:
          'The largest maxLength a phone number may allow (E.164 numbers have at most 15 digits); one more is allowed when its pattern takes a leading `+`.',
      },
      unreachedSchemas: UNREACHED_SCHEMAS_OPTION,
    },
    messages: {
      email: ({ name, missing }) =>
        `${name} is an email address without ${missing}: add it so malformed and oversized addresses are rejected at the edge.`,
      password: ({ name, missing }) =>
        `${name} is a password in a request without ${missing}: add it so weak and oversized passwords are rejected, and the value is marked never to be returned.`,
      phone: ({ name, missing }) =>
        `${name} is a phone number without ${missing}: add it so only digits of a real number's length are accepted.`,
    },
  },
  (index, options, messages) => {
    const { unreachedSchemas } = options;
    const passwordRequirements =
      ({ sets, leaves }: PasswordUse): Requirements =>
      group => {
        const min = minLengthOf(group);
        return [
          ...(sets && (min === undefined || min < options.passwordMinLength)
            ? [`a minLength of at least ${options.passwordMinLength}`]
            : []),
          ...(maxLengthOf(group) === undefined ? ['a maxLength'] : []),
          ...(leaves && !group.some(s => s.format === 'password' || s.writeOnly === true) ? ['format: password or writeOnly: true'] : []),
        ];
      };
    const passwordUse = passwordUseReader(options);
    // The most a field of each kind is asked for; what one field is asked for, from what the API does with it.
    const requirements: Record<Kind, (entry?: SchemaEntry) => Requirements> = {
      email: () => group => [
        ...(group.some(s => s.format === 'email' || s.format === 'idn-email' || typeof s.pattern === 'string')
          ? []
          : ['format: email (or a pattern)']),
        ...atMost(group, options.emailMaxLength),
      ],
      password: entry => passwordRequirements(entry === undefined ? { sets: true, leaves: true } : passwordUse(entry)),
      phone: () => group => {
        // `+` and 15 digits are 16 characters: the sign is allowed on top when the pattern takes one.
        const plus = group.some(s => typeof s.pattern === 'string' && s.pattern.includes('\\+')) ? 1 : 0;
        return [
          ...(group.some(s => isDigitsPattern(s.pattern)) ? [] : ['a digits pattern']),
          ...atMost(group, options.phoneMaxLength + plus),
        ];
      },
    };
    const matchers: Record<Kind, (name: string) => string | undefined> = {
      email: suffixMatcher(options.emailNames),
      password: suffixMatcher(options.passwordNames),
      phone: suffixMatcher(options.phoneNames),
    };
    const results: RuleResult[] = [];
    for (const kind of ['email', 'password', 'phone'] as const) {
      // The name first: it is the entry's own, while reading the schema is the expensive part.
      const named = (_: JsonObject, entry: SchemaEntry) => {
        const name = fieldName(entry);
        return name !== undefined && matchers[kind](name) !== undefined && !isSearchFilter(entry);
      };
      const most = requirements[kind]();
      const holds = (group: readonly JsonObject[]) => most(group).length === 0;
      for (const entry of index.inputs({ unreachedSchemas, types: ['string'], where: named, lacking: holds })) {
        const missing = missingAt(index, entry, requirements[kind](entry), inputScope(index, unreachedSchemas));
        if (missing.length === 0) continue;
        results.push({ message: messages[kind]({ name: entry.label ?? 'A field', missing: joinAnd(missing) }), path: entry.path });
      }
    }
    return results;
  },
);

/** The API's requests that send the schema (an unreached schema has none). */
const requestUses = (entry: SchemaEntry) =>
  entry.usages.filter(use => use.operation.kind === 'path' && (use.role === 'request-body' || use.role === 'parameter'));

/** How the API uses a password field, read from its name, the operations that take it and where it is returned. */
function passwordUseReader(options: Options): (entry: SchemaEntry) => PasswordUse {
  const checkedName = suffixMatcher(options.checkedPasswordNames);
  const checkOperation = phraseMatcher(options.passwordCheckOperations);
  const checksPassword = (op: OperationEntry) =>
    [op.pathKey, typeof op.operation.operationId === 'string' ? op.operation.operationId : ''].some(
      text => checkOperation(text) !== undefined,
    );
  return entry => {
    const name = fieldName(entry);
    const uses = requestUses(entry);
    // A login form or a current-password field must accept the passwords that exist, whatever their length.
    const checks =
      (name !== undefined && checkedName(name) !== undefined) || (uses.length > 0 && uses.every(use => checksPassword(use.operation)));
    // An unreached schema's uses are unknown: it may be returned.
    const leaves =
      entry.unreached === true ||
      entry.roles.has('response-body') ||
      entry.roles.has('header') ||
      entry.outboundRoles?.has('request-body') === true;
    return { sets: !checks, leaves };
  };
}

/**
 * A search filter: a GET query parameter beside lookup variants of itself (`contact_phone__ic`,
 * `email[contains]`), as Django and similar frameworks generate them. It matches the values the API
 * stores, whatever they are, so a format or a tighter length would stop lookups of stored values
 * (string-max-length still asks for its length).
 */
function isSearchFilter(entry: SchemaEntry): boolean {
  if (!entry.label?.startsWith('Parameter "')) return false;
  const uses = entry.usages.filter(use => use.role === 'parameter' && use.schema === entry.schema);
  return (
    uses.length > 0 &&
    uses.every(
      ({ operation, parameterIn, name }) =>
        parameterIn === 'query' &&
        operation.method === 'get' &&
        name !== null &&
        operation.parameters.some(({ parameter }) => typeof parameter.name === 'string' && isLookupOf(parameter.name, name)),
    )
  );
}

const isLookupOf = (candidate: string, name: string) => candidate.startsWith(`${name}__`) || candidate.startsWith(`${name}[`);

/** The name a field goes by: its property name, or the name of the parameter whose schema it is. */
function fieldName(entry: SchemaEntry): string | undefined {
  if (entry.propertyName !== undefined) return entry.propertyName;
  // Only parameter schemas are labelled so: spares reading the usages of every other schema.
  if (!entry.label?.startsWith('Parameter "')) return undefined;
  const usage = entry.usages.find(u => u.role === 'parameter' && u.schema === entry.schema && u.name !== null);
  return usage?.name ?? undefined;
}

/**
 * What the first lacking place of the entry's value misses (a constraint met in an allOf branch is
 * not named); nothing when every place it is judged at has what this entry is asked for.
 */
function missingAt(index: DocumentIndex, entry: SchemaEntry, requirements: Requirements, scope: InputScope): string[] {
  let judged = false;
  for (const group of index.valueGroups.of(entry.schema)) {
    if (!isJudgedInput(group, scope)) continue;
    judged = true;
    const missing = requirements(group.members);
    if (missing.length > 0) return missing;
  }
  return judged ? [] : requirements([entry.schema]);
}

/** `a`, `a and b`, `a, b and c`. */
function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
