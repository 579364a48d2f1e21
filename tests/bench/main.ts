/**
 * `npm run bench`: performance figures at the typical and large scales of the
 * synthetic casefile generator. Each area adds its module to BENCHES.
 */
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
    for (const [name, bench] of BENCHES) {
      if (only.length && !only.includes(name)) continue;
      process.stderr.write(`running ${name}…\n`);
      await bench((f) => {
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

/** `--runs N` (the whole selection N times, default 1) and the names of the modules to run (all when none). */
function parseArguments(args: string[]): { runs: number; only: string[] } {
  const at = args.indexOf('--runs');
  if (at < 0) return { runs: 1, only: args };
  const runs = Number(args[at + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs needs a whole number of runs, not ${args[at + 1] ?? 'nothing'}`);
  return { runs, only: args.filter((_, i) => i !== at && i !== at + 1) };
}

// The team bench runs the team server, and its simulated analysts, in forks of this process.
const start = process.argv[2] === TEAM_SERVER_FLAG ? runTeamServerChild(process.argv[3]!) : process.argv[2] === TEAM_ANALYSTS_FLAG ? runAnalystsChild() : process.argv[2] === TEAM_NEWCOMER_FLAG ? runNewcomerChild() : main();
start.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
