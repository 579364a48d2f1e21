import { useState } from 'react';
import { useStore } from '../lib/store';
import { recompare, reviewStore } from './review-store';

/** How much two spans must overlap to be taken as the same claim; changing it compares again. */
export function OverlapSetting() {
  const { minOverlap, busy } = useStore(reviewStore);
  const [value, setValue] = useState(String(Math.round(minOverlap * 100)));
  const apply = () => {
    const n = Number(value);
    if (Number.isFinite(n) && n >= 1 && n <= 100 && n / 100 !== minOverlap) void recompare(n / 100);
    else setValue(String(Math.round(minOverlap * 100)));
  };
  return (
    <label className="review-overlap" title="Two claims are the same claim when their spans overlap by at least this share of the shorter one">
      <span>Overlap ≥</span>
      <input type="number" min={1} max={100} step={5} value={value} disabled={busy} aria-label="Minimum overlap, percent of the shorter span"
        onChange={(e) => setValue(e.target.value)} onBlur={apply} onKeyDown={(e) => { if (e.key === 'Enter') apply(); }} />
      <span>%</span>
    </label>
  );
}
