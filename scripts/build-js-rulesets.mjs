// Builds the bundled rulesets as JavaScript, for `import specguard from 'specguard/recommended'`
// in a JS ruleset and for `extends: [specguard]`. The spectral CLI bundles a JS ruleset but
// `require`s the packages it imports, on any Node 20, so each ruleset is a CommonJS bundle,
// dist/internal/ruleset-<name>.cjs: the rule functions and the modules they reach inlined,
// Spectral's packages and specguard/internal/* (scripts/link-rule-deps.mjs) left to `require`.
// What the package exports, dist/rulesets/<name>.cjs, only requires that bundle by the package's
// own name: Spectral's bundler then leaves it to Node, which loads it as it is, with specguard's
// own dependencies. Runs in `npm run compile`, after link-rule-deps.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const internal = path.join(root, 'dist', 'internal');
const exported = path.join(root, 'dist', 'rulesets');
const { jsRulesetSources } = await import('../dist/src/rules/generate.js');
const { RULES } = await import('../dist/src/rules/registry.js');
const api = await import('../dist/src/index.js');

// The generated ESM sources sit beside the functions they import (../functions/<name>.js).
fs.mkdirSync(exported, { recursive: true });
const sources = jsRulesetSources(RULES).map(({ name, source }) => {
  const file = path.join(exported, `${name}.js`);
  fs.writeFileSync(file, source);
  return [`ruleset-${name}`, file];
});

// require('specguard') resolves to the recommended ruleset (Spectral's `extends` needs that), but
// the API is ESM: the API's names are there too, hidden from Spectral, and say so when called.
const apiNames = Object.keys(api).filter(name => typeof api[name] === 'function');
const esmOnly = `
const ESM_ONLY = 'specguard is an ES module. Use import { lint } from "specguard", or await import("specguard") from CommonJS. require("specguard") gives the Spectral ruleset that extends: [specguard] reads.';
for (const name of ${JSON.stringify(apiNames)}) {
  Object.defineProperty(module.exports, name, { value: function () { throw new Error(ESM_ONLY); } });
}
`;

await build({
  input: Object.fromEntries(sources),
  cwd: root,
  platform: 'node',
  external: id => !id.startsWith('.') && !path.isAbsolute(id),
  output: {
    dir: internal,
    format: 'cjs',
    exports: 'default',
    entryFileNames: '[name].cjs',
    chunkFileNames: 'ruleset-[hash].cjs',
    footer: chunk => (chunk.name === 'ruleset-recommended' ? esmOnly : ''),
  },
});

for (const [bundle, file] of sources) {
  fs.rmSync(file);
  const name = bundle.replace(/^ruleset-/, '');
  fs.writeFileSync(
    path.join(exported, `${name}.cjs`),
    `// The ${name} ruleset, loaded by Node from specguard's own folder: see scripts/build-js-rulesets.mjs.\nmodule.exports = require('specguard/internal/${bundle}');\n`,
  );
  fs.writeFileSync(
    path.join(exported, `${name}.d.cts`),
    "import type { RulesetDefinition } from '@stoplight/spectral-core';\ndeclare const ruleset: RulesetDefinition;\nexport = ruleset;\n",
  );
}
