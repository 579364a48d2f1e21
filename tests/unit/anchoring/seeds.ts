/** Seed articles and their edited versions, normalised as the import does it. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createSelectors } from '../../../shared/anchoring';
import type { AnchoredClaim } from '../../../shared/anchoring';
import { textHash } from '../../../shared/text/hash';
import { normaliseText } from '../../../shared/text/normalise';

const FIXTURES = path.resolve(__dirname, '../../fixtures/anchoring');
/** Copies of the real seed articles (corpus/seeds), so the tests carry their own data. */
const SEEDS = path.join(FIXTURES, 'seeds');

export function seed(number: string): string {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(`${number}_`));
  if (!file) throw new Error(`Seed ${number} not found in ${SEEDS}`);
  return normaliseText(readFileSync(path.join(SEEDS, file), 'utf-8'));
}

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
