/**
 * Editing a casefile's sourcing taxonomy. Every edit yields a whole new list
 * for the `taxonomy.set` command. Ids never change: claims point at them, so a
 * renamed or recoloured type keeps its claims, and a type still in use can
 * only be hidden, not removed.
 */
import { idProblem } from '../model/ids';
import type { Casefile, SourcingType } from '../model/schema';

export const MAX_TYPES = 200;
export const MAX_LABEL = 200;
export const TYPE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Okabe–Ito (colour-blind safe) plus black and grey; new types take the first colour not yet used. */
export const TYPE_PALETTE = ['#0072B2', '#56B4E9', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#F0E442', '#999999', '#000000'] as const;

/** How many claims use each type anywhere in their chain. */
export function typeUsage(casefile: Pick<Casefile, 'claims'>): Map<string, number> {
  const usage = new Map<string, number>();
  for (const claim of Object.values(casefile.claims)) {
    for (const typeId of new Set(claim.chain.map((h) => h.typeId))) usage.set(typeId, (usage.get(typeId) ?? 0) + 1);
  }
  return usage;
}

/** A stable id for a new type, from its label, unique in the taxonomy. */
export function newTypeId(label: string, types: readonly SourcingType[]): string {
  const base = label.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'type';
  const taken = new Set(types.map((t) => t.id));
  let id = base;
  // "constructor" or "prototype" from a label would break the id rule (shared/model/ids.ts): numbered like a clash.
  for (let n = 2; taken.has(id) || idProblem(id); n++) id = `${base}-${n}`;
  return id;
}

export function addType(types: readonly SourcingType[], label: string): SourcingType[] {
  const used = new Set(types.map((t) => t.color.toUpperCase()));
  const color = TYPE_PALETTE.find((c) => !used.has(c)) ?? TYPE_PALETTE[types.length % TYPE_PALETTE.length]!;
  return [...types, { id: newTypeId(label, types), label, color, description: '', hidden: false }];
}

export function updateType(types: readonly SourcingType[], id: string, patch: Partial<Omit<SourcingType, 'id'>>): SourcingType[] {
  return types.map((t) => (t.id === id ? { ...t, ...patch } : t));
}

export function moveType(types: readonly SourcingType[], id: string, by: -1 | 1): SourcingType[] {
  const from = types.findIndex((t) => t.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= types.length) return [...types];
  const next = [...types];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

export function removeType(types: readonly SourcingType[], id: string): SourcingType[] {
  return types.filter((t) => t.id !== id);
}

/** Why a taxonomy cannot be saved, in the analyst's words; empty when it can. */
export function taxonomyProblems(types: readonly SourcingType[], usage: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  if (!types.length) problems.push('Keep at least one sourcing type.');
  if (types.length > MAX_TYPES) problems.push(`A taxonomy holds at most ${MAX_TYPES} types.`);
  const labels = new Set<string>();
  for (const t of types) {
    const label = t.label.trim();
    if (!label) problems.push('Every type needs a label.');
    else if (label.length > MAX_LABEL) problems.push(`“${label.slice(0, 40)}…” is longer than ${MAX_LABEL} characters.`);
    else if (labels.has(label.toLowerCase())) problems.push(`Two types are called “${label}”.`);
    labels.add(label.toLowerCase());
    if (!/^#[0-9a-fA-F]{6}$/.test(t.color)) problems.push(`“${label}” needs a colour like #0072B2.`);
  }
  const ids = new Set(types.map((t) => t.id));
  for (const [id, count] of usage) {
    if (count > 0 && !ids.has(id)) problems.push(`The type ${id} is used by ${count} claim${count === 1 ? '' : 's'}; hide it instead of removing it.`);
  }
  return [...new Set(problems)];
}

/**
 * An imported taxonomy applied to a casefile: the file's types in the file's
 * order; types the file leaves out but claims still use are kept, hidden, at the end.
 */
export function mergeImportedTaxonomy(
  current: readonly SourcingType[],
  imported: readonly SourcingType[],
  usage: ReadonlyMap<string, number>,
): { types: SourcingType[]; kept: SourcingType[] } {
  const importedIds = new Set(imported.map((t) => t.id));
  const labels = new Set(imported.map((t) => t.label.toLowerCase()));
  const kept = current
    .filter((t) => !importedIds.has(t.id) && (usage.get(t.id) ?? 0) > 0)
    .map((t) => ({ ...t, hidden: true, label: labels.has(t.label.toLowerCase()) ? `${t.label} (earlier)` : t.label }));
  return { types: [...imported, ...kept], kept };
}
