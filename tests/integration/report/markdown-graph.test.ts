/**
 * The Markdown report's citation graph is a Mermaid diagram. These tests draw
 * it with the real Mermaid library in Chromium, as GitHub or an editor would:
 * every source becomes a box with its exact name, every link an arrow, and a
 * hostile casefile's names stay text.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReportGraph } from '../../../shared/report/model';
import { buildReportText, reportModel } from '../../../shared/report/index';
import { ReportOptions } from '../../../shared/report/options';
import { launchChromium, screenshot } from '../../support/browser';
import { buildHostileCasefile, EVIL_HOST } from '../../fixtures/report/hostile-casefile';
import { buildSeedCasefile } from '../../fixtures/report/seed-casefile';
import type { Casefile } from '../../../shared/model/schema';

const MERMAID_JS = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function markdownGraph(casefile: Casefile): Promise<{ diagram: string; graph: ReportGraph }> {
  const model = reportModel(casefile, ReportOptions.parse({ analyst: 'Dana Whitfield' }), { now: '2024-10-03T12:00:00Z' });
  const md = await buildReportText(model, 'md');
  const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1];
  expect(diagram, 'the Markdown report has a mermaid block').toBeTruthy();
  return { diagram: diagram!, graph: model.graph! };
}

/** Draws a diagram with Mermaid in a blank page that may fetch nothing; returns the page. */
async function draw(diagram: string, requests: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  await page.setContent('<!doctype html><meta charset="utf-8"><body style="margin:0;background:#fff"><div id="out"></div></body>');
  await page.addScriptTag({ path: MERMAID_JS });
  await page.evaluate(async (text) => {
    const mermaid = (window as unknown as { mermaid: { initialize(c: object): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    const { svg } = await mermaid.render('graph', text);
    document.getElementById('out')!.innerHTML = svg;
  }, diagram);
  return page;
}

/** The text of each drawn node, in the order of the diagram's node ids (n0, n1, …). */
async function nodeLabels(page: Page): Promise<string[]> {
  return page.$$eval('#out g.node', (nodes) =>
    nodes
      .map((n) => ({ index: Number(/-n(\d+)-/.exec(n.id)?.[1] ?? -1), text: (n.textContent ?? '').replace(/\s+/g, ' ').trim() }))
      .sort((a, b) => a.index - b.index)
      .map((n) => n.text),
  );
}

/** Labels as the diagram shows them: one line, cut at 48 characters. */
function shown(label: string): string {
  const chars = [...label.replace(/\s+/g, ' ').trim()];
  return chars.length > 48 ? `${chars.slice(0, 47).join('')}…` : chars.join('');
}

describe('the citation graph in the Markdown report', () => {
  test('Mermaid draws every source with its name and every link as an arrow', async () => {
    const { diagram, graph } = await markdownGraph(buildSeedCasefile());
    const requests: string[] = [];
    const page = await draw(diagram, requests);
    expect(await nodeLabels(page)).toEqual(graph.sources.map((s) => shown(s.label)));
    expect(await page.locator('#out .edgePaths path').count()).toBe(graph.links.length);
    expect(graph.links.some((l) => l.kind === 'reports') && graph.links.some((l) => l.kind === 'cites')).toBe(true);
    await screenshot(page, 'report-markdown-graph');
    expect(requests).toEqual([]);
    await page.close();
  });

  test('hostile source names are drawn as text: no element, link or request comes from them', async () => {
    const { diagram, graph } = await markdownGraph(buildHostileCasefile());
    // Every line is one of the few the writer makes; a label holds letters, digits, spaces and entity codes only.
    const label = String.raw`"[\p{L}\p{N} #;…]*"`;
    const allowed = new RegExp(String.raw`^(flowchart LR|  n\d+(\[|\(\[|\[\[|\[/|\{\{|\()${label}(\]|\]\)|\]\]|/\]|\}\}|\))|  n\d+ (-->|-\.->)\|"\d+"\| n\d+|  classDef root stroke-width:3px|  classDef anonymous stroke-dasharray:6 3|  classDef unnamed stroke-dasharray:2 3|  class (n\d+,?)+ (root|anonymous|unnamed)|  linkStyle (\d+,?)+ stroke:#a3161b,stroke-width:2px)$`, 'u');
    for (const line of diagram.split('\n')) expect(line).toMatch(allowed);
    const requests: string[] = [];
    const page = await draw(diagram, requests);
    expect(await nodeLabels(page)).toEqual(graph.sources.map((s) => shown(s.label)));
    expect(await page.locator('#out script, #out iframe, #out img, #out a, #out foreignObject *[onerror], #out *[onclick]').count()).toBe(0);
    expect(await page.evaluate(() => document.title)).toBe('');
    expect(requests.filter((u) => u.includes(EVIL_HOST))).toEqual([]);
    expect(requests).toEqual([]);
    await screenshot(page, 'report-markdown-graph-hostile');
    await page.close();
  });
});
