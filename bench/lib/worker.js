// One benchmark child process per spec (forked by bench/run.js). It parses the spec once into a
// Spectral Document, then lints that same Document with each requested engine, N runs each,
// reporting every step to the parent over IPC. The parent owns the clock for timeouts: it kills
// this process when a run takes too long, so a slow or stuck engine never hangs the bench.
import * as fs from 'node:fs';
import * as path from 'node:path';

const PEER_CRASHING_RULE = 'owasp:api1:2023-no-numeric-ids';

const send = message => new Promise(resolve => process.send(message, resolve));

process.once('message', async job => {
  try {
    await main(job);
    await send({ type: 'done' });
    process.exit(0);
  } catch (error) {
    await send({ type: 'fatal', message: describe(error) });
    process.exit(1);
  }
});

async function main({ spec, engines, runs, warmup }) {
  const { Spectral, Ruleset } = await import('@stoplight/spectral-core');
  const { parseSpec } = await import('../../dist/src/input/index.js');
  const { loadRuleset } = await import('../../dist/src/engine/ruleset.js');
  const { createSafeResolver, DEFAULT_REMOTE_MAX_BYTES, DEFAULT_REMOTE_TIMEOUT_MS } = await import('../../dist/src/engine/resolver.js');

  // Rulesets are loaded before the clock starts: loading (bundling) is not linting.
  const rulesets = {};
  if (engines.includes('specguard')) rulesets.specguard = await loadRuleset('recommended');
  // Spectral's fixed cost on this document: one rule that does nothing, on the resolved root.
  // Every ruleset pays this (document inventory, $ref resolution) before its own rules run.
  const { oas2, oas3 } = await import('@stoplight/spectral-formats');
  const floor = new Ruleset({
    formats: [oas2, oas3],
    rules: { 'bench-floor': { given: '$', resolved: true, severity: 'error', then: { function: () => undefined } } },
  });
  if (engines.includes('floor')) rulesets.floor = floor;
  if (engines.includes('peer') || engines.includes('peer-patched')) {
    const peer = (await import('@stoplight/spectral-owasp-ruleset')).default;
    if (engines.includes('peer')) rulesets.peer = new Ruleset(peer);
    // The peer minus the rule whose JSONPath filter aborts the whole run on some specs (GitHub's):
    // shows what the other rules cost there. Turned off the way a user would, by an override.
    if (engines.includes('peer-patched'))
      rulesets['peer-patched'] = new Ruleset({ extends: [peer], rules: { [PEER_CRASHING_RULE]: 'off' } });
  }
  const source = path.resolve(spec);
  const t = performance.now();
  const text = fs.readFileSync(source, 'utf8');
  const { document, version } = parseSpec(text, source);
  const parseMs = performance.now() - t;
  await send({
    type: 'parsed',
    bytes: Buffer.byteLength(text),
    version,
    parseMs,
    rssAfterParseMb: mb(process.memoryUsage().rss),
    ruleCounts: Object.fromEntries(
      Object.entries(rulesets).map(([k, r]) => [k, Object.values(r.rules).filter(rule => rule.enabled).length]),
    ),
  });

  // Both engines get a Spectral instance configured exactly as lintOne() configures it: the
  // project's safe resolver, rooted at the spec's folder, with no network access.
  const newSpectral = ruleset => {
    const spectral = new Spectral({
      resolver: createSafeResolver({
        refRoot: path.dirname(source),
        allowRemoteRefs: false,
        remoteTimeoutMs: DEFAULT_REMOTE_TIMEOUT_MS,
        remoteMaxBytes: DEFAULT_REMOTE_MAX_BYTES,
      }),
    });
    spectral.setRuleset(ruleset);
    return spectral;
  };

  // One untimed floor run warms Spectral's own code (resolver, inventory, JSONPath) so that the
  // first engine timed is not charged for it and the engines' order matters less.
  if (warmup) {
    document.formats = undefined;
    await newSpectral(floor).run(document);
    document.formats = undefined;
    await send({ type: 'warmed' });
  }

  for (const engine of engines) {
    globalThis.gc?.();
    const peakKind = resetPeakRss() ? 'engine' : 'process';
    await send({ type: 'engine-start', engine, rssAtStartMb: mb(process.memoryUsage().rss) });
    // With several timed runs, each engine first gets one untimed run of its own, as the floor's
    // warm-up above is its own: the timed runs are then warm for every engine alike. That run is
    // the engine's cold run (it compiles the engine's code), reported apart.
    if (warmup && runs > 1 && engine !== 'floor') {
      document.formats = undefined;
      const start = performance.now();
      try {
        await newSpectral(rulesets[engine]).run(document);
        await send({ type: 'cold-run', engine, ms: performance.now() - start });
      } catch {
        // The timed runs below report the error.
      }
      globalThis.gc?.();
    }
    for (let run = 0; run < runs; run++) {
      // Each run starts from a collected heap: otherwise whichever run happens to trigger the full
      // collection of the previous runs' resolved documents (hundreds of MB) pays for it.
      globalThis.gc?.();
      const spectral = newSpectral(rulesets[engine]); // fresh resolver cache each run
      // Spectral caches format detection on the Document (document.formats) using the formats of
      // the first ruleset that ran on it. Without this reset a spec parsed once would be seen as
      // plain `oas3` by the peer after specguard ran, skipping every peer rule limited to oas3_0.
      document.formats = undefined;
      await send({ type: 'run-start', engine, run });
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      let results;
      try {
        results = await spectral.run(document);
      } catch (error) {
        await send({ type: 'run-error', engine, run, ms: performance.now() - start, message: describe(error), ...peakRss(peakKind) });
        break;
      }
      const ms = performance.now() - start;
      // CPU time of the whole process (GC threads included): steadier than wall time when other work shares the cores.
      const cpu = process.cpuUsage(cpuStart);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const byCode = {};
      for (const r of results) byCode[r.code] = (byCode[r.code] ?? 0) + 1;
      await send({ type: 'run-done', engine, run, ms, cpuMs, count: results.length, byCode, ...peakRss(peakKind) });
    }
  }
}

/** Resets the kernel's peak-RSS counter (VmHWM) so each engine's peak is its own. Linux only. */
function resetPeakRss() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak RSS since the last reset (engine) or since the process started (process), in MB. */
function peakRss(peakKind) {
  try {
    const kb = Number(/VmHWM:\s*(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]);
    return { peakRssMb: kb / 1024, peakKind };
  } catch {
    return { peakRssMb: process.resourceUsage().maxRSS / 1024, peakKind: 'process' };
  }
}

function mb(bytes) {
  return bytes / 1024 / 1024;
}

function describe(error) {
  if (!(error instanceof Error)) return String(error);
  // Spectral wraps rule-function failures in an AggregateError; the causes say which rule broke.
  const inner = Array.isArray(error.errors) ? error.errors.map(e => (e instanceof Error ? e.message : String(e))) : [];
  return [error.message, ...inner].filter(Boolean).join(' | ').slice(0, 2000);
}
