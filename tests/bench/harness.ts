/** A benchmark figure and what it is measured against. */
export interface Figure {
  area: string;
  name: string;
  scale: string;
  value: number;
  unit: 'ms' | 's' | 'ratio' | 'fps' | 'MB' | 'count';
  /** The target from the issue, e.g. "≤ 2 s"; the check is `ok`. */
  target?: string;
  ok?: boolean;
}

export type BenchModule = (report: (figure: Figure) => void) => Promise<void>;

/** Runs `fn` `runs` times and returns the median time in ms. */
export async function medianMs(fn: () => unknown | Promise<unknown>, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * Runs `a` then `b`, `runs` times over, and returns each one's median time in ms:
 * the two see the same state of the heap, which timing all of `a` before all of `b` does not give them.
 */
export async function alternatingMedianMs(a: () => unknown | Promise<unknown>, b: () => unknown | Promise<unknown>, runs = 5): Promise<[number, number]> {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const t0 = performance.now();
      await fn();
      times[k]!.push(performance.now() - t0);
    }
  }
  return [median(times[0]), median(times[1])];
}

/** The middle value (the upper middle of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}
