import * as fs from 'node:fs'; import * as path from 'node:path';
const { Spectral } = await import('@stoplight/spectral-core');
const { parseSpec } = await import('./dist/src/input/index.js');
const { loadRuleset } = await import('./dist/src/engine/ruleset.js');
const { createSafeResolver } = await import('./dist/src/engine/resolver.js');
const source = path.resolve('../shared/corpus/perf/api.github.com.json');
const ruleset = await loadRuleset(process.argv[2] ?? 'recommended');
const { document } = parseSpec(fs.readFileSync(source, 'utf8'), source);
for (let i = 0; i < (+process.argv[3] || 1); i++) {
  const sp = new Spectral({ resolver: createSafeResolver({ refRoot: path.dirname(source), allowRemoteRefs: false, remoteTimeoutMs: 1000, remoteMaxBytes: 1e6 }) });
  sp.setRuleset(ruleset); document.formats = undefined;
  const c0 = process.cpuUsage(); const t = performance.now();
  const r = await sp.run(document);
  console.log(`run ${i}: ${(performance.now() - t).toFixed(0)} ms wall, ${(process.cpuUsage(c0).user / 1000).toFixed(0)} ms cpu, ${r.length} results`);
}
console.log(Object.entries(globalThis.__ruleTimes ?? {}).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v.toFixed(0).padStart(6)} ${k}`).join('\n'));
