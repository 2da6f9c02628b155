/*
 * The RAML adapter on real RAML (../shared/corpus/raml, see its README): the RAML TCK, FOLIO's
 * inventory storage API and commercetools' API. Nothing may crash; the counts are recorded here.
 * Skipped, visibly, without the corpus.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/parse/errors.js';
import { lintOne } from '../../src/run/lint.js';
import type { Finding } from '../../src/findings/findings.js';
import { detectRaml } from '../../src/input/raml/adapter.js';
import { CORPUS, HAS_CORPUS } from '../corpus-location.js';

type Outcome = 'linted' | 'parser finding' | 'input error';

async function outcomeOf(file: string): Promise<Outcome> {
  let findings: Finding[];
  try {
    findings = await lintOne(file);
  } catch (error) {
    if (error instanceof InputError) return 'input error';
    throw new Error(`${file}: crashed: ${String(error)}`, { cause: error });
  }
  for (const finding of findings)
    expect(finding.source, `${file}: ${finding.code} has no RAML file`).toMatch(/\.(raml|json|md|ya?ml|xsd|txt)$/);
  return findings.some(f => f.code === 'parser') ? 'parser finding' : 'linted';
}

describe.skipIf(!HAS_CORPUS)('RAML corpus', () => {
  it('raml-tck: every valid API file converts and lints; nothing crashes', async () => {
    const tck = path.join(CORPUS, 'raml', 'raml-tck');
    const manifest = JSON.parse(fs.readFileSync(path.join(tck, 'manifest.json'), 'utf8')) as { filePaths: string[] };
    const counts: Record<string, number> = {};
    for (const rel of manifest.filePaths) {
      const file = path.join(tck, rel);
      const name = path.basename(rel);
      const expectation = name.startsWith('valid') ? 'valid' : name.startsWith('invalid') ? 'invalid' : 'other';
      const kind = detectRaml(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) === 'root' ? 'API' : 'fragment';
      const outcome = await outcomeOf(file);
      if (expectation === 'valid' && kind === 'API') {
        // The one exception includes a file from gist.githubusercontent.com: refused offline.
        expect(outcome === 'linted' || rel.endsWith('include-02/valid-https.raml'), `${rel}: ${outcome}`).toBe(true);
      }
      const key = `${expectation} ${kind}: ${outcome}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    // Fragments given as the file to lint are refused (exit 2); overlays and extensions are APIs
    // (merged with the API they extend); invalid APIs mostly lint, since
    // raml-1-parser's full validation is not run (README, "RAML").
    expect(counts).toEqual({
      'valid API: linted': 411,
      'valid API: parser finding': 1,
      'valid fragment: input error': 34,
      'invalid API: linted': 389,
      'invalid API: parser finding': 15,
      'invalid API: input error': 3,
      'invalid fragment: input error': 36,
      'other API: linted': 131,
      'other fragment: input error': 63,
    });
  }, 120_000);

  it('folio-mod-inventory-storage: every root API lints without a crash', async () => {
    const folder = path.join(CORPUS, 'raml', 'folio-mod-inventory-storage', 'ramls');
    const roots = fs
      .readdirSync(folder)
      .filter(name => name.endsWith('.raml') && detectRaml(fs.readFileSync(path.join(folder, name), 'utf8')) === 'root');
    expect(roots.length).toBeGreaterThan(50);
    const outcomes = await Promise.all(roots.map(name => outcomeOf(path.join(folder, name))));
    expect(outcomes.filter(o => o !== 'linted')).toEqual([]);
    // No security schemes at all: every operation is flagged, at its method (in the resource type that declares it).
    const findings = await lintOne(path.join(folder, 'instance-storage.raml'));
    const unsecured = findings.filter(f => f.code === 'specguard-operation-security');
    expect(unsecured.length).toBeGreaterThan(10);
    for (const finding of unsecured)
      expect(path.relative(folder, finding.source!)).toMatch(/^(instance-storage\.raml|raml-util\/rtypes\/[\w-]+\.raml)$/);
    expect(unsecured.some(f => f.source!.includes('rtypes'))).toBe(true);
  }, 120_000);

  it('commercetools: lints without a crash, OAuth 2.0 with scopes mapped', async () => {
    const file = path.join(CORPUS, 'raml', 'commercetools', 'api-specs', 'api', 'api.raml');
    const findings = await lintOne(file);
    // No operation lacks a security requirement: securedBy at the API level covers all.
    expect(findings.filter(f => f.code === 'specguard-operation-security')).toEqual([]);
    for (const finding of findings) expect(finding.source).toMatch(/commercetools\/api-specs\/api\//);
  }, 120_000);
});
