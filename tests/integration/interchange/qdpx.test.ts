/**
 * REFI-QDA projects (.qdpx): the export checked by xmllint against the
 * standard's schema and read back by an independent Python reader; the round
 * trip export → import on the seed casefile and on a hostile one; projects
 * written by other tools (the ATLAS.ti samples, one written with lxml).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readQdpx } from '../../../electron/services/import/qdpx';
import { qdpxBytes } from '../../../electron/services/export/qdpx';
import { guidFromName } from '../../../shared/interchange/refi-qda/guid';
import { QdaFormatError, parseQdaProject } from '../../../shared/interchange/refi-qda/parse';
import { codeChoices, projectToCasefile } from '../../../shared/interchange/refi-qda/to-casefile';
import { xmlLegal } from '../../../shared/interchange/refi-qda/xml';
import { findType, rootTypeId } from '../../../shared/model/casefile';
import type { Casefile } from '../../../shared/model/schema';
import { buildSeedCasefile, SEED_COUNTS } from '../../fixtures/report/seed-casefile';
import { buildXmlHostileCasefile, XML_HOSTILE } from '../../fixtures/interchange/hostile-qda-casefile';
import { ATLAS_SAMPLES, readWithPython, writeWithPython, xmllintProject } from '../../support/qdpx';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-qdpx-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const IMPORT = { casefileId: 'cf_imported', analyst: 'Importing Analyst', now: '2025-01-02T03:04:05.000Z' };

async function exportToFile(cf: Casefile, name: string): Promise<{ bytes: Uint8Array; file: string }> {
  const bytes = await qdpxBytes(cf, 'Corroborate test');
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return { bytes, file };
}

/**
 * What a round trip must keep, with the original's record ids turned into
 * the ids the import gives (from the exported GUIDs) and type ids into labels.
 * `xml` is what XML does to the text fields it carries (identity on the import's side).
 */
function comparable(cf: Casefile, keyOf: (kind: string, id: string) => string, xml: (s: string) => string) {
  const typeLabel = (id: string) => xml(findType(cf, id)?.label ?? `missing ${id}`);
  return {
    taxonomy: cf.taxonomy.map((t) => ({ label: xml(t.label), color: t.color, description: xml(t.description) })),
    articles: Object.fromEntries(Object.values(cf.articles).map((a) => [keyOf('article', a.id), {
      title: xml(a.title), outlet: xml(a.outlet), author: xml(a.author), publishedAt: xml(a.publishedAt), url: xml(a.url),
      language: xml(a.language), notes: xml(a.notes), text: a.text, textHash: a.textHash, origin: a.origin, excluded: a.excluded,
      createdBy: xml(a.createdBy), createdAt: a.createdAt,
    }])),
    claims: Object.fromEntries(Object.values(cf.claims).map((c) => [keyOf('claim', c.id), {
      article: keyOf('article', c.articleId), quote: c.quote, position: c.position, anchor: c.anchor, textHash: c.textHash,
      type: rootTypeId(c) ? typeLabel(rootTypeId(c)!) : null,
      chain: c.chain.map((h) => ({ ...h, typeId: typeLabel(h.typeId), source: h.sourceId ? cf.sources[h.sourceId] : null })),
      chainProvenance: c.chainProvenance, notes: xml(c.notes),
      createdBy: xml(c.createdBy), createdAt: c.createdAt, modifiedBy: c.modifiedBy && xml(c.modifiedBy), modifiedAt: c.modifiedAt,
    }])),
    propositions: Object.fromEntries(Object.values(cf.propositions).map((p) => [keyOf('proposition', p.id), {
      statement: xml(p.statement), assessment: p.assessment, createdBy: p.createdBy, createdAt: p.createdAt,
      members: p.members.map((m) => ({ claim: keyOf('claim', m.claimId), stance: m.stance, addedBy: xml(m.addedBy), addedAt: m.addedAt }))
        .sort((a, b) => a.claim.localeCompare(b.claim)),
    }])),
  };
}

const PREFIX: Record<string, string> = { article: 'a', claim: 'c', proposition: 'p' };
function exportedKey(cf: Casefile) {
  return (kind: string, id: string) => `${PREFIX[kind]}_${guidFromName(`${cf.meta.id}/${kind}/${id}`).toLowerCase()}`;
}

async function roundTrip(cf: Casefile, name: string) {
  const { bytes, file } = await exportToFile(cf, name);
  const imported = projectToCasefile(await readQdpx(bytes), IMPORT);
  return { bytes, file, imported };
}

describe.each([
  ['seed', buildSeedCasefile],
  ['hostile', buildXmlHostileCasefile],
])('the %s casefile as a .qdpx', (name, build) => {
  const cf = build();
  let bytes: Uint8Array;
  let file: string;
  let imported: ReturnType<typeof projectToCasefile>;
  beforeAll(async () => {
    ({ bytes, file, imported } = await roundTrip(cf, `${name}.qdpx`));
  });

  test('project.qde is valid against the QDA-XML 1.0 schema (xmllint)', async () => {
    const r = await xmllintProject(bytes, mkdtempSync(path.join(dir, 'lint-')));
    expect(r.output).toContain('validates');
    expect(r.status).toBe(0);
  });

  test('an independent reader (Python xmlschema + zipfile) validates it and finds every claim on its words, with its codes', () => {
    const project = readWithPython(file);
    expect(project.errors).toEqual([]);
    expect(project.valid).toBe(true);
    expect(project.sources).toHaveLength(Object.keys(cf.articles).length);
    const selections = project.sources.flatMap((s) => s.selections);
    expect(selections).toHaveLength(Object.keys(cf.claims).length);
    for (const claim of Object.values(cf.claims).filter((c) => c.anchor === 'exact')) {
      const article = cf.articles[claim.articleId]!;
      const found = project.sources.find((s) => s.name === xmlLegal(article.title) && s.selections.some((sel) => sel.text === claim.quote.exact));
      expect(found, claim.id).toBeDefined();
    }
    for (const claim of Object.values(cf.claims)) {
      const type = findType(cf, rootTypeId(claim));
      if (type) expect(selections.some((s) => s.codes.some((c) => c.join(' > ') === `Sourcing > ${xmlLegal(type.label)}`))).toBe(true);
    }
    for (const p of Object.values(cf.propositions)) {
      for (const m of p.members) expect(project.codes).toContain(`Propositions > ${xmlLegal(p.statement)} > ${m.stance}`);
    }
    expect(project.users).toEqual(expect.arrayContaining(cf.meta.analysts.map(xmlLegal)));
  });

  test('imports back with the same articles, claims, types, chains, memberships and notes', () => {
    const xml = name === 'hostile' ? xmlLegal : (s: string) => s;
    expect(imported.notCarried).toEqual([]);
    const got = comparable(imported.casefile, (_, id) => id, (s) => s);
    const want = comparable(cf, exportedKey(cf), xml);
    expect(got.taxonomy).toEqual(want.taxonomy);
    expect(got.articles).toEqual(want.articles);
    expect(got.claims).toEqual(want.claims);
    expect(got.propositions).toEqual(want.propositions);
  });
});

test('the seed round trip keeps every count and the seed claims typed', async () => {
  const cf = buildSeedCasefile();
  const { imported } = await roundTrip(cf, 'seed-counts.qdpx');
  expect(imported.counts).toMatchObject({ articles: SEED_COUNTS.articles, claims: SEED_COUNTS.claims, propositions: SEED_COUNTS.propositions });
  expect(imported.counts.typed).toBe(Object.values(cf.claims).filter((c) => c.chain.length).length);
});

test('in the hostile export, text fields lose only what XML 1.0 cannot hold (each such character becomes U+FFFD)', async () => {
  const cf = buildXmlHostileCasefile();
  const { imported } = await roundTrip(cf, 'hostile-loss.qdpx');
  const claim = imported.casefile.claims[exportedKey(cf)('claim', 'c_0')]!;
  expect(claim.notes).toBe(xmlLegal(cf.claims.c_0!.notes));
  expect(xmlLegal(XML_HOSTILE[2]!)).toBe('bell\uFFFD nul\uFFFD esc\uFFFD[31m del\u007f nel\u0085 end');
  // Chains travel as JSON records: there, even control characters come back exactly.
  expect(claim.chain.map((h) => h.cue)).toEqual(cf.claims.c_0!.chain.map((h) => h.cue));
  expect(cf.claims.c_0!.chain.some((h) => (h.cue + h.hedging + h.note).includes('\u0000'))).toBe(true);
});

test('the same casefile gives the same bytes (GUIDs derived from ids and names)', async () => {
  const cf = buildSeedCasefile();
  const a = await qdpxBytes(cf, 'x');
  const b = await qdpxBytes(cf, 'x');
  expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  const qde = await (await JSZip.loadAsync(a)).file('project.qde')!.async('string');
  expect(qde).toContain(`<User guid="${guidFromName('user:Dana Whitfield')}" name="Dana Whitfield"/>`);
});

describe('projects from other tools', () => {
  test.each(ATLAS_SAMPLES)('the ATLAS.ti sample %s imports without error', async (sample) => {
    const project = await readQdpx(readFileSync(sample));
    const result = projectToCasefile(project, IMPORT);
    expect(result.casefile.meta.title).toBe(path.basename(sample, '.qdpx'));
    expect(result.casefile.meta.analysts).toEqual(expect.arrayContaining(['Enric Llagostera', 'ATLAS.ti', IMPORT.analyst]));
    expect(result.counts).toEqual({ articles: 0, claims: 0, typed: 0, propositions: 0, tagged: 0 });
    if (sample.includes('target')) {
      expect(codeChoices(project).map((c) => c.label)).toEqual(['Commits', 'Commits › 2022-05-10T02:05:59Z 19e4dce', 'Commits › 2022-02-11T10:39:25Z cdbfd92']);
    }
  });

  test('a project written from scratch with lxml imports with its selections on the right text, codes mapped by name or as tags', async () => {
    const file = path.join(dir, 'lxml.qdpx');
    writeWithPython(file);
    const project = await readQdpx(readFileSync(file));
    const choices = codeChoices(project);
    expect(choices.map((c) => [c.label, c.uses, c.proposed])).toEqual([
      ['Who speaks › named official', 1, { kind: 'type', typeId: 'named-official' }],
      ['Who speaks › Eyewitness', 1, { kind: 'tag' }],
      ['Water', 1, { kind: 'tag' }],
    ]);
    const eyewitness = choices[1]!.guid;
    const { casefile, notCarried } = projectToCasefile(project, { ...IMPORT, mapping: new Map([[eyewitness, { kind: 'type', typeId: 'direct-observation' }]]) });
    const article = Object.values(casefile.articles)[0]!;
    expect(article.title).toBe('Dam report');
    const claims = Object.values(casefile.claims).sort((a, b) => a.position.start - b.position.start);
    expect(claims.map((c) => article.text.slice(c.position.start, c.position.end))).toEqual([
      'Officials said the dam 🌊 was breached at dawn.', 'A witness saw the water rise.', 'No one confirmed the cause.',
    ]);
    expect(claims.map((c) => c.anchor)).toEqual(['exact', 'exact', 'exact']);
    expect(claims.map((c) => rootTypeId(c))).toEqual(['named-official', 'direct-observation', null]);
    expect(claims[0]!.notes).toBe('Memo: Check the time <of> day & the place.\n\nCodes: Water');
    expect(claims[0]!.createdBy).toBe('Rosa Reader');
    expect(notCarried).toEqual(['picture source “Photo of the dam”: this app holds text articles only']);
  });

  test('a project file with a DTD is refused, and its entities are never read', () => {
    const qde = '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY e SYSTEM "file:///etc/passwd">]><Project xmlns="urn:QDA-XML:project:1.0" name="&e;"/>';
    expect(() => parseQdaProject(qde, () => undefined)).toThrow(QdaFormatError);
  });

  test('a zip without project.qde, or not a zip at all, gets a clear message', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    await expect(readQdpx(await zip.generateAsync({ type: 'uint8array' }))).rejects.toThrow('holds no project.qde');
    await expect(readQdpx(new TextEncoder().encode('not a zip'))).rejects.toThrow('not a zip archive');
  });

  test('a project whose root element uses a namespace prefix imports; a root in another namespace is refused', () => {
    const prefixed = '<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="Prefixed" xsi:nil="false">'
      + '<qda:Sources><qda:TextSource guid="0E0B1A5C-3C2D-4B1E-9F00-000000000001" name="Dam"><qda:PlainTextContent>The dam \u{1F30A} opened.</qda:PlainTextContent>'
      + '<qda:PlainTextSelection guid="0E0B1A5C-3C2D-4B1E-9F00-000000000002" startPosition="8" endPosition="16"/></qda:TextSource></qda:Sources></qda:Project>';
    const project = parseQdaProject(prefixed, () => undefined);
    expect(project.name).toBe('Prefixed');
    const { casefile } = projectToCasefile(project, IMPORT);
    expect(Object.values(casefile.claims).map((c) => c.quote.exact)).toEqual(['\u{1F30A} opened']);
    const foreign = '<x:Project xmlns:x="urn:not-qda" xmlns="urn:QDA-XML:project:1.0" name="Other"/>';
    expect(() => parseQdaProject(foreign, () => undefined)).toThrow('is not a QDA-XML 1.0 project');
  });

  test('a project whose zip directory claims huge texts is refused before anything is unpacked; a damaged entry gets a message', async () => {
    const zip = new JSZip();
    zip.file('project.qde', '<Project xmlns="urn:QDA-XML:project:1.0" name="Bomb"/>');
    zip.file('sources/A.txt', 'a'.repeat(10_000));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const claimSize = (size: number) => {
      const copy = bytes.slice();
      const view = new DataView(copy.buffer);
      for (let at = 0; at + 4 <= copy.length; at++) {
        // Each central-directory entry's unpacked size (offset 24), as the zip claims it.
        if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, size, true);
      }
      return copy;
    };
    await expect(readQdpx(claimSize(0x7fff_ffff))).rejects.toThrow(/^This project's texts unpack to 4096 MB; the limit is /);
    await expect(readQdpx(claimSize(0xffff_ffff))).rejects.toThrow(/unpack to more than 4 GB/);
    const damaged = bytes.slice();
    const data = new TextEncoder().encode('project.qde').length + 30;
    damaged.fill(0xff, data, data + 8);
    await expect(readQdpx(damaged)).rejects.toThrow(/^This \.qdpx file is damaged: /);
  });
});
