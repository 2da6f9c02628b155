import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { Finding } from '../src/findings/findings.js';

/** The stock spectral CLI of this checkout's devDependencies. */
export const SPECTRAL_CLI = path.resolve(__dirname, '..', 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');

export interface SpectralResult {
  code: string | number;
  path: Array<string | number>;
  severity: number;
  range: Finding['range'];
  source?: string;
  message: string;
}

/**
 * Runs `spectral lint <files> -f json` (the CLI at `options.cli`, by default this checkout's) and
 * returns its results. Exit 1 only means a result reached --fail-severity (error); anything else
 * non-zero, or output that is not JSON, is a failure that quotes the CLI's own output. The
 * timeout only guards against a hang: on a busy 2-core machine several runs at once take minutes.
 */
export function spectralLint(files: string[], options: { ruleset?: string; cwd: string; cli?: string }): Promise<SpectralResult[]> {
  const args = [
    options.cli ?? SPECTRAL_CLI,
    'lint',
    ...files,
    '-f',
    'json',
    '--quiet',
    ...(options.ruleset !== undefined ? ['-r', options.ruleset] : []),
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: options.cwd, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 }, (error, stdout, stderr) => {
      // The exit status, or a string such as ENOENT/ERR_CHILD_PROCESS_STDIO_MAXBUFFER when it did not run.
      const exitCode: unknown = error === null ? 0 : (error as { code?: unknown }).code;
      const fail = (why: string) =>
        reject(new Error(`spectral lint ${files.join(' ')}: ${why}\nstdout: ${stdout.slice(0, 2000)}\nstderr: ${stderr.slice(0, 2000)}`));
      if (exitCode !== 0 && exitCode !== 1) return fail(`exited with ${String(exitCode)} (signal ${error?.signal ?? 'none'})`);
      try {
        const results = JSON.parse(stdout) as SpectralResult[];
        if (!Array.isArray(results)) return fail('output is not a JSON array');
        if (exitCode === 1 && !results.some(r => r.severity === 0)) return fail('exited 1 without an error-level result');
        resolve(results);
      } catch {
        fail('output is not JSON');
      }
    });
  });
}
