/**
 * The outlet registry: news outlets by name, aliases and web domains, so that
 * "Reuters", "reuters.com" and "Thomson Reuters" are one outlet. A few hundred
 * common outlets ship in outlet-registry.json (names and domains only); the
 * analyst's entries (kept in the casefile, see docs/casefile-format.md) are
 * laid over them: an entry with the name of a shipped one replaces it.
 */
import type { OutletEntry, OutletKind } from '../model/schema';
import shipped from './outlet-registry.json';

export type { OutletEntry, OutletKind };

export interface OutletRegistry {
  entries: OutletEntry[];
  byKey: Map<string, OutletEntry>;
  byDomain: Map<string, OutletEntry>;
}

const SHIPPED = shipped as OutletEntry[];

/** How names are compared: case, "the", punctuation and a trailing ".com"-like ending do not matter. */
export function outletKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^\s*the\s+/, '')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/\.(?:com|org|net|info|io|media)\b/g, '')
    .replace(/\./g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function build(entries: OutletEntry[]): OutletRegistry {
  const byKey = new Map<string, OutletEntry>();
  const byDomain = new Map<string, OutletEntry>();
  for (const entry of entries) {
    for (const name of [entry.name, ...entry.aliases]) if (outletKey(name)) byKey.set(outletKey(name), entry);
    for (const domain of entry.domains) {
      byDomain.set(domain.toLowerCase(), entry);
      byKey.set(outletKey(domain), entry);
    }
  }
  return { entries, byKey, byDomain };
}

const SHIPPED_REGISTRY = build(SHIPPED);

/** The shipped outlets with the analyst's entries laid over them (same name: the analyst's entry wins). */
export function outletRegistry(edits: readonly OutletEntry[] = []): OutletRegistry {
  if (!edits.length) return SHIPPED_REGISTRY;
  const edited = new Set(edits.map((e) => outletKey(e.name)));
  return build([...SHIPPED.filter((e) => !edited.has(outletKey(e.name))), ...edits]);
}

/** The outlet a name, alias or domain stands for ("Thomson/Reuters", "dw.com", "UKRAINSKA PRAVDA"), or null. */
export function outletNamed(registry: OutletRegistry, name: string): OutletEntry | null {
  const key = outletKey(name);
  return (key && registry.byKey.get(key)) || outletOfDomain(registry, name.trim().toLowerCase());
}

/** The outlet a page's web address belongs to (its host or any parent domain), or null. */
export function outletOfUrl(registry: OutletRegistry, url: string): OutletEntry | null {
  return outletOfDomain(registry, hostOf(url));
}

function outletOfDomain(registry: OutletRegistry, host: string): OutletEntry | null {
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(host)) return null;
  const parts = host.replace(/^www\./, '').split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const found = registry.byDomain.get(parts.slice(i).join('.'));
    if (found) return found;
  }
  return null;
}

/** "https://www.reuters.com/world/…" → "reuters.com"; '' for anything that is not a web address. */
export function hostOf(url: string): string {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.hostname.toLowerCase().replace(/^www\./, '') : '';
  } catch {
    return '';
  }
}
