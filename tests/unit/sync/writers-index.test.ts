/**
 * SharedCasefile's index of who has a version of each record, kept from the
 * document's changes: a version written again (the usual update) leaves it as
 * it is, a removed key leaves it, a key that is not a version key never
 * enters it, whether the change is local or a teammate's.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SharedCasefile } from '../../../shared/sync/shared-casefile';
import { versionText } from '../../../shared/sync/version';

const STAMP = '00000000a.0000.dev';

function claimVersion(notes: string): string {
  return versionText({ fields: { notes }, stamps: { notes: STAMP } });
}

function replica(): { doc: Y.Doc; shared: SharedCasefile } {
  const doc = new Y.Doc();
  return { doc, shared: new SharedCasefile(doc, { analystId: 'anna', analystName: 'Anna', deviceId: 'anna-laptop' }) };
}

const writers = (shared: SharedCasefile, id: string) => shared.versionsOf({ collection: 'claims', id }).map((v) => v.analystId);

describe('who has a version of each record', () => {
  it('follows versions written, written again, removed and written back, locally and from a teammate', () => {
    const { doc, shared } = replica();
    const teammate = new Y.Doc();
    const versions = teammate.getMap<string>('versions');
    const send = () => Y.applyUpdate(doc, Y.encodeStateAsUpdate(teammate, Y.encodeStateVector(doc)), 'remote');

    versions.set('claims/c_1/ben', claimVersion('one'));
    send();
    expect(writers(shared, 'c_1')).toEqual(['ben']);
    for (let i = 0; i < 3; i++) {
      versions.set('claims/c_1/ben', claimVersion(`again ${i}`));
      send();
    }
    expect(writers(shared, 'c_1')).toEqual(['ben']);
    expect(shared.versionOf('claims/c_1/ben')?.fields.notes).toBe('again 2');

    doc.getMap<string>('versions').set('claims/c_1/anna', claimVersion('mine'));
    expect(writers(shared, 'c_1')).toEqual(['anna', 'ben']);

    versions.delete('claims/c_1/ben');
    send();
    expect(writers(shared, 'c_1')).toEqual(['anna']);
    versions.set('claims/c_1/ben', claimVersion('back'));
    send();
    expect(writers(shared, 'c_1')).toEqual(['anna', 'ben']);
    expect(shared.allRefs()).toEqual([{ collection: 'claims', id: 'c_1' }]);
  });

  it('never indexes a key that is not a version key, however often it is written', () => {
    const { doc, shared } = replica();
    const versions = doc.getMap<string>('versions');
    for (const key of ['claims/c_1/ben/x', 'claims/c_1', 'nothing/c_1/ben', 'claims/c_1/Ben', 'claims//ben']) {
      versions.set(key, claimVersion('bad'));
      versions.set(key, claimVersion('bad again'));
    }
    expect(shared.allRefs()).toEqual([]);
    versions.set('claims/c_1/ben', claimVersion('good'));
    versions.set('claims/c_1/ben/x', claimVersion('bad once more'));
    expect(shared.allRefs()).toEqual([{ collection: 'claims', id: 'c_1' }]);
    expect(writers(shared, 'c_1')).toEqual(['ben']);
  });
});
