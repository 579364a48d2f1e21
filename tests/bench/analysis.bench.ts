/**
 * Corroboration analysis at the large scale (2,000 articles, 40,000 claims,
 * 8,000 propositions): independence of every proposition (target ≤ 150 ms) and after one edit (≤ 16 ms)
 * and suggestions for one claim across all articles (target ≤ 100 ms), beside
 * a plain Fuse.js scan of the same passages for comparison; then the Graph
 * view of a 2,000-node citation graph in Chromium, its frames per second
 * counted with requestAnimationFrame while a script pans and zooms it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fuse from 'fuse.js';
import { chromium } from 'playwright-core';
import { buildCitationGraph } from '../../shared/analysis/citation-graph';
import { applyCommand } from '../../shared/commands/apply';
import type { Casefile } from '../../shared/model/schema';
import { computeIndependence } from '../../shared/analysis/independence';
import { reportedClauses, splitPassages } from '../../shared/analysis/passages';
import { suggestForClaim, suggestionIndex } from '../../shared/analysis/suggestions';
import { SCALES, generateCasefile } from '../support/generate';
import { startBuiltWebHost } from '../support/web-host';
import { medianMs, type BenchModule } from './harness';

const INDEPENDENCE_TARGET_MS = 150;
const INDEPENDENCE_EDIT_TARGET_MS = 16;
const SUGGEST_TARGET_MS = 100;

export const analysisBench: BenchModule = async (report) => {
  const scale = SCALES.large;
  const cf = generateCasefile(scale);
  const propositions = Object.keys(cf.propositions).length;

  // New casefile and registry objects per run: nothing may be reused from a previous computation.
  const independenceMs = await medianMs(() => computeIndependence({ ...cf, sources: { ...cf.sources } }), 7);
  report({
    area: 'analysis', name: `independence of all ${propositions} propositions`, scale: scale.name,
    value: independenceMs, unit: 'ms', target: `≤ ${INDEPENDENCE_TARGET_MS} ms`, ok: independenceMs <= INDEPENDENCE_TARGET_MS,
  });

  // What the analyst waits for after an edit: one claim's notes changed; independence updated from the command's changes.
  computeIndependence(cf);
  let edited = cf;
  let n = 0;
  const claimInProposition = Object.values(cf.propositions)[0]!.members[0]!.claimId;
  const commandMs: number[] = [];
  const updateMs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    edited = applyCommand(edited, { type: 'claim.setNotes', claimId: claimInProposition, notes: `note ${n++}` }, { name: 'Bench', now: new Date().toISOString() }).state;
    const t1 = performance.now();
    computeIndependence(edited);
    updateMs.push(performance.now() - t1);
    commandMs.push(t1 - t0);
  }
  const editMs = middle(updateMs);
  report({
    area: 'analysis', name: 'independence after editing one claim (updated from the command\'s changes)', scale: scale.name,
    value: editMs, unit: 'ms', target: `≤ ${INDEPENDENCE_EDIT_TARGET_MS} ms`, ok: editMs <= INDEPENDENCE_EDIT_TARGET_MS,
  });
  report({ area: 'analysis', name: 'the command itself (applyCommand: immer copies the 40,000-key claims record)', scale: scale.name, value: middle(commandMs), unit: 'ms' });

  const t0 = performance.now();
  const index = suggestionIndex(cf.articles);
  report({ area: 'analysis', name: `suggestion index build (${index.passages.length} passages, once per article set)`, scale: scale.name, value: performance.now() - t0, unit: 'ms' });

  const claims = Object.values(cf.claims).filter((_, i) => i % 4_000 === 0);
  let q = 0;
  const suggestMs = await medianMs(() => suggestForClaim(cf, claims[q++ % claims.length]!, { limit: 10 }), claims.length);
  report({
    area: 'analysis', name: `suggestions for one claim across ${Object.keys(cf.articles).length} articles`, scale: scale.name,
    value: suggestMs, unit: 'ms', target: `≤ ${SUGGEST_TARGET_MS} ms`, ok: suggestMs <= SUGGEST_TARGET_MS,
  });

  const passages = Object.values(cf.articles).flatMap((a) =>
    splitPassages(a.text, a.excluded).flatMap((s) => [s, ...reportedClauses(a.text, s)]).map((s) => a.text.slice(s.start, s.end)),
  );
  const fuse = new Fuse(passages, { ignoreLocation: true, threshold: 0.4, includeScore: true });
  let f = 0;
  // One run: a plain Fuse.js scan of this many passages takes tens of seconds.
  const fuseMs = await medianMs(() => fuse.search(claims[f++ % claims.length]!.quote.exact, { limit: 10 }), 1);
  report({ area: 'analysis', name: `plain Fuse.js scan of the same ${passages.length} passages`, scale: scale.name, value: fuseMs, unit: 'ms' });
  report({ area: 'analysis', name: 'Fuse.js scan time ÷ suggestions time (times faster)', scale: scale.name, value: fuseMs / suggestMs, unit: 'ratio' });

  await graphFps(report, cf);
};

const GRAPH_NODES = 2_000;
const FPS_TARGET = 30;
const PAN_ZOOM_SECONDS = 6;

/** Claims of the large casefile whose chains make a citation graph of about `nodes` nodes. */
function casefileWithGraphOf(cf: Casefile, nodes: number): { casefile: Casefile; nodes: number; edges: number } {
  const ids = Object.keys(cf.claims);
  let lo = 1;
  let hi = ids.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (buildCitationGraph(cf, { claimIds: ids.slice(0, mid) }).nodes.length < nodes) lo = mid + 1;
    else hi = mid;
  }
  const claims = Object.fromEntries(ids.slice(0, lo).map((id) => [id, cf.claims[id]!]));
  const articleIds = new Set(Object.values(claims).map((c) => c.articleId));
  const casefile: Casefile = {
    ...cf, meta: { ...cf.meta, title: 'Graph benchmark' }, claims, propositions: {},
    articles: Object.fromEntries(Object.entries(cf.articles).filter(([id]) => articleIds.has(id))),
  };
  const graph = buildCitationGraph(casefile);
  return { casefile, nodes: graph.nodes.length, edges: graph.edges.length };
}

function middle(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export async function graphFps(report: Parameters<BenchModule>[0], cf: Casefile): Promise<void> {
  const { casefile, nodes, edges } = casefileWithGraphOf(cf, GRAPH_NODES);
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-'));
  writeFileSync(path.join(workspace, 'graph-bench.corroborate'), JSON.stringify(casefile));
  const host = await startBuiltWebHost({ workspace });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--no-first-run'], headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.getByLabel('Your name').fill('Bench');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.file-button', { hasText: 'graph-bench' }).click();
    await page.getByRole('tab', { name: 'Graph' }).waitFor({ timeout: 120_000 });
    const t0 = performance.now();
    await page.getByRole('tab', { name: 'Graph' }).click();
    await page.getByTestId('graph-svg').waitFor({ timeout: 600_000 });
    report({ area: 'analysis', name: `graph view shown: layout (in a worker) and drawing, ${nodes} nodes / ${edges} edges`, scale: 'large', value: (performance.now() - t0) / 1000, unit: 's' });

    const svg = (await page.getByTestId('graph-svg').boundingBox())!;
    const cx = svg.x + svg.width / 2;
    const cy = svg.y + svg.height / 2;
    // Page scripts as text: a bundler's helpers (esbuild's __name) do not exist in the page.
    await page.evaluate(`(() => {
      window.benchFrames = [];
      window.benchCounting = true;
      const tick = (t) => {
        window.benchFrames.push(t);
        if (window.benchCounting) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const end = Date.now() + PAN_ZOOM_SECONDS * 1000;
    let round = 0;
    while (Date.now() < end) {
      // Drag to pan, then wheel to zoom in and out, as an analyst explores.
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx + (round % 2 ? -220 : 220), cy + (round % 2 ? -120 : 120), { steps: 20 });
      await page.mouse.up();
      for (let i = 0; i < 6; i++) await page.mouse.wheel(0, round % 2 ? 120 : -120);
      round++;
    }
    const frames = await page.evaluate<number[]>('(() => { window.benchCounting = false; return window.benchFrames; })()');
    const seconds = (frames[frames.length - 1]! - frames[0]!) / 1000;
    const fps = (frames.length - 1) / seconds;
    const gaps = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
    report({ area: 'analysis', name: `graph pan/zoom frames per second (${nodes} nodes, headless Chromium)`, scale: 'large', value: fps, unit: 'fps', target: `≥ ${FPS_TARGET} fps`, ok: fps >= FPS_TARGET });
    report({ area: 'analysis', name: 'graph pan/zoom 95th-percentile frame time', scale: 'large', value: gaps[Math.floor(gaps.length * 0.95)] ?? 0, unit: 'ms' });
  } finally {
    await browser.close();
    await host.stop();
  }
}
