import { describe, expect, test } from 'vitest';
import { reanchorClaims, type AnchoredClaim, type Reanchored } from '../../../shared/anchoring';
import { textHash } from '../../../shared/text/hash';
import { claimOn, edited, seed } from './seeds';

/** Claims an analyst makes on seed 000 (the worked example of the domain guide). */
const QUOTES_000 = {
  developing: 'Chinese companies are allegedly developing attack drones similar to the Iranian-produced Shahed-type drone',
  talks: 'Chinese and Russian companies held talks in 2023 to develop an attack drone similar to the mass-produced Shahed drone',
  notUsed: 'the drones have not yet been used in Ukraine',
  smith: 'the PRC is no longer a neutral player',
  denied: 'denied that China is providing lethal aid to Russia',
  nato: 'NATO allies have repeatedly warned China against providing Russia with lethal military aid',
  iran: 'Iran has been producing Shahed-type drones for Russia since the beginning of the full-scale invasion in February 2022',
} as const;
type Key = keyof typeof QUOTES_000;

const original = seed('000');
const claims: AnchoredClaim[] = Object.entries(QUOTES_000).map(([id, quote]) => claimOn(original, id, quote));

function placeOn(text: string, list = claims): Record<string, Reanchored> {
  return Object.fromEntries(reanchorClaims(list, text, textHash(text)).map((r) => [r.claimId, r]));
}

function statuses(placed: Record<string, Reanchored>): Record<string, string> {
  return Object.fromEntries(Object.entries(placed).map(([id, r]) => [id, r.next.anchor]));
}

/** Every placed claim's selectors describe the new text exactly. */
function expectConsistent(text: string, placed: Record<string, Reanchored>): void {
  for (const r of Object.values(placed)) {
    if (r.next.anchor === 'orphaned') continue;
    expect(text.slice(r.next.position.start, r.next.position.end)).toBe(r.next.quote.exact);
    expect(r.next.textHash).toBe(textHash(text));
  }
}

describe('re-anchoring the claims of seed 000 on edited versions', () => {
  test('on the same text every claim stays exactly where it was', () => {
    const placed = placeOn(original);
    for (const claim of claims) {
      expect(placed[claim.id]!.next).toEqual({ quote: claim.quote, position: claim.position, textHash: claim.textHash, anchor: 'exact' });
      expect(placed[claim.id]!.changed).toBe(false);
    }
  });

  test('words changed around the claims leave them exact; a word changed inside a claim moves it', () => {
    const text = edited('000-words-changed.txt');
    const placed = placeOn(text);
    expect(statuses(placed)).toEqual({
      developing: 'exact', talks: 'moved', notUsed: 'exact', smith: 'exact', denied: 'exact', nato: 'moved', iran: 'exact',
    });
    expect(placed.talks!.next.quote.exact).toBe('Chinese and Russian companies held negotiations in 2023 to develop an attack drone similar to the mass-produced Shahed drone');
    expect(placed.nato!.next.quote.exact).toBe('NATO allies have often warned China against providing Russia with lethal military aid');
    // The prefix of this claim was rewritten; its words and suffix were not.
    expect(placed.notUsed!.next.quote.prefix).toContain('authorised to speak, said that ');
    expectConsistent(text, placed);
  });

  test('paragraphs added before the claims shift them and keep them exact', () => {
    const text = edited('000-paragraphs-added.txt');
    const placed = placeOn(text);
    expect(new Set(Object.values(statuses(placed)))).toEqual(new Set(['exact']));
    const shift = (key: Key) => placed[key]!.next.position.start - claims.find((c) => c.id === key)!.position.start;
    expect(shift('developing')).toBeGreaterThan(100);
    expect(shift('denied')).toBeGreaterThan(shift('developing'));
    for (const claim of claims) expect(placed[claim.id]!.next.quote.exact).toBe(claim.quote.exact);
    expectConsistent(text, placed);
  });

  test('a lightly reworded sentence is moved for review; a rewritten one is orphaned with its original quote', () => {
    const text = edited('000-sentence-reworded.txt');
    const placed = placeOn(text);
    expect(statuses(placed)).toEqual({
      developing: 'moved', talks: 'exact', notUsed: 'exact', smith: 'exact', denied: 'exact', nato: 'exact', iran: 'orphaned',
    });
    expect(placed.developing!.next.quote.exact).toBe('Chinese firms are allegedly building attack drones similar to the Iranian-made Shahed-type drone');
    const iran = claims.find((c) => c.id === 'iran')!;
    expect(placed.iran!.next).toEqual({ quote: iran.quote, position: iran.position, textHash: iran.textHash, anchor: 'orphaned' });
    expectConsistent(text, placed);
  });

  test('claims whose passage was deleted are orphaned, never dropped, and keep their quote', () => {
    const text = edited('000-passage-deleted.txt');
    const placed = placeOn(text);
    expect(statuses(placed)).toEqual({
      developing: 'exact', talks: 'exact', notUsed: 'orphaned', smith: 'exact', denied: 'orphaned', nato: 'exact', iran: 'exact',
    });
    expect(placed.denied!.next.quote.exact).toBe(QUOTES_000.denied);
    expect(Object.keys(placed)).toHaveLength(claims.length);
  });

  test('re-importing the other version of the article (seed 001, without page chrome) keeps the claims', () => {
    const text = seed('001');
    const placed = placeOn(text);
    // 001 lost a space in "providingRussia": one character differs inside that claim.
    expect(statuses(placed)).toEqual({
      developing: 'exact', talks: 'exact', notUsed: 'exact', smith: 'exact', denied: 'exact', nato: 'moved', iran: 'exact',
    });
    expect(placed.nato!.next.quote.exact).toBe('NATO allies have repeatedly warned China against providingRussia with lethal military aid');
    expectConsistent(text, placed);
  });

  test('an orphan is placed again when a later version brings its passage back', () => {
    const deleted = edited('000-passage-deleted.txt');
    const orphans = reanchorClaims(claims, deleted, textHash(deleted)).map((r) => ({ ...claims.find((c) => c.id === r.claimId)!, ...r.next }));
    const restored = placeOn(edited('000-paragraphs-added.txt'), orphans);
    expect(restored.denied!.next.anchor).toBe('exact');
    expect(restored.notUsed!.next.anchor).toBe('exact');
  });

  test('a claim flagged moved stays flagged until the analyst accepts it', () => {
    const text = edited('000-words-changed.txt');
    const once = reanchorClaims(claims, text, textHash(text)).map((r) => ({ ...claims.find((c) => c.id === r.claimId)!, ...r.next, id: r.claimId }));
    const again = edited('000-paragraphs-added.txt').replace('Editor’s note', 'Correction');
    const twice = placeOn(again.replace('held talks', 'held negotiations').replace('have repeatedly warned', 'have often warned'), once);
    expect(twice.talks!.next.anchor).toBe('moved');
    expect(twice.developing!.next.anchor).toBe('exact');
  });
});

describe('re-anchoring the claims of seed 002', () => {
  const text002 = seed('002');
  const claims002: AnchoredClaim[] = [
    claimOn(text002, 'hinz', 'we haven\'t seen evidence of entire systems being delivered'),
    claimOn(text002, 'noResponse', 'IEMZ Kupol and Almaz-Antey did not respond to the allegations leveled against them by Reuters'),
    claimOn(text002, 'reuters', 'Reuters reported that Russia has established a weapons program in China'),
    // The aggregator printed this line twice; the claim is on the second copy.
    claimOn(text002, 'second', 'China reportedly provides Russia with drone equipment for their involvement in the Ukraine conflict.', 1),
  ];

  test('swapped paragraphs carry their claims along, and a repeated line stays on the right copy', () => {
    const text = edited('002-paragraphs-swapped.txt');
    const placed = placeOn(text, claims002);
    expect(statuses(placed)).toEqual({ hinz: 'exact', noResponse: 'exact', reuters: 'exact', second: 'exact' });
    expect(placed.hinz!.next.position.start).toBeGreaterThan(placed.noResponse!.next.position.start);
    const copies = [text.indexOf(claims002[3]!.quote.exact), text.lastIndexOf(claims002[3]!.quote.exact)];
    expect(placed.second!.next.position.start).toBe(copies[1]);
    expect(copies[0]).not.toBe(copies[1]);
    expectConsistent(text, placed);
  });
});
