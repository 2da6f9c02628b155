import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintOne } from '../../src/run/lint.js';
import { rulesetSeverity } from '../../src/findings/severity.js';
import type { RulesetSeverity } from '../../src/findings/severity.js';
import { SOURCE_RULESETS } from '../source-ruleset.js';
import { writeRaml } from './helpers.js';
import type { Placed } from './helpers.js';

/*
 * Each rule's RAML case, kept in the rule's own test file (test/rules/<code>.test.ts) and run by
 * the rule harness: an invalid RAML API with its exact findings (message, RAML file and line,
 * severity) and a silent one. The rule logic is tested on OpenAPI; these prove the RAML mapping
 * feeds each rule and places its finding. Linted with the strict ruleset, which turns every rule
 * on; severities are strict's. The RAML documents' shared parts are below.
 */

export interface RamlFinding extends Omit<Placed, 'code'> {
  severity: RulesetSeverity;
}

/** RAML files by name (the first is the root API). */
export type RamlFiles = Record<string, string>;

export interface RamlCase {
  invalid: RamlFiles;
  expected: RamlFinding[];
  silent: RamlFiles;
}

/** In place of a RAML case, for a rule whose definition says (`notInRaml`) why RAML cannot express its concern. */
export const NOT_IN_RAML = 'not in RAML';

/** The rule's RAML case, or the check that its definition says why it has none. */
export function runRamlCase(code: string, raml: RamlCase | typeof NOT_IN_RAML, notInRaml: string | undefined): void {
  if (raml === NOT_IN_RAML) {
    it('is not expressible in RAML, and its definition says why (notInRaml)', () => {
      expect(notInRaml, `${code}: give notInRaml in its definition, or a RAML case`).toBeTypeOf('string');
    });
    return;
  }
  describe('through RAML', () => {
    it('its definition does not claim RAML cannot express it', () => {
      expect(notInRaml, `${code} has a RAML case: remove notInRaml from its definition`).toBeUndefined();
    });
    it('flags the invalid case at the RAML file and line', async () => {
      expect(raml.expected.length, 'the invalid case must expect at least one finding').toBeGreaterThan(0);
      expect(await ramlFindingsOf(code, raml.invalid)).toEqual(raml.expected);
    });
    it('is silent on the fixed case', async () => {
      expect(await ramlFindingsOf(code, raml.silent)).toEqual([]);
    });
  });
}

/** Writes the files, lints the root with every rule on and keeps the findings of `code`. */
async function ramlFindingsOf(code: string, files: RamlFiles): Promise<RamlFinding[]> {
  const root = writeRaml(files);
  const dir = path.dirname(root);
  return (await lintOne(root, { ruleset: SOURCE_RULESETS.strict }))
    .filter(f => f.code === code)
    .map(f => ({
      file: path.relative(dir, f.source ?? ''),
      line: f.range.start.line + 1,
      severity: rulesetSeverity(f.severity),
      message: f.message,
    }));
}

export const HEAD = '#%RAML 1.0\ntitle: T\n';
export const oauth = (grants = 'authorization_code', scopes = '[read, write]') => `securitySchemes:
  oauth_2_0:
    type: OAuth 2.0
    settings:
      authorizationUri: https://auth.example.com/authorize
      accessTokenUri: https://auth.example.com/token
      authorizationGrants: [${grants}]
      scopes: ${scopes}
`;
export const OAUTH = oauth('authorization_code', '[read]');
export const OAUTH_RW = oauth();
export const READ = 'securedBy: [oauth_2_0: {scopes: [read]}]';
export const WRITE = 'securedBy: [oauth_2_0: {scopes: [write]}]';
/** RAML users are told the RAML form: the (specguard-public) annotation, securedBy. */
export const HINT = ', or mark it (specguard-public): "<why it is public>"';
export const REVOKE_HINT =
  'replace it with an obvious placeholder such as <token>, and revoke it if it was ever real; published API descriptions are copied and indexed.';
export const MAX_LENGTH_HINT =
  'add maxLength (or an enum or a fully anchored, bounded pattern) so oversized input is rejected at the edge.';
