import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The layers of README's "Architecture": each home (a folder of src/, or a file loose in it,
 * or functions/) imports only from its own home and from homes of a lower layer, so the
 * pipeline runs one way, and no files import each other in a circle.
 */

const ROOT = path.resolve(__dirname, '..');

/** Bottom (0) to top; homes of one layer do not import each other. */
const LAYER: Record<string, number> = {
  findings: 0,
  package: 0,
  parse: 0,
  'document-index': 1,
  input: 2,
  'rule-kit': 2,
  'rule-helpers': 3,
  functions: 4,
  rules: 5,
  catalog: 6,
  engine: 7,
  results: 8,
  run: 9,
  report: 9,
  diff: 10,
  cli: 11,
  index: 11,
  build: 11,
};

/** `src/engine/lint.ts` -> `engine`, `src/rule-kit.ts` -> `rule-kit`, `functions/x.ts` -> `functions`. */
function homeOf(file: string): string {
  const [top, second] = file.split('/');
  return top === 'functions' ? top : second.replace(/\.ts$/, '');
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true }).flatMap(entry => {
    const file = path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    return entry.isFile() && file.endsWith('.ts') && !file.endsWith('.d.ts') ? [file] : [];
  });
}

/** Every relative import (static, type-only, export-from and `import()` of a literal) of every source file. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of [...sourceFiles('src'), ...sourceFiles('functions')]) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), true, true);
    const targets = importedFiles
      .map(imported => imported.fileName)
      .filter(name => name.startsWith('.'))
      .map(name => path.posix.join(path.posix.dirname(file), name).replace(/\.js$/, '.ts'));
    graph.set(file, targets);
  }
  return graph;
}

const graph = importGraph();

describe('the import graph', () => {
  it('is read: every import names a source file', () => {
    const edges = [...graph.values()].flat();
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.filter(target => !graph.has(target))).toEqual([]);
  });

  it('places every home in a layer', () => {
    expect([...new Set([...graph.keys()].map(homeOf))].filter(home => !(home in LAYER)).sort()).toEqual([]);
  });

  it('has no import from a lower layer to a higher one, nor between homes of one layer', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter(target => homeOf(target) !== homeOf(file) && LAYER[homeOf(target)] >= LAYER[homeOf(file)])
        .map(target => `${file} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
