/**
 * Issue 16's "a claim confirmed by the Node side and drawn in its type" alone
 * (`node dist-electron/bench.cjs confirm`): the large casefile in browser mode,
 * a claim created with the key C until the Node side's answer is applied in
 * the window and the claim is drawn in its type layer. The `claims` module
 * measures the same among its other figures; this one repeats it more often
 * (`BENCH_CONFIRM_RUNS`, 9 unless set) and, with `BENCH_PROFILE=1`, prints
 * where the time goes on both sides: a CPU profile of this process (the host's
 * API handlers run here) and one of the window, each as self time and as
 * inclusive time of the functions on the path.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { generateCasefile, SCALES } from '../support/generate';
import { CasefileSession } from '../../electron/services/casefile/session';
import { benchWindow, timeClaimCreation, type CreationRun } from './claims.bench';
import { median, type BenchModule } from './harness';
import { PROFILING } from './profile';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export const confirmBench: BenchModule = async (report) => {
  const runs = Number(process.env.BENCH_CONFIRM_RUNS ?? 9);
  const { page, close } = await benchWindow({ 'bench-large': generateCasefile(SCALES.large) }, 'bench-large');
  try {
    // Two claims as a warm-up (compiles the paths on both sides), not counted.
    await timeClaimCreation(page, 2, undefined, 3);
    const all: CreationRun[] = [];
    const nodeSide: number[] = [];
    const apply = CasefileSession.prototype.apply;
    // The host runs in this process: the Node side's part is timed around the session's apply (the reducer, undo step, audit, autosave scheduling).
    CasefileSession.prototype.apply = function timed(this: CasefileSession, ...args: Parameters<typeof apply>) {
      const t0 = performance.now();
      try {
        return apply.apply(this, args);
      } finally {
        nodeSide.push(performance.now() - t0);
      }
    };
    try {
      await profiledBothSides(page, () => timeClaimCreation(page, runs, all, 5));
    } finally {
      CasefileSession.prototype.apply = apply;
    }
    const confirmed = all.map((r) => r.confirmed);
    const list = (values: number[]) => values.map((ms) => ms.toFixed(0)).join(', ');
    process.stderr.write(`  each run (ms): ${list(confirmed)}\n`);
    process.stderr.write(`  request sent after (ms): ${list(all.map((r) => r.sent))}\n`);
    process.stderr.write(`  answer in the window after (ms): ${list(all.map((r) => r.answered))}\n`);
    process.stderr.write(`  of which the Node side's apply (ms): ${list(nodeSide)}\n`);
    process.stderr.write(`  medians: sent ${median(all.map((r) => r.sent)).toFixed(0)}, request to answer ${median(all.map((r) => r.answered - r.sent)).toFixed(0)} (Node side's apply ${median(nodeSide).toFixed(0)}), answer to drawn in its type ${median(all.map((r) => r.confirmed - r.answered)).toFixed(0)}\n`);
    report({
      area: 'claims', name: `create a claim until confirmed by the Node side and drawn in its type, 40,000 claims (median of ${runs})`,
      scale: 'large', value: median(confirmed), unit: 'ms', target: '≤ 50 ms', ok: median(confirmed) <= 50,
    });
    report({ area: 'claims', name: 'create a claim (key C) until drawn, 40,000 claims', scale: 'large', value: median(all.map((r) => r.drawn)), unit: 'ms' });
  } finally {
    await close();
  }
};

async function profiledBothSides<T>(page: Page, step: () => Promise<T>): Promise<T> {
  if (!PROFILING) return step();
  const node = new Session();
  node.connect();
  await node.post('Profiler.enable');
  await node.post('Profiler.setSamplingInterval', { interval: 200 });
  await node.post('Profiler.start');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await step();
  const windowProfile = (await cdp.send('Profiler.stop')).profile as unknown as CpuProfile;
  const nodeProfile = (await node.post('Profiler.stop')).profile as unknown as CpuProfile;
  node.disconnect();
  await cdp.detach();
  printProfile('Node side (bench process: host and API handlers)', nodeProfile);
  printProfile('window', windowProfile);
  // BENCH_PROFILE_OUT=dir keeps both profiles, to open in a profiler or map to sources through dist/renderer's source maps.
  const out = process.env.BENCH_PROFILE_OUT;
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'confirm-node.cpuprofile'), JSON.stringify(nodeProfile));
    writeFileSync(path.join(out, 'confirm-window.cpuprofile'), JSON.stringify(windowProfile));
  }
  return result;
}

/** Self time and inclusive time per function (each sample counted once per function on its stack), in ms over the whole step. */
function printProfile(label: string, profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    self.set(name(id), (self.get(name(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = name(at);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  });
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `    ${ms.toFixed(0).padStart(6)}  ${k}`).join('\n');
  process.stderr.write(`  profile, ${label}\n   self time (ms):\n${top(self, 25)}\n   inclusive time (ms):\n${top(total, Number(process.env.BENCH_PROFILE_LINES ?? 45))}\n`);
}
