/**
 * Where the time goes in the page, for `BENCH_PROFILE=1`: a Chromium trace
 * (devtools timeline and V8 samples) recorded over a step, summed by event
 * name, and the JavaScript functions with the most self time from a CPU
 * profile. Printed to stderr; the bench figures do not depend on it.
 */
import type { CDPSession, Page } from 'playwright-core';

export const PROFILING = !!process.env.BENCH_PROFILE;

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; hitCount?: number }
interface TraceEvent { name: string; ph: string; dur?: number; tid: number; pid: number }

/** Runs `step` under a trace and a CPU profile when profiling, and prints their summaries under `label`. */
export async function profiled<T>(page: Page, label: string, step: () => Promise<T>): Promise<T> {
  if (!PROFILING) return step();
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const result = await step();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] } };
  await stopTracing(cdp);
  printSummary(label, events, profile);
  await cdp.detach();
  return result;
}

async function stopTracing(cdp: CDPSession): Promise<void> {
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
}

function printSummary(label: string, events: TraceEvent[], profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] }): void {
  const byName = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && e.dur) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12);
  const perSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const id of profile.samples) {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + perSample);
  }
  const fns = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
  process.stderr.write(`  profile of ${label}:\n    trace events (ms, summed over threads): ${top.map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ')}\n`);
  process.stderr.write(`    main-thread self time (ms): ${fns.map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ')}\n`);
}
