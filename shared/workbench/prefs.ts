/**
 * How an analyst likes the workbench laid out: pane sizes, which panes are
 * collapsed, and the reading density. Kept in the app's settings per analyst
 * name (never in a casefile), so a colleague at the same desk keeps their own.
 */
import { z } from 'zod';

/** Limits of each size, in CSS pixels (text width in em). Values outside are brought inside, never refused. */
export const PANE_LIMITS = {
  articlesWidth: { min: 180, max: 520 },
  sideWidth: { min: 300, max: 720 },
} as const;

export const DENSITY_CHOICES = {
  fontSize: [14, 15, 16, 17, 18, 20, 22],
  lineHeight: [1.35, 1.5, 1.65, 1.8, 2],
  textWidth: [34, 40, 46, 52, 60],
} as const;

export const DEFAULT_PREFS = {
  articlesWidth: 264,
  sideWidth: 400,
  articlesCollapsed: false,
  sideCollapsed: false,
  fontSize: 16,
  lineHeight: 1.5,
  textWidth: 46,
} as const;

const bounded = (min: number, max: number, fallback: number) =>
  z.number().finite().transform((n) => Math.round(Math.min(max, Math.max(min, n)))).catch(fallback);

const choice = <T extends readonly number[]>(choices: T, fallback: number) =>
  z.number().refine((n) => choices.includes(n)).catch(fallback);

export const WorkbenchPrefs = z.object({
  articlesWidth: bounded(PANE_LIMITS.articlesWidth.min, PANE_LIMITS.articlesWidth.max, DEFAULT_PREFS.articlesWidth),
  sideWidth: bounded(PANE_LIMITS.sideWidth.min, PANE_LIMITS.sideWidth.max, DEFAULT_PREFS.sideWidth),
  articlesCollapsed: z.boolean().catch(DEFAULT_PREFS.articlesCollapsed),
  sideCollapsed: z.boolean().catch(DEFAULT_PREFS.sideCollapsed),
  fontSize: choice(DENSITY_CHOICES.fontSize, DEFAULT_PREFS.fontSize),
  lineHeight: choice(DENSITY_CHOICES.lineHeight, DEFAULT_PREFS.lineHeight),
  textWidth: choice(DENSITY_CHOICES.textWidth, DEFAULT_PREFS.textWidth),
});
export type WorkbenchPrefs = z.output<typeof WorkbenchPrefs>;

/** Reads stored preferences leniently: a missing or bad value falls back to its default, the rest are kept. */
export function readPrefs(stored: unknown): WorkbenchPrefs {
  const record = stored && typeof stored === 'object' ? stored : {};
  return WorkbenchPrefs.parse({ ...DEFAULT_PREFS, ...record });
}

export function clampPaneWidth(pane: keyof typeof PANE_LIMITS, width: number): number {
  const { min, max } = PANE_LIMITS[pane];
  return Math.round(Math.min(max, Math.max(min, width)));
}
