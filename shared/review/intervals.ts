/** Half-open character ranges [start, end) and the few operations review needs on them. */
export interface Interval {
  start: number;
  end: number;
}

/** Sorted, non-overlapping union of the ranges (touching ranges are joined). */
export function union(ranges: readonly Interval[]): Interval[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

export function totalLength(ranges: readonly Interval[]): number {
  let n = 0;
  for (const r of ranges) n += r.end - r.start;
  return n;
}

/** Length of the intersection of two sorted, non-overlapping lists. */
export function intersectionLength(a: readonly Interval[], b: readonly Interval[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) n += end - start;
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return n;
}

/** The intersection of two sorted, non-overlapping lists. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return out;
}

/** `ranges` with everything in `cut` removed (both sorted and non-overlapping). */
export function subtract(ranges: readonly Interval[], cut: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const r of ranges) {
    let start = r.start;
    while (j < cut.length && cut[j]!.end <= start) j++;
    let k = j;
    while (k < cut.length && cut[k]!.start < r.end) {
      if (cut[k]!.start > start) out.push({ start, end: cut[k]!.start });
      start = Math.max(start, cut[k]!.end);
      k++;
    }
    if (start < r.end) out.push({ start, end: r.end });
  }
  return out;
}

/** Overlap of two spans as a share of the shorter one (0 when either is empty). */
export function overlapShare(a: Interval, b: Interval): number {
  const shorter = Math.min(a.end - a.start, b.end - b.start);
  if (shorter <= 0) return 0;
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)) / shorter;
}
