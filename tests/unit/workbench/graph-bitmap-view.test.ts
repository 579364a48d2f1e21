/** The graph canvas moved and scaled as it is during a gesture (renderer/src/graph/bitmap-view.ts). */
import { describe, expect, test } from 'vitest';
import { bitmapTransform, canvasMargin, canvasView, transformCss, type Margin, type View } from '../../../renderer/src/graph/bitmap-view';

/** Where a layout point drawn into the canvas at `drawn` lands on the stage once the canvas is transformed. */
function shownAt(p: { x: number; y: number }, drawn: View, now: View, margin: Margin): { x: number; y: number } {
  const v = canvasView(drawn, margin);
  const c = { x: p.x * v.k + v.x, y: p.y * v.k + v.y };
  const t = bitmapTransform(drawn, now, margin);
  return { x: c.x * t.scale + t.x - margin.x, y: c.y * t.scale + t.y - margin.y };
}

describe('the drawn canvas moved to a new view', () => {
  const margin = canvasMargin(1280, 800);
  const points = [{ x: 0, y: 0 }, { x: 900, y: 26_000 }, { x: -40, y: 51_900 }, { x: 1_800, y: 3.5 }];

  test('the margin is a quarter of the stage on each side', () => {
    expect(margin).toEqual({ x: 320, y: 200 });
  });

  test('every point is shown where the new view puts it: pans, zooms in and out, both', () => {
    const drawn: View = { x: 612.5, y: 10.25, k: 0.0153 };
    const views: View[] = [drawn, { ...drawn, x: drawn.x + 220, y: drawn.y - 120 }, { x: -300, y: 40, k: 0.041 }, { x: 800, y: -2_000, k: 0.006 }, { x: 1, y: 2, k: 3.2 }];
    for (const now of views) {
      for (const p of points) {
        const at = shownAt(p, drawn, now, margin);
        expect(at.x).toBeCloseTo(p.x * now.k + now.x, 6);
        expect(at.y).toBeCloseTo(p.y * now.k + now.y, 6);
      }
    }
  });

  test('at the view it was drawn at, the canvas is not transformed', () => {
    const drawn: View = { x: 10, y: 20, k: 0.5 };
    expect(bitmapTransform(drawn, drawn, margin)).toEqual({ scale: 1, x: 0, y: 0 });
    expect(transformCss(bitmapTransform(drawn, drawn, margin))).toBe('');
  });

  test('a pan alone is a translation by the pan; a zoom scales by the ratio of the zooms', () => {
    const drawn: View = { x: 10, y: 20, k: 0.5 };
    expect(bitmapTransform(drawn, { x: 30, y: -5, k: 0.5 }, margin)).toEqual({ scale: 1, x: 20, y: -25 });
    expect(bitmapTransform(drawn, { ...drawn, k: 1 }, { x: 0, y: 0 }).scale).toBe(2);
    expect(transformCss({ scale: 2, x: -10, y: 4 })).toBe('translate(-10px, 4px) scale(2)');
  });
});
