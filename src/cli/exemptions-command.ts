import { ruleCatalog } from '../catalog/catalog.js';
import { discoverFiles } from '../engine/discover.js';
import { InputError } from '../parse/errors.js';
import { loadSpec } from '../input/index.js';
import { placedExemptions } from '../engine/declared-exemptions.js';
import { dayOf, exemptionProblem } from '../results/exemptions.js';
import type { ExemptionPolicy } from '../results/exemptions.js';
import { displayPath } from '../results/summary.js';
import { plural } from '../report/shared.js';
import { escapeMarkdown } from '../report/text-formats.js';

/*
 * `specguard exemptions`: every exemption the specs write, for the review a governance team
 * does before the dates come due. It reads the exemptions as lint does (one reader, one verdict:
 * exemptionProblem) but runs no rules, so it is quick on a whole catalogue.
 */

export const EXEMPTION_LIST_FORMATS = ['text', 'json', 'markdown'] as const;
export type ExemptionListFormat = (typeof EXEMPTION_LIST_FORMATS)[number];

export interface ListedExemption {
  /** The file it is written in (a RAML API's: the RAML file), absolute. */
  source: string;
  /** 1-based. */
  line: number;
  /** The rule it names; empty for an exemption list that is not a map of rule codes. */
  rule: string;
  reason?: string;
  owner?: string;
  expires?: string;
  /** `active`; `expired`; `invalid` when it exempts nothing for another reason (said in `problem`). */
  status: 'active' | 'expired' | 'invalid';
  problem?: string;
}

export interface ExemptionList {
  exemptions: ListedExemption[];
  /** Inputs that could not be read: each makes the command exit 2. */
  errors: InputError[];
}

/** The exemptions in the files, folders and globs, soonest expiry first, those without one last. */
export async function listExemptions(inputs: string[], options: { maxFileBytes: number; policy: ExemptionPolicy }): Promise<ExemptionList> {
  const today = dayOf(options.policy.today ?? new Date());
  const found = await discoverFiles(inputs, options.maxFileBytes);
  const errors = [...found.errors];
  const exemptions: ListedExemption[] = [];
  // No ruleset runs here: a specguard- code the catalog lacks is a typo; another ruleset's codes are taken on trust.
  const codes = new Set(ruleCatalog().map(entry => entry.code));
  const known = (rule: string) => !rule.startsWith('specguard-') || codes.has(rule);
  for (const file of found.files) {
    try {
      const { document, source, mapLocation } = await loadSpec(file, { maxFileBytes: options.maxFileBytes });
      for (const exemption of placedExemptions(document, source, mapLocation)) {
        const problem = exemptionProblem({ ...exemption, known: known(exemption.rule) }, { ...options.policy, today });
        const status = problem === undefined ? 'active' : problem.what.startsWith('expired') ? 'expired' : 'invalid';
        const { rule, reason, owner, expires } = exemption;
        exemptions.push({
          source: exemption.source ?? source,
          line: exemption.range.start.line + 1,
          rule,
          ...(reason !== undefined ? { reason } : {}),
          ...(owner !== undefined ? { owner } : {}),
          ...(expires !== undefined ? { expires } : {}),
          status,
          ...(problem !== undefined && status === 'invalid' ? { problem: problem.what } : {}),
        });
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push(error);
    }
  }
  return { exemptions: exemptions.sort(byExpiry), errors };
}

/** Soonest expiry first, none last; then by file, line and rule. */
function byExpiry(a: ListedExemption, b: ListedExemption): number {
  const expiry = (e: ListedExemption) => e.expires ?? '9999-99-99';
  return compare(expiry(a), expiry(b)) || compare(a.source, b.source) || a.line - b.line || compare(a.rule, b.rule);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function formatExemptionList(list: ListedExemption[], format: ExemptionListFormat, baseDir: string): string {
  if (format === 'json') return `${JSON.stringify(list, null, 2)}\n`;
  const rows = list.map(e => ({
    expires: e.expires ?? 'no expiry',
    status: e.problem === undefined ? e.status : `${e.status}: ${e.problem}`,
    location: `${displayPath(e.source, baseDir)}:${e.line}`,
    rule: e.rule === '' ? '(not a map of rule codes)' : e.rule,
    owner: e.owner ?? '-',
    reason: e.reason ?? '-',
  }));
  const files = new Set(list.map(e => e.source)).size;
  const expired = list.filter(e => e.status === 'expired').length;
  const invalid = list.filter(e => e.status === 'invalid').length;
  const total = `${plural(list.length, 'exemption')} in ${plural(files, 'file')}: ${expired} expired, ${invalid} invalid.`;
  if (format === 'markdown') {
    return [
      '# specguard exemptions',
      '',
      total,
      ...(rows.length === 0
        ? []
        : [
            '',
            '| Expires | Status | Location | Rule | Owner | Reason |',
            '|---|---|---|---|---|---|',
            ...rows.map(r => `| ${[r.expires, r.status, r.location, r.rule, r.owner, r.reason].map(escapeMarkdown).join(' | ')} |`),
          ]),
      '',
    ].join('\n');
  }
  const columns = ['expires', 'status', 'location', 'rule', 'owner'] as const;
  const width = Object.fromEntries(columns.map(c => [c, Math.max(...rows.map(r => r[c].length))]));
  const lines = rows.map(r => [...columns.map(c => r[c].padEnd(width[c])), r.reason].join('  '));
  return [...lines, ...(lines.length > 0 ? [''] : []), total, ''].join('\n');
}
