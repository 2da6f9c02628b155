import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffKindsTable } from '../diff/kinds.js';
import { BUNDLED_RULESET_NAMES, DEFAULT_FORMATS, defaultOptions } from '../rule-kit.js';
import type { BundledRulesetName, Rule } from '../rule-kit.js';
import { ramlWordingsIn } from '../input/raml/advice.js';
import { RULES } from '../rules/registry.js';
import { ALIASES, PARSER_OPTIONS_OBJECT, RULESET_DESCRIPTIONS, ruleEntry, strictOverrides } from '../rules/ruleset-definitions.js';
import { RULESET_SEVERITIES } from '../findings/severity.js';

/*
 * The files derived from the rule definitions: the two bundled rulesets (whole files, since the
 * stock spectral CLI reads them) and marked blocks in the docs pages and the README. `npm run
 * build:rulesets` writes them; test/generated-files.test.ts fails when a committed one drifts.
 */

export interface GeneratedFile {
  /** Relative to the package root. */
  file: string;
  /** What the file must contain. */
  content: string;
}

/** Every generated file with its expected content; marked blocks are filled into `root`'s current text. */
export function generatedFiles(root: string, rules: readonly Rule[] = RULES): GeneratedFile[] {
  const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
  const docs = rules.map(rule => {
    const file = `docs/rules/${rule.code}.md`;
    if (!fs.existsSync(path.join(root, file))) throw new Error(`${file} is missing: every rule needs its docs page`);
    const blocks = { meta: metaBlock(rule), exempt: exemptBlock(rule), options: optionsBlock(rule) };
    return { file, content: fillBlocks(file, read(file), blocks) };
  });
  return [
    ...bundledRulesets(rules),
    ...docs,
    {
      file: 'README.md',
      content: fillBlocks('README.md', read('README.md'), {
        'rule-count': readmeRuleCount(rules),
        rules: readmeTable(rules),
        'raml-rules': readmeRamlRules(rules),
        'diff-kinds': diffKindsTable(),
      }),
    },
    { file: 'docs/diff.md', content: fillBlocks('docs/diff.md', read('docs/diff.md'), { 'diff-kinds': diffKindsTable() }) },
  ];
}

/** The bundled rulesets: recommended defines every rule, strict extends it and changes severities. */
export function bundledRulesets(rules: readonly Rule[]): GeneratedFile[] {
  return [
    { file: 'rulesets/recommended.yaml', content: recommendedYaml(rules) },
    { file: 'rulesets/strict.yaml', content: strictYaml(rules) },
  ];
}

function recommendedYaml(rules: readonly Rule[]): string {
  const entries = rules.map(rule => {
    const { formats, then, ...entry } = ruleEntry(rule);
    return [
      `  ${rule.code}:`,
      `    description: ${yamlString(entry.description)}`,
      `    message: "${entry.message}"`,
      `    severity: ${entry.severity}`,
      ...('recommended' in entry ? ['    recommended: false'] : []),
      ...(formats ? [`    formats: [${formats.join(', ')}]`] : []),
      `    given: "${entry.given}"`,
      '    resolved: true',
      '    then:',
      `      function: ${then.function}`,
    ].join('\n');
  });
  return `description: ${yamlString(RULESET_DESCRIPTIONS.recommended)}
${GENERATED}
# A plain Spectral ruleset: use it with \`specguard lint\`, \`spectral lint -r\`, or \`extends: [specguard]\`.
# Compliance metadata for each rule (OWASP, CWE, NIST 800-53, SOC 2, HIPAA) lives in the rule
# catalog: \`specguard rules --format json\`. Rules that are off here say \`recommended: false\`,
# so they cost nothing; giving one a severity in your ruleset (\`specguard-error-schema: warn\`) turns it on.
formats: [${DEFAULT_FORMATS.join(', ')}]
# Unquoted numeric keys (responses \`200:\`) parse fine and are not a security matter; duplicate
# keys are, since one silently replaces the other.
${PARSER_OPTIONS}functionsDir: ../dist/functions
functions:
${rules.map(rule => `  - ${rule.functionName}`).join('\n')}
aliases:
  Document:
    - "$"
rules:
${entries.join('\n')}
`;
}

function strictYaml(rules: readonly Rule[]): string {
  const raised = Object.entries(strictOverrides(rules));
  const overrides = raised.length === 0 ? ['rules: {}'] : ['rules:', ...raised.map(([code, severity]) => `  ${code}: ${severity}`)];
  return `description: ${yamlString(RULESET_DESCRIPTIONS.strict)}
${GENERATED}
# For APIs that handle regulated data (HIPAA, SOC 2) or face the public internet.
extends: [./recommended.yaml]
# Spectral does not inherit parserOptions through extends.
${PARSER_OPTIONS}${overrides.join('\n')}
`;
}

/**
 * The bundled rulesets as JavaScript modules (ESM source, importing the compiled functions from
 * ../functions), for `import specguard from 'specguard/recommended'` in a JS ruleset;
 * scripts/build-js-rulesets.mjs bundles them into CommonJS. Same rules as the YAML.
 */
export function jsRulesetSources(rules: readonly Rule[]): Array<{ name: BundledRulesetName; source: string }> {
  const imports = rules.map(rule => `import ${rule.functionName} from '../functions/${rule.functionName}.js';`);
  const entries = rules.map(rule => {
    const { formats, then, ...entry } = ruleEntry(rule);
    const fields = Object.entries(entry).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
    if (formats) fields.push(`formats: [${formats.join(', ')}]`);
    fields.push(`then: { function: ${then.function} }`);
    return `    ${JSON.stringify(rule.code)}: { ${fields.join(', ')} },`;
  });
  const formats = [...new Set([...DEFAULT_FORMATS, ...rules.flatMap(rule => rule.formats)])].sort();
  const recommended = `${GENERATED_JS}
import { ${formats.join(', ')} } from '@stoplight/spectral-formats';
${imports.join('\n')}

export default {
  description: ${JSON.stringify(RULESET_DESCRIPTIONS.recommended)},
  formats: [${DEFAULT_FORMATS.join(', ')}],
  parserOptions: ${JSON.stringify(PARSER_OPTIONS_OBJECT)},
  aliases: ${JSON.stringify(ALIASES)},
  rules: {
${entries.join('\n')}
  },
};
`;
  const strict = `${GENERATED_JS}
import recommended from './recommended.js';

export default {
  description: ${JSON.stringify(RULESET_DESCRIPTIONS.strict)},
  extends: [recommended],
  // Spectral does not inherit parserOptions through extends.
  parserOptions: ${JSON.stringify(PARSER_OPTIONS_OBJECT)},
  rules: ${JSON.stringify(strictOverrides(rules))},
};
`;
  return [
    { name: 'recommended', source: recommended },
    { name: 'strict', source: strict },
  ];
}

const GENERATED = '# Generated from functions/*.ts by `npm run build:rulesets`: edit the rule definitions, not this file.';
const GENERATED_JS = '// Generated from functions/*.ts by scripts/build-js-rulesets.mjs: edit the rule definitions, not this file.';

const PARSER_OPTIONS = `parserOptions:
${Object.entries(PARSER_OPTIONS_OBJECT)
  .map(([key, value]) => `  ${key}: ${value}`)
  .join('\n')}
`;

/** The rule's facts as a table, then its messages (with their placeholders). */
function metaBlock(rule: Rule): string {
  const severities = BUNDLED_RULESET_NAMES.map(name => `${name}: ${rule.severity[name]}`).join(' · ');
  const rows: Array<[string, string]> = [
    ['Severity', severities],
    ['Formats', formatsLabel(rule.formats)],
    ['OWASP API Security Top 10 2023', rule.owasp.join(', ')],
    ['OWASP API Security Top 10 2019', rule.owasp2019.join(', ')],
    ['CWE', rule.cwe.join(', ')],
    ['NIST SP 800-53', rule.controls.nist80053.join(', ')],
    ['SOC 2', rule.controls.soc2.join(', ')],
    ['HIPAA', rule.controls.hipaa.join(', ')],
    ['Function', `\`${rule.functionName}\` (name it to override options)`],
    ['RAML', ramlNote(rule)],
    ...(rule.defersTo ?? []).map(({ owner, why }): [string, string] => [
      'Defers to',
      `[${owner().rule.code}](${owner().rule.code}.md): silent where it reports the same place (${why}); reports it when that rule is off`,
    ]),
  ];
  const messages = Object.values(rule.messages).map(message => `- \`${message(PLACEHOLDERS)}\``);
  return [
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${cell(v)} |`),
    '',
    'Messages (`<…>` is filled in per finding):',
    '',
    ...messages,
  ].join('\n');
}

/**
 * How to silence the rule in one place (an exemption in the spec), or everywhere (a lower
 * severity, or off, in a user ruleset): written from the definition, so no page can drift.
 */
export function exemptBlock(rule: Rule): string {
  const recommended = rule.severity.recommended;
  const lower = recommended === 'off' ? undefined : RULESET_SEVERITIES[RULESET_SEVERITIES.indexOf(recommended) + 1];
  const raml =
    rule.notInRaml === undefined
      ? [
          '',
          'In RAML, write the same map as the annotation `(specguard-exempt)`, declared once under',
          '`annotationTypes` (`specguard-exempt: any`); its findings are reported at the RAML file and line.',
        ]
      : [];
  return [
    'To exempt one place, say why in the spec, on the object the exemption should cover (an operation,',
    'a schema, a server; on the document root it covers the whole file). The findings it covers are',
    'listed as exempted (SARIF suppressions, JSON `exempted`, `--show-exempted`), never failing a run;',
    'after its `expires` day it exempts nothing and is reported (`specguard-exemption`), as is one',
    'without a reason. `specguard exemptions <folder>` lists them all.',
    '',
    '```yaml',
    'x-specguard-exempt:',
    `  ${rule.code}:`,
    '    reason: "<why the rule does not apply here>"',
    '    owner: <team>          # optional; required with --require-exemption-owner',
    '    expires: 2027-03-31    # optional; required with --require-exemption-expiry',
    '```',
    '',
    `A bare reason also works: \`${rule.code}: "<why>"\`.`,
    ...raml,
    '',
    lower === undefined
      ? `To turn it on or off for every API, set its severity in a user ruleset (it is off in \`recommended\`):`
      : `To demote it or turn it off for every API, set its severity in a user ruleset (\`recommended\` has it at \`${recommended}\`):`,
    '',
    '```yaml',
    '# .spectral.yaml',
    'extends: [specguard]',
    'rules:',
    `  ${rule.code}: ${lower ?? 'warn'}${lower === undefined ? '' : '    # or: off'}`,
    '```',
  ].join('\n');
}

/** What a RAML user needs to know of the rule: that it cannot fire on RAML and why, or how its advice reads in RAML. */
function ramlNote(rule: Rule): string {
  if (rule.notInRaml !== undefined) return `Not checked on RAML APIs: ${rule.notInRaml}.`;
  const advice = [
    ...Object.values(rule.messages).map(message => message(PLACEHOLDERS)),
    ...Object.values(rule.options).map(option => (typeof option.default === 'string' ? option.default : '')),
  ].join('\n');
  const wordings = ramlWordingsIn(advice);
  return (
    'Checked on RAML 0.8 and 1.0 APIs too, with findings at the RAML file and line' +
    (wordings.length === 0
      ? '.'
      : `; its advice says it in RAML: ${wordings.map(([openapi, raml]) => `${openapi} is ${raml}`).join('; ')}.`)
  );
}

/** Renders a message builder as a template: each part it reads shows as `<name>`. */
const PLACEHOLDERS = new Proxy<Record<string, string>>({}, { get: (_, key) => `<${String(key)}>` });

/** The options table and a user ruleset that sets every option to its default. */
function optionsBlock(rule: Rule): string {
  const options = Object.entries(rule.options);
  if (options.length === 0) {
    return [
      '| Option | Default | Meaning |',
      '|---|---|---|',
      '| (none) | | The rule takes no options; an unknown option in a user ruleset is a ruleset error. |',
      '',
      'To tune it, override its severity in a user ruleset:',
      '',
      '```yaml',
      '# .spectral.yaml',
      'extends: [specguard]',
      'rules:',
      `  ${rule.code}: warn`,
      '```',
    ].join('\n');
  }
  const defaults = defaultOptions(rule.options);
  return [
    '| Option | Default | Meaning |',
    '|---|---|---|',
    ...options.map(([name, schema]) => `| \`${name}\` | \`${flowValue(schema.default)}\` | ${cell(schema.description)} |`),
    '',
    "To change options, a user ruleset declares the rule's function and restates `given` (Spectral",
    "requires both when a rule's `then` changes). With every option at its default:",
    '',
    '```yaml',
    '# .spectral.yaml',
    'extends: [specguard]',
    'functionsDir: node_modules/specguard/dist/functions',
    `functions: [${rule.functionName}]`,
    'rules:',
    `  ${rule.code}:`,
    '    given: "$"',
    '    then:',
    `      function: ${rule.functionName}`,
    '      functionOptions:',
    ...Object.entries(defaults).map(([name, value]) => `        ${name}: ${flowValue(value)}`),
    '```',
    '',
    'An unknown or mistyped option is a ruleset error naming the option, not a crash.',
  ].join('\n');
}

/**
 * How many rules there are and how many each bundled ruleset turns on, by severity: the one place
 * the README states a number of rules (test/generated-files.test.ts checks it states no other).
 */
export function readmeRuleCount(rules: readonly Rule[]): string {
  const perRuleset = BUNDLED_RULESET_NAMES.map(name => {
    const on = rules.filter(rule => rule.severity[name] !== 'off');
    const bySeverity = RULESET_SEVERITIES.map(severity => [severity, on.filter(rule => rule.severity[name] === severity).length] as const)
      .filter(([, count]) => count > 0)
      .map(([severity, count]) => `${count} ${severity}`);
    return `\`${name}\` turns on ${on.length} (${bySeverity.join(', ')})`;
  });
  return `specguard has ${rules.length} rules: ${perRuleset.join('; ')}.`;
}

/**
 * Which rules RAML APIs get: every rule but those whose definition says RAML cannot express their
 * concern. The rule harness holds each rule to it: a RAML case in its test file, or `notInRaml`.
 */
export function readmeRamlRules(rules: readonly Rule[]): string {
  const everyRule =
    "Every bundled rule runs on RAML (each rule's test file, `test/rules/<code>.test.ts`, has a RAML case that fires and one that stays silent)";
  const notInRaml = rules.filter(rule => rule.notInRaml !== undefined);
  if (notInRaml.length === 0) return `${everyRule}.`;
  return [
    `${everyRule} except those whose concern RAML cannot express:`,
    '',
    ...notInRaml.map(rule => `- \`${rule.code}\`: ${rule.notInRaml}.`),
  ].join('\n');
}

function readmeTable(rules: readonly Rule[]): string {
  const rows = rules.map(rule => {
    const { recommended, strict } = rule.severity;
    const severity = strict === recommended ? recommended : `${recommended} (strict: ${strict})`;
    const owasp = rule.owasp.map(id => id.replace(/:2023$/, '')).join(', ');
    return `| [${rule.code}](docs/rules/${rule.code}.md) | ${severity} | ${owasp} | ${cell(rule.description)} |`;
  });
  return ['| rule | severity | OWASP 2023 | what it checks |', '|---|---|---|---|', ...rows].join('\n');
}

/**
 * Replaces the text between `<!-- specguard:begin NAME -->` and `<!-- specguard:end NAME -->`
 * with each block's content.
 */
export function fillBlocks(file: string, text: string, blocks: Record<string, string>): string {
  let out = text;
  for (const [name, content] of Object.entries(blocks)) {
    const begin = `<!-- specguard:begin ${name} (generated by npm run build:rulesets) -->`;
    const end = `<!-- specguard:end ${name} -->`;
    const from = out.indexOf(begin);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${file}: add the marker lines "${begin}" and "${end}" where the ${name} block goes`);
    out = `${out.slice(0, from + begin.length)}\n${content}\n${out.slice(to)}`;
  }
  return out;
}

const FORMAT_LABELS: Record<string, string> = { oas2: '2.0', oas3: '3.0, 3.1', oas3_0: '3.0', oas3_1: '3.1' };

function formatsLabel(formats: readonly string[]): string {
  return `OpenAPI ${[...new Set(formats.flatMap(f => FORMAT_LABELS[f].split(', ')))].sort().join(', ')}`;
}

/** A value as one line of YAML flow syntax (JSON is YAML), arrays with a space after each comma. */
function flowValue(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(v => JSON.stringify(v)).join(', ')}]` : JSON.stringify(value);
}

/** A plain YAML scalar when it reads the same unquoted, a double-quoted (JSON) one otherwise. */
function yamlString(text: string): string {
  return /^[A-Za-z][^#]*$/.test(text) && !text.includes(': ') && !text.endsWith(':') ? text : JSON.stringify(text);
}

/** Table cells cannot hold a pipe or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
