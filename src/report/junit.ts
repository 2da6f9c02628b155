import type { Finding } from '../findings/findings.js';
import { isNotLinted } from '../results/not-linted.js';
import { displaySeverity } from '../findings/severity.js';
import type { SeverityLevel } from '../findings/severity.js';
import { groupBySource, position, printablePath } from './shared.js';

/**
 * JUnit XML for CI test-report views: one test suite per file checked, one test case per
 * finding. A finding at or above the fail severity is a failure; one below it is a skipped
 * case carrying its message, so warnings stay visible without failing the build. A file that
 * could not be linted is an error case. A file with no finding is one passing case, so the
 * report also shows what was checked.
 */
export function junit(findings: Finding[], cleanFiles: readonly string[], failSeverity: SeverityLevel): string {
  const groups = groupBySource(findings);
  const suites: string[] = [];
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const sources = [...new Set([...cleanFiles, ...groups.keys()])].sort();
  for (const source of sources) {
    const group = groups.get(source) ?? [];
    const count = { failures: 0, errors: 0, skipped: 0 };
    const cases = group.map(f => {
      const kind = isNotLinted(f) ? 'errors' : f.severity <= failSeverity ? 'failures' : 'skipped';
      count[kind]++;
      const name = attr(`${f.code} at ${position(f)} ${printablePath(f)}`.trimEnd());
      const text = cdata(`${displaySeverity(f.severity)} at line ${position(f)}, ${printablePath(f) || '(document)'}: ${f.message}`);
      const outcome =
        kind === 'errors'
          ? `<error message="${attr(f.message)}" type="${attr(f.code)}">${text}</error>`
          : kind === 'failures'
            ? `<failure message="${attr(f.message)}" type="${displaySeverity(f.severity)}">${text}</failure>`
            : `<skipped message="${attr(`${displaySeverity(f.severity)}: ${f.message}`)}"/>`;
      return `    <testcase classname="${attr(source)}" name="${name}" time="0">${outcome}</testcase>`;
    });
    if (group.length === 0) cases.push(`    <testcase classname="${attr(source)}" name="no findings" time="0"/>`);
    total.tests += cases.length;
    total.failures += count.failures;
    total.errors += count.errors;
    total.skipped += count.skipped;
    suites.push(
      `  <testsuite name="${attr(source)}" package="specguard" tests="${cases.length}" failures="${count.failures}" errors="${count.errors}" skipped="${count.skipped}" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="specguard" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** XML 1.0 allows neither control characters nor unpaired surrogates, even escaped. */
const invalidXml =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const attr = (text: string) =>
  text
    .replace(invalidXml, '\ufffd')
    .replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
    .replace(/\n/g, '&#10;');
const cdata = (text: string) => `<![CDATA[${text.replace(invalidXml, '\ufffd').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
