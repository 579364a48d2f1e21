/**
 * Catch-ups of teammates' changes (catch-up-pacing.ts): changes asked for
 * together make one catch-up on the next turn of the event loop; after a
 * catch-up that took long, the next starts only as long after it (at most
 * MAX_PACE_MS); after a short one, at once.
 */
import { describe, expect, it } from 'vitest';
import { CatchUpPacer, MAX_PACE_MS, PACED_FROM_MS } from '../../../electron/services/team/catch-up-pacing';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a catch-up's work
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('pacing catch-ups', () => {
  it('makes one catch-up of what is asked for together, on the next turn, when the last was short', async () => {
    let runs = 0;
    const pacer = new CatchUpPacer(() => void runs++);
    pacer.schedule();
    pacer.schedule();
    pacer.schedule();
    expect(runs).toBe(0);
    await turn();
    expect(runs).toBe(1);
    pacer.schedule();
    await turn();
    expect(runs).toBe(2);
  });

  it('after a long catch-up, starts the next only as long after it', async () => {
    const starts: number[] = [];
    const ends: number[] = [];
    const pacer = new CatchUpPacer(() => {
      starts.push(performance.now());
      busy(40);
      ends.push(performance.now());
    });
    pacer.schedule();
    await turn();
    pacer.schedule();
    await turn();
    expect(starts).toHaveLength(1);
    await sleep(80);
    expect(starts).toHaveLength(2);
    const took = ends[0]! - starts[0]!;
    expect(took).toBeGreaterThanOrEqual(PACED_FROM_MS);
    expect(starts[1]! - ends[0]!).toBeGreaterThanOrEqual(took - 2);
  });

  it('waits at most MAX_PACE_MS, and nothing runs once cancelled', async () => {
    const starts: number[] = [];
    let first = true;
    const pacer = new CatchUpPacer(() => {
      starts.push(performance.now());
      if (first) busy(MAX_PACE_MS + 150);
      first = false;
    });
    pacer.schedule();
    await turn();
    const afterFirst = performance.now();
    pacer.schedule();
    await sleep(MAX_PACE_MS + 60);
    expect(starts).toHaveLength(2);
    expect(starts[1]! - afterFirst).toBeLessThan(MAX_PACE_MS + 60);
    pacer.schedule();
    pacer.cancel();
    await sleep(20);
    expect(starts).toHaveLength(2);
  });
});
