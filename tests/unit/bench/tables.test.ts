import { describe, expect, it } from 'vitest';
import type { Figure } from '../../bench/harness';
import { spreadTable } from '../../bench/tables';

const figure = (name: string, value: number, ok?: boolean): Figure => ({
  area: 'team', name, scale: 'large', value, unit: 'ms', ...(ok === undefined ? {} : { target: '≤ 50 ms', ok }),
});

function rowsOf(text: string): string[][] {
  return text.trim().split('\n').slice(2).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

describe('the bench over several runs', () => {
  it('lists each run, the spread and how many runs met the target', () => {
    const rows = rowsOf(spreadTable([[figure('confirm', 40, true)], [figure('confirm', 72, false)], [figure('confirm', 45, true)]]));
    expect(rows).toEqual([['team', 'confirm', 'large', '40.0 ms', '72.0 ms', '45.0 ms', '40.0 ms – 72.0 ms', '≤ 50 ms', '2 of 3']]);
  });

  it('matches a figure whose name carries a measured size, and shows the last run\'s name', () => {
    const rows = rowsOf(spreadTable([[figure('sync (receive 1.28 s)', 3961)], [figure('sync (receive 1.06 s)', 3280)]]));
    expect(rows).toEqual([['team', 'sync (receive 1.06 s)', 'large', '3961 ms', '3280 ms', '3280 ms – 3961 ms', '', '']]);
  });

  it('marks a figure a run did not report', () => {
    const rows = rowsOf(spreadTable([[figure('a', 1), figure('b', 2)], [figure('a', 3)]]));
    expect(rows.map((r) => r.slice(1, 5))).toEqual([['a', 'large', '1.00 ms', '3.00 ms'], ['b', 'large', '2.00 ms', '—']]);
  });
});
