/**
 * The annotation report as one self-contained HTML file: no scripts, no
 * external requests (a strict CSP meta tag says so to the browser), charts and
 * the citation graph inline, a print stylesheet for paper and PDF. Every value
 * from the casefile goes through the `html` tag, which escapes it.
 */
import { legendHtml, sourcingMixSvg, chartRows } from './chart';
import { escapeHtml, html, joinHtml, SafeHtml, type HtmlValue } from './escape';
import { balanceBidi } from '../text/bidi';
import type { Stance } from '../model/schema';
import { STANCE_LABELS } from '../analysis/symbols';
import { chainText, type ReportArticle, type ReportClaim, type ReportHop, type ReportModel, type ReportProposition, type ReportReview } from './model';
import { mapPaced, type Pacer } from './progress';
import { PRINT_ONLY_CSP, PRINT_ONLY_CSS, REPORT_CSP, REPORT_CSS } from './style';
import {
  GRAPH_INTRO, HOW_TO_READ, articleCharsText, graphTrimmedText, assessmentText, copyText, coverLine, formatDate, formatDateTime, reviewerText, stanceMixText, suggestionText, verdictText,
} from './text';
import { plural } from '../text/wording';
import { sourceCountText } from '../claims/source-count';

export interface HtmlOptions {
  pacer?: Pacer;
}

/** A piece of the report body, with how many claims it shows (to cut long reports into parts). */
interface Block {
  html: SafeHtml;
  claims: number;
  /** A section heading: never the last thing of a part. */
  heading?: boolean;
}

/** Compact tables are cut every this many rows, so a long report can be split between them. */
const TABLE_ROWS = 400;

export async function buildHtmlReport(model: ReportModel, options: HtmlOptions = {}): Promise<string> {
  const blocks = await reportBlocks(model, options.pacer);
  return documentShell(model, blocks.map((b) => b.html));
}

/**
 * The report as several complete HTML documents of at most about
 * `claimsPerPart` claims each, cut between propositions or table slices: a
 * browser prints a few hundred pages at a time reliably, not thousands.
 * They are for printing only: shown on a screen they are blank (PRINT_ONLY_CSS),
 * so that the browser lays them out once, for the print, and not also while
 * they load.
 */
export interface PartOptions extends HtmlOptions {
  /** A report of at most this many claims stays one document. */
  wholeUpTo?: number;
}

export async function buildHtmlReportParts(model: ReportModel, claimsPerPart: number, options: PartOptions = {}): Promise<string[]> {
  const blocks = await reportBlocks(model, options.pacer);
  if (blocks.reduce((sum, b) => sum + b.claims, 0) <= (options.wholeUpTo ?? 0)) return [documentShell(model, blocks.map((b) => b.html), true)];
  const parts: Block[][] = [[]];
  let weight = 0;
  for (const block of blocks) {
    if (weight > 0 && weight + block.claims > claimsPerPart) {
      const previous = parts[parts.length - 1]!;
      const carried: Block[] = [];
      while (previous.length > 1 && previous[previous.length - 1]!.heading) carried.unshift(previous.pop()!);
      parts.push(carried);
      weight = 0;
    }
    parts[parts.length - 1]!.push(block);
    weight += block.claims;
  }
  return parts.map((part) => documentShell(model, part.map((b) => b.html), true));
}

function documentShell(model: ReportModel, body: SafeHtml[], printOnly = false): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${printOnly ? PRINT_ONLY_CSP : REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(model.generator)}">
<title>${escapeHtml(balanceBidi(model.title))}</title>
<style>${REPORT_CSS}</style>
${printOnly ? `<style>${PRINT_ONLY_CSS}</style>\n` : ''}</head>
<body>
${joinHtml(body, '\n')}
</body>
</html>
`;
}

function slices<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function reportBlocks(model: ReportModel, pacer: Pacer | undefined): Promise<Block[]> {
  const compact = model.compact;
  const s = model.sections;
  const toc: [string, string][] = [['how-to-read', 'How to read this report']];
  if (s.summary) toc.push(['summary', 'Summary']);
  if (s.propositions) toc.push(['propositions', 'Propositions and the claims behind them']);
  if (s.ungrouped) toc.push(['ungrouped', 'Claims not in any proposition']);
  if (s.graph) toc.push(['graph', 'Who cites whom: the citation graph']);
  if (s.appendix) toc.push(['appendix', 'Appendix: the articles']);

  const blocks: Block[] = [];
  const add = (value: SafeHtml, claims = 0, heading = false) => blocks.push({ html: value, claims, heading });
  add(cover(model));
  add(html`<nav aria-label="Contents"><h4>Contents</h4><ol>${toc.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ol></nav>`);
  add(html`<h2 id="how-to-read" class="no-break">How to read this report</h2><div class="howto">${HOW_TO_READ.map((p) => html`<p>${p}</p>`)}</div>`);
  if (s.summary) for (const block of summary(model)) blocks.push(block);
  if (s.propositions) {
    add(html`<h2 id="propositions">Propositions and the claims behind them</h2>${model.propositions.length
      ? html`<p>${plural(model.propositions.length, 'proposition')}, most appearances first. Each lists its member claims with their attribution chains.</p>`
      : html`<p class="empty">No propositions in this report.</p>`}`, 0, true);
    const props = await mapPaced(model.propositions, 'Writing propositions', pacer, (p) => proposition(p, compact));
    props.forEach((value, i) => add(value, model.propositions[i]!.members.length));
  }
  if (s.ungrouped) {
    add(html`<h2 id="ungrouped">Claims not in any proposition</h2>${model.ungrouped.length
      ? html`<p>${plural(model.ungrouped.length, 'claim')} the analyst marked but has not grouped with claims from other articles.</p>`
      : html`<p class="empty">Every claim in this report belongs to a proposition.</p>`}`, 0, true);
    const rows = await mapPaced(model.ungrouped, 'Writing claims', pacer, (c) => (compact ? claimRow(c, null, null) : claimCard(c, null, null)));
    if (compact) for (const slice of slices(rows, TABLE_ROWS)) add(claimTable(slice, false), slice.length);
    else for (const card of rows) add(card, 1);
  }
  if (s.graph) add(graph(model), 20);
  if (s.appendix) {
    add(html`<h2 id="appendix">Appendix: the articles</h2><p>Every article this report draws on, with where it came from and any copies of it the casefile knows about.</p>`, 0, true);
    const articles = await mapPaced(model.articles, 'Writing the appendix', pacer, compact ? appendixRow : appendixArticle);
    if (compact) for (const slice of slices(articles, TABLE_ROWS)) add(appendixTable(slice), Math.ceil(slice.length / 2));
    else for (const a of articles) add(a, 1);
  }
  add(html`<footer>Generated by ${model.generator} on ${formatDateTime(model.generatedAt)}. The quotes, chains and assessments are as recorded in the casefile. This file runs no scripts and loads nothing from the network.</footer>`);
  return blocks;
}

function cover(m: ReportModel): SafeHtml {
  const c = m.counts;
  return html`<header class="cover">
<p class="kicker">Source attribution report</p>
<h1>${m.title}</h1>
<p class="meta">${m.analyst ? html`Prepared by <b>${m.analyst}</b> · ` : ''}${formatDateTime(m.generatedAt)}</p>
<p class="meta">${coverLine(m)}${m.analysts.length ? html` · annotated by ${joinHtml(m.analysts, ', ')}` : ''}</p>
<ul class="counts">
<li><b>${c.articles.toLocaleString('en')}</b>${c.articles === 1 ? 'article' : 'articles'}</li>
<li><b>${c.claims.toLocaleString('en')}</b>${c.claims === 1 ? 'claim' : 'claims'}</li>
<li><b>${c.propositions.toLocaleString('en')}</b>${c.propositions === 1 ? 'proposition' : 'propositions'}</li>
<li><b>${c.sources.toLocaleString('en')}</b>${c.sources === 1 ? 'source' : 'sources'} in the chains</li>
</ul>
</header>`;
}

/**
 * The summary as blocks: its independence table is cut into slices like the
 * other long tables, since one table of thousands of rows is very slow to
 * print and would make one part far longer than the others.
 */
function summary(m: ReportModel): Block[] {
  const head = html`<h2 id="summary">Summary</h2>
<h3>Independence at a glance</h3>
<p>For each proposition: how many claims make it (appearances) and how many different root sources stand behind them (independent roots).</p>`;
  if (!m.propositions.length) return [{ html: html`${head}<p class="empty">No propositions yet: claims have not been grouped across articles.</p>`, claims: 0 }, summaryChart(m)];
  const tables = slices(m.propositions, TABLE_ROWS).map((rows): Block => ({ html: independenceTable(rows), claims: Math.ceil(rows.length / 2) }));
  tables[0] = { ...tables[0]!, html: html`${head}${tables[0]!.html}` };
  return [...tables, summaryChart(m)];
}

function independenceTable(props: ReportProposition[]): SafeHtml {
  return html`<table class="independence"><thead><tr><th>#</th><th>Proposition</th><th class="num">Appear&shy;ances</th><th class="num">Independent roots</th><th>Assessment</th></tr></thead><tbody>${props.map(
    (p) => html`<tr><td class="ref"><a href="#${p.ref}">${p.ref}</a></td><td>${p.statement}${p.flags.length ? html`<div class="flags">${joinHtml(p.flags, '; ')}</div>` : ''}</td><td class="num">${p.appearances}</td><td class="num">${p.independentRoots ?? '—'}</td><td>${assessmentCell(p)}</td></tr>`,
  )}</tbody></table>`;
}

function summaryChart(m: ReportModel): Block {
  const { omitted } = chartRows(m.articles);
  const chart = m.claims.length
    ? html`${legendHtml(m.legend)}${sourcingMixSvg(m.articles)}${omitted ? html`<p class="muted">The chart shows the ${40} articles with the most claims; ${plural(omitted, 'other article')} are listed in the appendix.</p>` : ''}`
    : html`<p class="empty">No claims yet.</p>`;
  return {
    html: html`<h3>How each article sources its claims</h3>
<p>Each bar is one article; its segments count the article’s claims by the sourcing type of their root source.</p>
${chart}`,
    claims: 10,
  };
}

/** The analyst's rating, or the computed suggestion marked as such. */
function assessmentCell(p: ReportProposition): SafeHtml {
  if (p.rating) return html`${p.rating}${p.suggestedRating && p.suggestedRating !== p.rating ? html`<div class="muted">suggested: ${p.suggestedRating}</div>` : ''}`;
  return p.suggestedRating ? html`<span class="muted">suggested: ${p.suggestedRating}</span>` : html`<span class="muted">not assessed</span>`;
}

function proposition(p: ReportProposition, compact: boolean): SafeHtml {
  const roots = p.roots.length ? html`<br>Independent roots: ${joinHtml(p.roots, '; ')}.` : '';
  const denials = p.denials.length ? html`<br>Denied by: ${joinHtml(p.denials, '; ')}.` : '';
  return html`<section class="prop" id="${p.ref}">
<h3><span class="ref">${p.ref}</span> ${p.statement}</h3>
<p class="verdict"><b>${verdictText(p)}</b> · ${stanceMixText(p)}.${roots}${denials}<br>Assessment: ${assessmentText(p)}${p.grade ? html` · Admiralty grade ${p.grade}` : ''}${p.review ? html` · Review: ${reviewBadge(p.review)}` : ''}${suggestionText(p) ? html`<br><span class="muted">${suggestionText(p)}</span>` : ''}</p>
${p.flags.length ? html`<ul class="flags">${p.flags.map((f) => html`<li>${f}</li>`)}</ul>` : ''}
${p.assessmentNotes ? html`<p class="note"><b>Analyst’s notes:</b> ${p.assessmentNotes}</p>` : ''}
${p.review?.comment ? html`<p class="note"><b>Reviewer (${p.review.by}):</b> ${p.review.comment}</p>` : ''}
${!p.members.length ? html`<p class="empty">No member claims.</p>`
    : compact ? claimTable(p.members.map((mem) => claimRow(mem.claim, mem.stance, p.ref)), true)
    : p.members.map((mem) => claimCard(mem.claim, mem.stance, p.ref))}
</section>`;
}

function swatch(color: string): SafeHtml {
  return html`<svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" rx="2" fill="${color}"/></svg>`;
}

function hopDetails(h: ReportHop): SafeHtml {
  const details: HtmlValue[] = [h.typeLabel.toLowerCase()];
  if (h.sourceCount !== null) details.push(sourceCountText(h.sourceCount));
  if (h.cue) details.push(html`cue “${h.cue}”`);
  if (h.hedging) details.push(html`hedged “${h.hedging}”`);
  if (h.quoteMode) details.push(h.quoteMode === 'quote' ? 'direct quote' : 'paraphrase');
  if (h.anonymityReasonGiven !== null && h.typeId === 'anonymous') details.push(h.anonymityReasonGiven ? 'reason for anonymity given' : 'no reason for anonymity given');
  if (h.grade) details.push(html`grade ${h.grade}`);
  return joinHtml(details, ', ');
}

function chainHtml(c: ReportClaim): SafeHtml {
  if (!c.chain.length) return html`<p class="chain"><span class="muted">Attribution:</span> <span class="badge">not yet traced</span></p>`;
  const hops = c.chain.map((h) => html`<span class="arrow">→</span><span class="hop">${swatch(h.color)}<b>${h.label.startsWith('unnamed (') ? 'unnamed source' : h.label}</b> <span class="muted">(${hopDetails(h)})</span>${h.note ? html` <span class="muted">— ${h.note}</span>` : ''}</span>`);
  return html`<p class="chain"><span class="muted">Attribution:</span> ${c.outlet || 'the article'} ${hops}</p>`;
}

function reviewBadge(r: ReportReview): SafeHtml {
  const label = r.status === 'needs-work' ? 'needs work' : r.status;
  return html`<span class="badge ${r.status}">${label}</span> <span class="muted">${reviewerText(r)}</span>`;
}

function claimCard(c: ReportClaim, stance: Stance | null, inProposition: string | null): SafeHtml {
  const others = c.propositions.filter((p) => p.ref !== inProposition).map((p) => p.ref);
  const anchor = c.anchor === 'exact' ? '' : html`<span><b>Position:</b> <span class="badge ${c.anchor}">${c.anchor === 'moved' ? 'moved in a newer text' : 'not found in the current text'}</span></span>`;
  return html`<div class="claim ${stance ?? ''}">
<blockquote>“${c.quote}”</blockquote>
<p class="where"><span class="ref">${c.ref}</span> · <b>${c.outlet || 'Unknown outlet'}</b>${c.publishedAt ? `, ${formatDate(c.publishedAt)}` : ''} · <a href="#${c.articleRef}">${c.articleRef}</a> ${c.articleTitle}</p>
${chainHtml(c)}
<p class="facts">${stance ? html`<span><b>Stance:</b> <span class="badge ${stance}">${STANCE_LABELS[stance]}</span></span>` : ''}<span><b>Root type:</b> ${swatch(c.rootTypeColor)}${c.rootTypeLabel}</span><span><b>Review:</b> ${c.review ? reviewBadge(c.review) : 'not reviewed'}</span>${anchor}${others.length ? html`<span><b>${inProposition ? 'Also in' : 'In'}:</b> ${others.join(', ')}</span>` : ''}<span class="muted">${c.proposedBy ? html`accepted from a proposal (${c.proposedBy}) by` : 'marked by'} ${c.createdBy || 'unknown'}, ${formatDate(c.createdAt)}</span></p>
${c.notes ? html`<p class="note"><b>Notes:</b> ${c.notes}</p>` : ''}
${c.review?.comment ? html`<p class="note"><b>Reviewer (${c.review.by}):</b> ${c.review.comment}</p>` : ''}
</div>`;
}

function graph(m: ReportModel): SafeHtml {
  const g = m.graph;
  // The SVG comes from shared/analysis, which escapes every label (escapeXml); it is trusted markup here.
  return html`<h2 id="graph">Who cites whom: the citation graph</h2>
<p>${GRAPH_INTRO}${g ? graphTrimmedText(g.nodes, g.omitted) : ''}</p>
${g ? html`<figure class="graph">${new SafeHtml(g.svg)}<figcaption>Citation graph of the claims in this report, from reporting outlets (left) to root sources (right).</figcaption></figure>` : html`<p class="empty">No attribution chains to draw yet.</p>`}`;
}

function appendixArticle(a: ReportArticle): SafeHtml {
  const url = safeHttpUrl(a.url);
  const rows: [string, HtmlValue][] = [
    ['Outlet', a.outlet || '—'],
    ['Author', a.author || '—'],
    ['Published', a.publishedAt ? formatDate(a.publishedAt) : 'unknown'],
    ['Web address', url ? html`<a href="${url}" rel="noopener noreferrer">${a.url}</a>` : a.url || '—'],
    ['Language', a.language || '—'],
    ['Imported from', html`${a.fileName}${a.format ? ` (${a.format})` : ''}, by ${a.createdBy || 'unknown'} on ${formatDate(a.createdAt)}`],
    ['Text', articleCharsText(a.textLength, a.excludedChars)],
    ['Claims', a.claimCount ? html`${a.claimCount} (${joinHtml(a.mix.map((m) => html`${m.count} ${m.label.toLowerCase()}`), ', ')})` : 'none'],
    ['Copies', a.copies.length ? html`${joinHtml(a.copies.map((c) => html`${copyText(c)}`), '; ')}` : 'none known'],
  ];
  if (a.notes) rows.push(['Notes', a.notes]);
  return html`<div class="appendix-article" id="${a.ref}"><h3><span class="ref">${a.ref}</span> ${a.title}</h3><dl class="article-meta">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl></div>`;
}

/** Compact layout: one table row per claim, for reports with thousands of claims. */
function claimRow(c: ReportClaim, stance: Stance | null, inProposition: string | null): SafeHtml {
  const others = c.propositions.filter((p) => p.ref !== inProposition).map((p) => p.ref);
  const chain = chainText(c) || 'not yet traced';
  const notes = [c.notes, c.review?.comment ? html`Reviewer (${c.review.by}): ${c.review.comment}` : ''].filter(Boolean);
  return html`<tr><td class="ref">${c.ref}</td><td>“${c.quote}”<div class="muted">${c.outlet || 'Unknown outlet'}${c.publishedAt ? `, ${formatDate(c.publishedAt)}` : ''} · ${c.articleRef}${others.length ? ` · also in ${others.join(', ')}` : ''}${c.anchor === 'exact' ? '' : ` · position ${c.anchor}`}</div>${notes.length ? html`<div class="muted">${joinHtml(notes, ' — ')}</div>` : ''}</td><td>${chain}</td>${stance ? html`<td>${STANCE_LABELS[stance]}</td>` : ''}<td>${c.review ? html`${c.review.status} (${c.review.by})` : '—'}</td></tr>`;
}

function claimTable(rows: SafeHtml[], withStance: boolean): SafeHtml {
  return html`<table class="claims-table"><thead><tr><th>#</th><th>Claim</th><th>Attribution chain</th>${withStance ? html`<th>Stance</th>` : ''}<th>Review</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function appendixRow(a: ReportArticle): SafeHtml {
  const url = safeHttpUrl(a.url);
  return html`<tr id="${a.ref}"><td class="ref">${a.ref}</td><td>${a.title}<div class="muted">${url ? html`<a href="${url}" rel="noopener noreferrer">${a.url}</a>` : a.url}</div></td><td>${a.outlet || '—'}</td><td>${a.publishedAt ? formatDate(a.publishedAt) : 'unknown'}</td><td class="num">${a.claimCount}</td><td>${a.copies.length ? joinHtml(a.copies.map(copyText), '; ') : '—'}</td></tr>`;
}

function appendixTable(rows: SafeHtml[]): SafeHtml {
  return html`<table class="articles-table"><thead><tr><th>#</th><th>Article</th><th>Outlet</th><th>Published</th><th class="num">Claims</th><th>Copies</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Only http(s) addresses become links; anything else (javascript:, data:, file:) stays text. */
export function safeHttpUrl(raw: string): string | null {
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
