/**
 * Every rule, from its definition: the definition is complete, its docs page exists with Bad and
 * Good examples that really give (and do not give) its finding and documents every option, and
 * its test file exists, and the exemption its page shows exempts its findings. Adding a rule to
 * functions/ makes it part of this table.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, lintOne } from '../src/run/lint.js';
import { parseSafely } from '../src/parse/load.js';
import { PACKAGE_ROOT } from '../src/engine/ruleset.js';
import { BUNDLED_RULESET_NAMES, RULE_FORMATS, functionNameOf } from '../src/rule-kit.js';
import { RULES } from '../src/rules/registry.js';
import { RULESET_SEVERITIES } from '../src/findings/severity.js';
import { docExamples, docsPagePath } from './docs-examples.js';
import { SOURCE_RULESETS } from './source-ruleset.js';

const SEVERITIES = [...RULESET_SEVERITIES, 'off'];

it('finds the rules in functions/', () => {
  expect(RULES.length).toBeGreaterThan(0);
});

describe.each(RULES.map(rule => [rule.code, rule] as const))('%s', (code, rule) => {
  it('has a complete definition', () => {
    expect(code).toMatch(/^specguard-[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(rule.functionName).toBe(functionNameOf(code));
    expect(rule.description.trim()).not.toBe('');
    for (const name of BUNDLED_RULESET_NAMES) expect(SEVERITIES, `severity in ${name}`).toContain(rule.severity[name]);
    expect(rule.formats.length).toBeGreaterThan(0);
    for (const format of rule.formats) expect(RULE_FORMATS).toContain(format);
    for (const [field, ids, pattern] of [
      ['owasp', rule.owasp, /^API\d+:2023$/],
      ['owasp2019', rule.owasp2019, /^API\d+:2019$/],
      ['cwe', rule.cwe, /^CWE-\d+$/],
      ['controls.nist80053', rule.controls.nist80053, /^[A-Z]{2}-\d+/],
      ['controls.soc2', rule.controls.soc2, /^[A-Z]+\d/],
      ['controls.hipaa', rule.controls.hipaa, /^164\.\d+/],
    ] as const) {
      expect(ids.length, `${field} is empty`).toBeGreaterThan(0);
      for (const id of ids) expect(id, field).toMatch(pattern);
    }
    for (const [name, schema] of Object.entries(rule.options)) {
      expect(typeof schema.description === 'string' && schema.description.trim() !== '', `option ${name} has a description`).toBe(true);
      expect(schema.default, `option ${name} has a default`).not.toBeUndefined();
    }
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
  });

  it('has no TODO left in its three files (npm run new-rule writes them with TODOs)', () => {
    for (const file of [`functions/${rule.functionName}.ts`, `docs/rules/${code}.md`, `test/rules/${code}.test.ts`]) {
      const at = path.join(PACKAGE_ROOT, file);
      if (fs.existsSync(at)) expect(fs.readFileSync(at, 'utf8'), `${file} still has a TODO`).not.toMatch(/\bTODO\b/);
    }
  });

  it('has a docs page that documents every option', () => {
    const page = docsPagePath(code);
    expect(fs.existsSync(page), `docs/rules/${code}.md is missing`).toBe(true);
    const text = fs.readFileSync(page, 'utf8');
    expect(text.startsWith(`# ${code}\n`)).toBe(true);
    for (const heading of ['## Why it matters', '## Bad', '## Good', '## Options']) expect(text, heading).toContain(`\n${heading}\n`);
    for (const name of Object.keys(rule.options)) expect(text, `option ${name}`).toContain(`| \`${name}\` |`);
  });

  it('has a test file that runs the rule harness on it (its cases, the generic checks, its RAML case)', () => {
    const file = path.join(PACKAGE_ROOT, 'test', 'rules', `${code}.test.ts`);
    expect(fs.existsSync(file), `test/rules/${code}.test.ts is missing`).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(text, 'its CODE').toContain(`const CODE = '${code}';`);
    expect(text, 'a call of runRuleCases (or runGenericChecks)').toMatch(/\brun(RuleCases|GenericChecks)\(CODE, /);
  });

  const { bad, good, shownMessages } = docExamples(code);
  // The recommended ruleset, or strict for a rule only strict turns on.
  const ruleset = BUNDLED_RULESET_NAMES.find(name => rule.severity[name] !== 'off') ?? 'recommended';
  it('has at least one Bad and one Good example on its docs page', () => {
    expect(bad.length).toBeGreaterThan(0);
    expect(good.length).toBeGreaterThan(0);
  });

  it.each(bad.map(e => [e.where, e] as const))(`Bad example %s gives its finding (${ruleset} ruleset)`, async (_, example) => {
    const findings = await lintOne({ content: example.content, source: example.source }, { ruleset: SOURCE_RULESETS[ruleset] });
    expect(findings.filter(f => f.code === code).length).toBeGreaterThan(0);
  });

  if (shownMessages.length > 0) {
    it(`gives every message its docs page shows, on its Bad examples (${ruleset} ruleset)`, async () => {
      const given = new Set<string>();
      for (const example of bad) {
        const findings = await lintOne({ content: example.content, source: example.source }, { ruleset: SOURCE_RULESETS[ruleset] });
        for (const finding of findings) if (finding.code === code) given.add(finding.message);
      }
      for (const { where, message } of shownMessages)
        expect([...given], `${where} shows a message the Bad examples do not give`).toContain(message);
    });
  }

  it(`the exemption its docs page shows exempts every finding of its Bad example (${ruleset} ruleset)`, async () => {
    const page = fs.readFileSync(docsPagePath(code), 'utf8');
    const snippet = /<!-- specguard:begin exempt [^>]*-->[\s\S]*?```yaml\n(x-specguard-exempt:[\s\S]*?)```/.exec(page)?.[1];
    expect(snippet, 'an x-specguard-exempt example in the exempt block').toBeDefined();
    const written = snippet!.replace('<team>', 'api-team');
    const [example] = bad;
    // On the document root: a YAML example gains the lines, a JSON one the key.
    const exemptions = (parseSafely(written, 'exempt.yaml').data as Record<string, unknown>)['x-specguard-exempt'];
    const content = example.source.endsWith('.json')
      ? JSON.stringify({ 'x-specguard-exempt': exemptions, ...(JSON.parse(example.content) as object) })
      : `${written}${example.content}`;
    const options = { ruleset: SOURCE_RULESETS[ruleset], exemptions: { today: new Date('2027-01-01') } };
    const before = (await lint({ content: example.content, source: example.source }, options)).results.filter(f => f.code === code);
    const after = await lint({ content, source: example.source }, options);
    expect(after.results.filter(f => f.code === code || f.code === 'specguard-exemption')).toEqual([]);
    expect(after.exempted.map(f => [f.code, f.message, f.exempted])).toEqual(
      before.map(f => [code, f.message, { reason: '<why the rule does not apply here>', owner: 'api-team', expires: '2027-03-31' }]),
    );
  });

  it.each(good.map(e => [e.where, e] as const))(`Good example %s gives no finding of it (${ruleset} ruleset)`, async (_, example) => {
    const findings = await lintOne({ content: example.content, source: example.source }, { ruleset: SOURCE_RULESETS[ruleset] });
    expect(findings.filter(f => f.code === code)).toEqual([]);
  });
});
