#!/usr/bin/env node
// specguard benchmark: specguard's recommended ruleset vs @stoplight/spectral-owasp-ruleset on
// real specs. Run after a build: `npm run build && npm run bench -- [options]`.
// See bench/README.md for what is measured and the caveats.
import { fork } from 'node:child_process';
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
const ENGINES = ['floor', 'specguard', 'peer', 'peer-patched'];
const BIG_BYTES = 1024 * 1024;

const HELP = `usage: node bench/run.js [options]

  --runs N             timed runs per engine per small spec (default 3)
  --big-runs N         timed runs per engine for specs over 1 MB (default 1)
  --timeout S          seconds one floor or specguard run may take before it is reported "timed out" (default 300)
  --peer-timeout S     seconds one peer or peer-patched run may take before it is reported "timed out" (default 900)
  --heap-mb N          --max-old-space-size for each benchmark process (default 8192)
  --only TEXT          only specs whose file name contains TEXT (repeatable)
  --engines LIST       comma-separated subset of floor,specguard,peer,peer-patched (default all)
  --isolate            one process per engine (the spec is parsed in each) instead of one per spec;
                       gives each engine a clean peak RSS
  --rounds N           repeat each spec's engines N times, alternating their order (default 1); the
                       specguard/floor ratio is then the median of the rounds' ratios, with their range
  --no-warmup          skip the untimed warm-up runs: Spectral's (floor) in each benchmark process,
                       and each engine's own when it has several timed runs
  --no-write           print the table only
  --out FILE           where to write the JSON results (default bench/results/latest.json)
  -h, --help`;

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'big-runs': { type: 'string', default: '1' },
    timeout: { type: 'string', default: '300' },
    'peer-timeout': { type: 'string', default: '900' },
    'heap-mb': { type: 'string', default: '8192' },
    only: { type: 'string', multiple: true },
    engines: { type: 'string', default: ENGINES.join(',') },
    out: { type: 'string', default: path.join(HERE, 'results', 'latest.json') },
    'no-write': { type: 'boolean', default: false },
    isolate: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    'no-warmup': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(HELP);
  process.exit(0);
}
const options = {
  runs: positiveInt(opts.runs, '--runs'),
  bigRuns: positiveInt(opts['big-runs'], '--big-runs'),
  rounds: positiveInt(opts.rounds, '--rounds'),
  timeoutS: {
    floor: positiveNumber(opts.timeout, '--timeout'),
    specguard: positiveNumber(opts.timeout, '--timeout'),
    peer: positiveNumber(opts['peer-timeout'], '--peer-timeout'),
    'peer-patched': positiveNumber(opts['peer-timeout'], '--peer-timeout'),
  },
  heapMb: positiveInt(opts['heap-mb'], '--heap-mb'),
  engines: opts.engines
    .split(',')
    .map(s => s.trim())
    .filter(Boolean),
};
for (const e of options.engines) if (!ENGINES.includes(e)) usage(`unknown engine "${e}" (use ${ENGINES.join(', ')})`);

if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'engine', 'ruleset.js')) || !fs.existsSync(path.join(ROOT, 'dist', 'functions'))) {
  usage('dist/ is missing: build first (npm run build)');
}

const specs = listSpecs().filter(f => !opts.only || opts.only.some(o => path.basename(f).includes(o)));
if (specs.length === 0) usage(`no specs found under ${path.relative(ROOT, CORPUS)}`);

await probeEngineImport();
const startedAt = new Date();
const report = {
  date: startedAt.toISOString(),
  machine: machineInfo(),
  options: { ...options, isolate: opts.isolate, warmup: !opts['no-warmup'] },
  engines: {
    floor: { ruleset: "one no-op rule on the resolved root: Spectral's fixed cost per run" },
    specguard: {
      ruleset: 'the bundled recommended ruleset (loadRuleset("recommended"), built from the rule registry)',
      version: pkgVersion(ROOT),
    },
    peer: {
      ruleset: '@stoplight/spectral-owasp-ruleset (default export)',
      version: pkgVersion(path.join(ROOT, 'node_modules', '@stoplight', 'spectral-owasp-ruleset')),
    },
    'peer-patched': { ruleset: 'the peer with owasp:api1:2023-no-numeric-ids turned off (its JSONPath filter aborts runs on some specs)' },
    spectralCore: pkgVersion(path.join(ROOT, 'node_modules', '@stoplight', 'spectral-core')),
  },
  loadAvgBefore: os.loadavg(),
  specs: [],
};

console.log(
  `specguard bench: ${specs.length} specs, engines ${options.engines.join(' + ')}, runs ${options.runs} (big specs ${options.bigRuns}), ` +
    `timeouts specguard ${options.timeoutS.specguard}s / peer ${options.timeoutS.peer}s, ${os.cpus().length} cpus, node ${process.version}`,
);

for (const spec of specs) {
  const bytes = fs.statSync(spec).size;
  const runs = bytes > BIG_BYTES ? options.bigRuns : options.runs;
  process.stdout.write(`  ${path.basename(spec)} (${size(bytes)}, ${runs} run${runs === 1 ? '' : 's'} per engine) ...`);
  const entry = await benchSpec(spec, runs);
  report.specs.push(entry);
  process.stdout.write(' ' + options.engines.map(e => `${e} ${entry.engines[e].status}`).join(', ') + '\n');
}
report.loadAvgAfter = os.loadavg();
report.totalWallS = (Date.now() - startedAt.getTime()) / 1000;

console.log('\n' + table(report));
if (!opts['no-write']) {
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
  fs.writeFileSync(path.resolve(opts.out), JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), path.resolve(opts.out))}`);
}

// ---------------------------------------------------------------------------------------------

/** Runs every engine on one spec, in as few child processes as possible (one unless one dies). */
async function benchSpec(spec, runs) {
  const entry = { file: path.relative(ROOT, spec), bytes: fs.statSync(spec).size, runsPerEngine: runs * options.rounds, engines: {} };
  for (const e of options.engines) entry.engines[e] = { status: 'not run', runsMs: [], runsCpuMs: [], results: null };
  const roundRatios = [];
  for (let r = 0; r < options.rounds; r++) {
    // Alternating the order keeps a machine that grows busier or quieter from favouring one engine.
    const order = r % 2 === 0 ? options.engines : [...options.engines].reverse();
    let remaining = order.filter(e => r === 0 || entry.engines[e].status === 'ok');
    while (remaining.length > 0) {
      const finished = await runChild(spec, opts.isolate ? remaining.slice(0, 1) : remaining, runs, entry);
      remaining = remaining.filter(e => !finished.has(e));
    }
    const ratio = roundRatio(entry.engines.specguard, entry.engines.floor, runs);
    if (ratio) roundRatios.push(ratio);
  }
  for (const e of options.engines) summarize(entry.engines[e]);
  const sg = entry.engines.specguard;
  entry.ratios = {};
  for (const name of ['peer', 'peer-patched']) {
    if (sg && entry.engines[name]) entry.ratios[`${name}/specguard`] = ratio(sg, entry.engines[name], options.timeoutS[name]);
  }
  // The budget: specguard's whole ruleset against Spectral's own fixed cost on the same document.
  const floor = entry.engines.floor;
  if (sg?.medianMs && floor?.medianMs) {
    entry.ratios['specguard/floor'] = {
      wall: round(sg.medianMs / floor.medianMs, 2),
      cpu: round(sg.medianCpuMs / floor.medianCpuMs, 2),
      // specguard's first run in its process also compiles its rule code: with several runs it is
      // the untimed warm-up (coldMs), else the one timed run.
      firstWall: round((sg.coldMs ?? sg.firstMs) / floor.medianMs, 2),
      runs: sg.runsMs.length,
    };
    // Noise on a shared machine only adds time: the fastest run of each engine is its least disturbed.
    entry.ratios['specguard/floor'].bestWall = round(sg.minMs / floor.minMs, 2);
    entry.ratios['specguard/floor'].bestCpu = round(Math.min(...sg.runsCpuMs) / Math.min(...floor.runsCpuMs), 2);
    // Over several rounds, each round's ratio compares runs taken minutes apart at most.
    if (roundRatios.length > 1) {
      const wall = roundRatios.map(x => x.wall).sort((a, b) => a - b);
      const cpu = roundRatios.map(x => x.cpu).sort((a, b) => a - b);
      Object.assign(entry.ratios['specguard/floor'], {
        wall: round(median(wall), 2),
        cpu: round(median(cpu), 2),
        rounds: roundRatios.length,
        wallRange: [round(wall[0], 2), round(wall.at(-1), 2)],
        cpuRange: [round(cpu[0], 2), round(cpu.at(-1), 2)],
      });
    }
  }
  return entry;
}

/** Forks one benchmark process; resolves with the engines it finished (ok, error, timed out or crashed). */
function runChild(spec, engines, runs, entry) {
  return new Promise(resolve => {
    const finished = new Set();
    const child = fork(path.join(HERE, 'lib', 'worker.js'), [], {
      cwd: ROOT,
      execArgv: ['--expose-gc', `--max-old-space-size=${options.heapMb}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let output = '';
    const keep = chunk => (output = (output + chunk).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let current = null; // engine whose run is in flight
    const done = {}; // runs finished in this process, per engine
    let timer = null;
    let killedFor = null;
    const clear = () => timer && (clearTimeout(timer), (timer = null));

    child.on('message', msg => {
      const e = msg.engine && entry.engines[msg.engine];
      switch (msg.type) {
        case 'parsed':
          for (const [k, n] of Object.entries(msg.ruleCounts)) entry.engines[k].rules = n;
          // With --isolate every engine's process parses the spec; keep the first numbers.
          entry.version ??= msg.version;
          entry.parseMs ??= round(msg.parseMs);
          entry.rssAfterParseMb ??= round(msg.rssAfterParseMb);
          break;
        case 'cold-run':
          // Every round's process has one: the first is kept, like the parse numbers.
          e.coldMs ??= round(msg.ms);
          break;
        case 'engine-start':
          e.rssAtStartMb = round(msg.rssAtStartMb);
          break;
        case 'run-start':
          current = msg.engine;
          clear();
          timer = setTimeout(() => {
            killedFor = { engine: msg.engine, run: msg.run };
            child.kill('SIGKILL');
          }, options.timeoutS[msg.engine] * 1000);
          break;
        case 'run-done':
          clear();
          e.status = 'ok';
          e.runsMs.push(round(msg.ms));
          e.runsCpuMs.push(round(msg.cpuMs));
          e.results = msg.count;
          e.byCode = msg.byCode;
          e.peakRssMb = round(msg.peakRssMb);
          e.peakRssKind = msg.peakKind;
          done[msg.engine] = (done[msg.engine] ?? 0) + 1;
          if (done[msg.engine] === runs) {
            finished.add(msg.engine);
            current = null;
          }
          break;
        case 'run-error':
          clear();
          Object.assign(e, {
            status: 'error',
            error: msg.message,
            errorAfterMs: round(msg.ms),
            peakRssMb: round(msg.peakRssMb),
            peakRssKind: msg.peakKind,
          });
          finished.add(msg.engine);
          current = null;
          break;
        case 'fatal':
          // The spec itself could not be read or parsed, or the engine modules failed to load.
          for (const name of engines) {
            if (finished.has(name)) continue;
            Object.assign(entry.engines[name], { status: 'bench error', error: msg.message });
            finished.add(name);
          }
          break;
      }
    });
    // While a run is in flight, sample the child's peak RSS, so a run that is killed still has one.
    const sampler = setInterval(() => {
      if (!current) return;
      try {
        const kb = Number(/VmHWM:\s*(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]);
        entry.engines[current].peakRssMb = round(kb / 1024);
        entry.engines[current].peakRssKind ??= 'engine';
      } catch {
        // not Linux, or the process is gone
      }
    }, 500);
    child.on('close', (code, signal) => {
      clear();
      clearInterval(sampler);
      if (killedFor) {
        Object.assign(entry.engines[killedFor.engine], {
          status: 'timed out',
          timedOutOnRun: killedFor.run + 1,
          timeoutS: options.timeoutS[killedFor.engine],
        });
        finished.add(killedFor.engine);
      } else if (current && !finished.has(current)) {
        // The process died mid-run: out of memory, stack overflow in native code, a signal.
        const lines = output.trim().split('\n');
        const fatal = lines.find(l => /FATAL ERROR|out of memory|Maximum call stack/i.test(l));
        const tail = [fatal, ...lines.slice(-6)].filter(Boolean).join('\n');
        Object.assign(entry.engines[current], { status: 'crashed', error: `exit ${code ?? signal}${tail ? `: ${tail}` : ''}` });
        finished.add(current);
      }
      // Anything that never started (the child died before reaching it) is a bench error, not a loop.
      if (!killedFor && !current) {
        for (const name of engines) {
          if (!finished.has(name)) {
            Object.assign(entry.engines[name], {
              status: 'bench error',
              error: `child exited (${code ?? signal}) before running it: ${output.trim().slice(-500)}`,
            });
            finished.add(name);
          }
        }
      }
      if (finished.size === 0) {
        for (const name of engines)
          Object.assign(entry.engines[name], { status: 'bench error', error: `child exited (${code ?? signal}) without a result` });
        for (const name of engines) finished.add(name);
      }
      resolve(finished);
    });
    child.send({ spec, engines, runs, warmup: !opts['no-warmup'] });
  });
}

/** specguard's median over floor's median in the round just run (the last `runs` runs of each), or null. */
function roundRatio(sg, floor, runs) {
  if (sg?.status !== 'ok' || floor?.status !== 'ok' || sg.runsMs.length < runs || floor.runsMs.length < runs) return null;
  const last = list => median(list.slice(-runs).sort((a, b) => a - b));
  return { wall: last(sg.runsMs) / last(floor.runsMs), cpu: last(sg.runsCpuMs) / last(floor.runsCpuMs) };
}

function summarize(e) {
  const sorted = [...e.runsMs].sort((a, b) => a - b);
  e.medianMs = sorted.length ? round(median(sorted)) : null;
  // The engine's first run in its process: the cold warm-up when there was one.
  e.firstMs = e.coldMs ?? e.runsMs[0] ?? null;
  e.minMs = sorted[0] ?? null;
  const cpu = [...e.runsCpuMs].sort((a, b) => a - b);
  e.medianCpuMs = cpu.length ? round(median(cpu)) : null;
}

function ratio(sg, peer, peerTimeoutS) {
  if (sg.status !== 'ok' || !sg.medianMs) return { text: 'n/a', value: null };
  if (peer.status === 'ok') {
    const value = peer.medianMs / sg.medianMs;
    return { text: `${fmtRatio(value)}x`, value: round(value, 2) };
  }
  if (peer.status === 'timed out') {
    const value = (peerTimeoutS * 1000) / sg.medianMs;
    return { text: `>${fmtRatio(value)}x`, value: null, lowerBound: round(value, 2) };
  }
  return { text: `n/a (peer ${peer.status})`, value: null };
}

function median(sorted) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// ---------------------------------------------------------------------------------------------

function table(r) {
  const head = [
    'spec',
    'size',
    'oas',
    'engine',
    'rules',
    'runs',
    'median',
    'first',
    'cpu',
    'results',
    'peak RSS',
    'outcome',
    'vs specguard',
  ];
  const rows = [];
  for (const s of r.specs) {
    options.engines.forEach((name, i) => {
      const e = s.engines[name];
      rows.push([
        i === 0 ? path.basename(s.file) : '',
        i === 0 ? size(s.bytes) : '',
        i === 0 ? (s.version ?? '?') : '',
        name,
        e.rules ?? '',
        `${e.runsMs.length}/${s.runsPerEngine}`,
        e.medianMs != null ? ms(e.medianMs) : e.status === 'error' ? `(${ms(e.errorAfterMs)})` : '-',
        e.firstMs != null ? ms(e.firstMs) : '-',
        e.medianCpuMs != null ? ms(e.medianCpuMs) : '-',
        e.results ?? '-',
        e.peakRssMb != null ? `${Math.round(e.peakRssMb)} MB` : '-',
        e.status === 'timed out' ? `timed out (>${e.timeoutS}s)` : e.status,
        s.ratios[`${name}/specguard`]?.text ?? '',
      ]);
    });
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map(row => String(row[i]).length)));
  const right = new Set([1, 4, 5, 6, 7, 8, 9, 10, 12]);
  const line = row =>
    row
      .map((c, i) => (right.has(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(head), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const notes = [];
  for (const s of r.specs) {
    for (const name of options.engines) {
      const e = s.engines[name];
      if (e.error) notes.push(`${path.basename(s.file)} / ${name}: ${e.status}: ${e.error.split('\n')[0].slice(0, 300)}`);
    }
  }
  out.push(
    '',
    'median, first: wall time of spectral.run(document); parsing and ruleset loading are excluded. (x): time until the run aborted.',
    "first: the engine's first run in its process (with several runs, an untimed warm-up of its own comes before the timed ones).",
    'cpu: median CPU time (user + system, all threads) of those runs: steadier than wall time when other work shares the cores.',
    'peak RSS: the whole benchmark process, including the parsed spec; the counter is reset (after a GC) before each engine.',
    "vs specguard: median time per run of that engine / specguard's (per run, not per rule: the rulesets differ in size).",
  );
  const budget = r.specs.filter(s => s.ratios['specguard/floor']);
  if (budget.length) {
    out.push('', 'specguard / floor (budget: 1.5x on api.github.com.json):');
    for (const s of budget) {
      const { wall, cpu, firstWall, runs, rounds, wallRange, cpuRange, bestWall, bestCpu } = s.ratios['specguard/floor'];
      const first = runs > 1 ? `; specguard's cold first run ${fmtRatio(firstWall)}x wall` : ' (one run: cold, see bench/README.md)';
      const range = r => (r ? ` (${fmtRatio(r[0])}-${fmtRatio(r[1])})` : '');
      const over = rounds ? `, median of ${rounds} rounds` : '';
      out.push(
        `  ${path.basename(s.file)}: ${fmtRatio(wall)}x wall${range(wallRange)}, ${fmtRatio(cpu)}x cpu${range(cpuRange)}${over}${first}`,
        `  fastest run of each: ${fmtRatio(bestWall)}x wall, ${fmtRatio(bestCpu)}x cpu`,
      );
    }
  }
  if (notes.length) out.push('', ...notes);
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

function listSpecs() {
  const oas = path.join(CORPUS, 'oas');
  const small = fs.existsSync(oas)
    ? fs
        .readdirSync(oas)
        .filter(f => /\.(json|ya?ml)$/i.test(f))
        .sort()
        .map(f => path.join(oas, f))
    : [];
  const big = path.join(CORPUS, 'perf', 'api.github.com.json');
  return [...small, ...(fs.existsSync(big) ? [big] : [])];
}

/** Fails fast, before any timing, when the built engine cannot be imported by plain Node. */
async function probeEngineImport() {
  try {
    await import('../dist/src/engine/ruleset.js');
    await import('../dist/src/input/index.js');
    await import('../dist/src/engine/resolver.js');
  } catch (error) {
    usage(`cannot import the built engine (dist/src/engine): ${String(error?.message ?? error).split('\n')[0]}`);
  }
}

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

function pkgVersion(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function size(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

function ms(v) {
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(1)} ms`;
}

function fmtRatio(v) {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function usage(message) {
  console.error(`bench: ${message}\n\n${HELP}`);
  process.exit(2);
}
