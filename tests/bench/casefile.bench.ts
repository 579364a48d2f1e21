/**
 * Casefile open and save at both scales, each against the bare minimum on the
 * same file in the same run, each timed right after the other: readFile + JSON.parse for opening,
 * JSON.stringify + writeFile + rename for saving. Ours also validates every
 * field and reference, fsyncs, hashes what it writes and never blocks the
 * event loop for long while saving.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CasefileAdapter, loadCasefile } from '../../electron/services/casefile/store';
import { SCALES, generateCasefile } from '../support/generate';
import { alternatingMedianMs, type BenchModule } from './harness';

const TARGETS = { openRatio: 2, saveRatio: 1.5, blockMs: 50 };

export const casefileBench: BenchModule = async (report) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-'));
  try {
    for (const scale of Object.values(SCALES)) {
      const large = scale.name === 'large';
      const runs = large ? 5 : 15;
      const casefile = generateCasefile(scale);
      const file = path.join(dir, `${scale.name}.corroborate`);
      const adapter = new CasefileAdapter(file);
      await adapter.write(casefile);

      const [bareOpen, open] = await alternatingMedianMs(async () => JSON.parse(await readFile(file, 'utf8')), () => loadCasefile(file), runs);
      const bareFile = path.join(dir, `${scale.name}.bare.json`);
      const [bareSave, save] = await alternatingMedianMs(async () => {
        await writeFile(`${bareFile}.tmp`, JSON.stringify(casefile));
        await rename(`${bareFile}.tmp`, bareFile);
      }, () => adapter.write(casefile), runs);

      const area = 'casefile';
      report({ area, name: 'open (read, parse, validate)', scale: scale.name, value: open, unit: 'ms' });
      report({ area, name: 'open: bare readFile + JSON.parse', scale: scale.name, value: bareOpen, unit: 'ms' });
      report({ area, name: 'open ÷ bare', scale: scale.name, value: open / bareOpen, unit: 'ratio', ...(large ? { target: `≤ ${TARGETS.openRatio}`, ok: open / bareOpen <= TARGETS.openRatio } : {}) });
      report({ area, name: 'save (serialise, fsync, rename, fsync folder)', scale: scale.name, value: save, unit: 'ms' });
      report({ area, name: 'save: bare JSON.stringify + writeFile + rename', scale: scale.name, value: bareSave, unit: 'ms' });
      report({ area, name: 'save ÷ bare', scale: scale.name, value: save / bareSave, unit: 'ratio', ...(large ? { target: `≤ ${TARGETS.saveRatio}`, ok: save / bareSave <= TARGETS.saveRatio } : {}) });

      const block = await longestBlockDuring(() => adapter.write(casefile));
      const bareBlock = await longestBlockDuring(async () => {
        await writeFile(`${bareFile}.tmp`, JSON.stringify(casefile));
        await rename(`${bareFile}.tmp`, bareFile);
      });
      report({ area, name: 'longest event-loop block during a save', scale: scale.name, value: block, unit: 'ms', ...(large ? { target: `≤ ${TARGETS.blockMs} ms`, ok: block <= TARGETS.blockMs } : {}) });
      report({ area, name: 'longest event-loop block during a bare save', scale: scale.name, value: bareBlock, unit: 'ms' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The longest the event loop went without turning while `task` ran, in ms. */
async function longestBlockDuring(task: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let last = performance.now();
  let longest = 0;
  let running = true;
  // A tick every millisecond: the gap between two ticks is how long something held the loop.
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  await task();
  running = false;
  histogram.disable();
  return Math.max(longest, histogram.max / 1e6);
}
