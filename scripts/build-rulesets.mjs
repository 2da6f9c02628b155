// Writes the files derived from the rule definitions (rulesets, docs tables, README table).
// Runs from the compiled dist/, after tsc: `npm run build` does both.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from '../dist/src/build/generate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const { file, content } of generatedFiles(root)) {
  const target = path.join(root, file);
  if (fs.readFileSync(target, 'utf8') === content) continue;
  fs.writeFileSync(target, content);
  console.log(`build:rulesets: wrote ${file}`);
}
