import { sortFindings } from '../findings/findings.js';
import type { ExemptedBy, Finding } from '../findings/findings.js';
import { EXEMPTION_CODE } from '../engine/declared-exemptions.js';
import type { DeclaredExemption, FileExemption, LintedFile, Problem } from '../engine/declared-exemptions.js';

/** What a run asks of exemptions: the day it is (for expiry), and which fields a team requires. */
export interface ExemptionPolicy {
  /** Default: now. Only the date counts (UTC). */
  today?: Date;
  /** An exemption without an owner exempts nothing (`--require-exemption-owner`). */
  requireOwner?: boolean;
  /** An exemption without an expiry date exempts nothing (`--require-exemption-expiry`). */
  requireExpiry?: boolean;
}

export interface ExemptionOutcome {
  /** What is reported: the findings no exemption holds for, and a finding for each exemption that does not hold. */
  findings: Finding[];
  /** The findings a valid exemption covers, each with `exempted` set: shown, never failing a run or entering a baseline. */
  exempted: Finding[];
}

/**
 * The results stage for exemptions written in the spec (`x-specguard-exempt`, RAML
 * `(specguard-exempt)`), which the CLI and the programmatic API both run. An exemption that
 * holds moves the findings it covers to `exempted`; one that does not (no reason, expired, a
 * rule the ruleset lacks, written wrong, or missing what the policy requires) exempts nothing
 * and is itself a `specguard-exemption` warning at the place it is written.
 */
export function applyExemptions(file: LintedFile, policy: ExemptionPolicy = {}): ExemptionOutcome {
  const today = dayOf(policy.today ?? new Date());
  const holding = new Map<number, ExemptedBy>();
  const problems: Finding[] = [];
  for (const exemption of file.exemptions) {
    const problem = exemptionProblem(exemption, { ...policy, today });
    if (problem !== undefined) problems.push(problemFinding(exemption, problem));
    else for (const index of exemption.covers) holding.set(index, exemptedBy(exemption));
  }
  if (holding.size === 0 && problems.length === 0) return { findings: file.findings, exempted: [] };
  const findings: Finding[] = [];
  const exempted: Finding[] = [];
  file.findings.forEach((finding, index) => {
    const by = holding.get(index);
    if (by === undefined) findings.push(finding);
    else exempted.push({ ...finding, exempted: by });
  });
  return { findings: sortFindings(findings.concat(problems)), exempted };
}

/**
 * Why an exemption does not hold, or undefined when it does. `known` is left out where no
 * ruleset ran (`specguard exemptions`).
 */
export function exemptionProblem(
  exemption: DeclaredExemption & { known?: boolean },
  policy: Omit<ExemptionPolicy, 'today'> & { today: string },
): Problem | undefined {
  if (exemption.malformed) return exemption.malformed;
  if (exemption.known === false)
    return { what: 'names no rule of the ruleset that ran', fix: 'check the rule code (specguard rules lists them)' };
  if (exemption.reason === undefined)
    return { what: 'has no reason', fix: 'give a non-empty string that says why the rule does not apply here' };
  if (policy.requireOwner && exemption.owner === undefined)
    return { what: 'has no owner', fix: 'this run requires one (--require-exemption-owner): add owner: "<team>"' };
  if (policy.requireExpiry && exemption.expires === undefined)
    return { what: 'has no expiry date', fix: 'this run requires one (--require-exemption-expiry): add expires: YYYY-MM-DD' };
  if (exemption.expires !== undefined && exemption.expires < policy.today)
    return { what: `expired on ${exemption.expires}`, fix: 'fix what it covered, or renew it with a later date' };
  return undefined;
}

/** `2027-03-31`: the UTC date, which exemption expiry dates are compared with. */
export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

function problemFinding(exemption: FileExemption, { what, fix }: Problem): Finding {
  const subject = exemption.rule === '' ? 'This exemption list' : `Exemption from ${exemption.rule}`;
  return {
    code: EXEMPTION_CODE,
    message: `${subject} ${what}, so it exempts nothing: ${fix}.`,
    path: exemption.path,
    severity: 1,
    range: exemption.range,
    ...(exemption.source !== undefined ? { source: exemption.source } : {}),
  };
}

function exemptedBy({ reason, owner, expires }: FileExemption): ExemptedBy {
  return { reason: reason!, ...(owner !== undefined ? { owner } : {}), ...(expires !== undefined ? { expires } : {}) };
}
