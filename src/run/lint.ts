import type { CatalogEntry } from '../catalog/catalog.js';
import { catalogEntriesFor } from '../catalog/catalog.js';
import { lintFile } from '../engine/lint.js';
import type { EngineOptions, LintInput } from '../engine/lint.js';
import type { Finding } from '../findings/findings.js';
import { applyBaseline, readBaseline } from '../results/baseline.js';
import { applyExemptions } from '../results/exemptions.js';
import type { ExemptionPolicy } from '../results/exemptions.js';

/*
 * The programmatic API's run of one API description: the engine lints it, then the results
 * stages the CLI runs too (exemptions, then the baseline) decide what is reported.
 */

export type { LintInput } from '../engine/lint.js';

export interface LintOptions extends EngineOptions {
  /** The day exemptions' expiry dates are compared with, and the fields they must have. */
  exemptions?: ExemptionPolicy;
  /**
   * A baseline file (`specguard lint --baseline FILE --update-baseline` writes one): findings it
   * lists are not reported. Fingerprints name files relative to the working folder, as the CLI's do.
   */
  baseline?: string;
}

export interface LintReport {
  /** What is reported: every finding no exemption in the spec holds for and the baseline does not list. */
  results: Finding[];
  /** The findings exemptions in the spec cover, each with `exempted` (its reason, owner and expiry). */
  exempted: Finding[];
  /** Findings left out because the baseline lists them (0 without `baseline`). */
  baselined: number;
  /** Catalog entries of the rules that fired (exempted and baselined ones too), in code order. */
  rules: CatalogEntry[];
}

/**
 * Lints one API description. Throws InputError for input that cannot be linted (missing,
 * empty, unparseable, not an API description, an unreadable baseline); problems in the API
 * itself are results.
 */
export async function lint(input: LintInput, options: LintOptions = {}): Promise<LintReport> {
  const { results, exempted, baselined, all } = await linted(input, options);
  return { results, exempted, baselined, rules: catalogEntriesFor([...all, ...exempted]) };
}

/** The findings `lint` reports for one API description. */
export async function lintOne(input: LintInput, options: LintOptions = {}): Promise<Finding[]> {
  return (await linted(input, options)).results;
}

/** `all`: every finding no exemption covers, before the baseline. */
async function linted(input: LintInput, options: LintOptions): Promise<Omit<LintReport, 'rules'> & { all: Finding[] }> {
  const known = options.baseline === undefined ? undefined : await readBaseline(options.baseline);
  const { findings: all, exempted } = applyExemptions(await lintFile(input, options), options.exemptions);
  const { reported, baselined } = known ? applyBaseline(all, known, process.cwd()) : { reported: all, baselined: 0 };
  return { results: reported, exempted, baselined, all };
}
