import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package/package-root.js';
import { FIRST_FIXED, KNOWN_REMAINING } from '../advisories.js';
import { tempDir } from '../helpers.js';

/*
 * raml-1-parser is vendored (dist/vendor/raml-1-parser.cjs, built by scripts/vendor-raml.mjs from
 * this project's install, where `overrides` fix the versions under it). These tests read the
 * bundle's manifest and prove the bundled parser works with the fixed versions, through its own API.
 */

const VENDOR = path.join(PACKAGE_ROOT, 'dist', 'vendor');
interface Bundled {
  name: string;
  version: string;
  license: string;
}
const manifest = () => JSON.parse(fs.readFileSync(path.join(VENDOR, 'raml-1-parser.json'), 'utf8')) as { packages: Bundled[] };

interface Parser {
  loadApiSync(file: string, extensions: string[], options: object): { errors(): Array<{ message: string }> };
}
const parser = () => createRequire(import.meta.url)(path.join(VENDOR, 'raml-1-parser.cjs')) as Parser;

/** raml-1-parser's own validation messages for a RAML file (specguard never runs this validation itself). */
function validationErrors(raml: string): string[] {
  const file = path.join(tempDir('specguard-advisories-'), 'api.raml');
  fs.writeFileSync(file, raml);
  return parser()
    .loadApiSync(file, [], { rejectOnErrors: false })
    .errors()
    .map(e => e.message);
}

describe('vendored raml-1-parser', () => {
  it('bundles no package at a version with a known advisory', () => {
    const { packages } = manifest();
    for (const [name, { version, advisory }] of Object.entries(FIRST_FIXED)) {
      const copies = packages.filter(p => p.name === name);
      expect(copies.length, name).toBeGreaterThan(0);
      for (const copy of copies) expect(semver.gte(copy.version, version), `${name} ${copy.version} (${advisory})`).toBe(true);
    }
    expect(packages.filter(p => ['underscore', 'validator', 'xml2js'].includes(p.name)).map(p => `${p.name}@${p.version}`)).toEqual([
      'underscore@1.13.8',
      'validator@13.15.35',
      'xml2js@0.6.2',
    ]);
  });

  it('the README names every bundled package left at a version with an advisory', () => {
    const readme = fs.readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
    const bundled = new Set(manifest().packages.map(p => `${p.name} ${p.version}`));
    for (const [name, { version, advisory }] of Object.entries(KNOWN_REMAINING)) {
      expect(bundled.has(`${name} ${version}`), `${name} ${version} is no longer bundled: update KNOWN_REMAINING and the README`).toBe(
        true,
      );
      expect(readme, advisory).toContain(`\`${name}\` ${version}`);
    }
  });

  it('ships the licence of every bundled package', () => {
    const licences = fs.readFileSync(path.join(VENDOR, 'raml-1-parser.LICENSES.txt'), 'utf8');
    for (const { name, version } of manifest().packages) expect(licences).toContain(`\n${name} ${version} (`);
  });

  it("z-schema's format checks work with the bundled validator", () => {
    const schema = '{"type": "object", "properties": {"email": {"type": "string", "format": "email"}}}';
    const raml = (email: string) =>
      `#%RAML 1.0\ntitle: t\ntypes:\n  Contact:\n    type: |\n      ${schema}\n    example: |\n      {"email": "${email}"}\n`;
    expect(validationErrors(raml('a@example.com'))).toEqual([]);
    expect(validationErrors(raml('not an email'))).toEqual([
      "Content is not valid according to schema: Object didn't pass validation for format email: not an email",
    ]);
  });

  it('an XML example whose root element is __proto__ is read as an element (xml2js before 0.5 hid it in the prototype)', () => {
    const raml =
      '#%RAML 1.0\ntitle: t\ntypes:\n  Thing:\n    type: object\n    example: |\n      <__proto__><polluted>yes</polluted></__proto__>\n';
    // xml2js 0.4.23 turns the element into the parsed object's prototype and reports
    // "Expected type 'object' but got 'string'" instead.
    expect(validationErrors(raml)).toEqual(["Unexpected element 'polluted'"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
