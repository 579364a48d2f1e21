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
  const only = process.argv.slice(2);
  const figures: Figure[] = [];
  for (const [name, bench] of BENCHES) {
    if (only.length && !only.includes(name)) continue;
    process.stderr.write(`running ${name}…\n`);
    await bench((f) => {
      figures.push(f);
      process.stderr.write(`  ${f.name} [${f.scale}]: ${format(f)}\n`);
    });
  }
  printTable(figures);
  if (figures.some((f) => f.ok === false)) process.exitCode = 1;
}

function format(f: Figure): string {
  const digits = f.unit === 'ratio' ? 2 : f.value < 10 ? 2 : f.value < 100 ? 1 : 0;
  return `${f.value.toFixed(digits)} ${f.unit}`;
}

function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [f.area, f.name, f.scale, format(f), f.target ?? '', f.ok === undefined ? '' : f.ok ? 'ok' : 'MISSED']);
  const header = ['area', 'figure', 'scale', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`);
}

// The team bench runs the team server, and its simulated analysts, in forks of this process.
const start = process.argv[2] === TEAM_SERVER_FLAG ? runTeamServerChild(process.argv[3]!) : process.argv[2] === TEAM_ANALYSTS_FLAG ? runAnalystsChild() : process.argv[2] === TEAM_NEWCOMER_FLAG ? runNewcomerChild() : main();
start.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
