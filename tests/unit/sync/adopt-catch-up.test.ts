/**
 * A teammate's change caught up from the shared document is taken as the
 * casefile `catchUp` computed (`adoptPatched`), not replayed from its patches
 * a second time: the casefile and what derived data learns from it
 * (`changesBetween`) are the same as replaying, for random command sequences,
 * for one record at a time and for the whole document at once (the bulk path).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { adoptPatched, applyCommand, CommandError, replayPatches } from '../../../shared/commands/apply';
import { changesBetween } from '../../../shared/commands/changes';
import { emptyCasefile } from '../../../shared/model/casefile';
import { SharedCasefile, type RemoteChange } from '../../../shared/sync/shared-casefile';
import { generateCasefile } from '../../support/generate';
import { commandFor, randomStep, smallCasefile } from '../../support/random-commands';

const texts = new Map<string, string>();
const actor = { name: 'Anna', now: '2026-12-06T08:00:00.000Z' };

function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function sameChanges(a: ReturnType<typeof changesBetween>, b: ReturnType<typeof changesBetween>): void {
  expect(a).not.toBeNull();
  expect(b).not.toBeNull();
  const plain = (c: NonNullable<typeof a>) => ({ records: [...c.records].map(([k, ids]) => [k, [...ids].sort()]).sort(), fields: [...c.fields].sort() });
  expect(plain(a!)).toEqual(plain(b!));
}

describe('a caught-up change taken as computed', () => {
  it('equals replaying its patches, and derived data sees the same changes, over random commands', () => {
    for (let run = 0; run < 12; run++) {
      let now = 1_765_000_000_000;
      const tick = () => (now += 5);
      const seed = smallCasefile(run + 3);
      for (const article of Object.values(seed.articles)) texts.set(article.textHash, article.text);
      const annaDoc = new Y.Doc();
      const anna = new SharedCasefile(annaDoc, { analystId: 'anna', analystName: 'Anna', deviceId: 'anna-laptop', now: tick });
      let annaState = replayPatches(seed, anna.catchUp(seed, anna.seed(seed), (h) => texts.get(h)).patches);
      const benDoc = new Y.Doc();
      const ben = new SharedCasefile(benDoc, { analystId: 'ben', analystName: 'Ben', deviceId: 'ben-laptop', now: tick });
      let adopted = emptyCasefile({ id: seed.meta.id, title: '', analyst: '', now: seed.meta.createdAt });
      let replayed = adopted;
      const pending: RemoteChange[] = [];
      ben.onRemoteChange((change) => pending.push(change));
      const deliver = () => {
        Y.applyUpdate(benDoc, Y.encodeStateAsUpdate(annaDoc, Y.encodeStateVector(benDoc)), 'remote');
        for (const change of pending.splice(0)) {
          const caught = ben.catchUp(adopted, change, (h) => texts.get(h));
          const before = adopted;
          adopted = adoptPatched(before, caught.state, caught.patches);
          const replayedBefore = replayed;
          replayed = replayPatches(replayed, ben.catchUp(replayed, change, (h) => texts.get(h)).patches);
          expect(adopted).toEqual(replayed);
          sameChanges(changesBetween(before, adopted), changesBetween(replayedBefore, replayed));
        }
      };
      deliver();
      expect(Object.keys(adopted.claims).sort()).toEqual(Object.keys(seed.claims).sort());
      const random = lcg(run + 1);
      for (let step = 0; step < 30; step++) {
        const command = commandFor(annaState, randomStep(random, 7));
        if (!command) continue;
        try {
          const applied = applyCommand(annaState, command, actor);
          const written = anna.recordChange(annaState, applied.state, applied.patches);
          annaState = replayPatches(applied.state, anna.catchUp(applied.state, written, (h) => texts.get(h)).patches);
        } catch (error) {
          if (!(error instanceof CommandError)) throw error;
          continue;
        }
        if (random() < 0.4) deliver();
      }
      deliver();
      expect(adopted).toEqual(replayed);
      expect(adopted).toEqual(annaState);
    }
  });

  it('equals replaying its patches for a whole document at once (whole collections replaced)', () => {
    const seed = generateCasefile({ name: 'bulk', articles: 10, articleChars: 500, claims: 2_500, sources: 60, propositions: 60 }, 5);
    for (const article of Object.values(seed.articles)) texts.set(article.textHash, article.text);
    const doc = new Y.Doc();
    const anna = new SharedCasefile(doc, { analystId: 'anna', analystName: 'Anna', deviceId: 'anna-laptop' });
    anna.seed(seed);
    const reader = new SharedCasefile(new Y.Doc(), { analystId: 'ben', analystName: 'Ben', deviceId: 'ben-laptop' });
    Y.applyUpdate(reader.doc, Y.encodeStateAsUpdate(doc), 'remote');
    const base = emptyCasefile({ id: seed.meta.id, title: '', analyst: '', now: seed.meta.createdAt });
    const caught = reader.materialise(base, (h) => texts.get(h));
    expect(caught.patches.some((patch) => patch.path.length === 1 && patch.path[0] === 'claims')).toBe(true);
    const adopted = adoptPatched(base, caught.state, caught.patches);
    const replayed = replayPatches(base, caught.patches);
    expect(adopted).toBe(caught.state);
    expect(adopted).toEqual(replayed);
    expect(Object.keys(adopted.claims)).toHaveLength(2_500);
    sameChanges(changesBetween(base, adopted), changesBetween(base, replayed));
  });
});
