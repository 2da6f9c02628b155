/*
 * The CI integrations as far as they run here: the GitHub Action (action.yml) and the pre-commit
 * hook (.pre-commit-hooks.yaml). Each file must parse and be consistent, and its shell command
 * must work on the examples: the action's script runs in bash the way a runner runs it, with the
 * environment the action gives it; the hook's entry runs on the files pre-commit would pass.
 * Needs the built CLI (dist/): `npm test` builds first (pretest).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
// spectral-parsers is CommonJS without detectable named exports.
import parsers from '@stoplight/spectral-parsers';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { readPackageJson } from './package-json.js';
import { isParseError } from '../src/parse/load.js';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'specguard.js');
const EXAMPLES = path.join(ROOT, 'examples');
const exec = promisify(execFile);
const PACKAGE_VERSION = readPackageJson().version;

/** A YAML file of this repository, parsed as the rest of specguard parses YAML; a syntax error fails the test. */
function readYaml(file: string): unknown {
  const { data, diagnostics } = parsers.Yaml.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  expect(diagnostics.filter(isParseError)).toEqual([]);
  return data;
}

/** `inputs.<name>` in a text: in `${{ }}` expressions, and bare in `if:` conditions (which are expressions already). */
const inputsUsed = (text: string) => new Set([...text.matchAll(/\binputs\.([\w-]+)/g)].map(m => m[1]));

interface Step {
  id?: string;
  name: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

describe('action.yml: a composite GitHub Action', () => {
  const action = readYaml('action.yml') as Action;
  const text = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
  const step = (name: string) => action.runs.steps.find(s => s.name === name)!;

  it('is a composite action whose every input is used, and which uses only inputs it declares', () => {
    expect(action.runs.using).toBe('composite');
    const declared = Object.keys(action.inputs).sort();
    expect(declared).toEqual([
      'args',
      'baseline',
      'category',
      'command',
      'fail-severity',
      'paths',
      'ruleset',
      'specguard-version',
      'upload-sarif',
    ]);
    expect([...inputsUsed(JSON.stringify(action.runs))].sort()).toEqual(declared);
    // Every use in the file, comments included, names a declared input; each ${{ }} one as well.
    expect([...text.matchAll(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g)].length).toBeGreaterThan(0);
    expect([...inputsUsed(text)].filter(name => !declared.includes(name))).toEqual([]);
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).not.toBe('');
  });

  it('never splices an expression into a script: inputs reach bash through the environment', () => {
    const scripts = action.runs.steps.filter(s => s.run !== undefined);
    expect(scripts.length).toBe(2);
    for (const s of scripts) {
      expect(s.shell, s.name).toBe('bash');
      expect(s.run, s.name).not.toContain('${{');
    }
  });

  it('uploads the SARIF report with upload-sarif, even when the lint step found something', () => {
    const upload = step('Upload findings to code scanning');
    expect(upload.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(upload.with).toEqual({ sarif_file: '${{ steps.specguard.outputs.sarif-file }}', category: '${{ inputs.category }}' });
    expect(upload.if).toBe("always() && inputs.upload-sarif == 'true' && steps.specguard.outputs.sarif-file != ''");
    expect(action.outputs['exit-code'].value).toBe('${{ steps.specguard.outputs.exit-code }}');
  });

  /**
   * A step's environment as the runner builds it: each `${{ ... }}` evaluated from the inputs
   * (given or default), the action's path and earlier steps' outputs; any other expression fails the test.
   */
  function stepEnv(s: Step, inputs: Record<string, string>, outputs: Record<string, string> = {}): Record<string, string> {
    return Object.fromEntries(
      Object.entries(s.env ?? {}).map(([name, value]) => [
        name,
        value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
          const input = /^inputs\.([\w-]+)$/.exec(expression);
          if (input) return inputs[input[1]] ?? action.inputs[input[1]].default ?? '';
          if (expression === 'github.action_path') return ROOT;
          const output = /^steps\.specguard\.outputs\.([\w-]+)$/.exec(expression);
          if (output) return outputs[output[1]] ?? '';
          throw new Error(`${s.name}: the test cannot evaluate \${{ ${expression} }}`);
        }),
      ]),
    );
  }

  /** A runner's workspace holding the examples' OpenAPI files under api/, with specguard installed (npm ci) unless `installed` is false. */
  function workspace(installed = true): string {
    const dir = tempDir('specguard-action-');
    fs.mkdirSync(path.join(dir, 'api'));
    for (const name of ['insecure/openapi-3.0.yaml', 'insecure/swagger-2.0.yaml', 'secure/openapi-3.1.yaml'])
      fs.copyFileSync(path.join(EXAMPLES, name), path.join(dir, 'api', name.replace('/', '-')));
    if (installed) {
      fs.mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
      fs.symlinkSync(BIN, path.join(dir, 'node_modules', '.bin', 'specguard'));
    }
    return dir;
  }

  /** Runs one script step as a runner does: `bash --noprofile --norc -eo pipefail`, in the workspace, with the runner's variables. */
  async function runStep(s: Step, dir: string, env: Record<string, string>, extraPath?: string) {
    const temp = fs.mkdtempSync(path.join(dir, '.runner-'));
    const script = path.join(temp, 'step.sh');
    fs.writeFileSync(script, s.run!);
    const outputFile = path.join(temp, 'output');
    fs.writeFileSync(outputFile, '');
    const runnerEnv = {
      PATH: extraPath === undefined ? process.env.PATH : `${extraPath}${path.delimiter}${process.env.PATH}`,
      HOME: process.env.HOME ?? temp,
      RUNNER_TEMP: temp,
      GITHUB_OUTPUT: outputFile,
      GITHUB_WORKSPACE: dir,
      ...env,
    };
    const result = await exec('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: dir, env: runnerEnv }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    const outputs = Object.fromEntries(
      fs
        .readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter(line => line !== '')
        .map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    return { ...result, outputs, temp };
  }

  const lintStep = () => step('Run specguard');
  /** Where the step writes its report: a new folder of its own under RUNNER_TEMP. */
  const sarifIn = (temp: string) => new RegExp(`^${temp}/specguard-[A-Za-z0-9]{6}/specguard\\.sarif$`);
  const sarifOf = (file: string) =>
    JSON.parse(fs.readFileSync(file, 'utf8')) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
  const cliJson = async (args: string[], cwd: string) =>
    JSON.parse(
      (await exec(process.execPath, [BIN, 'lint', ...args, '-f', 'json'], { cwd }).catch((e: { stdout: string }) => e)).stdout,
    ) as Array<{
      code: string;
    }>;

  it('runs specguard on the workspace, writes SARIF, records exit code 1 without failing, and the last step fails with it', async () => {
    const dir = workspace();
    const r = await runStep(lintStep(), dir, stepEnv(lintStep(), {}));
    expect(r.code).toBe(0);
    expect(Object.keys(r.outputs)).toEqual(['exit-code', 'sarif-file']);
    expect(r.outputs['exit-code']).toBe('1');
    expect(r.outputs['sarif-file']).toMatch(sarifIn(r.temp));
    expect(r.stdout.split('\n')[0]).toBe(
      `specguard: node_modules/.bin/specguard lint . --format sarif --output ${r.outputs['sarif-file']}`,
    );
    const results = sarifOf(r.outputs['sarif-file']).runs[0].results;
    expect(results.map(x => x.ruleId).sort()).toEqual((await cliJson(['.'], dir)).map(f => f.code).sort());
    expect(new Set(results.map(x => x.locations[0].physicalLocation.artifactLocation.uri))).toEqual(
      new Set(['api/insecure-openapi-3.0.yaml', 'api/insecure-swagger-2.0.yaml', 'api/secure-openapi-3.1.yaml']),
    );

    const fail = step('Fail on findings');
    expect(fail.if).toBe("steps.specguard.outputs.exit-code != '0'");
    const failed = await runStep(fail, dir, stepEnv(fail, {}, r.outputs));
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('::error title=specguard::findings at or above the fail severity; see code scanning or the report above\n');
  });

  it('passes paths, ruleset and fail severity: a secure file at warning passes (exit code 0), strict finds more', async () => {
    const dir = workspace();
    const secure = await runStep(
      lintStep(),
      dir,
      stepEnv(lintStep(), { paths: 'api/secure-openapi-3.1.yaml', 'fail-severity': 'warning' }),
    );
    expect(secure.stdout.split('\n')[0]).toBe(
      `specguard: node_modules/.bin/specguard lint api/secure-openapi-3.1.yaml --format sarif --output ${secure.outputs['sarif-file']} --fail-severity warning`,
    );
    expect(secure.outputs['exit-code']).toBe('0');
    // specguard-server-description is off in recommended and on in strict.
    const insecure = { paths: 'api/insecure-openapi-3.0.yaml' };
    const rules = (run: { outputs: Record<string, string> }) => sarifOf(run.outputs['sarif-file']).runs[0].results.map(x => x.ruleId);
    const strict = await runStep(lintStep(), dir, stepEnv(lintStep(), { ...insecure, ruleset: 'strict' }));
    expect(rules(strict)).toContain('specguard-server-description');
    expect(rules(await runStep(lintStep(), dir, stepEnv(lintStep(), insecure)))).not.toContain('specguard-server-description');
  });

  it('passes the baseline: findings it lists are not reported, exit code 0', async () => {
    const dir = workspace();
    await exec(process.execPath, [BIN, 'lint', 'api', '--baseline', 'baseline.json', '--update-baseline'], { cwd: dir });
    const r = await runStep(lintStep(), dir, stepEnv(lintStep(), { paths: 'api', baseline: 'baseline.json' }));
    expect(r.outputs['exit-code']).toBe('0');
    expect(sarifOf(r.outputs['sarif-file']).runs[0].results).toEqual([]);
  });

  it('command: diff runs specguard diff: a regression since the last commit is a new SARIF result, exit code 1', async () => {
    const dir = workspace();
    const git = (...args: string[]) => exec('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
    await git('init', '-q');
    await git('add', 'api');
    await git('commit', '-qm', 'api');
    const spec = path.join(dir, 'api', 'secure-openapi-3.1.yaml');
    fs.writeFileSync(
      spec,
      fs
        .readFileSync(spec, 'utf8')
        .replace('      security:\n        - ownerJwt: []\n      responses:', '      security: []\n      responses:'),
    );
    const inputs = { command: 'diff', paths: 'git:HEAD:api/secure-openapi-3.1.yaml api/secure-openapi-3.1.yaml' };
    const r = await runStep(lintStep(), dir, stepEnv(lintStep(), inputs));
    expect(r.stdout.split('\n')[0]).toBe(
      `specguard: node_modules/.bin/specguard diff git:HEAD:api/secure-openapi-3.1.yaml api/secure-openapi-3.1.yaml --format sarif --output ${r.outputs['sarif-file']}`,
    );
    expect(r.outputs['exit-code']).toBe('1');
    const results = sarifOf(r.outputs['sarif-file']).runs[0].results as Array<{ ruleId: string; baselineState?: string }>;
    expect(results.map(x => [x.ruleId, x.baselineState])).toEqual([['specguard-diff-security-removed', 'new']]);
    // Unchanged, nothing got weaker: exit code 0 and an empty report to upload.
    const same = await runStep(lintStep(), dir, stepEnv(lintStep(), { command: 'diff', paths: 'git:HEAD:api git:HEAD:api' }));
    expect(same.outputs['exit-code']).toBe('0');
    expect(sarifOf(same.outputs['sarif-file']).runs[0].results).toEqual([]);
  }, 120_000); // two diff runs, each as long as a lint

  it('exit code 2 for an input that cannot be linted, and the last step says so', async () => {
    const dir = workspace();
    const r = await runStep(lintStep(), dir, stepEnv(lintStep(), { paths: 'api/missing.yaml' }));
    expect(r.outputs['exit-code']).toBe('2');
    const fail = step('Fail on findings');
    const failed = await runStep(fail, dir, stepEnv(fail, {}, r.outputs));
    expect(failed.code).toBe(2);
    expect(failed.stdout).toContain('could not lint an input or was called wrongly (exit 2)');
  });

  describe('without specguard in the workspace: npx runs a release, the command and its arguments pass through', () => {
    /** A stand-in `npx` on PATH that records its arguments (no registry is reached) and exits 1, as specguard with findings would. */
    function fakeNpx(dir: string): { bin: string; argv: () => string[] } {
      const bin = fs.mkdtempSync(path.join(dir, '.bin-'));
      const log = path.join(bin, 'argv');
      fs.writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${log}'\nexit 1\n`, {
        mode: 0o755,
      });
      return { bin, argv: () => fs.readFileSync(log, 'utf8').trimEnd().split('\n') };
    }

    it("this action's own version by default; globs reach specguard unexpanded", async () => {
      const dir = workspace(false);
      const npx = fakeNpx(dir);
      const r = await runStep(lintStep(), dir, stepEnv(lintStep(), { paths: 'api/*.yaml\nother' }), npx.bin);
      expect(npx.argv()).toEqual([
        '--yes',
        `specguard@${PACKAGE_VERSION}`,
        'lint',
        'api/*.yaml',
        'other',
        '--format',
        'sarif',
        '--output',
        expect.stringMatching(sarifIn(r.temp)),
      ]);
      expect(r.outputs).toEqual({ 'exit-code': '1' }); // no report written, so nothing to upload
    });

    it('command: diff with its OLD and NEW, more arguments, a pinned version, the ruleset and baseline', async () => {
      const dir = workspace();
      const npx = fakeNpx(dir);
      const inputs = {
        command: 'diff',
        paths: 'old/openapi.yaml new/openapi.yaml',
        args: '--max-file-size 50',
        'specguard-version': '9.9.9',
        ruleset: '.spectral.yaml',
        baseline: 'specguard-baseline.json',
      };
      const r = await runStep(lintStep(), dir, stepEnv(lintStep(), inputs), npx.bin);
      expect(npx.argv()).toEqual([
        '--yes',
        'specguard@9.9.9',
        'diff',
        'old/openapi.yaml',
        'new/openapi.yaml',
        '--max-file-size',
        '50',
        '--format',
        'sarif',
        '--output',
        expect.stringMatching(sarifIn(r.temp)),
        '--ruleset',
        '.spectral.yaml',
        '--baseline',
        'specguard-baseline.json',
      ]);
    });
  });
});

describe('examples/ci: the workflow and the pre-commit config a project copies', () => {
  const action = readYaml('action.yml') as Action;

  it('the workflow runs the action on what it watches, with the ruleset it watches, on a supported Node LTS', () => {
    const workflow = readYaml('examples/ci/github-actions.yml') as {
      on: { pull_request: { paths: string[] } };
      jobs: { specguard: { permissions: Record<string, string>; steps: Array<Step & { with?: Record<string, string> }> } };
    };
    expect(workflow.on.pull_request.paths).toEqual(['api/**', '.spectral.yaml']);
    const { steps, permissions } = workflow.jobs.specguard;
    expect(permissions['security-events']).toBe('write');
    const lint = steps.find(s => s.uses?.startsWith('specguard/specguard@'))!;
    expect(lint.uses).toBe(`specguard/specguard@v${PACKAGE_VERSION}`);
    expect(lint.with).toEqual({ paths: 'api/', ruleset: '.spectral.yaml' });
    for (const input of Object.keys(lint.with!)) expect(Object.keys(action.inputs)).toContain(input);
    // specguard is installed before the action runs, so the action runs the project's own.
    expect(steps.findIndex(s => s.run === 'npm ci')).toBeLessThan(steps.indexOf(lint));
    const node = steps.find(s => s.uses?.startsWith('actions/setup-node@'));
    expect(Number(node?.with?.['node-version'])).toBeGreaterThanOrEqual(22);
  });

  it('the workflow diffs a pull request against its base branch, which the checkout fetches', () => {
    const workflow = readYaml('examples/ci/github-actions.yml') as {
      jobs: { specguard: { steps: Array<Step & { with?: Record<string, string> }> } };
    };
    const { steps } = workflow.jobs.specguard;
    const diff = steps.find(s => s.with?.command === 'diff')!;
    expect(diff.uses).toBe(`specguard/specguard@v${PACKAGE_VERSION}`);
    expect(diff.with).toEqual({
      command: 'diff',
      paths: 'git:origin/${{ github.base_ref }}:api/openapi.yaml api/openapi.yaml',
      category: 'specguard-diff',
    });
    expect(diff.if).toBe("!cancelled() && github.event_name == 'pull_request'");
    for (const input of Object.keys(diff.with!)) expect(Object.keys(action.inputs)).toContain(input);
    // git show reads the base branch only if the checkout fetched it.
    expect(steps.find(s => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({ 'fetch-depth': 0 });
  });

  it('the pre-commit config names the hook this repository declares, with options the CLI takes', async () => {
    const config = readYaml('examples/ci/pre-commit-config.yaml') as {
      repos: Array<{ repo: string; rev: string; hooks: Array<{ id: string; args: string[] }> }>;
    };
    const [{ repo, rev, hooks }] = config.repos;
    expect([repo, rev, hooks.map(h => h.id)]).toEqual(['https://github.com/specguard/specguard', `v${PACKAGE_VERSION}`, ['specguard']]);
    expect((readYaml('.pre-commit-hooks.yaml') as Hook[]).map(h => h.id)).toContain(hooks[0].id);
    // Run as pre-commit would: entry, then args, then the files.
    const dir = tempDir('specguard-precommit-config-');
    fs.writeFileSync(path.join(dir, '.spectral.yaml'), 'extends: [specguard]\nrules:\n  specguard-server-https: off\n');
    fs.copyFileSync(path.join(EXAMPLES, 'insecure', 'openapi-3.0.yaml'), path.join(dir, 'openapi.yaml'));
    const [, ...entry] = (readYaml('.pre-commit-hooks.yaml') as Hook[])[0].entry.split(' ');
    const r = await exec(process.execPath, [BIN, ...entry, ...hooks[0].args, '-f', 'json', 'openapi.yaml'], { cwd: dir }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    const codes = (JSON.parse(r.stdout) as Array<{ code: string }>).map(f => f.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).not.toContain('specguard-server-https');
  });
});

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types: string[];
  files: string;
}

describe('.pre-commit-hooks.yaml: the pre-commit hook', () => {
  const hooks = readYaml('.pre-commit-hooks.yaml') as Hook[];

  it('declares one node hook, specguard, given text files named .yaml, .yml, .json or .raml', () => {
    expect(hooks.map(h => [h.id, h.language, h.entry, h.types])).toEqual([
      ['specguard', 'node', 'specguard lint --ignore-unknown', ['text']],
    ]);
    const files = new RegExp(hooks[0].files);
    const names = ['api/openapi.yaml', 'a.yml', 'spec.json', 'api.raml', 'README.md', 'src/index.ts', 'openapi.yaml.bak', 'x.jsonc'];
    expect(names.filter(name => files.test(name))).toEqual(['api/openapi.yaml', 'a.yml', 'spec.json', 'api.raml']);
  });

  /** The files of a commit that pre-commit passes to the hook: those its `files` pattern matches (all here are text). */
  function staged(dir: string, tree: Record<string, string>): string[] {
    for (const [name, content] of Object.entries(tree)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return Object.keys(tree).filter(name => new RegExp(hooks[0].files).test(name));
  }

  /** The hook's entry with the file names appended, as pre-commit runs it (`specguard` is this checkout's bin). */
  async function runHook(dir: string, files: string[]) {
    const [command, ...args] = hooks[0].entry.split(' ');
    expect(command).toBe('specguard');
    return exec(process.execPath, [BIN, ...args, ...files], { cwd: dir }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  }

  const read = (name: string) => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
  const OTHER_FILES = {
    'package.json': '{"name": "clinic", "private": true}\n',
    '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
    'raml/types/account.raml': read('insecure-raml/types/account.raml'),
    'README.md': '# clinic\n',
  };

  it('lints the API descriptions among a commit’s files and skips the rest: findings fail the commit', async () => {
    const dir = tempDir('specguard-hook-');
    const files = staged(dir, {
      ...OTHER_FILES,
      'api/openapi.yaml': read('insecure/openapi-3.0.yaml'),
      'api/secure.yaml': read('secure/openapi-3.1.yaml'),
    });
    expect(files).toEqual(['package.json', '.github/workflows/ci.yml', 'raml/types/account.raml', 'api/openapi.yaml', 'api/secure.yaml']);
    const r = await runHook(dir, files);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const reported = r.stdout.split('\n').filter(line => line.startsWith('/'));
    expect(reported).toEqual([path.join(dir, 'api', 'openapi.yaml'), path.join(dir, 'api', 'secure.yaml')]);
    expect(r.stdout).toContain('2 files checked: 2 with findings, 0 passed.');
  });

  it('passes a commit whose API descriptions are clean, or that has none', async () => {
    const dir = tempDir('specguard-hook-');
    const clean = await runHook(
      dir,
      staged(dir, {
        ...OTHER_FILES,
        'api/secure.yaml': read('secure/openapi-3.0.yaml'),
      }),
    );
    expect(clean.code).toBe(0);
    const none = await runHook(dir, staged(dir, OTHER_FILES));
    expect(none).toEqual({ code: 0, stdout: 'No findings in 0 files.\n', stderr: '' });
  });

  it('fails a commit with an API description that does not parse (exit 2, file:line:col)', async () => {
    const dir = tempDir('specguard-hook-');
    const r = await runHook(dir, staged(dir, { ...OTHER_FILES, 'api/openapi.yaml': 'openapi: 3.0.3\ninfo: {title: t\n' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^specguard: ${path.join(dir, 'api', 'openapi.yaml')}:3:1: invalid YAML: [^\\n]+\\n$`));
  });

  it('without --ignore-unknown a named file that is not an API description is an error, as before', async () => {
    const dir = tempDir('specguard-hook-');
    const [pkg] = staged(dir, { 'package.json': OTHER_FILES['package.json'] });
    const r = await exec(process.execPath, [BIN, 'lint', pkg], { cwd: dir }).catch((e: { code: number; stderr: string }) => e);
    expect((r as { code: number }).code).toBe(2);
    expect(r.stderr).toMatch(/^specguard: .*package\.json: /);
  });
});
