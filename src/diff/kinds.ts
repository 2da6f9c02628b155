import type { CatalogEntry } from '../catalog/catalog.js';
import type { RuleMapping, SeverityName } from '../rule-kit.js';
import type { SeverityLevel } from '../findings/severity.js';

/*
 * The kinds of regression `specguard diff` reports, each with its own code, severity and
 * OWASP/CWE mapping: the one list that the reports, SARIF metadata and docs/diff.md read.
 */

export interface RegressionKind extends RuleMapping {
  code: string;
  severity: Exclude<SeverityName, 'off'>;
  description: string;
  /** The flaw's risk, 0-10 (SARIF `security-severity`), as rules give it. */
  securitySeverity: number;
}

const AUTH_CONTROLS = { nist80053: ['AC-3', 'IA-2'], soc2: ['CC6.1'], hipaa: ['164.312(d)'] };
const SCOPE_CONTROLS = { nist80053: ['AC-6', 'AC-3'], soc2: ['CC6.3'], hipaa: ['164.312(a)(1)'] };
const INPUT_CONTROLS = { nist80053: ['SI-10'], soc2: ['CC6.1'], hipaa: [] };
const TRANSPORT_CONTROLS = { nist80053: ['SC-8', 'SC-7'], soc2: ['CC6.7'], hipaa: ['164.312(e)(1)'] };

export const REGRESSION_KINDS = {
  securityRemoved: {
    code: 'specguard-diff-security-removed',
    severity: 'error',
    description: 'An operation that required authentication now requires none.',
    owasp: ['API2:2023', 'API5:2023'],
    owasp2019: ['API2:2019', 'API5:2019'],
    cwe: ['CWE-306'],
    controls: AUTH_CONTROLS,
    securitySeverity: 9.1,
  },
  anonymousAllowed: {
    code: 'specguard-diff-anonymous-allowed',
    severity: 'error',
    description: 'An operation that required authentication now also accepts anonymous callers (`{}` added to its requirements).',
    owasp: ['API2:2023', 'API5:2023'],
    owasp2019: ['API2:2019', 'API5:2019'],
    cwe: ['CWE-306'],
    controls: AUTH_CONTROLS,
    securitySeverity: 9.1,
  },
  madePublic: {
    code: 'specguard-diff-made-public',
    severity: 'warn',
    description: 'An operation that required authentication is now marked public, with a reason: review that it should be.',
    owasp: ['API2:2023', 'API9:2023'],
    owasp2019: ['API2:2019', 'API9:2019'],
    cwe: ['CWE-306'],
    controls: AUTH_CONTROLS,
    securitySeverity: 6.5,
  },
  scopeDropped: {
    code: 'specguard-diff-scope-dropped',
    severity: 'warn',
    description: 'A security requirement of an operation no longer asks for a scope it asked for.',
    owasp: ['API5:2023', 'API1:2023'],
    owasp2019: ['API5:2019', 'API1:2019'],
    cwe: ['CWE-285'],
    controls: SCOPE_CONTROLS,
    securitySeverity: 6.5,
  },
  scopeWidened: {
    code: 'specguard-diff-scope-widened',
    severity: 'warn',
    description: 'A security requirement of an operation asks for a broader scope than before (`repo:read` -> `repo`, or an admin scope).',
    owasp: ['API5:2023'],
    owasp2019: ['API5:2019'],
    cwe: ['CWE-250', 'CWE-272'],
    controls: SCOPE_CONTROLS,
    securitySeverity: 5.5,
  },
  weakSchemeAdded: {
    code: 'specguard-diff-weak-scheme-added',
    severity: 'error',
    description:
      'An operation now accepts a weaker credential as an alternative: HTTP Basic, or an API key in the URL, beside a stronger scheme.',
    owasp: ['API2:2023'],
    owasp2019: ['API2:2019'],
    cwe: ['CWE-522', 'CWE-598'],
    controls: AUTH_CONTROLS,
    securitySeverity: 7.5,
  },
  boundLoosened: {
    code: 'specguard-diff-bound-loosened',
    severity: 'warn',
    description:
      'A request input lost or loosened a bound: maxLength, maxItems, maxProperties, maximum or minimum removed or relaxed, a pattern removed, an enum widened or removed, additionalProperties: false removed.',
    owasp: ['API4:2023', 'API3:2023'],
    owasp2019: ['API4:2019', 'API6:2019'],
    cwe: ['CWE-20', 'CWE-770'],
    controls: INPUT_CONTROLS,
    securitySeverity: 5.3,
  },
  sensitiveExposed: {
    code: 'specguard-diff-sensitive-exposed',
    severity: 'warn',
    description:
      'A response of an operation now returns a field that holds secrets or personal data (the classes the sensitive-data rules use).',
    owasp: ['API3:2023'],
    owasp2019: ['API3:2019'],
    cwe: ['CWE-200', 'CWE-359'],
    controls: { nist80053: ['SC-28', 'AC-3'], soc2: ['C1.1', 'P4.1'], hipaa: ['164.514(d)'] },
    securitySeverity: 6.5,
  },
  serverHttp: {
    code: 'specguard-diff-server-http',
    severity: 'error',
    description: 'A server (or OAS 2.0 scheme) moved from https to plain http.',
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-319'],
    controls: TRANSPORT_CONTROLS,
    securitySeverity: 7.5,
  },
  serverInternal: {
    code: 'specguard-diff-server-internal',
    severity: 'warn',
    description: 'A server moved to an internal host: a private address, loopback, or a name under an internal suffix.',
    owasp: ['API8:2023', 'API9:2023'],
    owasp2019: ['API7:2019', 'API9:2019'],
    cwe: ['CWE-200'],
    controls: TRANSPORT_CONTROLS,
    securitySeverity: 4.3,
  },
  sunsetExtended: {
    code: 'specguard-diff-sunset-extended',
    severity: 'warn',
    description: 'A deprecated operation’s sunset date moved later or vanished: the old version keeps running longer than announced.',
    owasp: ['API9:2023'],
    owasp2019: ['API9:2019'],
    cwe: ['CWE-1059'],
    controls: { nist80053: ['CM-8', 'SA-22'], soc2: ['CC8.1'], hipaa: [] },
    securitySeverity: 3.1,
  },
} as const satisfies Record<string, RegressionKind>;

export type KindName = keyof typeof REGRESSION_KINDS;

const LEVELS: Record<RegressionKind['severity'], SeverityLevel> = { error: 0, warn: 1, info: 2, hint: 3 };

export const severityOf = (kind: RegressionKind): SeverityLevel => LEVELS[kind.severity];

/** The docs page every kind links to. */
export const DIFF_DOCS = 'docs/diff.md';

/** Each kind as a catalog entry, so SARIF metadata, docs links and the docs table read it as they read rules. */
export function diffCatalog(): CatalogEntry[] {
  return Object.values(REGRESSION_KINDS)
    .map((kind: RegressionKind) => ({
      code: kind.code,
      severity: kind.severity,
      rulesets: { recommended: kind.severity, strict: kind.severity },
      description: kind.description,
      formats: ['oas2', 'oas3'] as CatalogEntry['formats'],
      owasp: [...kind.owasp],
      owasp2019: [...kind.owasp2019],
      cwe: [...kind.cwe],
      controls: kind.controls,
      docs: DIFF_DOCS,
      function: '',
      options: {},
      securitySeverity: kind.securitySeverity,
    }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** The kinds as the README and docs/diff.md list them (generated, with a drift test). */
export function diffKindsTable(): string {
  const rows = diffCatalog().map(
    kind => `| \`${kind.code}\` | ${kind.severity} | ${kind.owasp.join(', ')} | ${kind.cwe.join(', ')} | ${kind.description} |`,
  );
  return ['| code | severity | OWASP 2023 | CWE | what got weaker |', '|---|---|---|---|---|', ...rows].join('\n');
}
