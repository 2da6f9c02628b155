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
}
