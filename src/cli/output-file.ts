import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../parse/errors.js';

/** The report's folder must exist and be writable, and the path must not be a folder. */
export async function checkWritable(file: string, flag: string): Promise<void> {
  const folder = path.dirname(path.resolve(file));
  const stat = await fs.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) throw new InputError(file, `${flag}: the folder ${folder} does not exist; create it first`);
  if ((await fs.stat(file).catch(() => null))?.isDirectory()) throw new InputError(file, `${flag}: is a folder; give a file name`);
  await fs.access(folder, fsConstants.W_OK).catch(() => {
    throw new InputError(file, `${flag}: the folder ${folder} is not writable`);
  });
}
