// `npm run soak`: the crash-safety test (tests/integration/store/kill.test.ts)
// with 1,000 SIGKILLs instead of the 200 in `npm test`. Options:
//   npm run soak -- --kills 5000 --seed 7
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '1000' }, seed: { type: 'string', default: String(Date.now() % 100_000) } } });
const kills = Number(values.kills);
if (!Number.isInteger(kills) || kills < 2) {
  process.stderr.write('--kills must be a whole number of at least 2\n');
  process.exit(2);
}
process.stdout.write(`Soak: ${kills} SIGKILLs of a saving writer (seed ${values.seed})…\n`);
const started = Date.now();
const result = spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'tests/integration/store/kill.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, CORROBORATE_KILLS: String(kills), CORROBORATE_KILL_SEED: values.seed },
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
process.stdout.write(result.status === 0 ? `Soak passed: ${kills} kills, no damaged or unexpected casefile (${minutes} min).\n` : `Soak FAILED (seed ${values.seed}; ${minutes} min).\n`);
process.exit(result.status ?? 1);
