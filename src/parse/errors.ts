/**
 * A problem with the input or the invocation, not with the API described: the CLI prints its
 * one-line message and exits 2. `location` is `file` or `file:line:col` (1-based).
 */
export class InputError extends Error {
  constructor(
    readonly location: string,
    readonly reason: string,
  ) {
    super(`${location}: ${reason}`);
    this.name = 'InputError';
  }

  /** `location` split into its file and, when it names a position, the 1-based line and column. */
  get place(): { file: string; line?: number; column?: number } {
    const [, file, line, column] = /^(.*?)(?::(\d+):(\d+))?$/s.exec(this.location)!;
    return line === undefined ? { file } : { file, line: Number(line), column: Number(column) };
  }
}
