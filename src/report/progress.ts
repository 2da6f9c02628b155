/**
 * A one-line progress bar for long runs on a terminal (`[=====     ] 1,204/2,639 files`),
 * redrawn in place at most every `intervalMs` and erased when the run ends, so the report that
 * follows starts on a clean line. Only for a terminal: a redirected stderr never gets one.
 */
export interface ProgressBar {
  /** `done` of `total` files finished. */
  update(done: number, total: number): void;
  /** Erases the bar. */
  end(): void;
}

export function progressBar(write: (text: string) => void, columns = 80, intervalMs = 100, now = Date.now): ProgressBar {
  let last = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      const time = now();
      if (done < total && time - last < intervalMs) return;
      last = time;
      const counts = ` ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files`;
      const width = Math.max(10, Math.min(40, columns - counts.length - 3));
      const filled = total === 0 ? width : Math.round((width * done) / total);
      write(`\r[${'='.repeat(filled)}${' '.repeat(width - filled)}]${counts}`);
      drawn = true;
    },
    end() {
      if (drawn) write('\r\x1b[2K');
      drawn = false;
    },
  };
}
