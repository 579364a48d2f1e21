/**
 * The graph canvas during a gesture. Drawing the picture sharp costs a few
 * milliseconds of rasterising on a quiet machine and far more on a busy one,
 * so while the analyst drags or wheels, the picture already drawn is moved
 * and scaled as it is (a CSS transform, done by the compositor) and drawn
 * sharp again once the gesture settles. The canvas reaches a margin past
 * the stage on every side, so a pan shows picture, not blank, until then.
 * Pure geometry, unit-tested (tests/unit/workbench/graph-bitmap-view.test.ts).
 */

/** A pan and zoom: a point (x, y) of the layout is shown at (x * k + view.x, y * k + view.y) of the stage. */
export interface View {
  x: number;
  y: number;
  k: number;
}

/** How far the canvas reaches past the stage on each side, in CSS pixels. */
export interface Margin {
  x: number;
  y: number;
}

/** The CSS transform of the canvas (origin at its top-left corner): scale, then translate. */
export interface BitmapTransform {
  scale: number;
  x: number;
  y: number;
}

/** The part of the stage's width and height the canvas reaches past it on each side. */
export const MARGIN_SHARE = 0.25;

export function canvasMargin(stageWidth: number, stageHeight: number): Margin {
  return { x: Math.round(stageWidth * MARGIN_SHARE), y: Math.round(stageHeight * MARGIN_SHARE) };
}

/** The view in the canvas's own pixels, whose top-left corner is `margin` above and left of the stage's. */
export function canvasView(view: View, margin: Margin): View {
  return { x: view.x + margin.x, y: view.y + margin.y, k: view.k };
}

/**
 * The transform that makes a canvas drawn at `drawn` show the picture at
 * `now`: a layout point drawn at canvas pixel c = k₀·p + t₀ + m is shown on
 * the stage at s·c + d − m, which must equal k·p + t for every p.
 */
export function bitmapTransform(drawn: View, now: View, margin: Margin): BitmapTransform {
  const scale = now.k / drawn.k;
  return { scale, x: now.x + margin.x - scale * (drawn.x + margin.x), y: now.y + margin.y - scale * (drawn.y + margin.y) };
}

/** As a CSS `transform` value (with `transform-origin: 0 0`); empty when the canvas shows the picture as drawn. */
export function transformCss(t: BitmapTransform): string {
  if (t.scale === 1 && t.x === 0 && t.y === 0) return '';
  return `translate(${t.x}px, ${t.y}px) scale(${t.scale})`;
}
