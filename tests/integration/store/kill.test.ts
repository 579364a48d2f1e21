/**
 * Crash safety, proved: a child process saves a changing casefile in a loop
 * through the real store and is killed with SIGKILL at random moments. After
 * every kill the file must parse, validate and equal a state the writer
 * reported as saved, or the one it was saving. The next writer must take the
 * crashed one's lock at once. `npm run soak` runs the same test with 1,000
 * kills (CORROBORATE_KILLS).
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { backupFolder } from '../../../electron/services/casefile/backups';
import { loadCasefile } from '../../../electron/services/casefile/store';
import { stateHash } from './state-hash';
import { bundleScript, harness } from './support';

const KILLS = Number(process.env.CORROBORATE_KILLS ?? 200);
const SEED = Number(process.env.CORROBORATE_KILL_SEED ?? 1);

let writer = '';
beforeAll(async () => {
  writer = await bundleScript(path.join(__dirname, 'kill-writer.ts'));
});

interface Round {
  lines: string[];
}

/**
 * Starts a writer and kills it at a random moment: mostly a few
 * milliseconds into one of its first saves, sometimes while it starts and
 * opens the file.
 */
function runAndKill(file: string, seed: number, random: () => number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, file, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killing = false;
    const kill = () => child.kill('SIGKILL');
    const killDuringStartup = random() < 0.15;
    const killAtSave = 1 + Math.floor(random() * 4);
    if (killDuringStartup) setTimeout(kill, random() * 150);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!killing && !killDuringStartup && out.split('saving ').length - 1 >= killAtSave) {
        killing = true;
        setTimeout(kill, random() * 12);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited by itself (${code}): ${out.slice(-500)} ${err}`));
      resolve({ lines: out.split('\n').filter(Boolean) });
    });
  });
}

interface LaneResult {
  killedMidSave: number;
  saves: number;
}

/** One file, one writer after another, each killed; checks the file after every kill. */
async function lane(name: string, kills: number, seed: number): Promise<LaneResult> {
  const h = harness();
  const created = await h.sessions.create(name);
  await h.sessions.close(created.sessionId);
  const file = path.join(h.workspace, created.path);
  let previous = stateHash((await loadCasefile(file)).casefile);
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const result: LaneResult = { killedMidSave: 0, saves: 0 };
  for (let round = 0; round < kills; round++) {
    const { lines } = await runAndKill(file, seed + round, random);
    expect(lines.filter((l) => l.startsWith('error')), `${name} round ${round}`).toEqual([]);
    // What the file may hold: the last state reported saved (or the one before this writer), or the one in flight.
    let saved = previous;
    let inFlight: string | null = null;
    for (const line of lines) {
      const [kind, hash] = line.split(' ');
      if (kind === 'saving') inFlight = hash!;
      if (kind === 'saved') {
        saved = hash!;
        result.saves++;
        inFlight = null;
      }
    }
    if (inFlight) result.killedMidSave++;
    const onDisk = stateHash((await loadCasefile(file)).casefile);
    expect([saved, inFlight], `${name} round ${round}: the file holds a state the writer never reported`).toContain(onDisk);
    previous = onDisk;
    if (round % 25 === 24) {
      // Every backup is a whole casefile too (a copy cut short by a kill never gets a backup's name).
      const backups = readdirSync(backupFolder(file)).filter((n) => n.endsWith('.corroborate'));
      expect(backups.length).toBeGreaterThan(0);
      for (const backup of backups) await loadCasefile(path.join(backupFolder(file), backup));
    }
  }
  // Opening again after the last crash takes the lock at once and clears the crashed writers' temp files.
  const reopened = await h.sessions.open(created.path, 'normal');
  expect(reopened.readOnly).toBe(false);
  expect(readdirSync(h.workspace).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  await h.sessions.close(reopened.sessionId);
  return result;
}

test(`a writer killed ${KILLS} times at random moments never leaves a damaged or unexpected casefile`, async () => {
  // Two files at once: the writers spend most of their time starting up, which two cores overlap well.
  const lanes = [Math.ceil(KILLS / 2), Math.floor(KILLS / 2)];
  const results = await Promise.all(lanes.map((kills, i) => lane(`Kill test ${i + 1}`, kills, SEED * 1_000_003 + i * 7_919)));
  const killedMidSave = results.reduce((n, r) => n + r.killedMidSave, 0);
  const saves = results.reduce((n, r) => n + r.saves, 0);
  // The kills must have hit saves in progress, and the writers must have made progress.
  expect(killedMidSave).toBeGreaterThan(KILLS * 0.3);
  expect(saves).toBeGreaterThan(KILLS);
}, Math.max(120_000, KILLS * 1_000));
