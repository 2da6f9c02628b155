/**
 * Colour for terminals only. NO_COLOR (any non-empty value, no-color.org) turns it off;
 * FORCE_COLOR turns it on even in a pipe (`0` or `false` turns it off); otherwise a TTY that is
 * not `TERM=dumb` gets colour.
 */
export function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR.toLowerCase());
  return isTTY && env.TERM !== 'dumb';
}

export interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const COLORS: Paint = {
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  underline: sgr(4, 24),
};

const plain = (text: string) => text;
export const NO_COLORS: Paint = { red: plain, yellow: plain, blue: plain, dim: plain, bold: plain, underline: plain };
