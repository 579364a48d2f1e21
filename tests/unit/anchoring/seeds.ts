/** Seed articles and their edited versions, normalised as the import does it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createSelectors } from '../../../shared/anchoring';
import type { AnchoredClaim } from '../../../shared/anchoring';
import { textHash } from '../../../shared/text/hash';
import { normaliseText } from '../../../shared/text/normalise';

const FIXTURES = path.resolve(__dirname, '../../fixtures/anchoring');
export { seedText as seed } from '../../support/fixtures';

export function edited(name: string): string {
  return normaliseText(readFileSync(path.join(FIXTURES, name), 'utf-8'));
}

/** A claim on `text` covering the one occurrence of `quote` (the `nth` when it occurs more than once). */
export function claimOn(text: string, id: string, quote: string, nth = 0): AnchoredClaim {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(quote, at + 1);
    if (at === -1) throw new Error(`"${quote}" occurs fewer than ${nth + 1} times`);
  }
  return { id, ...createSelectors(text, at, at + quote.length), textHash: textHash(text), anchor: 'exact' };
}
