/**
 * The rulesets, the docs pages' generated blocks and the README rule table are derived from the
 * rule definitions in functions/ and committed (the stock spectral CLI reads the rulesets). A
 * committed file that differs from what the definitions produce fails here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/engine/ruleset.js';
import { bundledRulesets, fillBlocks, generatedFiles, jsRulesetSources, RULESET_DESCRIPTIONS } from '../src/rules/generate.js';
import { RULES } from '../src/rules/registry.js';

it.each(generatedFiles(PACKAGE_ROOT).map(g => [g.file, g.content] as const))(
  '%s is up to date with the rule definitions',
  (file, expected) => {
    const committed = fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');
    expect(
      committed === expected,
      `${file} differs from what functions/*.ts define: run npm run build:rulesets (npm run build does it too) and commit the result`,
    ).toBe(true);
  },
);

it('a page without the markers gets a message saying where they go', () => {
  expect(() => fillBlocks('docs/rules/x.md', '# x\n', { meta: 'table' })).toThrow(/add the marker lines .*specguard:begin meta/);
});

it('a rule only strict turns on, limited to OpenAPI 3.1, is off (and not run: recommended: false) in recommended with its formats, and raised in strict', () => {
  const rule = {
    ...RULES[0],
    code: 'specguard-only-strict',
    functionName: 'onlyStrict',
    formats: ['oas3_1' as const],
    severity: { recommended: 'off' as const, strict: 'error' as const },
  };
  const [recommended, strict] = bundledRulesets([rule]).map(g => g.content);
  expect(recommended).toContain('  specguard-only-strict:\n');
  expect(recommended).toContain('    severity: off\n    recommended: false\n    formats: [oas3_1]\n');
  expect(recommended).toContain('functions:\n  - onlyStrict\n');
  expect(strict).toMatch(/\nrules:\n {2}specguard-only-strict: error\n$/);
  expect(bundledRulesets([{ ...rule, severity: { recommended: 'warn', strict: 'warn' } }])[1].content).toMatch(/\nrules: \{\}\n$/);
  const [recommendedJs, strictJs] = jsRulesetSources([rule]).map(g => g.source);
  expect(recommendedJs).toContain("import onlyStrict from '../functions/onlyStrict.js';");
  expect(recommendedJs).toContain(
    '"specguard-only-strict": { description: ' +
      `${JSON.stringify(rule.description)}, message: "{{error}}", severity: "off", recommended: false, given: "#Document", resolved: true, formats: [oas3_1], then: { function: onlyStrict } },`,
  );
  expect(strictJs).toContain('rules: {"specguard-only-strict":"error"},');
});

it('each bundled ruleset, YAML and JavaScript, describes itself in one plain sentence', () => {
  const yaml = bundledRulesets(RULES).map(g => g.content.split('\n')[0]);
  const js = jsRulesetSources(RULES).map(g => /\n {2}description: (".*"),\n/.exec(g.source)?.[1]);
  for (const name of ['recommended', 'strict'] as const) {
    const description = RULESET_DESCRIPTIONS[name];
    expect(description).toMatch(/^specguard [a-z]+: [A-Za-z][^'"\\/*]+\.$/);
    expect(yaml).toContain(`description: ${JSON.stringify(description)}`);
    expect(js).toContain(JSON.stringify(description));
  }
});
