// Builds the bundled rulesets as JavaScript, for `import specguard from 'specguard/recommended'`
// in a JS ruleset and for `extends: [specguard]`. The spectral CLI bundles a JS ruleset but
// `require`s the packages it imports, on any Node 20, so each ruleset is a CommonJS bundle,
// dist/internal/ruleset-<name>.cjs: the rule functions and the modules they reach inlined,
// Spectral's packages and specguard/internal/* (scripts/link-rule-deps.mjs) left to `require`.
// What the package exports, dist/rulesets/<name>.cjs, only requires that bundle by the package's
// own name: Spectral's bundler then leaves it to Node, which loads it as it is, with specguard's
// own dependencies. Runs in `npm run compile`, after link-rule-deps.
// Each ruleset is also built as one self-contained file to host at a URL,
// dist/hosted/specguard-<name>.js (see bundleForHosting below).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleRuleset } from '@stoplight/spectral-ruleset-bundler';
import { commonjs } from '@stoplight/spectral-ruleset-bundler/plugins/commonjs';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const internal = path.join(root, 'dist', 'internal');
const exported = path.join(root, 'dist', 'rulesets');
const hosted = path.join(root, 'dist', 'hosted');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const { jsRulesetSources } = await import('../dist/src/build/generate.js');
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

/**
 * What the stock spectral CLI hands a ruleset itself (its `builtins` plugin: its own copies of
 * these packages), and Node's modules. Everything else a hosted ruleset reaches is inlined: fetched
 * from a URL, it has no node_modules to `require` from.
 */
const PROVIDED_BY_SPECTRAL = /^(node:|@stoplight\/spectral-(core|formats|functions|parsers|ref-resolver|rulesets|runtime)$)/;
const bare = id => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0');
const inlinePackages = {
  name: 'specguard-inline-packages',
  // Spectral's bundler leaves every package import to `require`; here only what Spectral provides is left.
  options: options => ({ ...options, external: id => PROVIDED_BY_SPECTRAL.test(id) }),
  // Packages resolve as Node resolves them from the importing file: specguard/internal/* to this build.
  resolveId: (id, importer) =>
    importer !== undefined && bare(id) && !PROVIDED_BY_SPECTRAL.test(id) ? createRequire(importer).resolve(id) : null,
};

/**
 * One ruleset as a single ES module a team can host at a URL for `spectral lint -r <url>`: built
 * with Spectral's own bundler, the rule functions and every package they use inlined (CommonJS
 * ones through the bundler's commonjs plugin), only Spectral's built-in packages left to import.
 */
async function bundleForHosting(name, file) {
  const code = await bundleRuleset(file, { target: 'node', format: 'esm', plugins: [inlinePackages, commonjs()] });
  const stray = [...code.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map(m => m[1]).filter(id => !PROVIDED_BY_SPECTRAL.test(id));
  if (stray.length > 0) throw new Error(`build-js-rulesets: the hosted ${name} ruleset still imports ${stray.join(', ')}`);
  const banner = `// specguard ${version}, ${name} ruleset: one file to host at a URL for \`spectral lint -r <url>\` (see README, Rulesets).\n`;
  fs.writeFileSync(path.join(hosted, `specguard-${name}.js`), banner + code);
}

fs.mkdirSync(hosted, { recursive: true });
for (const [bundle, file] of sources) await bundleForHosting(bundle.replace(/^ruleset-/, ''), file);

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
