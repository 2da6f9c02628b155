import { credentialParameterOf, declaredPublicReason, DEFAULT_PUBLIC_EXTENSION } from '../src/rule-helpers/auth-facts.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  publicExtension: string;
  ignoreMethods: string[];
}

const OR_MARK = (extension: string) => `or mark it ${extension}: "<why it is public>"`;

export default defineRule<Options>(
  {
    code: 'specguard-operation-security',
    description: 'Every operation must require authentication unless marked public with a reason (default deny).',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API2:2023', 'API5:2023'],
    owasp2019: ['API2:2019', 'API5:2019'],
    cwe: ['CWE-306', 'CWE-862'],
    controls: { nist80053: ['AC-3', 'IA-2'], soc2: ['CC6.1'], hipaa: ['164.312(a)(1)', '164.312(d)'] },
    securitySeverity: 8.5,
    sharedCauses: [
      {
        // GitHub's spec: no root `security`, so every one of its operations is flagged for it.
        message: /no root default applies/,
        fix: 'the document declares no root "security": add one (with its scheme under components.securitySchemes or securityDefinitions), then mark the operations meant to be public with x-specguard-public: "<why>".',
      },
    ],
    options: {
      publicExtension: {
        type: 'string',
        pattern: '^x-',
        default: DEFAULT_PUBLIC_EXTENSION,
        description:
          'Extension that marks an operation as intentionally public. Its value must be a non-empty string (the reason). Must start with `x-`.',
      },
      ignoreMethods: {
        type: 'array',
        items: { type: 'string' },
        default: ['options'],
        description:
          'HTTP methods never checked, case-insensitive. OPTIONS is ignored by default because a CORS preflight cannot carry credentials. The list replaces the default.',
      },
    },
    messages: {
      markWithoutReason: ({ operation, extension }) =>
        `${operation} is marked ${extension} without a reason: give a non-empty string that says why it is public.`,
      noSecurity: ({ operation, extension }) =>
        `${operation} has no security requirement and no root default applies: add a "security" requirement, ${OR_MARK(extension)}.`,
      rootEmpty: ({ operation, extension }) =>
        `${operation} inherits the root "security" list, which is empty: add a requirement to the operation, ${OR_MARK(extension)}.`,
      rootAnonymous: ({ operation, extension }) =>
        `${operation} inherits a root "security" list that accepts anonymous callers through an empty requirement ({}): add a requirement to the operation, ${OR_MARK(extension)}.`,
      emptyList: ({ operation, extension }) =>
        `${operation} turns authentication off with an empty "security" list: add a requirement, ${OR_MARK(extension)}.`,
      anonymous: ({ operation, extension }) =>
        `${operation} accepts anonymous callers through an empty requirement ({}) in "security": remove it, ${OR_MARK(extension)}.`,
      undeclaredCredential: ({ operation, parameter, where }) =>
        `${operation} requires a credential in its ${where} parameter "${parameter}" but no security scheme: declare it as a security scheme (an apiKey in the ${where}, or http bearer for Authorization) and require it, so clients, gateways and reviewers see how the operation is authenticated.`,
    },
  },
  (index, { publicExtension, ignoreMethods }, messages) => {
    const ignored = new Set(ignoreMethods.map(m => m.toLowerCase()));
    const results: RuleResult[] = [];
    // Path operations only: a callback or webhook is a request the API sends, and its `security`
    // says how the API authenticates to the receiver, not who may call the API.
    for (const op of index.operations) {
      if (ignored.has(op.method) || !op.security.allowsAnonymous) continue;
      const reason = op.operation[publicExtension];
      const parts = { operation: describeOperation(op), extension: publicExtension };
      if (typeof reason === 'string' && reason.trim() !== '') continue;
      // `false` says "not public": the operation is then judged like an unmarked one.
      if (reason !== undefined && reason !== false) {
        results.push({ message: messages.markWithoutReason(parts), path: [...op.path, publicExtension] });
        continue;
      }
      // What the document itself says: a tag described as unauthenticated, a health probe with `security: []`.
      if (declaredPublicReason(op, index.root) !== undefined) continue;
      // Authenticated after all, by a parameter no scheme declares: say so instead of "no authentication".
      const credential = op.security.requirements.every(r => r.schemes.length === 0) ? credentialParameterOf(op) : undefined;
      if (credential !== undefined) {
        results.push({
          message: messages.undeclaredCredential({ operation: parts.operation, parameter: credential.name, where: credential.where }),
          path: op.path,
        });
        continue;
      }
      const { security } = op;
      const anonymous = security.requirements.find(r => Object.keys(r.requirement).length === 0);
      if (security.source === 'none') {
        results.push({ message: messages.noSecurity(parts), path: op.path });
      } else if (security.source === 'root') {
        // Reported at the operation, so each inheriting operation gets its own location.
        const message = security.requirements.length === 0 ? messages.rootEmpty(parts) : messages.rootAnonymous(parts);
        results.push({ message, path: op.path });
      } else if (anonymous === undefined) {
        results.push({ message: messages.emptyList(parts), path: security.path ?? op.path });
      } else {
        results.push({ message: messages.anonymous(parts), path: anonymous.path });
      }
    }
    return results;
  },
);
