/**
 * `npm run eval:attribution`: the attribution detector against the gold set
 * (tests/fixtures/attribution/), on the whole set, the development part and
 * the held-out part. `--errors` lists the development part's misses, never the
 * held-out part's: those texts stay unseen while tuning.
 */
import { detectAttributions } from '../../shared/attribution';
import { loadGoldSet } from '../fixtures/attribution/gold';
import { accuracy, emptyTally, pairByCue, prf, sameChain, scoreDocument, type Tally } from './score';

export function evaluateGoldSet(): { all: Tally; dev: Tally; heldOut: Tally; batches: Map<string, Tally> } {
  const all = emptyTally();
  const dev = emptyTally();
  const heldOut = emptyTally();
  const batches = new Map<string, Tally>();
  for (const { gold, text } of loadGoldSet()) {
    const predicted = detectAttributions(text);
    scoreDocument(all, gold, predicted);
    scoreDocument(gold.heldOut ? heldOut : dev, gold, predicted);
    const batch = gold.batch ?? 'other';
    if (!batches.has(batch)) batches.set(batch, emptyTally());
    scoreDocument(batches.get(batch)!, gold, predicted);
  }
  return { all, dev, heldOut, batches };
}

const pct = (x: number) => x.toFixed(3);

export function formatTally(name: string, t: Tally): string {
  const lines = [`${name}: ${t.docs} texts, ${t.cue.exact.gold} gold attributions, ${t.cue.exact.predicted} found`];
  lines.push('  role      match    precision  recall  F1');
  for (const role of ['cue', 'source', 'content'] as const) {
    for (const kind of ['exact', 'overlap'] as const) {
      const r = prf(t[role][kind]);
      lines.push(`  ${role.padEnd(8)}  ${kind.padEnd(7)}  ${pct(r.precision).padStart(9)}  ${pct(r.recall).padStart(6)}  ${pct(r.f1)}`);
    }
  }
  lines.push(`  on the ${t.matched} attributions found: type accuracy ${pct(accuracy(t.type, t.matched))}, chain accuracy ${pct(accuracy(t.chain, t.matched))}, count accuracy ${pct(accuracy(t.count, t.matched))}, hedging found/absent agreement ${pct(accuracy(t.hedging, t.matched))}`);
  return lines.join('\n');
}

function listErrors(): void {
  const show = (text: string, s: { start: number; end: number } | null) => (s ? JSON.stringify(text.slice(s.start, s.end)).slice(0, 90) : '∅');
  for (const { gold, text } of loadGoldSet()) {
    if (gold.heldOut) continue;
    const predicted = detectAttributions(text);
    const pairs = pairByCue(predicted, gold.attributions);
    const out: string[] = [];
    for (const g of gold.attributions) if (!pairs.some(([, x]) => x === g)) out.push(`  MISSED ${show(text, g.cue)} src=${show(text, g.source)} content=${show(text, g.content)}`);
    for (const p of predicted) if (!pairs.some(([x]) => x === p)) out.push(`  EXTRA  ${show(text, p.cue)} src=${show(text, p.source)} content=${show(text, p.content)} (${p.pattern})`);
    for (const [p, g] of pairs) {
      const diffs: string[] = [];
      if (!g.source !== !p.source || (g.source && p.source && (g.source.start !== p.source.start || g.source.end !== p.source.end))) diffs.push(`source ${show(text, p.source)} ≠ ${show(text, g.source)}`);
      if (!g.content !== !p.content || (g.content && p.content && (g.content.start !== p.content.start || g.content.end !== p.content.end))) diffs.push(`content ${show(text, p.content)} ≠ ${show(text, g.content)}`);
      if (p.type !== g.type) diffs.push(`type ${p.type} ≠ ${g.type}`);
      const chain = p.chain.map((h) => h.name);
      if (!sameChain(chain, g.chain)) diffs.push(`chain ${chain.join(' > ')} ≠ ${g.chain.join(' > ')}`);
      if (diffs.length) out.push(`  AT ${show(text, g.cue)} (${p.pattern}): ${diffs.join('; ')}`);
    }
    if (out.length) process.stdout.write(`${gold.doc}\n${out.join('\n')}\n`);
  }
}

function main(): void {
  if (process.argv.includes('--errors')) return listErrors();
  const { all, dev, heldOut, batches } = evaluateGoldSet();
  const heldOutBatches = [...batches].filter(([name]) => name.startsWith('heldout')).map(([name, t]) => formatTally(`  of which ${name}.ann`, t));
  const parts = process.argv.includes('--dev') ? [formatTally('Development part', dev)] : [formatTally('Whole gold set', all), formatTally('Development part', dev), formatTally('Held-out part (never used while tuning)', heldOut), ...heldOutBatches];
  process.stdout.write(`${parts.join('\n\n')}\n`);
}

if (process.argv[1] && /attribution\.(?:ts|js|cjs)$/.test(process.argv[1])) main();
