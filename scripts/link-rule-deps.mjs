// The stock spectral CLI bundles a ruleset's functions and `require`s each package they import
// from the folder of the user's ruleset (or its own). Where that folder's node_modules does not
// hold specguard's dependencies (a folder install, `npm install ../specguard`; pnpm without
// hoisting), the ruleset fails with "Cannot find module". So, after tsc, the compiled functions
// and the modules they reach import each package through specguard's own name,
// `specguard/internal/<name>`, which resolves wherever specguard does (the user's
// node_modules/specguard, or self-reference inside the package), and dist/internal/<name>.cjs
// requires the package from specguard's own folder. Spectral's built-in packages stay as they
// are: both CLIs hand the ruleset their own copies.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const staging = path.join(dist, '.relinked');
/** What spectral-ruleset-bundler's `builtins` plugin provides, and Node's own modules. */
const PROVIDED = /^(node:|@stoplight\/spectral-(core|formats|functions|parsers|ref-resolver|rulesets|runtime)(\/|$))/;
const { dependencies } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** `@scope/name` -> `scope.name`: Spectral's bundler leaves an import external only if every segment is a valid package name. */
const depName = id => id.replace(/^@/, '').replaceAll('/', '.');
const linked = new Map();

const functions = path.join(dist, 'functions');
const bare = id => !id.startsWith('.') && !path.isAbsolute(id);
// First the modules the functions reach; then each of them rewritten whole, as an entry of its
// own (so no export or statement is dropped), with only its package imports renamed.
const reached = await build({
  input: fs
    .readdirSync(functions)
    .filter(file => file.endsWith('.js'))
    .map(file => path.join(functions, file)),
  cwd: root,
  platform: 'neutral',
  external: bare,
  write: false,
  output: { preserveModules: true },
});
const result = await build({
  input: reached.output.flatMap(chunk => (chunk.type === 'chunk' ? chunk.moduleIds : [])),
  cwd: root,
  platform: 'neutral',
  external: bare,
  treeshake: false,
  output: {
    dir: staging,
    format: 'esm',
    preserveModules: true,
    preserveModulesRoot: dist,
    paths: id => {
      if (PROVIDED.test(id)) return id;
      const name = id
        .split('/')
        .slice(0, id.startsWith('@') ? 2 : 1)
        .join('/');
      if (!(name in dependencies)) throw new Error(`link-rule-deps: rule code imports ${id}, which is not a dependency in package.json`);
      linked.set(depName(id), id);
      return `specguard/internal/${depName(id)}`;
    },
  },
});
// Only the rewritten modules go back: a helper module rolldown adds that none of them imports stays out.
const rewritten = result.output.filter(chunk => chunk.type === 'chunk' && chunk.facadeModuleId?.startsWith(dist + path.sep));
const names = new Set(rewritten.map(chunk => chunk.fileName));
for (const chunk of rewritten) {
  const stray = chunk.imports.find(
    file => !names.has(file) && !file.startsWith('node:') && !PROVIDED.test(file) && !file.startsWith('specguard/'),
  );
  if (stray !== undefined) throw new Error(`link-rule-deps: ${chunk.fileName} imports ${stray}, which is not one of the compiled modules`);
  fs.renameSync(path.join(staging, chunk.fileName), path.join(dist, chunk.fileName));
}
fs.rmSync(staging, { recursive: true, force: true });

const deps = path.join(dist, 'internal');
fs.mkdirSync(deps, { recursive: true });
for (const [file, id] of linked) fs.writeFileSync(path.join(deps, `${file}.cjs`), `module.exports = require(${JSON.stringify(id)});\n`);
