#!/usr/bin/env node
// Draws the precision sample from the corpus findings (`npm run corpus` first), writes one
// judging file per rule, keeps the verdicts already given, and publishes the table per rule in
// bench/CORPUS.md: `npm run precision`. See bench/CORPUS.md for how to judge.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CACHE, ROOT, apiFolder, readFindings, replaceBlock } from './lib/corpus.js';

const HELP = `usage: node bench/precision.js [options]   (npm run precision -- [options])

  --per-rule N   findings drawn per rule (default 20)
  --rule CODE    only this rule (repeatable); the others keep their files as they are
  --check        exit 1 when a rule on in the recommended ruleset has unjudged findings, or is under 90%
                 without being demoted (info, with "## Precision on real APIs" on its docs page)
  --no-write     do not update bench/CORPUS.md
  -h, --help

Reads ${path.relative(ROOT, CACHE)}/findings.json. Writes ${path.relative(ROOT, VERDICTS_DIR())}/<rule>.json (the
verdicts, committed: fill in "verdict" and "note") and ${path.relative(ROOT, JUDGING_DIR())}/<rule>.md (what to judge:
spec, path, message, the operation and the snippet at that path).`;

function VERDICTS_DIR() {
  return path.join(ROOT, 'bench', 'precision');
}
function JUDGING_DIR() {
  return path.join(CACHE, 'judging');
}

/** The seed of the draw: changing it draws a new sample, so it is fixed. */
const SEED = 'specguard-precision-1';
const VERDICTS = ['true', 'false', 'noise'];
const TARGET = 0.9;

const { values: opts } = parseArgs({
  options: {
    'per-rule': { type: 'string', default: '20' },
    rule: { type: 'string', multiple: true },
    check: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(HELP);
  process.exit(0);
}
const fail = message => {
  console.error(`precision: ${message}`);
  process.exit(2);
};
const perRule = Number(opts['per-rule']);
if (!Number.isInteger(perRule) || perRule < 1) fail('--per-rule: expected a positive whole number');
const findingsFile = path.join(CACHE, 'findings.json');
if (!fs.existsSync(findingsFile)) fail(`${path.relative(ROOT, findingsFile)} is missing: run npm run corpus first`);
const catalog = await ruleCatalog();

const byRule = new Map();
for (const finding of readFindings(findingsFile)) {
  if (!catalog.has(finding.code)) continue; // specguard-timeout and parser errors are not a rule's
  let list = byRule.get(finding.code);
  if (list === undefined) byRule.set(finding.code, (list = []));
  list.push(finding);
}

fs.mkdirSync(VERDICTS_DIR(), { recursive: true });
fs.mkdirSync(JUDGING_DIR(), { recursive: true });
const specs = specCache();
const rows = [];
for (const [code, rule] of catalog) {
  const findings = byRule.get(code) ?? [];
  const file = path.join(VERDICTS_DIR(), `${code}.json`);
  let entries;
  if (opts.rule && !opts.rule.includes(code)) entries = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).sample : [];
  else {
    entries = mergeVerdicts(draw(code, findings, perRule), fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).sample : []);
    if (entries.length > 0) {
      fs.writeFileSync(file, JSON.stringify({ rule: code, seed: SEED, sample: entries }, null, 2) + '\n');
      fs.writeFileSync(path.join(JUDGING_DIR(), `${code}.md`), judgingPage(code, rule, entries, findings.length));
    } else fs.rmSync(file, { force: true });
  }
  rows.push(tally(code, rule, findings.length, entries));
}

printTable(rows);
if (!opts['no-write']) {
  replaceBlock('precision', precisionTable(rows));
  replaceBlock('false-alarms', falseAlarms(rows));
  console.log('precision: updated bench/CORPUS.md (precision, false-alarms)');
}
if (opts.check) {
  const failing = rows.filter(r => r.recommended !== 'off' && r.sampled > 0 && (r.unjudged > 0 || (r.precision < TARGET && !demoted(r))));
  for (const r of failing)
    console.error(
      `precision: ${r.code}: ${r.unjudged > 0 ? `${r.unjudged} unjudged` : `${pct(r.precision)} at ${r.recommended}: fix it, or demote it to info with the reason under "## Precision on real APIs" on its docs page`}`,
    );
  process.exit(failing.length > 0 ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------

/** The bundled rules by code, with their severity in the recommended ruleset, from the built catalog. */
async function ruleCatalog() {
  const catalogModule = path.join(ROOT, 'dist', 'src', 'catalog', 'catalog.js');
  if (!fs.existsSync(catalogModule)) fail('dist/ is missing: build first (npm run build)');
  const { ruleCatalog: entries } = await import(catalogModule);
  return new Map(entries().map(r => [r.code, { recommended: r.rulesets?.recommended ?? r.severity?.recommended ?? '?' }]));
}

/** A stable rank: a finding's place in the draw does not depend on which other findings exist. */
function rank(text) {
  return createHash('sha256').update(`${SEED}\0${text}`).digest('hex');
}

/**
 * Up to `n` findings spread over providers and specs: azure.com alone holds 641 generated specs,
 * so providers (the first part of a spec's id) take turns, one finding each, and within a
 * provider its specs take turns. Every order is a rank, a hash per item, so fixing a false
 * alarm lets the next-ranked finding in without redrawing the rest.
 */
function draw(code, findings, n) {
  const providers = new Map();
  for (const f of findings) {
    const provider = f.spec.split('/')[0].replace(/\.json$/, '');
    let specs = providers.get(provider);
    if (specs === undefined) providers.set(provider, (specs = new Map()));
    let list = specs.get(f.spec);
    if (list === undefined) specs.set(f.spec, (list = []));
    list.push({ finding: f, rank: rank(`${code}\0${f.spec}\0${pointer(f.path)}`) });
  }
  const byRank = (a, b) => (a.rank < b.rank ? -1 : 1);
  const queues = [...providers].map(([provider, specs]) => {
    const lists = [...specs].map(([spec, list]) => ({ rank: rank(`${code}\0${spec}`), list: list.sort(byRank) })).sort(byRank);
    const queue = [];
    for (let round = 0; queue.length < n && lists.some(l => l.list.length > round); round++)
      for (const l of lists) if (l.list.length > round) queue.push(l.list[round].finding);
    return { rank: rank(`${code}\0${provider}`), queue };
  });
  queues.sort(byRank);
  const drawn = [];
  for (let round = 0; drawn.length < n && queues.some(q => q.queue.length > round); round++)
    for (const q of queues) if (drawn.length < n && q.queue.length > round) drawn.push(q.queue[round]);
  return drawn;
}

/** The drawn findings with the verdicts already given to the same finding (same spec, path and message). */
function mergeVerdicts(drawn, previous) {
  const known = new Map(previous.map(e => [`${e.spec}\0${e.path}`, e]));
  return drawn.map(f => {
    const at = pointer(f.path);
    const before = known.get(`${f.spec}\0${at}`);
    const entry = { spec: f.spec, path: at, message: f.message, verdict: null, note: '' };
    if (before !== undefined && before.verdict !== null) {
      if (before.message === f.message) Object.assign(entry, { verdict: before.verdict, note: before.note });
      else entry.note = `re-judge: the message changed (was ${before.verdict}: ${before.note})`;
    } else if (before !== undefined) entry.note = before.note;
    return entry;
  });
}

function tally(code, rule, findings, entries) {
  const count = v => entries.filter(e => e.verdict === v).length;
  const judged = entries.filter(e => VERDICTS.includes(e.verdict)).length;
  const bad = entries.filter(e => e.verdict !== null && !VERDICTS.includes(e.verdict));
  if (bad.length > 0) fail(`${code}: verdicts must be one of ${VERDICTS.join(', ')} or null (got ${bad[0].verdict})`);
  return {
    code,
    recommended: rule.recommended,
    findings,
    sampled: entries.length,
    judged,
    unjudged: entries.length - judged,
    true: count('true'),
    false: count('false'),
    noise: count('noise'),
    precision: judged === 0 ? NaN : count('true') / judged,
    falseAlarms: entries.filter(e => e.verdict === 'false' || e.verdict === 'noise'),
  };
}

function pct(p) {
  return Number.isNaN(p) ? '-' : `${Math.round(100 * p)}%`;
}

function printTable(rows) {
  for (const r of rows.filter(r => r.sampled > 0))
    console.log(
      `${r.code.padEnd(44)} ${String(r.findings).padStart(7)}  judged ${r.judged}/${r.sampled}  ` +
        `true ${r.true} false ${r.false} noise ${r.noise}  ${pct(r.precision)}`,
    );
}

/**
 * Under 90% is allowed only for a rule demoted for it: info (or off) in recommended, with the
 * reason on its docs page, where a user reads why before raising it.
 */
function demoted(r) {
  if (r.recommended !== 'info') return false;
  const page = path.join(ROOT, 'docs', 'rules', `${r.code}.md`);
  return fs.existsSync(page) && fs.readFileSync(page, 'utf8').includes('\n## Precision on real APIs\n');
}

function precisionTable(rows) {
  const lines = [
    '| rule | recommended | findings | judged | true | false | noise | precision |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    if (r.sampled === 0) {
      lines.push(`| ${r.code} | ${r.recommended} | 0 | - | - | - | - | does not fire |`);
      continue;
    }
    const judged = r.unjudged > 0 ? `${r.judged} of ${r.sampled}` : String(r.judged);
    const precision =
      r.precision < TARGET && r.unjudged === 0 && demoted(r)
        ? `${pct(r.precision)} (demoted: [why](../docs/rules/${r.code}.md#precision-on-real-apis))`
        : pct(r.precision);
    lines.push(
      `| ${r.code} | ${r.recommended} | ${r.findings.toLocaleString('en-US')} | ${judged} | ${r.true} | ${r.false} | ${r.noise} | ${precision} |`,
    );
  }
  return lines.join('\n');
}

function falseAlarms(rows) {
  const lines = [];
  for (const r of rows) {
    if (r.falseAlarms.length === 0) continue;
    lines.push(`- **${r.code}**`);
    for (const e of r.falseAlarms)
      lines.push(`  - ${e.verdict === 'false' ? 'false alarm' : 'noise'}: \`${e.spec}\` \`${e.path}\`: ${e.note || '(no note)'}`);
  }
  return lines.length > 0 ? lines.join('\n') : 'None in the judged samples.';
}

/** A JSON pointer (`/paths/~1users/get`): one string, readable in the verdict files. */
function pointer(segments) {
  return segments.map(s => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function judgingPage(code, rule, entries, findings) {
  const out = [
    `# ${code}: judge each finding`,
    '',
    `${findings.toLocaleString('en-US')} findings in the corpus (recommended: ${rule.recommended}); ${entries.length} drawn. ` +
      `Record each verdict in bench/precision/${code}.json: \`true\` (a real flaw worth reporting), \`false\` (wrong), ` +
      `\`noise\` (true but not worth reporting), with a note (for false and noise: the cause, as a class).`,
    '',
  ];
  entries.forEach((e, i) => {
    const spec = specs.get(e.spec);
    out.push(`## ${i + 1}. \`${e.spec}\` \`${e.path}\``, '');
    out.push(`verdict: ${e.verdict ?? '(unjudged)'}${e.note ? ` (${e.note})` : ''}`, '');
    out.push(`> ${e.message}`, '');
    out.push(`file: ${path.join(apiFolder(), e.spec)}`, '');
    if (spec === undefined) {
      out.push('(spec could not be read)', '');
      return;
    }
    const operation = operationOf(spec, e.path);
    if (operation) out.push(operation, '');
    const value = at(spec, e.path);
    out.push('```json', snippet(value), '```', '');
    const target =
      value && typeof value === 'object' && typeof value.$ref === 'string' ? at(spec, value.$ref.replace(/^#/, '')) : undefined;
    if (target !== undefined) out.push(`${value.$ref}:`, '```json', snippet(target), '```', '');
  });
  return out.join('\n');
}

/** `GET /users/{id}` with its operationId and summary, when the path is in an operation. */
function operationOf(spec, at) {
  const parts = at.split('/').slice(1).map(unescapePointer);
  if (parts[0] !== 'paths' || parts.length < 3) return undefined;
  const op = spec.paths?.[parts[1]]?.[parts[2]];
  if (!op || typeof op !== 'object') return `path item \`${parts[1]}\``;
  const said = [op.operationId, op.summary].filter(s => typeof s === 'string').join(': ');
  return `operation \`${parts[2].toUpperCase()} ${parts[1]}\`${said ? ` (${said.slice(0, 200)})` : ''}`;
}

function at(spec, jsonPointer) {
  let value = spec;
  for (const part of jsonPointer.split('/').slice(1).map(unescapePointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = value[part];
  }
  return value;
}

function unescapePointer(s) {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value as JSON, cut to 40 lines and 160 characters a line. */
function snippet(value) {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  const lines = text.split('\n').map(l => (l.length > 160 ? `${l.slice(0, 157)}...` : l));
  return lines.length > 40 ? [...lines.slice(0, 40), `... (${lines.length - 40} more lines)`].join('\n') : lines.join('\n');
}

/** Specs read for snippets, the last 50 kept: a rule's sample often returns to the same spec. */
function specCache() {
  const cached = new Map();
  return {
    get(id) {
      if (!cached.has(id)) {
        let spec;
        try {
          spec = JSON.parse(fs.readFileSync(path.join(apiFolder(), id), 'utf8'));
        } catch {
          spec = undefined;
        }
        if (cached.size >= 50) cached.delete(cached.keys().next().value);
        cached.set(id, spec);
      }
      return cached.get(id);
    },
  };
}
