#!/usr/bin/env node
// Whole-process benchmark: what a user waits for, from the command to its exit code (a pre-commit
// hook, an editor, a CI step), start-up included. Times `specguard lint` beside the Spectral floor
// as a process (bench/lib/floor-process.js) and the stock spectral CLI with the peer ruleset, on a
// small spec, GitHub's 13 MB spec and GitHub's 78 MB dereferenced spec, and reports ratios.
// `npm run bench:process -- [options]`; see bench/README.md ("Whole process").
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { numericFlags, round } from './lib/numbers.js';

const { positiveInt, positiveNumber } = numericFlags(usage);

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus');
/** GitHub's dereferenced spec, pinned: installed on demand into the gitignored cache, never a dependency. */
const OCTOKIT_PACKAGE = '@octokit/openapi';
const OCTOKIT_VERSION = '23.0.2';
const CACHE = path.join(HERE, '.cache', 'octokit');
const SPECS = {
  small: path.join(ROOT, 'examples', 'insecure-raml', 'openapi-3.0.yaml'),
  github: path.join(CORPUS, 'perf', 'api.github.com.json'),
  'github-deref': path.join(CACHE, 'node_modules', ...OCTOKIT_PACKAGE.split('/'), 'generated', 'ghec.deref.json'),
};
const ENGINES = ['specguard', 'floor', 'peer'];
const TIME = '/usr/bin/time';

const HELP = `usage: node bench/process.js [options]   (npm run bench:process -- [options])

  --runs N          timed runs of each command on the small spec (default 7)
  --big-runs N      timed runs of each command on the GitHub specs (default 3)
  --only LIST       comma-separated subset of ${Object.keys(SPECS).join(',')} (default all)
  --engines LIST    comma-separated subset of ${ENGINES.join(',')} (default all)
  --timeout S       seconds one run may take before it is killed and reported (default 600)
  --no-install      do not install ${OCTOKIT_PACKAGE}@${OCTOKIT_VERSION} (the github-deref spec is then skipped if missing)
  --no-write        print the table only (default: also bench/RESULTS.md and bench/results/process.json)
  -h, --help

Each command runs as its own process, one warm-up run first (not counted), then the engines in
turn, in an order that alternates between rounds. Wall time is measured around the process;
peak memory and CPU time are the kernel's accounting of the finished process, read with
${TIME} (every command here is one process; specguard's worker threads are part of it).`;

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    'big-runs': { type: 'string', default: '3' },
    only: { type: 'string', default: Object.keys(SPECS).join(',') },
    engines: { type: 'string', default: ENGINES.join(',') },
    timeout: { type: 'string', default: '600' },
    'no-install': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(HELP);
  process.exit(0);
}
const runs = { small: positiveInt(opts.runs, '--runs'), big: positiveInt(opts['big-runs'], '--big-runs') };
const timeoutS = positiveNumber(opts.timeout, '--timeout');
const only = list(opts.only, Object.keys(SPECS), '--only');
const engines = list(opts.engines, ENGINES, '--engines');
if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))) usage('dist/ is missing: build first (npm run build)');
if (!fs.existsSync(TIME)) usage(`${TIME} is missing: it reads each process's peak memory (Debian/Ubuntu: apt-get install time)`);

if (only.includes('github-deref') && !opts['no-install']) installOctokit();
const peerRuleset = writePeerRuleset();
const report = {
  date: new Date().toISOString(),
  machine: machineInfo(),
  options: { runs, timeoutS, engines },
  loadAvgBefore: os.loadavg(),
  specs: [],
};
console.log(`specguard process bench: ${report.machine.cpus} cores, node ${process.version}, load ${fmtLoad(report.loadAvgBefore)}`);

for (const name of only) {
  const file = SPECS[name];
  if (!fs.existsSync(file)) {
    console.log(`  ${name}: ${path.relative(ROOT, file)} is missing, skipped`);
    continue;
  }
  const n = name === 'small' ? runs.small : runs.big;
  process.stdout.write(`  ${name} (${size(fs.statSync(file).size)}, ${n} runs per command) ...`);
  report.specs.push(await benchSpec(name, file, n));
  process.stdout.write(' done\n');
}
report.loadAvgAfter = os.loadavg();
const text = table(report);
console.log('\n' + text);
if (!opts['no-write']) {
  fs.mkdirSync(path.join(HERE, 'results'), { recursive: true });
  fs.writeFileSync(path.join(HERE, 'results', 'process.json'), JSON.stringify(report, null, 2) + '\n');
  fs.writeFileSync(path.join(HERE, 'RESULTS.md'), resultsMarkdown(report, text));
  console.log('\nwrote bench/RESULTS.md and bench/results/process.json');
}

// ---------------------------------------------------------------------------------------------

/** The command line of each engine on `file`: what a user (or CI) would type. */
function commandOf(engine, file) {
  switch (engine) {
    case 'specguard':
      return [process.execPath, path.join(ROOT, 'bin', 'specguard.js'), 'lint', '-f', 'json', file];
    case 'floor':
      return [process.execPath, path.join(HERE, 'lib', 'floor-process.js'), file];
    case 'peer':
      return [
        process.execPath,
        path.join(ROOT, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js'),
        'lint',
        '-r',
        peerRuleset,
        '-f',
        'json',
        '--quiet',
        file,
      ];
  }
}

async function benchSpec(name, file, n) {
  const entry = { spec: name, file: path.relative(ROOT, file), bytes: fs.statSync(file).size, engines: {}, rounds: [] };
  for (const engine of engines) {
    entry.engines[engine] = { runs: [], exitCodes: [] };
    await timeRun(commandOf(engine, file)); // warm-up: the file system cache, not the process
  }
  for (let round = 0; round < n; round++) {
    const order = round % 2 === 0 ? engines : [...engines].reverse();
    const times = {};
    for (const engine of order) {
      const run = await timeRun(commandOf(engine, file));
      entry.engines[engine].runs.push(run);
      times[engine] = run.wallS;
    }
    entry.rounds.push(times);
  }
  for (const engine of engines) {
    const e = entry.engines[engine];
    e.wallS = median(e.runs.map(r => r.wallS));
    e.cpuS = median(e.runs.map(r => r.cpuS));
    e.peakMb = median(e.runs.map(r => r.peakMb));
    e.outcome = [...new Set(e.runs.map(r => r.outcome))].join(', ');
  }
  // Ratios pair the runs of one round, so a machine that grows busier or quieter favours no one.
  entry.ratios = {};
  for (const other of engines.filter(e => e !== 'specguard')) {
    if (!engines.includes('specguard')) break;
    const ratios = entry.rounds.map(r => r.specguard / r[other]).filter(Number.isFinite);
    entry.ratios[`specguard/${other}`] = {
      wall: round(median(ratios), 2),
      range: [round(Math.min(...ratios), 2), round(Math.max(...ratios), 2)],
    };
  }
  return entry;
}

/** One process, timed from outside: wall clock here, CPU and peak RSS from the kernel via /usr/bin/time. */
function timeRun(command) {
  const stats = path.join(os.tmpdir(), `specguard-process-bench-${process.pid}.txt`);
  return new Promise(resolve => {
    const start = process.hrtime.bigint();
    const child = spawn(TIME, ['-o', stats, '-f', '%M %U %S %x', ...command], { cwd: ROOT, stdio: 'ignore' });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    child.on('close', () => {
      clearTimeout(timer);
      const wallS = Number(process.hrtime.bigint() - start) / 1e9;
      const last = fs.existsSync(stats) ? fs.readFileSync(stats, 'utf8').trim().split('\n').at(-1) : '';
      fs.rmSync(stats, { force: true });
      const [maxKb, user, sys, exit] = last.split(' ').map(Number);
      const outcome = timedOut ? 'timed out' : Number.isInteger(exit) ? `exit ${exit}` : 'killed';
      resolve({ wallS: round(wallS, 3), cpuS: round(user + sys, 3), peakMb: round(maxKb / 1024, 1), outcome });
    });
  });
}

/** The peer as a user runs it: a ruleset file that extends the package, for the stock spectral CLI. */
function writePeerRuleset() {
  const dir = path.join(HERE, '.cache');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'peer-ruleset.yaml');
  fs.writeFileSync(file, 'extends: ["@stoplight/spectral-owasp-ruleset"]\n');
  return file;
}

function installOctokit() {
  const installed = path.join(CACHE, 'node_modules', ...OCTOKIT_PACKAGE.split('/'), 'package.json');
  if (fs.existsSync(installed) && JSON.parse(fs.readFileSync(installed, 'utf8')).version === OCTOKIT_VERSION) return;
  fs.mkdirSync(CACHE, { recursive: true });
  // Its own package.json, so npm installs here and never touches the project's dependencies.
  fs.writeFileSync(path.join(CACHE, 'package.json'), JSON.stringify({ name: 'specguard-octokit-cache', private: true }) + '\n');
  console.log(`bench: installing ${OCTOKIT_PACKAGE}@${OCTOKIT_VERSION} into ${path.relative(ROOT, CACHE)}/`);
  const args = ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund'];
  const npm = spawnSync('npm', [...args, `${OCTOKIT_PACKAGE}@${OCTOKIT_VERSION}`], { cwd: CACHE, stdio: 'inherit' });
  if (npm.status !== 0) usage(`npm install ${OCTOKIT_PACKAGE}@${OCTOKIT_VERSION} failed (exit ${npm.status})`);
  if (!fs.existsSync(SPECS['github-deref'])) usage(`${OCTOKIT_PACKAGE}@${OCTOKIT_VERSION} has no generated/ghec.deref.json`);
}

// ---------------------------------------------------------------------------------------------

function table(r) {
  const head = ['spec', 'size', 'command', 'runs', 'wall', 'cpu', 'peak RSS', 'outcome', 'specguard / this'];
  const rows = [];
  for (const s of r.specs) {
    engines.forEach((engine, i) => {
      const e = s.engines[engine];
      const ratio = s.ratios[`specguard/${engine}`];
      rows.push([
        i === 0 ? s.spec : '',
        i === 0 ? size(s.bytes) : '',
        engine,
        e.runs.length,
        `${e.wallS.toFixed(2)} s`,
        `${e.cpuS.toFixed(2)} s`,
        `${Math.round(e.peakMb)} MB`,
        e.outcome,
        ratio ? `${ratio.wall.toFixed(2)}x (${ratio.range[0].toFixed(2)}-${ratio.range[1].toFixed(2)})` : '',
      ]);
    });
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map(row => String(row[i]).length)));
  const right = new Set([1, 3, 4, 5, 6]);
  const line = row =>
    row
      .map((c, i) => (right.has(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    line(head),
    widths.map(w => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    'wall, cpu, peak RSS: medians over the runs, each a whole process from start to exit (cpu: user + system, all threads).',
    "specguard / this: the median of each round's ratio of specguard's wall time to this command's, with their range.",
    'floor: read, parse, resolve $refs, one rule that does nothing (bench/lib/floor-process.js). peer: the stock spectral CLI',
    'with @stoplight/spectral-owasp-ruleset. specguard: specguard lint -f json.',
  ].join('\n');
}

function resultsMarkdown(r, text) {
  const m = r.machine;
  return `# Whole-process benchmark results

Written by \`npm run bench:process\` (bench/process.js; see bench/README.md, "Whole process").
Do not edit: the next run replaces this file.

- Date: ${r.date}
- Machine: ${m.cpus} cores (${m.cpuModel}), ${m.totalMemGb} GB RAM, ${m.platform}, Node ${m.node}
- Load average (1, 5, 15 min): ${fmtLoad(r.loadAvgBefore)} before, ${fmtLoad(r.loadAvgAfter)} after

\`\`\`
${text}
\`\`\`
`;
}

// ---------------------------------------------------------------------------------------------

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemGb: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function list(value, allowed, flag) {
  const items = value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  for (const item of items) if (!allowed.includes(item)) usage(`${flag}: unknown "${item}" (use ${allowed.join(', ')})`);
  return items;
}

function size(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

function fmtLoad(load) {
  return load.map(x => x.toFixed(2)).join(', ');
}

function usage(message) {
  console.error(`bench: ${message}\n\n${HELP}`);
  process.exit(2);
}
