/** The bench's printed tables: one run's figures, or each figure's spread over several runs. */
import type { Figure } from './harness';

export function format(f: Figure): string {
  const digits = f.unit === 'ratio' ? 2 : f.value < 10 ? 2 : f.value < 100 ? 1 : 0;
  return `${f.value.toFixed(digits)} ${f.unit}`;
}

export function table(figures: Figure[]): string {
  return markdownTable(['area', 'figure', 'scale', 'value', 'target', ''], figures.map((f) => [f.area, f.name, f.scale, format(f), f.target ?? '', f.ok === undefined ? '' : f.ok ? 'ok' : 'MISSED']));
}

/**
 * Each figure over several runs: every run's value, the spread (lowest–highest)
 * and how many runs met its target. Figures are matched by area, scale and
 * name with its numbers left out (some names carry a measured size); the name
 * shown is the last run's.
 */
export function spreadTable(figuresByRun: Figure[][]): string {
  const rows = new Map<string, (Figure | undefined)[]>();
  figuresByRun.forEach((figures, run) => {
    for (const f of figures) {
      const key = `${f.area}|${f.scale}|${f.name.replace(/\d[\d.,]*/g, '#')}`;
      const row = rows.get(key) ?? new Array<Figure | undefined>(figuresByRun.length).fill(undefined);
      row[run] = f;
      rows.set(key, row);
    }
  });
  const runs = figuresByRun.length;
  const header = ['area', 'figure', 'scale', ...figuresByRun.map((_, i) => `run ${i + 1}`), 'spread', 'target', 'met'];
  const cells = [...rows.values()].map((row) => {
    const seen = row.filter((f): f is Figure => f !== undefined);
    const last = seen[seen.length - 1]!;
    const values = seen.map((f) => f.value);
    const spread = `${format({ ...last, value: Math.min(...values) })} – ${format({ ...last, value: Math.max(...values) })}`;
    const met = last.ok === undefined ? '' : `${seen.filter((f) => f.ok).length} of ${runs}`;
    return [last.area, last.name, last.scale, ...row.map((f) => (f ? format(f) : '—')), spread, last.target ?? '', met];
  });
  return markdownTable(header, cells);
}

function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return `${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`;
}
