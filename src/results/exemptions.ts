import type { Finding } from '../engine/findings.js';
import { isContainer } from '../document-index/index.js';

/** The extension that carries exemptions (see applyExemptions). */
export const EXEMPTION_EXTENSION = 'x-specguard-exempt';

export const EXEMPTION_CODE = 'specguard-exemption';

/**
 * Exemptions written in the spec, next to what they excuse, where a reviewer sees them:
 *
 *     x-specguard-exempt:
 *       specguard-string-max-length: "legacy clients send opaque tokens; the gateway caps bodies at 8 KB"
 *
 * on any object silences that rule's findings at the object and below it (on the root: in the
 * whole file). A reason is required: an exemption without one silences nothing and is reported
 * itself, so "ignore" never goes unexplained. Only findings in the linted file are looked up:
 * a finding inside a `$ref`'d file is exempted in that file's own lint.
 *
 * Each finding costs one walk down its own path: no walk of the document.
 */
export function applyExemptions(
  findings: Finding[],
  data: unknown,
  source: string,
  rangeOf: (path: Finding['path']) => Finding['range'] | undefined,
  extension = EXEMPTION_EXTENSION,
): Finding[] {
  const kept: Finding[] = [];
  const reported = new Set<string>();
  for (const finding of findings) {
    if (finding.source !== source || finding.code === EXEMPTION_CODE) {
      kept.push(finding);
      continue;
    }
    const verdict = exemptionFor(finding, data, extension);
    if (verdict === undefined) kept.push(finding);
    else if (verdict.reasonless) {
      kept.push(finding);
      const key = JSON.stringify(verdict.path);
      if (!reported.has(key)) {
        reported.add(key);
        kept.push({
          code: EXEMPTION_CODE,
          message: `Exemption from ${finding.code} has no reason, so it exempts nothing: give a non-empty string that says why the rule does not apply here.`,
          path: verdict.path,
          severity: 1,
          range: rangeOf(verdict.path) ?? finding.range,
          source,
        });
      }
    }
  }
  return kept;
}

type Verdict = { reasonless: false } | { reasonless: true; path: Finding['path'] };

/** The nearest exemption for the finding's rule on its path, from the finding up to the root. */
function exemptionFor(finding: Finding, data: unknown, extension: string): Verdict | undefined {
  let node = data;
  let found: Verdict | undefined;
  for (let depth = 0; ; depth++) {
    // Arrays carry no extensions; step through them.
    if (isContainer(node) && !Array.isArray(node)) {
      const exemptions = node[extension];
      if (isContainer(exemptions) && Object.hasOwn(exemptions, finding.code)) {
        const reason = exemptions[finding.code];
        found =
          typeof reason === 'string' && reason.trim() !== ''
            ? { reasonless: false }
            : { reasonless: true, path: [...finding.path.slice(0, depth), extension, finding.code] };
      }
    }
    if (depth === finding.path.length || !isContainer(node)) return found;
    node = node[finding.path[depth]];
  }
}
