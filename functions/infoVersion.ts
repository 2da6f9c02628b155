import { defineRule } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  allowDates: boolean;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export default defineRule<Options>(
  {
    code: 'specguard-info-version',
    description:
      'info.version must be a semantic version (MAJOR.MINOR.PATCH), or a date where the option allows it, so clients and inventories can tell versions apart.',
    severity: { recommended: 'off', strict: 'warn' },
    owasp: ['API9:2023'],
    owasp2019: ['API9:2019'],
    cwe: ['CWE-1059'],
    controls: { nist80053: ['CM-8', 'CM-2'], soc2: ['CC8.1'], hipaa: ['164.308(a)(1)(ii)(A)'] },
    securitySeverity: 2.0,
    options: {
      allowDates: {
        type: 'boolean',
        default: false,
        description: 'Also accept an ISO date (`2024-06-30`), for APIs versioned by release date (as Azure and Stripe are).',
      },
    },
    messages: {
      notSemver: ({ version, or }) =>
        `info.version "${version}" is not a semantic version: use MAJOR.MINOR.PATCH (for example 2.1.0)${or}, so clients, changelogs and the API inventory can tell which version is deployed where.`,
      missing: () => 'info.version is missing: give the description a semantic version (MAJOR.MINOR.PATCH).',
    },
  },
  (index, { allowDates }, messages) => {
    const info = index.root.info;
    if (typeof info !== 'object' || info === null) return [];
    const version = (info as { version?: unknown }).version;
    if (version === undefined) return [{ message: messages.missing({}), path: ['info'] }];
    const text = typeof version === 'number' ? String(version) : typeof version === 'string' ? version.trim() : null;
    if (text !== null && (SEMVER.test(text) || (allowDates && DATE.test(text)))) return [];
    return [
      {
        message: messages.notSemver({ version: text ?? JSON.stringify(version), or: allowDates ? ' or a date (2024-06-30)' : '' }),
        path: ['info', 'version'],
      },
    ];
  },
);
