// Bundles raml-1-parser and everything it requires into one CommonJS file, dist/vendor/raml-1-parser.cjs,
// built from this project's own install, where package.json `overrides` put fixed versions under
// it (npm applies overrides only to the root project, so consumers resolving raml-1-parser's own
// ranges would get the vulnerable ones). Beside it: raml-1-parser.json lists every bundled package
// with its version and licence, and raml-1-parser.LICENSES.txt carries their licence texts.
// Runs in `npm run compile`; the bundle is cached under node_modules/.cache, keyed by the lockfile.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'vendor');
const NAME = 'raml-1-parser';
const FILES = [`${NAME}.cjs`, `${NAME}.json`, `${NAME}.LICENSES.txt`];

const key = createHash('sha256')
  .update(fs.readFileSync(path.join(root, 'package-lock.json')))
  .update(fs.readFileSync(fileURLToPath(import.meta.url)))
  .digest('hex')
  .slice(0, 16);
const cache = path.join(root, 'node_modules', '.cache', 'specguard', `${NAME}-${key}`);

if (!FILES.every(file => fs.existsSync(path.join(cache, file)))) await bundle(cache);
fs.mkdirSync(out, { recursive: true });
for (const file of FILES) fs.copyFileSync(path.join(cache, file), path.join(out, file));

async function bundle(dir) {
  const started = Date.now();
  const result = await build({
    input: NAME,
    cwd: root,
    platform: 'node',
    write: false,
    // The parser's own code, unminified, so the vendored file stays readable and auditable.
    output: { format: 'cjs', exports: 'auto', minify: false },
    // xmllint-jsparser (used only by RAML's XML Schema validation, which specguard never runs)
    // calls eval; that is its code, not specguard's, and was there before the bundling too.
    onLog: (level, log, handler) => (log.code === 'EVAL' ? undefined : handler(level, log)),
  });
  const chunk = result.output.find(item => item.type === 'chunk');
  const packages = bundledPackages(chunk.moduleIds);
  const manifest = { bundled: NAME, packages };
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${NAME}.cjs`),
    `/* ${NAME} ${version(NAME)} and its dependencies, bundled by specguard's scripts/vendor-raml.mjs; licences in ${NAME}.LICENSES.txt. */\n${chunk.code}`,
  );
  fs.writeFileSync(path.join(dir, `${NAME}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, `${NAME}.LICENSES.txt`), licences(packages));
  console.log(`vendor-raml: bundled ${packages.length} packages in ${Date.now() - started} ms`);
}

function version(name) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** The installed packages whose files are in the bundle: the folder, name, version and licence of each. */
function bundledPackages(moduleIds) {
  const byDir = new Map();
  for (const id of moduleIds) {
    const dir = packageDir(id);
    if (dir === undefined || byDir.has(dir)) continue;
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    byDir.set(dir, {
      name: pkg.name,
      version: pkg.version,
      license: licenceOf(pkg),
      path: path.relative(root, dir).split(path.sep).join('/'),
    });
  }
  return [...byDir.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** The package folder directly under the last node_modules in a module's path. */
function packageDir(id) {
  const match = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id);
  return match === null ? undefined : match[1];
}

function licenceOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map(l => l.type).join(' OR ');
  return 'UNKNOWN';
}

function licences(packages) {
  return packages
    .map(({ name, version, license, path: dir }) => {
      const text = licenceText(path.join(root, dir)) ?? `(the package ships no licence text; its package.json says ${license})`;
      return `${'='.repeat(78)}\n${name} ${version} (${license})\n${'='.repeat(78)}\n${text}\n`;
    })
    .join('\n');
}

/** The package's licence file, or else the licence section of its README (some ship only that). */
function licenceText(dir) {
  const files = fs.readdirSync(dir);
  const file = files.find(f => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  if (file) return fs.readFileSync(path.join(dir, file), 'utf8').trim();
  const readme = files.find(f => /^readme(\.|$)/i.test(f));
  const section = readme && /^#+ *licen[cs]e\b.*\n([\s\S]*?)(?=^#|(?![\s\S]))/im.exec(fs.readFileSync(path.join(dir, readme), 'utf8'));
  return section ? section[1].trim() : undefined;
}
