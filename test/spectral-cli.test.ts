/**
 * specguard's rulesets are plain Spectral rulesets, so the stock `spectral` CLI must report
 * exactly what specguard's own engine reports. This file runs the real CLI (a child process,
 * as a user would) on every example spec and on a throwaway consumer project whose ruleset
 * `extends` specguard through node_modules, and compares it with `lintOne`.
 *
 * It also runs the single-file hosted rulesets (dist/hosted/) the way a team uses them: served
 * by an HTTP server (here on loopback) and named by URL, `spectral lint -r <url>`.
 *
 * Every CLI run is started once, up front and in parallel (all examples share one process); the
 * tests only read the results.
 * Needs the built functions (dist/functions): `npm test` builds first (pretest).
 */
import * as fs from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintOne } from '../src/run/lint.js';
import type { Finding } from '../src/findings/findings.js';
import { RULES, SEVERITY_NUMBER, ruleDefinition } from './helpers.js';
import { spectralLint } from './spectral-run.js';
import type { SpectralResult } from './spectral-run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RECOMMENDED = path.join(ROOT, 'rulesets', 'recommended.yaml');
const EXAMPLES = path.join(ROOT, 'examples');

/** Examples written to have findings (see examples/README.md); which rules fire is read from specguard lint. */
const INSECURE = ['insecure/openapi-3.0.yaml', 'insecure/swagger-2.0.yaml'];
const SECURE = ['secure/openapi-3.0.yaml', 'secure/openapi-3.1.yaml', 'secure/openapi-3.1-payments.yaml'];

/** What must agree between the two: code, path, severity, start line (as a sorted multiset). */
function keys(results: Array<Pick<SpectralResult, 'code' | 'path' | 'severity' | 'range'>>): string[] {
  return results.map(r => `${String(r.code)} | ${r.path.join('.')} | ${r.severity} | line ${r.range.start.line}`).sort();
}

function codes(results: Array<{ code: string | number }>): string[] {
  return [...new Set(results.map(r => String(r.code)))].sort();
}

function severitiesOf(results: SpectralResult[], code: string): number[] {
  return [...new Set(results.filter(r => r.code === code).map(r => r.severity))].sort();
}

function specFiles(): string[] {
  return ['insecure', 'secure'].flatMap(dir =>
    fs
      .readdirSync(path.join(EXAMPLES, dir))
      .filter(name => /\.(ya?ml|json)$/.test(name))
      .map(name => `${dir}/${name}`),
  );
}

type Pair = [SpectralResult[], Finding[]];
const FILES = specFiles();
/** Example file (relative to examples/) -> [spectral CLI results, lintOne findings]. */
const exampleRuns = new Map<string, Promise<Pair>>();
/** Consumer ruleset name -> [spectral CLI results, lintOne findings] for the copied insecure spec. */
const consumerRuns = new Map<string, Promise<Pair>>();

const OVERRIDES = `rules:\n  ${RULES.stringMaxLength}: off\n  ${RULES.noHttpBasic}: warn\n`;
/**
 * Consumer rulesets, one for each form package.json "exports" offers: "." (specguard),
 * "./recommended", "./strict" and "./rulesets/*", from YAML and from JavaScript. `specguard` alone is exercised by the
 * overridden ruleset and by examples/consumer/.spectral.yaml.
 */
const CONSUMER_RULESETS: Record<string, string> = {
  'recommended.yaml': 'extends: ["specguard/recommended"]\n',
  'strict.yaml': 'extends: ["specguard/strict"]\n',
  'rulesets-path.yaml': 'extends: ["specguard/rulesets/strict.yaml"]\n',
  'default-overridden.yaml': `extends: [specguard]\n${OVERRIDES}`,
  'strict-overridden.yaml': `extends: ["specguard/strict"]\n${OVERRIDES}`,
  // JavaScript rulesets import the bundled ones (the "./recommended" and "./strict" exports).
  'recommended.mjs': "import specguard from 'specguard/recommended';\nexport default { extends: [specguard] };\n",
  'strict.mjs': "import strict from 'specguard/strict';\nexport default { extends: [strict] };\n",
  'default-overridden.mjs': `import specguard from 'specguard';\nexport default { extends: [specguard], rules: { '${RULES.stringMaxLength}': 'off', '${RULES.noHttpBasic}': 'warn' } };\n`,
};
/** The bundled ruleset each plain consumer ruleset names; each rule's severity there tells it was loaded. */
const NAMED_RULESET: Record<string, 'recommended' | 'strict'> = {
  'recommended.yaml': 'recommended',
  'strict.yaml': 'strict',
  'rulesets-path.yaml': 'strict',
  'recommended.mjs': 'recommended',
  'strict.mjs': 'strict',
};
const SHIPPED = '.spectral.yaml';
/** A consumer ruleset that extends the hosted recommended ruleset by its URL (written once the server runs). */
const HOSTED_OVERRIDDEN = 'hosted-overridden.yaml';

const HOSTED = path.join(ROOT, 'dist', 'hosted');
/** The hosted rulesets, by the bundled ruleset each is. */
const HOSTED_FILES = { recommended: 'specguard-recommended.js', strict: 'specguard-strict.js' } as const;
/** What the stock spectral CLI gave with each hosted ruleset, by URL: every example, and the consumer's spec. */
const hostedRuns = new Map<'recommended' | 'strict', Promise<SpectralResult[]>>();
/** Paths the loopback server was asked for. */
const served: string[] = [];
let server: Server | undefined;

/** Serves dist/hosted/ on 127.0.0.1 at a port the system picks; resolves to its base URL. */
async function serveHosted(): Promise<string> {
  server = createServer((request, response) => {
    served.push(request.url ?? '');
    const name = Object.values(HOSTED_FILES).find(file => request.url === `/rulesets/${file}`);
    if (request.method !== 'GET' || name === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(path.join(HOSTED, name)));
  });
  await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/rulesets/`;
}

/** Everything a finding says, but its absolute file name: the hosted rulesets must report what specguard does, message for message. */
function fullKeys(results: Array<Pick<SpectralResult, 'code' | 'path' | 'severity' | 'range' | 'message' | 'source'>>): string[] {
  return results.map(r => JSON.stringify([path.basename(r.source ?? ''), r.code, r.path.join('.'), r.severity, r.range, r.message])).sort();
}

let project = '';
/** The consumer project's copy of the insecure 3.0 example. */
let spec = '';
/** specguard's own findings on that spec with each bundled ruleset, what the consumer rulesets start from. */
const bundledRuns = new Map<string, Promise<Finding[]>>();

/** The severity each rule that fired has in `ruleset`, as Spectral numbers it. */
function bundledSeverity(code: string, ruleset: 'recommended' | 'strict'): number[] {
  const severity = ruleDefinition(code).severity[ruleset];
  return severity === 'off' ? [] : [SEVERITY_NUMBER[severity]];
}

/** Starts every CLI run at once (one spectral process per ruleset), then waits for all of them. */
beforeAll(async () => {
  // All examples in one spectral process: its start-up (~1.5 s) is most of the cost.
  const allExamples = spectralLint(
    FILES.map(f => path.join(EXAMPLES, f)),
    { ruleset: RECOMMENDED, cwd: ROOT },
  );
  for (const file of FILES) {
    const absolute = path.join(EXAMPLES, file);
    const cli = allExamples.then(results => results.filter(r => r.source === absolute));
    exampleRuns.set(file, Promise.all([cli, lintOne(absolute)]));
  }

  // A fresh consumer project with specguard "installed": node_modules/specguard links here.
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'specguard-consumer-'));
  fs.mkdirSync(path.join(project, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'specguard'), 'junction');
  fs.mkdirSync(path.join(project, 'api'));
  spec = path.join(project, 'api', 'openapi.yaml');
  fs.copyFileSync(path.join(EXAMPLES, 'insecure', 'openapi-3.0.yaml'), spec);
  for (const ruleset of ['recommended', 'strict']) bundledRuns.set(ruleset, lintOne(spec, { ruleset }));
  fs.mkdirSync(path.join(project, 'rulesets'));
  for (const [name, text] of Object.entries(CONSUMER_RULESETS)) {
    const ruleset = path.join(project, 'rulesets', name);
    fs.writeFileSync(ruleset, text);
    consumerRuns.set(name, Promise.all([spectralLint([spec], { ruleset, cwd: project }), lintOne(spec, { ruleset })]));
  }
  // examples/consumer/.spectral.yaml as shipped, found by spectral in the working directory
  // (no -r), the way its comments tell users to run it.
  const shipped = path.join(project, SHIPPED);
  fs.copyFileSync(path.join(EXAMPLES, 'consumer', SHIPPED), shipped);
  consumerRuns.set(
    SHIPPED,
    Promise.all([spectralLint([path.join('api', 'openapi.yaml')], { cwd: project }), lintOne(spec, { ruleset: shipped })]),
  );

  // The hosted rulesets by URL, from the consumer project: every example with recommended, the consumer's spec with strict.
  const base = await serveHosted();
  hostedRuns.set(
    'recommended',
    spectralLint(
      FILES.map(f => path.join(EXAMPLES, f)),
      { ruleset: `${base}${HOSTED_FILES.recommended}`, cwd: project },
    ),
  );
  hostedRuns.set('strict', spectralLint([spec], { ruleset: `${base}${HOSTED_FILES.strict}`, cwd: project }));
  // A team's ruleset that extends the hosted one by URL and overrides it, read by both CLIs.
  const extendsUrl = path.join(project, 'rulesets', HOSTED_OVERRIDDEN);
  fs.writeFileSync(extendsUrl, `extends: ["${base}${HOSTED_FILES.recommended}"]\n${OVERRIDES}`);
  consumerRuns.set(
    HOSTED_OVERRIDDEN,
    Promise.all([spectralLint([spec], { ruleset: extendsUrl, cwd: project }), lintOne(spec, { ruleset: extendsUrl })]),
  );

  // Failures are reported by the tests that read them.
  await Promise.allSettled([...exampleRuns.values(), ...consumerRuns.values(), ...bundledRuns.values(), ...hostedRuns.values()]);
}, 300_000);

afterAll(() => {
  server?.close();
  if (project === '') return;
  // Unlink the package link first so nothing can recurse into the checkout it points at.
  fs.rmSync(path.join(project, 'node_modules', 'specguard'), { force: true });
  fs.rmSync(project, { recursive: true, force: true });
});

describe('examples: stock spectral CLI and lintOne agree', () => {
  it('finds every example named in the expectations', () => {
    expect(FILES).toEqual(expect.arrayContaining([...INSECURE, ...SECURE]));
  });

  it.each(FILES)('%s: same results from spectral CLI and lintOne', async file => {
    const [cli, engine] = await (exampleRuns.get(file) as Promise<Pair>);
    expect(keys(cli)).toEqual(keys(engine));
    const absolute = path.join(EXAMPLES, file);
    expect(new Set(engine.map(r => r.source))).toEqual(engine.length > 0 ? new Set([absolute]) : new Set());
  });

  it.each(INSECURE)('%s: has findings, of the same rules in both', async file => {
    const [cli, engine] = await (exampleRuns.get(file) as Promise<Pair>);
    expect(codes(engine).length).toBeGreaterThan(0);
    expect(codes(cli)).toEqual(codes(engine));
  });

  it.each(SECURE)('%s: no finding at error or warn', async file => {
    const [cli, engine] = await (exampleRuns.get(file) as Promise<Pair>);
    expect(engine.filter(f => f.severity <= 1)).toEqual([]);
    expect(cli.filter(r => r.severity <= 1)).toEqual([]);
  });
});

describe('consumer project: extends specguard through node_modules', () => {
  const results = (name: string) => consumerRuns.get(name) as Promise<Pair>;
  const bundledCodes = async (ruleset: string) => codes(await (bundledRuns.get(ruleset) as Promise<Finding[]>));

  it.each(Object.keys(NAMED_RULESET))('%s: every rule fires at the severity of the ruleset it names', async name => {
    const [cli, engine] = await results(name);
    const ruleset = NAMED_RULESET[name];
    expect(codes(cli).length).toBeGreaterThan(0);
    expect(codes(cli)).toEqual(await bundledCodes(ruleset));
    for (const code of codes(cli)) expect(severitiesOf(cli, code), code).toEqual(bundledSeverity(code, ruleset));
    expect(keys(cli)).toEqual(keys(engine));
  });

  it.each([
    ['default-overridden.yaml', 'recommended'],
    ['strict-overridden.yaml', 'strict'],
    ['default-overridden.mjs', 'recommended'],
    [HOSTED_OVERRIDDEN, 'recommended'],
  ] as const)('%s: overrides take effect, other rules still fire', async (name, ruleset) => {
    const [cli, engine] = await results(name);
    expect(cli.filter(r => r.code === RULES.stringMaxLength)).toEqual([]);
    expect(severitiesOf(cli, RULES.noHttpBasic)).toEqual([1]);
    const others = (await bundledCodes(ruleset)).filter(code => code !== RULES.stringMaxLength && code !== RULES.noHttpBasic);
    expect(others.length).toBeGreaterThan(0);
    for (const code of others) expect(severitiesOf(cli, code), code).toEqual(bundledSeverity(code, ruleset));
    expect(codes(cli)).toEqual([...others, RULES.noHttpBasic].sort());
    expect(keys(cli)).toEqual(keys(engine));
  });

  it('examples/consumer/.spectral.yaml works as shipped, found by spectral without -r', async () => {
    const [cli, engine] = await results(SHIPPED);
    expect(cli.filter(r => r.code === RULES.serverHttps)).toEqual([]);
    expect(severitiesOf(cli, RULES.stringMaxLength)).toEqual([2]);
    const others = (await bundledCodes('recommended')).filter(code => code !== RULES.serverHttps && code !== RULES.stringMaxLength);
    expect(others.length).toBeGreaterThan(0);
    for (const code of others) expect(severitiesOf(cli, code), code).toEqual(bundledSeverity(code, 'recommended'));
    expect(keys(cli)).toEqual(keys(engine));
  });
});

describe('hosted rulesets: one file each, named by URL in the stock spectral CLI', () => {
  it.each(Object.values(HOSTED_FILES))('%s imports only what Spectral provides: no specguard file, no other package', name => {
    const code = fs.readFileSync(path.join(HOSTED, name), 'utf8');
    expect(code.split('\n')[0]).toMatch(/^\/\/ specguard \d+\.\d+\.\d+, (recommended|strict) ruleset: one file to host at a URL/);
    const imports = [...code.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map(m => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const id of imports)
      expect(id).toMatch(/^(node:|@stoplight\/spectral-(core|formats|functions|parsers|ref-resolver|rulesets|runtime)$)/);
    expect(code).not.toMatch(/\brequire\(|\bimport\(|specguard\/internal|node_modules/);
  });

  it('recommended: on every example, exactly what specguard reports, message for message', async () => {
    const cli = await (hostedRuns.get('recommended') as Promise<SpectralResult[]>);
    const engine = (await Promise.all(FILES.map(file => (exampleRuns.get(file) as Promise<Pair>).then(([, ours]) => ours)))).flat();
    expect(engine.length).toBeGreaterThan(0);
    expect(fullKeys(cli)).toEqual(fullKeys(engine));
  });

  it('strict: exactly what specguard lint --ruleset strict reports', async () => {
    const cli = await (hostedRuns.get('strict') as Promise<SpectralResult[]>);
    const engine = await (bundledRuns.get('strict') as Promise<Finding[]>);
    expect(codes(engine)).toContain(RULES.serverDescription); // a rule only strict turns on
    expect(fullKeys(cli)).toEqual(fullKeys(engine));
  });

  it('was fetched from the loopback server, one request per run', async () => {
    await Promise.allSettled(hostedRuns.values());
    expect([...new Set(served)].sort()).toEqual(Object.values(HOSTED_FILES).map(file => `/rulesets/${file}`));
  });
});
