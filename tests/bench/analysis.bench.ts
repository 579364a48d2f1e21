/**
 * Corroboration analysis at the large scale (2,000 articles, 40,000 claims,
 * 8,000 propositions): independence of every proposition (target ≤ 150 ms) and after one edit (≤ 16 ms)
 * and suggestions for one claim across all articles (target ≤ 100 ms), beside
 * a plain Fuse.js scan of the same passages for comparison. The Graph view
 * has its own module (graph.bench.ts).
 */
import Fuse from 'fuse.js';
import { applyCommand, applyCommandOnClaimsCopy, copyOfClaims } from '../../shared/commands/apply';
import { computeIndependence } from '../../shared/analysis/independence';
import { reportedClauses, splitPassages } from '../../shared/analysis/passages';
import { suggestForClaim, suggestionIndex } from '../../shared/analysis/suggestions';
import type { Command } from '../../shared/commands/commands';
import type { Casefile } from '../../shared/model/schema';
import { SCALES, generateCasefile } from '../support/generate';
import { median, medianMs, type BenchModule } from './harness';

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
  const editMs = median(updateMs);
  report({
    area: 'analysis', name: 'independence after editing one claim (updated from the command\'s changes)', scale: scale.name,
    value: editMs, unit: 'ms', target: `≤ ${INDEPENDENCE_EDIT_TARGET_MS} ms`, ok: editMs <= INDEPENDENCE_EDIT_TARGET_MS,
  });
  report({ area: 'analysis', name: 'the command itself (applyCommand: immer copies the 40,000-key claims record)', scale: scale.name, value: median(commandMs), unit: 'ms' });
  // The Node side's path: the claims record copied between changes, the command applied onto that copy.
  const ontoCopyMs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const spare = copyOfClaims(edited.claims);
    const t0 = performance.now();
    edited = applyCommandOnClaimsCopy(edited, { type: 'claim.setNotes', claimId: claimInProposition, notes: `note ${n++}` }, { name: 'Bench', now: new Date().toISOString() }, spare)!.state;
    ontoCopyMs.push(performance.now() - t0);
  }
  report({ area: 'analysis', name: 'the same command onto a copy of the claims made between changes (the Node side\'s path)', scale: scale.name, value: median(ontoCopyMs), unit: 'ms' });
  sharedEditFigures(report, edited);

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

};

/**
 * Edits of what many propositions share, with independence already computed:
 * a source renamed in the registry, two articles linked as copies. Updated
 * for the propositions whose members read what changed, where each once was
 * computed again for all of them. (An edit of a source's notes or role
 * changes nothing independence reads, and costs nothing.)
 */
function sharedEditFigures(report: Parameters<BenchModule>[0], casefile: Casefile): void {
  const counts = new Map<string, number>();
  for (const claim of Object.values(casefile.claims)) for (const hop of claim.chain) if (hop.sourceId) counts.set(hop.sourceId, (counts.get(hop.sourceId) ?? 0) + 1);
  // A source as often named as most: the median of the counts.
  const byUse = [...counts].sort((a, b) => a[1] - b[1]);
  const [sourceId, uses] = byUse[Math.floor(byUse.length / 2)]!;
  const renamed = updateMs(casefile, (i) => ({ type: 'source.update', sourceId, patch: { name: `Renamed source ${i}` } }));
  report({
    area: 'analysis', name: `independence after renaming a source named by ${uses} claims (updated from the command's changes)`, scale: 'large',
    value: renamed.ms, unit: 'ms',
  });

  // Two articles linked as copies of one text, then not, in turn (the copy-review workflow).
  const [a, b] = Object.keys(casefile.articles);
  const flagged = applyCommand(renamed.casefile, { type: 'copyFlag.add', flag: { id: 'bench_flag', articleA: a!, articleB: b!, similarity: 0.9, kind: 'near-duplicate', status: 'open' } }, benchActor()).state;
  const linked = updateMs(flagged, (i) => ({ type: 'copyFlag.decide', flagId: 'bench_flag', status: i % 2 ? 'dismissed' : 'linked' }));
  report({ area: 'analysis', name: 'independence after linking two articles as copies, or not (updated from the command\'s changes)', scale: 'large', value: linked.ms, unit: 'ms' });
}

const benchActor = () => ({ name: 'Bench', now: new Date().toISOString() });

/** Median time to bring independence up to date after each of 9 commands (`commandAt(i)`), from `casefile` computed once. */
function updateMs(casefile: Casefile, commandAt: (i: number) => Command): { ms: number; casefile: Casefile } {
  let edited = casefile;
  computeIndependence(edited);
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    edited = applyCommand(edited, commandAt(i), benchActor()).state;
    const t0 = performance.now();
    computeIndependence(edited);
    times.push(performance.now() - t0);
  }
  return { ms: median(times), casefile: edited };
}
