/**
 * What the published package holds, read from `npm pack --dry-run` (the same file list the
 * registry gets).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');

/** SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt, byte for byte. */
const APACHE_2_0_SHA256 = 'cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30';

function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map(f => f.path);
}

describe('package contents', () => {
  it('LICENSE is the standard Apache License 2.0 text, as package.json declares', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('Apache-2.0');
    expect(
      createHash('sha256')
        .update(fs.readFileSync(path.join(ROOT, 'LICENSE')))
        .digest('hex'),
    ).toBe(APACHE_2_0_SHA256);
  });

  it('the tarball ships LICENSE', () => {
    expect(packedFiles()).toContain('LICENSE');
  });
});
