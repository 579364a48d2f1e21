/**
 * The analyst's answers to what the import read: a metadata field confirmed
 * or corrected, page-chrome proposals accepted or rejected, outlets added to
 * the registry. Corrections are remembered for the outlet's next pages: a
 * corrected outlet learns the article's web domain, and lines accepted as
 * chrome are proposed again on that outlet's pages (chrome.ts).
 * Called only by applyCommand (shared/commands/apply.ts).
 */
import type { Draft } from 'immer';
import { addExcluded } from '../claims/span';
import type { Article, Casefile, OutletEntry, ReadFieldName } from '../model/schema';
import { hostOf, outletKey, outletNamed, outletRegistry } from './outlet-registry';
import { splitDateTime } from './reading';

/** Most lines remembered as chrome per outlet (the schema's bound). */
const CHROME_LINES_KEPT = 500;

/** Sets `field` to `value` and marks it confirmed; a changed value is the analyst's own. */
export function confirmField(d: Draft<Casefile>, article: Draft<Article>, field: ReadFieldName, value: string): void {
  const before = field === 'publishedAt' ? [article.publishedAt, article.publishedTime].filter(Boolean).join('T') : article[field];
  if (field === 'publishedAt') {
    const split = splitDateTime(value.trim());
    if (value.trim() && !split.publishedAt) throw new Error('A date is written YYYY-MM-DD, optionally with a time (YYYY-MM-DDTHH:MM).');
    article.publishedAt = split.publishedAt;
    if (split.publishedTime) article.publishedTime = split.publishedTime;
    else delete article.publishedTime;
  } else {
    article[field] = value;
  }
  const old = article.metaOrigins?.[field];
  const changed = value.trim() !== before;
  article.metaOrigins = { ...article.metaOrigins, [field]: { origin: changed || !old ? 'analyst' : old.origin, confidence: 1, confirmed: true } };
  if (field === 'outlet' && changed && value.trim()) rememberDomain(d, value.trim(), hostOf(article.url));
}

/** The casefile's entry for `name`, started from the shipped one (or as a newspaper) when it has none. */
function ownEntry(d: Draft<Casefile>, name: string): Draft<OutletEntry> {
  d.outlets ??= [];
  const key = outletKey(name);
  const found = d.outlets.find((o) => outletKey(o.name) === key || o.aliases.some((a) => outletKey(a) === key));
  if (found) return found;
  const shipped = outletNamed(outletRegistry(), name);
  const entry: OutletEntry = shipped ? { ...shipped, domains: [...shipped.domains], aliases: [...shipped.aliases] } : { name, kind: 'newspaper', domains: [], aliases: [] };
  d.outlets.push(entry);
  return d.outlets[d.outlets.length - 1]!;
}

function rememberDomain(d: Draft<Casefile>, outlet: string, host: string): void {
  if (!host) return;
  const entry = ownEntry(d, outlet);
  if (!entry.domains.includes(host)) entry.domains.push(host);
  // The domain now belongs to this outlet only.
  for (const other of d.outlets ?? []) if (other !== entry) other.domains = other.domains.filter((dm) => dm !== host);
}

/** Accepted proposals become excluded ranges (and, for an article with an outlet, that outlet's remembered chrome); all decided ones leave the list. */
export function decideChrome(d: Draft<Casefile>, article: Draft<Article>, accept: readonly string[], reject: readonly string[]): void {
  const proposals = article.chromeProposals ?? [];
  for (const id of [...accept, ...reject]) {
    if (!proposals.some((p) => p.id === id)) throw new Error(`No page-chrome proposal ${id} on this article.`);
  }
  const accepted = proposals.filter((p) => accept.includes(p.id));
  let excluded = [...article.excluded];
  for (const p of accepted) excluded = addExcluded(excluded, p.start, p.end, p.id);
  article.excluded = excluded;
  article.chromeProposals = proposals.filter((p) => !accept.includes(p.id) && !reject.includes(p.id));
  if (!article.chromeProposals.length) delete article.chromeProposals;
  if (article.outlet && accepted.length) {
    const entry = ownEntry(d, article.outlet);
    const lines = new Set([...(entry.chromeLines ?? []), ...accepted.map((p) => article.text.slice(p.start, p.end).trim()).filter((l) => l.length <= 2_000)]);
    entry.chromeLines = [...lines].slice(-CHROME_LINES_KEPT);
  }
}

/** Adds or replaces (by name) the casefile's registry entry for an outlet. */
export function setOutlet(d: Draft<Casefile>, outlet: OutletEntry): void {
  d.outlets ??= [];
  const key = outletKey(outlet.name);
  const at = d.outlets.findIndex((o) => outletKey(o.name) === key);
  if (at >= 0) d.outlets[at] = outlet;
  else d.outlets.push(outlet);
}
