/**
 * When a team casefile catches up on teammates' changes (TeamLink): on the
 * next turn of the event loop, so that the changes arriving together go into
 * one catch-up; and when a catch-up took long (a large casefile: each one
 * copies a record of 40,000 claims, 30–40 ms), the next one waits as long
 * after it, so that while teammates' edits keep coming, catching up takes
 * at most about half of the process (which also answers the window) instead
 * of all of it; the edits that arrive meanwhile go into the same catch-up.
 */

/** A catch-up that took at least this long makes the next one wait as long after it … */
export const PACED_FROM_MS = 5;
/** … but never longer than this (a catch-up of thousands of records after a reconnection). */
export const MAX_PACE_MS = 250;

export class CatchUpPacer {
  private timer: { cancel(): void } | null = null;
  /** When the next catch-up may start (`performance.now()`). */
  private nextAt = 0;

  constructor(private readonly catchUp: () => void) {}

  /** Asks for a catch-up: one is scheduled unless one already is. */
  schedule(): void {
    if (this.timer) return;
    const wait = this.nextAt - performance.now();
    const run = () => this.run();
    if (wait <= 0) {
      const immediate = setImmediate(run);
      this.timer = { cancel: () => clearImmediate(immediate) };
    } else {
      const timeout = setTimeout(run, wait);
      this.timer = { cancel: () => clearTimeout(timeout) };
    }
  }

  cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private run(): void {
    this.timer = null;
    const started = performance.now();
    try {
      this.catchUp();
    } finally {
      const ended = performance.now();
      const took = ended - started;
      this.nextAt = took >= PACED_FROM_MS ? ended + Math.min(took, MAX_PACE_MS) : 0;
    }
  }
}
