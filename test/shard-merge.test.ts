/*
 * `lint --shard i/n` and `merge` (issue 21, points 5 and 8): the shards of a run partition its
 * files, and merging their reports gives back, byte for byte, the report of the unsharded run.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { run } from '../src/cli/main.js';
import type { Finding } from '../src/findings/findings.js';
import { inShard, parseShard } from '../src/results/shard.js';
import { tempDir } from './helpers.js';

const ROOT = path.resolve(__dirname, '..');
const dir = tempDir('specguard-shard-');
const at = (name: string) => path.join(dir, name);

// Shards hash paths relative to the working folder: run in the temporary one, so its random
// name does not change which shard gets which file (test files run one at a time per worker).
const previousFolder = process.cwd();
beforeAll(() => process.chdir(dir));
afterAll(() => process.chdir(previousFolder));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: t => (stdout += t), stderr: t => (stderr += t) });
  return { code, stdout, stderr };
}

/** Lints `args` as shard i of 3 for each i, writes each report to a file, and returns the files and exit codes. */
async function shards(format: 'json' | 'sarif', args: string[]) {
  const files: string[] = [];
  const codes: number[] = [];
  for (const i of [1, 2, 3]) {
    const out = at(`shard-${i}-of-3.${format}`);
    const r = await cli('lint', ...args, '--shard', `${i}/3`, '-f', format, '-o', out);
    files.push(out);
    codes.push(r.code);
  }
  return { files, codes };
}

describe('--shard i/n', () => {
  it('parses i/n with 1 <= i <= n, and nothing else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/3', '4/3', '1/0', '0/0', '-1/3', '1.5/3', '2', '2/3/4', 'a/b', '', '1/99999999999999999999'])
      expect(parseShard(bad), bad).toBeUndefined();
  });

  it('puts every file in exactly one shard, and a new file moves no other', () => {
    const files = Array.from({ length: 300 }, (_, i) => `specs/team-${i % 7}/api-${i}.yaml`);
    const shardOf = (file: string, count: number) =>
      Array.from({ length: count }, (_, i) => i + 1).filter(index => inShard(file, { index, count }, '/repo'));
    for (const file of files) expect(shardOf(file, 4)).toHaveLength(1);
    const before = files.map(file => shardOf(file, 4)[0]);
    // The shard depends on the path relative to the working folder, not on the other files or their order.
    expect(files.map(file => shardOf(path.join('/repo', file), 4)[0])).toEqual(before);
    expect(inShard('specs/team-0/api-0.yaml', { index: before[0], count: 4 }, '/elsewhere')).toBe(true);
    // Even enough to be worth it: no shard of 4 holds fewer than 50 or more than 100 of 300 files.
    for (const index of [1, 2, 3, 4]) {
      const size = before.filter(i => i === index).length;
      expect(size).toBeGreaterThanOrEqual(50);
      expect(size).toBeLessThanOrEqual(100);
    }
  });

  it('refuses a value that is not i/n, in one line that names the option', async () => {
    for (const bad of ['0/3', '4/3', 'x', '1/0']) {
      const r = await cli('lint', path.join(ROOT, 'examples', 'secure'), '--shard', bad);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `error: option '--shard <i/n>' argument '${bad}' is invalid. expected i/n, whole numbers with 1 <= i <= n, such as 2/3\n(run specguard lint --help for usage)\n`,
      );
    }
  });

  it('refuses --update-baseline, which would forget the other shards', async () => {
    const r = await cli('lint', path.join(ROOT, 'examples', 'secure'), '--shard', '1/2', '--baseline', at('b.json'), '--update-baseline');
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'specguard: --update-baseline: cannot be used with --shard: run it once over all the files\n',
    });
  });

  it('a shard with no files succeeds with an empty report and says why', async () => {
    const spec = path.join(ROOT, 'examples', 'insecure', 'openapi-3.0.yaml');
    const mine = [1, 2, 3].find(index => inShard(spec, { index, count: 3 }, process.cwd()))!;
    const empty = [1, 2, 3].find(index => index !== mine)!;
    const message = `specguard: shard ${empty}/3 has no files to lint; the 1 file found belongs to another shard\n`;
    expect(await cli('lint', spec, '--shard', `${empty}/3`, '-f', 'json')).toEqual({ code: 0, stdout: '[]\n', stderr: message });
    expect(await cli('lint', spec, '--shard', `${empty}/3`)).toEqual({ code: 0, stdout: '', stderr: message });
    // Its twin, the shard that holds the file, lints it and fails on its errors.
    expect((await cli('lint', spec, '--shard', `${mine}/3`, '-f', 'json')).code).toBe(1);
  });
});

describe('merge: the shards of a run give back the unsharded report', () => {
  const folder = at('apis');
  const missing = at('missing.yaml');
  // As a CI job names them: relative to the folder it runs in.
  const [folderArg, missingArg] = ['apis', 'missing.yaml'];
  let args: string[];
  beforeAll(() => {
    cpSync(path.join(ROOT, 'examples'), folder, { recursive: true });
    // A file that cannot be linted: whichever shard gets it fails, and the merged report keeps it failed.
    writeFileSync(path.join(folder, 'broken.yaml'), "openapi: 3.0.3\ninfo: {title: t\n  version: '1'\n");
    args = [folderArg, missingArg];
  });

  for (const format of ['json', 'sarif'] as const) {
    it(`${format}: byte for byte, with the failed file still an error`, async () => {
      const whole = await cli('lint', ...args, '-f', format);
      expect(whole.code).toBe(2);
      const { files, codes } = await shards(format, args);
      // Every shard has findings here, so the test merges three real parts, not one.
      for (const file of files) {
        const data = JSON.parse(readFileSync(file, 'utf8')) as Finding[] | Log;
        expect(Array.isArray(data) ? data.length : data.runs[0].results!.length).toBeGreaterThan(0);
      }
      // The shards that hold the broken file and the missing one exit 2; the others do not.
      const shardOf = (input: string) => [1, 2, 3].find(index => inShard(input, { index, count: 3 }, process.cwd()));
      const failing = new Set([shardOf(path.join(folder, 'broken.yaml')), shardOf(missing)]);
      expect(codes.map((code, i) => (code === 2) === failing.has(i + 1))).toEqual([true, true, true]);
      const merged = await cli('merge', ...files);
      expect(merged.code).toBe(0);
      expect(merged.stdout).toBe(whole.stdout);
      expect(merged.stderr).toMatch(
        new RegExp(`^specguard: merged 3 ${format} reports: \\d+ (findings|results), 2 files that could not be linted\\n$`),
      );
      if (format === 'json') {
        const broken = (JSON.parse(merged.stdout) as Finding[]).filter(f => f.code === 'specguard-not-linted');
        expect(broken.map(f => [f.source, f.severity, f.range.start])).toEqual([
          [path.join(folder, 'broken.yaml'), 0, { line: 2, character: 9 }],
          [missing, 0, { line: 0, character: 0 }],
        ]);
      } else {
        const [sarifRun] = (JSON.parse(merged.stdout) as Log).runs;
        expect(sarifRun.invocations![0].executionSuccessful).toBe(false);
        expect(sarifRun.invocations![0].toolExecutionNotifications!.map(n => [n.level, n.message.text])).toEqual([
          ['error', expect.stringMatching(/^invalid YAML: /)],
          ['error', 'no such file or folder'],
        ]);
        expect(sarifRun.properties).toEqual({ ruleset: 'recommended' });
      }
    });
  }

  it('writes the merged report with -o, and a single report merges to itself', async () => {
    const { files } = await shards('sarif', args);
    const single = readFileSync(files[0], 'utf8');
    const [sarifRun] = (JSON.parse(single) as Log).runs;
    const results = sarifRun.results!.length;
    const notLinted = sarifRun.invocations![0].toolExecutionNotifications?.length ?? 0;
    const out = at('merged.sarif');
    const r = await cli('merge', files[0], '-o', out);
    const failed = notLinted === 0 ? '' : `, ${notLinted} file${notLinted === 1 ? '' : 's'} that could not be linted`;
    expect(r).toEqual({ code: 0, stdout: '', stderr: `specguard: merged 1 sarif report into ${out}: ${results} results${failed}\n` });
    expect(readFileSync(out, 'utf8')).toBe(single);
  });

  it('a failed shard stays failed even when its failure left no notification', async () => {
    const { files } = await shards('sarif', [path.join(folder, 'secure')]);
    const log = JSON.parse(readFileSync(files[0], 'utf8')) as Log;
    log.runs[0].invocations![0].executionSuccessful = false;
    writeFileSync(files[0], JSON.stringify(log));
    const merged = JSON.parse((await cli('merge', ...files)).stdout) as Log;
    expect(merged.runs[0].invocations).toEqual([{ executionSuccessful: false }]);
  });
});

describe('merge refuses what is not one run, in one line', () => {
  const spec = path.join(ROOT, 'examples', 'insecure', 'openapi-3.0.yaml');
  const report = async (name: string, ...flags: string[]) => {
    const file = at(name);
    await cli('lint', spec, '-o', file, ...flags);
    return file;
  };

  it('mixed formats, in either order and against --format', async () => {
    const [json, sarif] = [await report('r.json', '-f', 'json'), await report('r.sarif', '-f', 'sarif')];
    expect(await cli('merge', json, sarif)).toEqual({
      code: 2,
      stdout: '',
      stderr: `specguard: ${sarif}: is a SARIF report but ${json} is JSON; merge reports of one format\n`,
    });
    expect((await cli('merge', sarif, '--format', 'json')).stderr).toBe(
      `specguard: ${sarif}: is a SARIF report but --format json was asked for; merge reports of one format\n`,
    );
  });

  it('SARIF of another specguard version or another ruleset', async () => {
    const [a, b] = [await report('a.sarif', '-f', 'sarif'), await report('b.sarif', '-f', 'sarif')];
    const log = JSON.parse(readFileSync(b, 'utf8')) as Log;
    log.runs[0].tool.driver.version = '0.0.1';
    writeFileSync(b, JSON.stringify(log));
    const version = (await cli('lint', '--version')).stdout.trim();
    expect((await cli('merge', a, b)).stderr).toBe(
      `specguard: ${b}: is from specguard 0.0.1 but ${a} from ${version}; merge reports of one version\n`,
    );
    const strict = await report('strict.sarif', '-f', 'sarif', '--ruleset', 'strict');
    expect(await cli('merge', a, strict)).toEqual({
      code: 2,
      stdout: '',
      stderr: `specguard: ${strict}: ran the ruleset strict but ${a} ran recommended\n`,
    });
  });

  it('JSON whose rules have other severities (another ruleset)', async () => {
    const [recommended, strict] = [
      await report('rec.json', '-f', 'json'),
      await report('strict.json', '-f', 'json', '--ruleset', 'strict'),
    ];
    const r = await cli('merge', recommended, strict);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `specguard: ${strict}: specguard-server-internal-host has severity 0 here and 2 in ${recommended}: the shards ran different rulesets\n`,
    );
  });

  it('invalid JSON at file:line:col, other tools, other shapes, a report named twice, a missing file', async () => {
    const write = (name: string, text: string) => {
      writeFileSync(at(name), text);
      return at(name);
    };
    const cases: Array<[string, string]> = [
      [write('bad.json', '[\n  {"code": "x",\n}\n'), 'bad.json:3:1: invalid JSON: property name expected'],
      [
        write('other.sarif', JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'eslint' } } }] })),
        'other.sarif: is a SARIF log of eslint, not of specguard',
      ],
      [
        write('object.json', '{"findings": []}'),
        'object.json: is neither a specguard JSON report (an array of findings) nor a SARIF 2.1.0 log',
      ],
      [write('entries.json', '[{"code": "x"}]'), 'entries.json: entry 1 is not a specguard finding (code, message, path, severity, range)'],
      [at('nothing.json'), 'nothing.json: no such file'],
    ];
    for (const [file, message] of cases)
      expect(await cli('merge', file), message).toEqual({ code: 2, stdout: '', stderr: `specguard: ${path.join(dir, message)}\n` });
    const good = await report('good.json', '-f', 'json');
    expect((await cli('merge', good, good)).stderr).toBe(`specguard: ${good}: named twice; each shard report is merged once\n`);
  });
});
