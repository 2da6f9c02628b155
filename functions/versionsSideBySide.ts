import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { VERSION_SEGMENT } from '../src/rule-helpers/versioning.js';

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-versions-side-by-side',
    description:
      'One document should describe one major version: the same resource under several major versions (/v1/pets and /v2/pets) means an old version still runs.',
    severity: { recommended: 'info', strict: 'warn' },
    owasp: ['API9:2023'],
    owasp2019: ['API9:2019'],
    cwe: ['CWE-1059'],
    controls: { nist80053: ['CM-8'], soc2: ['CC8.1'], hipaa: ['164.308(a)(1)(ii)(A)'] },
    securitySeverity: 3.0,
    options: {},
    sharedCauses: [
      {
        message: /is one of several major versions of the same resource/,
        fix: 'retire the old major version, or mark its operations deprecated with a sunset date, and describe each major version in its own document',
      },
    ],
    messages: {
      sideBySide: ({ path, versions, others }) =>
        `Path ${path} is one of several major versions of the same resource (${versions}; also ${others}): retire the old version, or mark it deprecated with a sunset date, and describe each major version in its own document.`,
    },
  },
  (index, _options, messages) => {
    // Resource key: the path with its version segment blanked out, e.g. /{v}/pets.
    const byResource = new Map<string, Map<string, string>>();
    // A path whose every operation is deprecated is already on its way out:
    // specguard-deprecation-metadata checks that it says when it goes.
    const live = new Set(index.operations.filter(op => op.operation.deprecated !== true).map(op => op.pathKey));
    for (const op of index.operations) {
      const match = VERSION_SEGMENT.exec(op.pathKey);
      if (match === null) continue;
      const key = op.pathKey.replace(VERSION_SEGMENT, m => m.replace(/v\d+[a-z]*\d*/i, '{v}'));
      const versions = byResource.get(key) ?? new Map<string, string>();
      byResource.set(key, versions);
      if (!versions.has(`v${match[1]}`)) versions.set(`v${match[1]}`, op.pathKey);
    }
    const results: RuleResult[] = [];
    for (const versions of byResource.values()) {
      if (versions.size < 2) continue;
      // Reported at every path but the newest: those are the ones to retire.
      const sorted = [...versions].sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)));
      const list = sorted.map(([v]) => v).join(', ');
      for (const [, path] of sorted.slice(0, -1)) {
        if (!live.has(path)) continue;
        const others = sorted
          .filter(([, p]) => p !== path)
          .map(([, p]) => p)
          .join(', ');
        results.push({ message: messages.sideBySide({ path, versions: list, others }), path: ['paths', path] });
      }
    }
    return results;
  },
);
