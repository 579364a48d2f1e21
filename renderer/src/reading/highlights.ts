/**
 * Claim highlights with the CSS Custom Highlight API: ranges over the
 * paragraphs' text nodes, registered in CSS.highlights and coloured by
 * ::highlight() rules, so thousands of highlights never touch the DOM tree.
 * One Highlight per sourcing type (colour from the taxonomy), plus layers for
 * untagged and moved claims, the selected claim, page chrome and find matches.
 */
import type { SourcingType } from '../../../shared/model/schema';
import { staticRange, paragraphsOf } from './dom-offsets';

export interface Span {
  start: number;
  end: number;
}

/** Highlight names: fixed words plus the taxonomy position, never text from a casefile. */
export const LAYER = {
  type: (index: number) => `cb-type-${index}`,
  untagged: 'cb-untagged',
  /** A claim being created: drawn at once, replaced by the real one when the Node side has it. */
  pending: 'cb-pending',
  moved: 'cb-moved',
  selected: 'cb-selected',
  chrome: 'cb-chrome',
  find: 'cb-find',
  findCurrent: 'cb-find-current',
  /** Proposals of the attribution assistant: not claims yet (styles in proposals/proposals.css). */
  proposed: 'cb-proposed',
  proposedActive: 'cb-proposed-active',
} as const;

const PRIORITY: Record<string, number> = {
  [LAYER.chrome]: 0, [LAYER.untagged]: 1, [LAYER.pending]: 1, [LAYER.moved]: 2, [LAYER.proposed]: 2, [LAYER.proposedActive]: 3,
  [LAYER.selected]: 4, [LAYER.find]: 5, [LAYER.findCurrent]: 6,
};

/** Replaces the ranges of the given layers (others stay as they are). */
export function paintLayers(container: HTMLElement, layers: Map<string, Span[]>): void {
  const paragraphs = paragraphsOf(container);
  for (const [name, spans] of layers) {
    const ranges: StaticRange[] = [];
    for (const s of spans) {
      const r = staticRange(paragraphs, s.start, s.end);
      if (r) ranges.push(r);
    }
    if (!ranges.length) {
      CSS.highlights.delete(name);
      continue;
    }
    const highlight = new Highlight(...ranges);
    highlight.priority = PRIORITY[name] ?? 3;
    CSS.highlights.set(name, highlight);
  }
}

/** Draws the span of a claim being created in the article on screen (nothing when no article is shown). */
export function paintPending(span: Span | null): void {
  const container = document.querySelector<HTMLElement>('.reading-text');
  if (container) paintLayers(container, new Map([[LAYER.pending, span ? [span] : []]]));
}

/** Removes every highlight this module drew (when the reading view goes away). */
export function clearLayers(prefixOnly = 'cb-'): void {
  for (const name of [...CSS.highlights.keys()]) if (name.startsWith(prefixOnly)) CSS.highlights.delete(name);
}

const HEX = /^#[0-9a-fA-F]{6}$/;
let sheet: CSSStyleSheet | null = null;

/**
 * The ::highlight() rules of the sourcing types, in a constructed stylesheet
 * (the CSP allows no inline styles). Colours are checked as #rrggbb again here,
 * so nothing but a colour from the casefile reaches the CSS text.
 */
export function applyTypeColours(taxonomy: readonly SourcingType[]): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  const light: string[] = [];
  const dark: string[] = [];
  taxonomy.forEach((t, i) => {
    const colour = HEX.test(t.color) ? t.color : '#999999';
    const rule = (alpha: string) =>
      `::highlight(${LAYER.type(i)}) { background-color: ${colour}${alpha}; text-decoration-line: underline; text-decoration-color: ${colour}; text-decoration-thickness: 2px; }`;
    light.push(rule('33'));
    dark.push(rule('55'));
  });
  sheet.replaceSync(`${light.join('\n')}\n@media (prefers-color-scheme: dark) {\n${dark.join('\n')}\n}`);
}
