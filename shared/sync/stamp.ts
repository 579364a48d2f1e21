/**
 * Hybrid logical clock stamps: wall time when clocks agree, a counter when
 * they do not, and the device id so that no two devices make the same stamp.
 * Stamps compare as strings.
 */

export const STAMP = /^[0-9a-z]{9}\.[0-9a-z]{4}\.[A-Za-z0-9_-]{1,64}$/;

export class StampClock {
  private lastMs = 0;
  private counter = 0;

  constructor(
    private readonly deviceId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A stamp later than every stamp made or seen here. */
  next(): string {
    const ms = this.now();
    if (ms > this.lastMs) {
      this.lastMs = ms;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    return `${this.lastMs.toString(36).padStart(9, '0')}.${this.counter.toString(36).padStart(4, '0')}.${this.deviceId}`;
  }

  /** Takes note of a stamp made elsewhere, so the next one here is later. */
  observe(stamp: string): void {
    const [msPart, counterPart] = stamp.split('.');
    const ms = parseInt(msPart ?? '0', 36);
    const counter = parseInt(counterPart ?? '0', 36);
    if (ms > this.lastMs || (ms === this.lastMs && counter > this.counter)) {
      this.lastMs = ms;
      this.counter = counter;
    }
  }
}
