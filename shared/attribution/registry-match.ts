/**
 * Matching the sources a detector names to the casefile's source registry:
 * only an exact name or alias counts (case, accents, spaces and punctuation
 * aside: "U.S. Embassy" = "US embassy"), never a near match. A name the
 * registry does not hold becomes a proposed new source.
 */
import { exactMatcher } from '../claims/source-match';
import type { Source, SourceKind as RegistryKind } from '../model/schema';
import type { SourceKind } from './types';

export interface Registry {
  /** The registry's source whose name or an alias is `name`, compared by sourceKey. */
  exactly(name: string): Source | undefined;
}

const registries = new WeakMap<object, Registry>();

/** The registry of these sources; built once per sources collection (collections are replaced, never changed, on each command). */
export function registryOf(sources: Readonly<Record<string, Source>> | readonly Source[]): Registry {
  let registry = registries.get(sources);
  if (!registry) {
    registry = buildRegistry(sources);
    registries.set(sources, registry);
  }
  return registry;
}

function buildRegistry(sources: Readonly<Record<string, Source>> | readonly Source[]): Registry {
  return { exactly: exactMatcher(Array.isArray(sources) ? sources : Object.values(sources)) };
}

/** The registry's kind for a source the detector found, so a new source is filed as what it is. */
export function registryKind(kind: SourceKind): RegistryKind {
  switch (kind) {
    case 'outlet': return 'outlet';
    case 'document': return 'document';
    case 'person': case 'witness': return 'person';
    case 'institution': return 'institution';
    case 'anonymous': return 'anonymous-group';
    default: return 'other';
  }
}
