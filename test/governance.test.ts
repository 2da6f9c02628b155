/*
 * examples/governance/ as a team uses it: copied to the root of a repository where specguard is
 * installed, then read by `specguard lint --ruleset .spectral.yaml` and by the stock spectral CLI
 * (which finds .spectral.yaml itself). Both must give exactly the findings its README promises,
 * and each change it makes to recommended must be the reason for a difference.
 * Needs the built functions (dist/functions): `npm test` builds first (pretest).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { lintOne } from '../src/run/lint.js';
import type { Finding } from '../src/findings/findings.js';
import { RULES } from './helpers.js';
import { spectralLint } from './spectral-run.js';
import type { SpectralResult } from './spectral-run.js';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'governance');

const OBJECT_OPERATION = 'paths./appointments/{appointmentId}.delete.responses';
const REASON = 'paths./appointments.post.requestBody.content.application/json.schema.properties.reason';
/** [code, severity, JSON path, 1-based line] of each finding on api/openapi.yaml, as examples/governance/README.md lists them. */
const EXPECTED = [
  ['clinic-api-owner', 0, 'info', 2],
  [RULES.infoVersion, 1, 'info.version', 4],
  [RULES.errorResponseCoverage, 2, 'paths', 11],
  [RULES.stringMaxLength, 0, REASON, 27],
  [RULES.objectLevelAuthorization, 0, OBJECT_OPERATION, 62],
];
const NO_OWNER = 'The API names no owner: add info.x-owner with the owning team (team-<name>).';

const rows = (results: Array<Pick<SpectralResult, 'code' | 'severity' | 'path' | 'range'>>) =>
  results.map(r => [String(r.code), r.severity, r.path.join('.'), r.range.start.line + 1]);

let project = '';
let spec = '';
let ruleset = '';
let spectral: Promise<SpectralResult[]>;

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'specguard-governance-'));
  fs.cpSync(EXAMPLE, project, { recursive: true });
  fs.mkdirSync(path.join(project, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'specguard'), 'junction');
  spec = path.join(project, 'api', 'openapi.yaml');
  ruleset = path.join(project, '.spectral.yaml');
  // Started now, read by its test: the stock CLI as the ruleset's comments say to run it, no -r.
  spectral = spectralLint([path.join('api', 'openapi.yaml')], { cwd: project });
  spectral.catch(() => undefined);
});

afterAll(() => {
  if (project === '') return;
  // Unlink the package link first so nothing can recurse into the checkout it points at.
  fs.rmSync(path.join(project, 'node_modules', 'specguard'), { force: true });
  fs.rmSync(project, { recursive: true, force: true });
});

describe('examples/governance: a team ruleset that extends specguard', () => {
  it('specguard lint --ruleset .spectral.yaml: exactly the findings the README lists, exit 1', async () => {
    let stdout = '';
    let stderr = '';
    const code = await run(['lint', spec, '--ruleset', ruleset, '-f', 'json'], { stdout: t => (stdout += t), stderr: t => (stderr += t) });
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    const findings = JSON.parse(stdout) as Finding[];
    expect(rows(findings)).toEqual(EXPECTED);
    expect(findings[0].message).toBe(NO_OWNER);
    expect(new Set(findings.map(f => f.source))).toEqual(new Set([spec]));
  });

  it('the stock spectral CLI, finding .spectral.yaml itself: the same findings and messages', async () => {
    const results = await spectral;
    const sorted = [...results].sort((a, b) => a.range.start.line - b.range.start.line);
    expect(rows(sorted)).toEqual(EXPECTED);
    const ours = await lintOne(spec, { ruleset });
    expect(sorted.map(r => r.message)).toEqual(ours.map(f => f.message));
  });

  it('each change is what differs from recommended: raised, tuned, turned off, added', async () => {
    const recommended = rows(await lintOne(spec));
    expect(recommended).toEqual([
      [RULES.errorResponseCoverage, 2, 'paths', 11],
      [RULES.rateLimitHeaders, 2, 'paths', 11], // off in the team ruleset
      [RULES.stringMaxLength, 1, REASON, 27], // raised to error
      [RULES.objectLevelAuthorization, 1, OBJECT_OPERATION, 62], // raised to error
    ]);
  });

  it('its own rule and the tuned option stay silent on an API that meets them', async () => {
    const variant = (name: string, from: string, to: string) => {
      const file = path.join(project, 'api', name);
      const text = fs.readFileSync(spec, 'utf8');
      expect(text).toContain(from);
      fs.writeFileSync(file, text.replace(from, to));
      return lintOne(file, { ruleset });
    };
    const codes = (findings: Finding[]) => findings.map(f => f.code);
    const owned = await variant('owned.yaml', '  version: v2\n', '  version: 2.1.0\n  x-owner: team-appointments\n');
    expect(codes(owned)).toEqual([RULES.errorResponseCoverage, RULES.stringMaxLength, RULES.objectLevelAuthorization]);
    const misnamed = await variant('misnamed.yaml', '  version: v2\n', '  version: v2\n  x-owner: Appointments\n');
    expect(misnamed.filter(f => f.code === 'clinic-api-owner').map(f => [f.path.join('.'), f.message])).toEqual([
      ['info.x-owner', 'info.x-owner "Appointments" is not a team in the on-call directory: use team-<name>, lower case.'],
    ]);
  });
});
