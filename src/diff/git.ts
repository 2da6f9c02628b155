import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../parse/errors.js';
import { byteSize } from '../parse/load.js';
import { discoverableExtensions } from '../input/index.js';

/*
 * `git:REF:path` arguments of `specguard diff`: the description as it was at a commit, read with
 * `git show`. The only place specguard runs a program: git, found on PATH, with an argument list
 * (no shell), and only for what the user typed on the command line, never for document content.
 */

export interface GitSpec {
  ref: string;
  /** The path as typed, relative to the working folder. */
  path: string;
}

/** `git:main:api/openapi.yaml` -> {ref: 'main', path: 'api/openapi.yaml'}; undefined for any other argument. */
export function parseGitArgument(arg: string): GitSpec | undefined {
  const match = /^git:([^:]*):(.*)$/s.exec(arg);
  return match ? { ref: match[1], path: match[2] } : undefined;
}

export interface GitCopy {
  /** A temporary folder holding the copy; remove it when done. */
  dir: string;
  /** The copy of what the argument names (a file or a folder) inside `dir`. */
  target: string;
  kind: 'file' | 'folder';
  /** `git:REF:<path relative to the working folder>` for a copied file: how the old side of a diff is named. */
  label(copied: string): string;
  /** The copied file's place in the working tree (what the new side of a diff is reported at). */
  workingPath(copied: string): string;
}

/**
 * Copies what `git:REF:path` names out of the repository the working folder is in: a folder
 * with every file under it that an input adapter reads, a file with the files of its folder (so
 * its relative `$ref`s and includes resolve as they did at that commit).
 */
export async function copyFromGit(arg: string, spec: GitSpec, maxFileBytes: number): Promise<GitCopy> {
  if (spec.ref === '' || spec.ref.startsWith('-'))
    throw new InputError(arg, 'expected git:<ref>:<path>, such as git:main:api/openapi.yaml');
  const top = (await git(arg, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
  const prefix = (await git(arg, ['rev-parse', '--show-prefix'])).toString('utf8').trim();
  const wanted = path.posix.normalize(path.posix.join(prefix, spec.path.split(path.sep).join('/'))).replace(/\/$/, '');
  if (wanted.startsWith('..') || path.posix.isAbsolute(spec.path)) throw new InputError(arg, 'the path must lie inside the repository');
  const object = `${spec.ref}:${wanted === '.' ? '' : wanted}`;
  const type = (await git(arg, ['cat-file', '-t', '--end-of-options', object], `git has no ${wanted} at ${spec.ref}`)).toString().trim();
  if (type !== 'blob' && type !== 'tree') throw new InputError(arg, `is a git ${type}, not a file or folder`);
  const folder = type === 'tree' ? wanted : path.posix.dirname(wanted);
  const listing = await git(arg, ['ls-tree', '-r', '-z', '--name-only', '--end-of-options', spec.ref, '--', folder === '.' ? '.' : folder]);
  const extensions = new Set(discoverableExtensions().map(ext => `.${ext}`));
  const files = listing
    .toString('utf8')
    .split('\0')
    .filter(file => file !== '' && (file === wanted || (extensions.has(path.posix.extname(file)) && !/(^|\/)node_modules\//.test(file))));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'specguard-git-'));
  try {
    for (const file of files) {
      const content = await git(arg, ['show', '--end-of-options', `${spec.ref}:${file}`], undefined, maxFileBytes);
      const copy = path.join(dir, ...file.split('/'));
      await fs.mkdir(path.dirname(copy), { recursive: true });
      await fs.writeFile(copy, content);
    }
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  const repoPath = (copied: string) => path.relative(dir, copied).split(path.sep).join('/');
  return {
    dir,
    target: path.join(dir, ...(wanted === '.' ? [] : wanted.split('/'))),
    kind: type === 'tree' ? 'folder' : 'file',
    label: copied => `git:${spec.ref}:${path.posix.relative(prefix === '' ? '.' : prefix, repoPath(copied)) || '.'}`,
    workingPath: copied => path.join(top, ...repoPath(copied).split('/')),
  };
}

/** Runs git with arguments (no shell); its failure is the argument's InputError, with git's first line of complaint. */
function git(arg: string, args: string[], reason?: string, maxBytes = 64 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { encoding: 'buffer', maxBuffer: maxBytes, windowsHide: true }, (error, stdout, stderr) => {
      if (error === null) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return reject(new InputError(arg, 'git is not installed (or not on PATH)'));
      if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
        return reject(new InputError(arg, `is over the ${byteSize(maxBytes)} size limit; raise it with --max-file-size`));
      const complaint = stderr
        .toString('utf8')
        .trim()
        .split('\n')[0]
        .replace(/^fatal: /, '');
      reject(new InputError(arg, reason === undefined ? `git ${args[0]} failed: ${complaint}` : `${reason} (${complaint})`));
    });
  });
}
