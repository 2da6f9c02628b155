import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { discoverFiles } from '../engine/discover.js';
import { InputError } from '../parse/errors.js';
import { copyFromGit, parseGitArgument } from './git.js';

/*
 * The two sides of a diff: what OLD and NEW name (a file, a folder, or `git:REF:path`), the
 * files each holds, and how their files pair up: two files with each other, two folders by
 * relative path.
 */

export type Role = 'old' | 'new';

export interface Side {
  /** The argument as typed. */
  arg: string;
  kind: 'file' | 'folder';
  /** The folder a file's findings and a folder's files are relative to (a file's own folder). */
  root: string;
  /** The API descriptions it holds, absolute; for a git side, their temporary copies. */
  files: string[];
  /** How a report names a file of this side (a git copy: `git:REF:path` when old, its working-tree path when new). */
  reportAs(file: string): string;
  /** Removes a git side's temporary copy. */
  dispose(): Promise<void>;
}

/** One file of NEW and its counterpart in OLD (none when the file is new). */
export interface FilePair {
  old?: string;
  new: string;
}

export async function openSide(arg: string, role: Role, maxFileBytes: number): Promise<Side> {
  const gitSpec = parseGitArgument(arg);
  if (gitSpec !== undefined) {
    const copy = await copyFromGit(arg, gitSpec, maxFileBytes);
    const dispose = () => fs.rm(copy.dir, { recursive: true, force: true });
    try {
      const files = await filesOf(arg, copy.target, copy.kind, maxFileBytes);
      return {
        arg,
        kind: copy.kind,
        root: copy.kind === 'file' ? path.dirname(copy.target) : copy.target,
        files,
        reportAs: file => (file.startsWith(copy.dir + path.sep) ? (role === 'old' ? copy.label(file) : copy.workingPath(file)) : file),
        dispose,
      };
    } catch (error) {
      await dispose();
      throw error;
    }
  }
  const stat = await fs.stat(arg).catch(() => null);
  if (stat === null) throw new InputError(arg, 'no such file or folder (git:REF:path reads one from git)');
  const kind = stat.isDirectory() ? 'folder' : 'file';
  const target = path.resolve(arg);
  return {
    arg,
    kind,
    root: kind === 'file' ? path.dirname(target) : target,
    files: await filesOf(arg, target, kind, maxFileBytes),
    reportAs: file => file,
    dispose: async () => {},
  };
}

async function filesOf(arg: string, target: string, kind: 'file' | 'folder', maxFileBytes: number): Promise<string[]> {
  if (kind === 'file') return [target];
  const { files, errors } = await discoverFiles([target], maxFileBytes);
  if (errors.length > 0) throw new InputError(arg, errors[0].reason);
  return files;
}

/** Pairs NEW's files with OLD's: the two files, or the files of two folders by relative path. */
export function pairFiles(old: Side, current: Side): FilePair[] {
  if (old.kind !== current.kind)
    throw new InputError(
      `${old.arg} ${current.arg}`,
      `compare a file with a file or a folder with a folder (got a ${old.kind} and a ${current.kind})`,
    );
  if (current.kind === 'file') return [{ old: old.files[0], new: current.files[0] }];
  const byRelative = new Map(old.files.map(file => [path.relative(old.root, file), file]));
  return current.files.map(file => {
    const counterpart = byRelative.get(path.relative(current.root, file));
    return counterpart === undefined ? { new: file } : { old: counterpart, new: file };
  });
}

/**
 * Where a file of OLD would be in NEW: the same path relative to the side's root; for two files
 * compared directly, the old file is the new one. Findings keyed by this match as a baseline does.
 */
export function counterpartIn(current: Side, old: Side, oldFile: string): string {
  if (old.kind === 'file' && oldFile === old.files[0]) return current.files[0];
  return path.join(current.root, path.relative(old.root, oldFile));
}
