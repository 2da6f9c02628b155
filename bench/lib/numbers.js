// What bench/run.js and bench/process.js share: rounding for their JSON, and their numeric flags.

/** `v` to `digits` decimals; a missing or NaN value (a run that did not finish) stays as it is. */
export function round(v, digits = 1) {
  if (v == null || Number.isNaN(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Readers of numeric flags that end the bench through `usage` (exit 2 with the help) on bad input. */
export function numericFlags(usage) {
  return {
    positiveInt(v, flag) {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) usage(`${flag} needs a positive integer, got "${v}"`);
      return n;
    },
    positiveNumber(v, flag) {
      const n = Number(v);
      if (!(n > 0)) usage(`${flag} needs a positive number, got "${v}"`);
      return n;
    },
  };
}
