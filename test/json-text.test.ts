import { describe, expect, it } from 'vitest';
import { jsonArrayChunks, jsonChunksAround } from '../src/report/json-text.js';

const items = [
  { code: 'a', path: ['x', 0], range: { start: { line: 1 } }, message: 'line\nbreak "quoted"', none: undefined },
  [],
  {},
  [1, [2, { three: 3 }]],
  null,
  undefined,
  'text',
  42,
];

describe('JSON text in chunks', () => {
  it.each([1, 5, 1 << 24])('gives the text JSON.stringify gives, in chunks of about %i characters', size => {
    const chunks = jsonArrayChunks(items, '', size);
    expect(chunks.join('')).toBe(JSON.stringify(items, null, 2));
    if (size === 1) expect(chunks.length).toBe(items.length + 1);
  });

  it('writes an empty array as []', () => {
    expect(jsonArrayChunks([])).toEqual(['[]']);
  });

  it('streams the large array of a wrapper object, at its depth', () => {
    const log = { version: '2.1.0', runs: [{ tool: { name: 'x' }, results: [] as unknown[], after: 'results' }] };
    const results = [{ ruleId: 'r', message: { text: '"results": []' } }, { ruleId: 's' }];
    const chunks = jsonChunksAround(log, 'results', results, 1);
    expect(chunks.join('')).toBe(JSON.stringify({ ...log, runs: [{ ...log.runs[0], results }] }, null, 2));
    expect(chunks.length).toBeGreaterThan(2);
    expect(jsonChunksAround({ results: [] }, 'results', []).join('')).toBe(JSON.stringify({ results: [] }, null, 2));
  });
});
