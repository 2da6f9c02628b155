/**
 * The rulesets, the docs pages' generated blocks and the README rule table are derived from the
 * rule definitions in functions/ and committed (the stock spectral CLI reads the rulesets). A
 * committed file that differs from what the definitions produce fails here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/engine/ruleset.js';
import { fillBlocks, generatedFiles } from '../src/rules/generate.js';

it.each(generatedFiles(PACKAGE_ROOT).map(g => [g.file, g.content] as const))('%s is up to date with the rule definitions', (file, expected) => {
  const committed = fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');
  expect(committed === expected, `${file} differs from what functions/*.ts define: run npm run build:rulesets (npm run build does it too) and commit the result`).toBe(true);
});

it('a page without the markers gets a message saying where they go', () => {
  expect(() => fillBlocks('docs/rules/x.md', '# x\n', { meta: 'table' })).toThrow(/add the marker lines .*specguard:begin meta/);
});
