import type { SourcingType } from '../model/schema';

/** A type's label or id as compared with a name from elsewhere: case, spaces, hyphens and underscores aside. */
function labelKey(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/**
 * The casefile's sourcing type a name from elsewhere stands for (an imported
 * tag or code, a detector's type): the type with that label or id, ignoring
 * case, spaces, hyphens and underscores ("Named-Official", "named_official").
 */
export function typeNamed(name: string, taxonomy: readonly SourcingType[]): SourcingType | undefined {
  const key = labelKey(name);
  return taxonomy.find((t) => labelKey(t.label) === key || labelKey(t.id) === key);
}
