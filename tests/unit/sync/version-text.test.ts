/**
 * Versions are stored as JSON text in the shared document (docs/team-sync.md,
 * "A version"): the text is parsed and checked as strictly as the value was,
 * on the server (updateProblem) and on every client (left out and listed).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyCasefile } from '../../../shared/model/casefile';
import { updateProblem } from '../../../shared/sync/check-update';
import { SharedCasefile } from '../../../shared/sync/shared-casefile';
import { MAX_VERSION_CHARS, readVersion, versionProblem, versionText } from '../../../shared/sync/version';
import { smallCasefile } from '../../support/random-commands';

const NOTES = { fields: { notes: 'mine' }, stamps: { notes: 'mk0000000.0000.m1' } };

/** What a client with `write` applied would send a server holding `server`. */
function updateFrom(server: Y.Doc, write: (versions: Y.Map<unknown>) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  write(client.getMap('versions'));
  return Y.encodeStateAsUpdate(client, before);
}

describe('a version as JSON text', () => {
  it('reads back what was written', () => {
    expect(readVersion('claims/c-1/mallory', versionText(NOTES))).toEqual({ version: NOTES, problem: null });
  });

  it('names the stamp its fields share once, and only the fields stamped otherwise', () => {
    const together = { fields: { notes: 'mine', anchor: 'exact' }, stamps: { notes: 'mk0000000.0000.m1', anchor: 'mk0000000.0000.m1' } };
    expect(JSON.parse(versionText(together))).toEqual({ fields: together.fields, stamp: 'mk0000000.0000.m1' });
    const apart = { fields: { notes: 'mine', anchor: 'exact', id: 'c-1' }, stamps: { notes: 'mk0000009.0000.m1', anchor: 'mk0000000.0000.m1', id: 'mk0000000.0000.m1' }, deleted: 'mk0000005.0000.m1' };
    expect(JSON.parse(versionText(apart))).toEqual({ fields: apart.fields, stamp: 'mk0000000.0000.m1', stamps: { notes: 'mk0000009.0000.m1' }, deleted: 'mk0000005.0000.m1' });
    for (const version of [together, apart]) expect(readVersion('claims/c-1/mallory', versionText(version))).toEqual({ version, problem: null });
    // As earlier versions wrote it: every field under `stamps`.
    expect(readVersion('claims/c-1/mallory', JSON.stringify(apart))).toEqual({ version: apart, problem: null });
  });

  it('refuses a bad shared stamp, a stamp for a field not set, and a prototype key beside a shared stamp', () => {
    expect(versionProblem('claims/c-1/mallory', '{"fields":{"notes":"x"},"stamp":"yesterday"}')).toMatch(/bad shared stamp/);
    expect(versionProblem('claims/c-1/mallory', '{"fields":{"notes":"x"},"stamp":7}')).toMatch(/bad shared stamp/);
    expect(versionProblem('claims/c-1/mallory', '{"fields":{"notes":"x"},"stamp":"mk0000000.0000.m1","stamps":{"anchor":"mk0000001.0000.m1"}}')).toMatch(/does not set \(anchor\)/);
    expect(versionProblem('claims/c-1/mallory', '{"fields":{"notes":"x"},"stamp":"mk0000000.0000.m1","stamps":["mk0000001.0000.m1"]}')).toMatch(/lacks its fields or stamps/);
    expect(versionProblem('claims/c-1/mallory', '{"fields":{"notes":"x"},"stamp":"mk0000000.0000.m1","stamps":{"notes":"soon"}}')).toMatch(/notes has a bad stamp/);
    expect(versionProblem('claims/c-1/mallory', '{"fields":{"__proto__":{"polluted":true}},"stamp":"mk0000999.0000.m"}')).toMatch(/not a field/);
    expect(versionProblem('claims/c-1/mallory', '{"fields":{"notes":"x"},"stamp":"mk0000999.0000.m","stamps":{"__proto__":{"polluted":"mk0000999.0000.m"}}}')).toMatch(/not a field/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(versionProblem('claims/c-1/mallory', '{"fields":{"notes":"x"}}')).toMatch(/lacks its fields or stamps/);
  });

  it('refuses text that is not JSON, JSON that is not a version, and an old-form value', () => {
    expect(versionProblem('claims/c-1/mallory', '{"fields":{"notes":"x"},"stamps":')).toMatch(/not valid JSON text/);
    expect(versionProblem('claims/c-1/mallory', '[1,2]')).toMatch(/is not a version/);
    expect(versionProblem('claims/c-1/mallory', 'null')).toMatch(/is not a version/);
    expect(versionProblem('claims/c-1/mallory', 42)).toMatch(/is not a version/);
    expect(versionProblem('claims/c-1/mallory', NOTES)).toMatch(/old form/);
  });

  it('refuses prototype keys, an oversized text, and another analyst\'s key', () => {
    expect(versionProblem('claims/c-1/mallory', '{"fields":{"__proto__":{"polluted":true}},"stamps":{"__proto__":"mk0000999.0000.m"}}')).toMatch(/not a field/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(versionProblem('claims/c-1/mallory', '{"fields":{},"stamps":{},"__proto__":{"x":1}}')).toMatch(/unknown part "__proto__"/);
    const huge = versionText({ fields: { notes: 'x'.repeat(MAX_VERSION_CHARS) }, stamps: { notes: 'mk0000000.0000.m1' } });
    expect(versionProblem('claims/c-1/mallory', huge)).toMatch(/more than/);
    expect(versionProblem('claims/c-1/anna', versionText(NOTES), 'mallory')).toMatch(/another analyst/);
  });

  it('is checked by the server\'s update check in the new form', () => {
    const server = new Y.Doc();
    const writer = { analystId: 'mallory', role: 'editor' } as const;
    expect(updateProblem(server, updateFrom(server, (v) => v.set('claims/c-1/mallory', versionText(NOTES))), writer)).toBeNull();
    expect(updateProblem(server, updateFrom(server, (v) => v.set('claims/c-1/mallory', '{"fields":')), writer)).toMatch(/not valid JSON text/);
    expect(updateProblem(server, updateFrom(server, (v) => v.set('claims/c-1/mallory', NOTES)), writer)).toMatch(/old form/);
    expect(updateProblem(server, updateFrom(server, (v) => v.set('claims/c-1/mallory', versionText({ fields: { notes: 3 }, stamps: { notes: 'mk0000000.0000.m1' } }))), writer)).toMatch(/notes is not valid/);
  });

  it('leaves out and lists, on a client, a version that is not JSON text or is in the old form', () => {
    const start = smallCasefile(5);
    const doc = new Y.Doc();
    const anna = new SharedCasefile(doc, { analystId: 'anna', analystName: 'ANNA', deviceId: 'anna-laptop' });
    anna.seed(start);
    const [first, second] = Object.keys(start.claims);
    doc.getMap('versions').set(`claims/${first}/mallory`, '{"fields":{"notes":"x"}');
    doc.getMap('versions').set(`claims/${second}/mallory`, { fields: { notes: 'old' }, stamps: { notes: 'mk0000000.0000.m1' } });
    const reader = new SharedCasefile(doc, { analystId: 'ben', analystName: 'BEN', deviceId: 'ben-laptop' });
    const base = emptyCasefile({ id: start.meta.id, title: '', analyst: '', now: start.meta.createdAt });
    const texts = new Map(Object.values(start.articles).map((a) => [a.textHash, a.text]));
    const opened = reader.materialise(base, (hash) => texts.get(hash));
    expect(opened.problems).toContain(`Left out claims/${first}/mallory is not valid JSON text`);
    expect(opened.problems.some((p) => p.startsWith(`Left out claims/${second}/mallory is a version in the old form`))).toBe(true);
    expect(opened.state.claims[first!]).toEqual(start.claims[first!]);
  });
});
