/**
 * The rule catalog: what each rule maps to. Severity, description and formats live in the
 * rulesets (rulesets/*.yaml) and are read from there, so each fact has one home.
 */
export interface RuleMapping {
  /** OWASP API Security Top 10 2023 ids, e.g. API2:2023. */
  owasp: string[];
  /** The same concern in the 2019 edition. */
  owasp2019: string[];
  cwe: string[];
  controls: {
    /** NIST SP 800-53 Rev. 5 controls. */
    nist80053: string[];
    /** SOC 2 Trust Services Criteria (2017, revised points of focus 2022). */
    soc2: string[];
    /** HIPAA Security Rule sections (45 CFR). */
    hipaa: string[];
  };
}

export const RULE_MAPPINGS: Record<string, RuleMapping> = {
  'specguard-server-https': {
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-319'],
    controls: { nist80053: ['SC-8', 'SC-8(1)'], soc2: ['CC6.7'], hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'] },
  },
  'specguard-no-http-basic': {
    owasp: ['API2:2023'],
    owasp2019: ['API2:2019'],
    cwe: ['CWE-522'],
    controls: { nist80053: ['IA-2', 'IA-5(1)'], soc2: ['CC6.1'], hipaa: ['164.312(d)'] },
  },
  'specguard-no-api-key-in-url': {
    owasp: ['API2:2023'],
    owasp2019: ['API2:2019'],
    cwe: ['CWE-598'],
    controls: { nist80053: ['IA-5', 'SC-8'], soc2: ['CC6.1', 'CC6.7'], hipaa: ['164.312(d)', '164.312(e)(1)'] },
  },
  'specguard-operation-security': {
    owasp: ['API2:2023', 'API5:2023'],
    owasp2019: ['API2:2019', 'API5:2019'],
    cwe: ['CWE-306', 'CWE-862'],
    controls: { nist80053: ['AC-3', 'IA-2'], soc2: ['CC6.1'], hipaa: ['164.312(a)(1)', '164.312(d)'] },
  },
  'specguard-string-max-length': {
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-20', 'CWE-770'],
    controls: { nist80053: ['SI-10'], soc2: ['PI1.2'], hipaa: ['164.312(c)(1)'] },
  },
};
