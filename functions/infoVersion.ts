import { defineRule } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  requireSemver: boolean;
  allowDates: boolean;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A commit hash (7 to 40 hex digits, letters among them): it names a build, not a version anyone can compare. */
const COMMIT_HASH = /^(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}$/i;

export default defineRule<Options>(
  {
    code: 'specguard-info-version',
    description:
      'info.version must name the version the description is (a semantic version, a major version, a date), not a label such as latest or beta, so clients and inventories can tell versions apart.',
    severity: { recommended: 'info', strict: 'warn' },
    owasp: ['API9:2023'],
    owasp2019: ['API9:2019'],
    cwe: ['CWE-1059'],
    controls: { nist80053: ['CM-8', 'CM-2'], soc2: ['CC8.1'], hipaa: ['164.308(a)(1)(ii)(A)'] },
    securitySeverity: 2.0,
    options: {
      requireSemver: {
        type: 'boolean',
        default: false,
        description:
          'Ask for a semantic version (MAJOR.MINOR.PATCH, with optional pre-release and build parts) instead of any version number: `1.0`, `v2` and `2024-06-30` are then reported too.',
      },
      allowDates: {
        type: 'boolean',
        default: false,
        description:
          'With `requireSemver`, also accept an ISO date (`2024-06-30`), for APIs versioned by release date (as Azure and Stripe are).',
      },
    },
    messages: {
      noVersion: ({ version }) =>
        `info.version "${version}" names no version: give the version this description is (a semantic version such as 2.1.0, or the major version or date the API goes by), so clients, changelogs and the API inventory can tell which version is deployed where.`,
      commitHash: ({ version }) =>
        `info.version "${version}" is a commit hash, not a version: give the version this description is (a semantic version such as 2.1.0), so clients, changelogs and the API inventory can tell which version is deployed where and which is newer.`,
      notSemver: ({ version, or }) =>
        `info.version "${version}" is not a semantic version: use MAJOR.MINOR.PATCH (for example 2.1.0)${or}, so clients, changelogs and the API inventory can tell which version is deployed where.`,
      missing: () => 'info.version is missing: give the description the version it is (a semantic version such as 2.1.0).',
    },
  },
  (index, { requireSemver, allowDates }, messages) => {
    const info = index.root.info;
    if (typeof info !== 'object' || info === null) return [];
    const version = (info as { version?: unknown }).version;
    if (version === undefined) return [{ message: messages.missing({}), path: ['info'] }];
    const text = typeof version === 'number' ? String(version) : typeof version === 'string' ? version.trim() : null;
    const shown = text ?? JSON.stringify(version);
    const at = ['info', 'version'];
    if (requireSemver) {
      if (text !== null && (SEMVER.test(text) || (allowDates && DATE.test(text)))) return [];
      return [{ message: messages.notSemver({ version: shown, or: allowDates ? ' or a date (2024-06-30)' : '' }), path: at }];
    }
    // Any version number or date tells versions apart (1.0, v2, 2024-06-30, v1beta2); a label
    // without one (latest, beta, N/A, a template placeholder) does not.
    if (text === null || !/\d/.test(text)) return [{ message: messages.noVersion({ version: shown }), path: at }];
    if (COMMIT_HASH.test(text)) return [{ message: messages.commitHash({ version: shown }), path: at }];
    return [];
  },
);
