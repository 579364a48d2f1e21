import { JSDOM } from 'jsdom';
import Papa from 'papaparse';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Casefile } from '../../../shared/model/schema';
import { CSV_COLUMNS } from '../../../shared/report/csv';
import { escapeMarkdown } from '../../../shared/report/escape';
import { buildHtmlReportParts } from '../../../shared/report/html';
import { buildReportText, reportModel } from '../../../shared/report/index';
import { ReportScopeError, type ReportModel } from '../../../shared/report/model';
import { ReportOptions, type ReportOptionsInput } from '../../../shared/report/options';
import { REPORT_CSS, REPORT_STYLE_HASH } from '../../../shared/report/style';
import { buildSeedCasefile, REVIEWER, SEED_CLAIM_QUOTES, SEED_COUNTS } from '../../fixtures/report/seed-casefile';

const NOW = '2024-10-03T12:00:00.000Z';
let seed: Casefile;
let model: ReportModel;

function modelOf(input: ReportOptionsInput = {}): ReportModel {
  return reportModel(seed, ReportOptions.parse({ analyst: 'Dana Whitfield', ...input }), { now: NOW, generator: 'Corroborate test' });
}

beforeAll(() => {
  seed = buildSeedCasefile();
  model = modelOf();
});

describe('report model of the seed casefile', () => {
  test('covers every article, claim and proposition', () => {
    expect(model.counts).toMatchObject({ articles: SEED_COUNTS.articles, claims: SEED_COUNTS.claims, propositions: SEED_COUNTS.propositions });
    expect(model.ungrouped.map((c) => c.id).sort()).toEqual(['c_drones_004', 'c_iran_000', 'c_nato_003', 'c_neutral_000', 'c_sanctions_002', 'c_shipped_002']);
  });

  test('reads attribution chains from the article outward, as the domain guide writes them', () => {
    const dev = model.claims.find((c) => c.id === 'c_dev_000')!;
    expect(dev.chainText).toBe('Kyiv Independent → Bloomberg (outlet citing outlet) → European officials familiar with the matter (anonymous, 2 sources)');
    expect(dev.hedged).toBe(true);
    expect(dev.rootTypeLabel).toBe('Anonymous');
  });

  test('gives the worked example’s numbers: three relays of Reuters plus the Times’ official are two roots', () => {
    const programme = model.propositions.find((p) => p.id === 'p_programme')!;
    expect(programme.appearances).toBe(4);
    expect(programme.independentRoots).toBe(2);
    expect(programme.roots.join(' | ')).toMatch(/Kupol reports.*Reuters/);
    expect(programme.roots.join(' | ')).toMatch(/western official/i);
    const shahed = model.propositions.find((p) => p.id === 'p_shahed')!;
    expect(shahed.independentRoots).toBe(1);
    expect(shahed.flags.join(' ')).toMatch(/one source, echoed 2 times/);
    const aid = model.propositions.find((p) => p.id === 'p_lethal_aid')!;
    expect(aid.contradicts).toBe(2);
    expect(aid.denials.join(' ')).toMatch(/Liu Pengyu/);
  });

  test('lists copies in the appendix and counts page chrome', () => {
    const a000 = model.articles.find((a) => a.id === 'a_000')!;
    expect(a000.copies).toEqual([expect.objectContaining({ articleId: 'a_001', status: 'linked', kind: 'near-duplicate' })]);
    expect(a000.excludedChars).toBeGreaterThan(500);
  });

  test('a proposition scope keeps only those propositions, their claims and their articles', () => {
    const scoped = modelOf({ scope: { kind: 'propositions', propositionIds: ['p_programme'] } });
    expect(scoped.propositions.map((p) => p.id)).toEqual(['p_programme']);
    expect(scoped.claims.map((c) => c.id).sort()).toEqual(['c_corrob_002', 'c_prog_002', 'c_prog_003', 'c_prog_004']);
    expect(scoped.articles.map((a) => a.id).sort()).toEqual(['a_002', 'a_003', 'a_004']);
    expect(scoped.ungrouped).toEqual([]);
  });

  test('an article scope keeps its claims and shows its propositions with every member', () => {
    const scoped = modelOf({ scope: { kind: 'article', articleId: 'a_003' } });
    expect(scoped.claims.every((c) => c.articleId === 'a_003')).toBe(true);
    expect(scoped.claims).toHaveLength(4);
    expect(scoped.propositions.map((p) => p.id).sort()).toEqual(['p_lethal_aid', 'p_programme', 'p_unaware']);
    expect(scoped.propositions.find((p) => p.id === 'p_programme')!.members).toHaveLength(4);
  });

  test('a scope naming nothing that exists is refused with a message', () => {
    expect(() => modelOf({ scope: { kind: 'propositions', propositionIds: ['p_nope'] } })).toThrow(ReportScopeError);
    expect(() => modelOf({ scope: { kind: 'article', articleId: 'a_nope' } })).toThrow(/does not exist/);
  });
});

describe('formats read back', () => {
  test('CSV: BOM, CRLF, one row per claim with chains and independent roots', async () => {
    const csv = await buildReportText(model, 'csv');
    expect(csv.startsWith('\uFEFF"claim_ref"')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(SEED_COUNTS.claims);
    expect(parsed.data.map((r) => r.quote).sort()).toEqual([...SEED_CLAIM_QUOTES].sort());
    const prog = parsed.data.find((r) => r.claim_id === 'c_prog_004')!;
    expect(prog.attribution_chain).toBe('UK weekly news digest → Reuters (outlet citing outlet) → Kupol reports to the Russian defence ministry, seen by Reuters (document)');
    expect(prog.independent_roots).toBe('2');
    expect(prog.appearances).toBe('4');
    expect(prog.review_status).toBe('approved');
    expect(prog.hedging).toBe('reportedly');
    const aid = parsed.data.find((r) => r.claim_id === 'c_deny_000')!;
    expect(aid.stances).toBe('contradicts');
    expect(aid.propositions).toMatch(/^P\d+: China provides lethal aid to Russia$/);
  });

  test('CSV: every line ends in CRLF, also between records', async () => {
    const csv = await buildReportText(model, 'csv');
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, 'x');
    expect(outsideQuotes.match(/\n/g)!.length).toBe(SEED_COUNTS.claims + 1);
    expect(outsideQuotes.match(/\r\n/g)!.length).toBe(SEED_COUNTS.claims + 1);
  });

  test('Markdown: every quote, chain and verdict is there', async () => {
    const md = await buildReportText(model, 'md');
    for (const quote of SEED_CLAIM_QUOTES) expect(md).toContain(escapeMarkdown(quote));
    expect(md).toContain('**4 appearances, 2 independent roots**');
    expect(md).toContain('Attribution: Kyiv Independent → Bloomberg (outlet citing outlet) → European officials familiar with the matter (anonymous, 2 sources)');
    expect(md).toMatch(/^## How to read this report$/m);
    // Two roots, but the rating is not "corroborated": the suggestion weighs them and says why.
    expect(md).toMatch(/^\| P\d \| Russia set up a drone programme in China \| 4 \| 2 \| single source \|$/m);
    // Each review is credited to its reviewer, with the time of the review itself.
    expect(md).toContain(`Review: approved by ${REVIEWER}, 2 October 2024, 10:00 UTC`);
    expect(md).toContain("Computed suggestion: single source. 2 independent roots, but one is an anonymous source (A western official (The Times)) known only through News aggregator's relay of The Times.");
  });

  test('HTML: one self-contained file with every claim, the independence table, chart and graph', async () => {
    const html = await buildReportText(model, 'html');
    const { document } = new JSDOM(html).window;
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toContain(`style-src ${REPORT_STYLE_HASH}`);
    expect(document.querySelector('style')!.textContent).toBe(REPORT_CSS);
    const rows = [...document.querySelectorAll('table.independence tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r[1] === 'Russia set up a drone programme in China')!.slice(2, 4)).toEqual(['4', '2']);
    const memberCards = document.querySelectorAll('#propositions ~ .prop .claim');
    expect(memberCards).toHaveLength(13);
    const text = document.body.textContent!;
    for (const quote of SEED_CLAIM_QUOTES) expect(text).toContain(`“${quote}”`);
    expect(document.querySelector('svg.mix-chart')!.querySelectorAll('g')).toHaveLength(5);
    expect(document.querySelector('figure.graph svg')).not.toBeNull();
    expect(document.querySelectorAll('.appendix-article')).toHaveLength(5);
    // Nothing refers outside the file except the articles' own web addresses.
    const external = [...document.querySelectorAll('[src], link[href]')];
    expect(external).toEqual([]);
  });

  test('compact layout: one table row per claim, the same claims and figures', async () => {
    const compact = modelOf({ layout: 'compact' });
    expect(compact.compact).toBe(true);
    expect(model.compact).toBe(false);
    const { document } = new JSDOM(await buildReportText(compact, 'html')).window;
    expect(document.querySelectorAll('.claim')).toHaveLength(0);
    expect(document.querySelectorAll('.prop table.claims-table tbody tr')).toHaveLength(13);
    expect(document.querySelectorAll('#ungrouped + p + table.claims-table tbody tr')).toHaveLength(6);
    expect(document.querySelectorAll('table.articles-table tbody tr')).toHaveLength(5);
    const text = document.body.textContent!;
    for (const quote of SEED_CLAIM_QUOTES) expect(text).toContain(`“${quote}”`);
    expect(text).toContain('Kyiv Independent → Bloomberg (outlet citing outlet) → Liu Pengyu (named official)');
  });

  test('a long report splits into complete documents between propositions, never after a heading', async () => {
    const parts = await buildHtmlReportParts(model, 4);
    expect(parts.length).toBeGreaterThan(3);
    let text = '';
    for (const part of parts) {
      const { document } = new JSDOM(part).window;
      expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')).not.toBeNull();
      expect(document.querySelector('style')!.textContent).toBe(REPORT_CSS);
      const last = document.body.lastElementChild!;
      expect(last.tagName === 'H2' || (last.tagName === 'P' && last.previousElementSibling?.tagName === 'H2')).toBe(false);
      text += document.body.textContent;
    }
    for (const quote of SEED_CLAIM_QUOTES) expect(text).toContain(`“${quote}”`);
    expect((await buildHtmlReportParts(model, 10_000)).length).toBe(1);
  });

  test('sections left out are not in the report', async () => {
    const html = await buildReportText(modelOf({ sections: { summary: true, propositions: false, ungrouped: false, graph: false, appendix: false } }), 'html');
    const { document } = new JSDOM(html).window;
    expect(document.querySelector('#summary')).not.toBeNull();
    expect(document.querySelector('#propositions, #ungrouped, #graph, #appendix')).toBeNull();
  });
});
