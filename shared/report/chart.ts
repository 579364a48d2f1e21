/**
 * The sourcing-mix chart: one horizontal stacked bar per article, one segment
 * per sourcing type of the claims' roots. Inline SVG, so the HTML report stays
 * one file and the PDF prints it sharply. Colours come from the taxonomy (hex,
 * validated by the casefile schema); every label is escaped.
 */
import { html, joinHtml, svg, type SafeHtml } from './escape';
import type { MixEntry, ReportArticle } from './model';
import { shorten } from '../text/wording';

/** More articles than this and the chart shows the ones with the most claims; the appendix lists all. */
export const CHART_MAX_ROWS = 40;

const WIDTH = 760;
const LABEL_W = 250;
const COUNT_W = 40;
const ROW_H = 22;
const BAR_H = 14;

export interface ChartRows {
  rows: ReportArticle[];
  omitted: number;
}

export function chartRows(articles: ReportArticle[]): ChartRows {
  const withClaims = articles.filter((a) => a.claimCount > 0);
  if (withClaims.length <= CHART_MAX_ROWS) return { rows: withClaims, omitted: 0 };
  const top = [...withClaims].sort((a, b) => b.claimCount - a.claimCount).slice(0, CHART_MAX_ROWS);
  const keep = new Set(top.map((a) => a.id));
  return { rows: withClaims.filter((a) => keep.has(a.id)), omitted: withClaims.length - CHART_MAX_ROWS };
}

export function sourcingMixSvg(articles: ReportArticle[]): SafeHtml {
  const { rows } = chartRows(articles);
  const max = Math.max(1, ...rows.map((a) => a.claimCount));
  const barSpace = WIDTH - LABEL_W - COUNT_W;
  const height = rows.length * ROW_H + 6;
  const bars = rows.map((a, i) => {
    const y = i * ROW_H + 4;
    let x = LABEL_W;
    const segments = a.mix.map((m) => {
      const w = (m.count / max) * barSpace;
      const seg = svg`<rect x="${x.toFixed(1)}" y="${y}" width="${Math.max(w, 0.5).toFixed(1)}" height="${BAR_H}" fill="${m.color}"><title>${m.label}: ${m.count}</title></rect>${
        w >= 16 ? svg`<text x="${(x + w / 2).toFixed(1)}" y="${y + BAR_H - 3}" text-anchor="middle" class="seg" fill="${textColourOn(m.color)}">${m.count}</text>` : ''
      }`;
      x += w;
      return seg;
    });
    // Each casefile value is isolated on its own (the svg tag), so the name is shortened before the date is set after it.
    const date = a.publishedAt ? `, ${shorten(a.publishedAt, 20)}` : '';
    const name = shorten(a.outlet || a.title, Math.max(12, 39 - a.ref.length - date.length));
    return svg`<g><text x="${LABEL_W - 8}" y="${y + BAR_H - 3}" text-anchor="end" class="lbl">${a.ref} ${name}${date}<title>${a.ref}: ${a.title}</title></text>${segments}<text x="${(x + 4).toFixed(1)}" y="${y + BAR_H - 3}" class="lbl">${a.claimCount}</text></g>`;
  });
  return svg`<svg xmlns="http://www.w3.org/2000/svg" class="mix-chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="Sourcing mix per article: claims by the sourcing type of their root source">${joinHtml(bars)}</svg>`;
}

/** The colour key as small inline SVG swatches (no style attributes, so the report's CSP stays strict). */
export function legendHtml(legend: MixEntry[]): SafeHtml {
  return html`<ul class="legend">${legend.map(
    (m) => html`<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" rx="2" fill="${m.color}"/></svg> ${m.label} <span class="muted">(${m.count})</span></li>`,
  )}</ul>`;
}

/** Black or white, whichever reads better on a #RRGGBB fill. */
export function textColourOn(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '#000000';
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return luminance > 0.3 ? '#000000' : '#FFFFFF';
}
