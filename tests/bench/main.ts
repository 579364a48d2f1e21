/**
 * `npm run bench`: performance figures at the typical and large scales of the
 * synthetic casefile generator. Each area adds its module to BENCHES.
 *
 * Each module runs in a fresh Node process of its own, as the app does one
 * thing at a time: in one shared process, the casefiles and results earlier
 * modules left in the heap made the later ones' garbage collection costlier
 * (the large .qdpx import took 6–7 s after the other modules, 4.1 s alone).
 *
 *   bench → child  argv: BENCH_MODULE_FLAG <name>
 *   child → bench  one message per figure, then exits
 */
import { fork } from 'node:child_process';
import { analysisBench } from './analysis.bench';
import { anchoringBench } from './anchoring.bench';
import { articlesBench } from './articles.bench';
import { attributionBench } from './attribution.bench';
import { generatorBench } from './generator.bench';
import { graphBench } from './graph.bench';
import { casefileBench } from './casefile.bench';
import { claimsBench } from './claims.bench';
import { claimReviewBench } from './claimreview.bench';
import { confirmBench } from './confirm.bench';
import { importBench } from './import.bench';
import type { BenchModule, Figure } from './harness';
import { format, spreadTable, table } from './tables';
import { reviewBench } from './review.bench';
import { pdfBench, previewBench, reportBench } from './report.bench';
import { sessionBench } from './session.bench';
import { qdpxBench } from './qdpx.bench';
import { teamBench } from './team.bench';
import { runAnalystsChild, TEAM_ANALYSTS_FLAG } from './team-analysts-process';
import { runNewcomerChild, TEAM_NEWCOMER_FLAG } from './team-newcomer-process';
import { runTeamServerChild, TEAM_SERVER_FLAG } from './team-server-process';

const BENCHES: [string, BenchModule][] = [
  ['generator', generatorBench],
  ['casefile', casefileBench],
  ['import', importBench],
  ['anchoring', anchoringBench],
  ['review', reviewBench],
  ['report', reportBench],
  ['pdf', pdfBench],
  ['preview', previewBench],
  ['analysis', analysisBench],
  ['graph', graphBench],
  ['claims', claimsBench],
  ['confirm', confirmBench],
  ['attribution', attributionBench],
  ['claimreview', claimReviewBench],
  ['session', sessionBench],
  ['qdpx', qdpxBench],
  ['articles', articlesBench],
  ['team', teamBench],
];

async function main(): Promise<void> {
  const { runs, only } = parseArguments(process.argv.slice(2));
  const figuresByRun: Figure[][] = [];
  for (let run = 1; run <= runs; run++) {
    if (runs > 1) process.stderr.write(`run ${run} of ${runs}\n`);
    const figures: Figure[] = [];
    for (const [name] of BENCHES) {
      if (only.length && !only.includes(name)) continue;
      process.stderr.write(`running ${name}…\n`);
      await runInOwnProcess(name, (f) => {
        figures.push(f);
        process.stderr.write(`  ${f.name} [${f.scale}]: ${format(f)}\n`);
      });
    }
    figuresByRun.push(figures);
    // With several runs each run's table goes to stderr, and stdout gets the spread.
    if (runs > 1) process.stderr.write(`${table(figures)}\n`);
  }
  process.stdout.write(runs > 1 ? spreadTable(figuresByRun) : table(figuresByRun[0]!));
  if (figuresByRun.some((figures) => figures.some((f) => f.ok === false))) process.exitCode = 1;
}

const BENCH_MODULE_FLAG = '--bench-module';

/** Runs the module `name` in a fork of this process, handing each figure it reports to `report`. */
function runInOwnProcess(name: string, report: (figure: Figure) => void): Promise<void> {
  const child = fork(process.argv[1]!, [BENCH_MODULE_FLAG, name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.on('message', (figure: Figure) => report(figure));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`the ${name} module failed (${signal ?? `exit code ${code}`})`))));
  });
}

/** In the fork: runs one module, sending each figure to the bench as it is reported. */
async function runModuleChild(name: string): Promise<void> {
  const bench = BENCHES.find(([n]) => n === name)?.[1];
  if (!bench) throw new Error(`no benchmark module ${name}`);
  const sent: Promise<void>[] = [];
  await bench((figure) => sent.push(new Promise((resolve, reject) => process.send!(figure, (error: Error | null) => (error ? reject(error) : resolve())))));
  await Promise.all(sent);
  // Modules may leave servers or timers behind: the process ends with its module.
  process.exit(0);
}

/** `--runs N` (the whole selection N times, default 1) and the names of the modules to run (all when none). */
function parseArguments(args: string[]): { runs: number; only: string[] } {
  const at = args.indexOf('--runs');
  if (at < 0) return { runs: 1, only: args };
  const runs = Number(args[at + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs needs a whole number of runs, not ${args[at + 1] ?? 'nothing'}`);
  return { runs, only: args.filter((_, i) => i !== at && i !== at + 1) };
}

// Each module runs in a fork of this process; the team bench runs the team server, and its simulated analysts, in forks too.
const CHILDREN: Record<string, () => Promise<void>> = {
  [BENCH_MODULE_FLAG]: () => runModuleChild(process.argv[3]!),
  [TEAM_SERVER_FLAG]: () => runTeamServerChild(process.argv[3]!),
  [TEAM_ANALYSTS_FLAG]: runAnalystsChild,
  [TEAM_NEWCOMER_FLAG]: runNewcomerChild,
};
const start = (CHILDREN[process.argv[2] ?? ''] ?? main)();
start.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
