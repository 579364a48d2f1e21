/**
 * Hostile ids, keys and names against every command type and the casefile
 * loader, through the real API handlers and the real casefile store on disk.
 *
 * For every command type, fast-check builds sequences of commands whose
 * strings (ids, keys, names, text) come from a hostile generator, and sends
 * each one twice: through the API (the contract checks it first), and straight
 * to the reducer (as the window's own copy and the review merge do). After
 * each command, Object.prototype must be untouched and only clear refusals
 * allowed; after each sequence, a later call must still work and the saved
 * file must reopen equal to the casefile in memory. Casefiles whose record
 * keys and ids are hostile are opened the same way.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { OpenedCasefile } from '../../../shared/api/contract';
import { ApiError, dispatchApiCall, type ApiHandlers } from '../../../shared/api/dispatch';
import { applyCommand, CommandError } from '../../../shared/commands/apply';
import type { Command, SingleCommand } from '../../../shared/commands/commands';
import { DEFAULT_TAXONOMY } from '../../../shared/model/taxonomy';
import { textHash } from '../../../shared/text/hash';
import { createBackend, type Backend } from '../../../electron/services/handlers';
import { loadCasefile } from '../../../electron/services/casefile/store';
import { workspacePolicy } from '../../../electron/services/paths';
import { SettingsStore } from '../../../electron/services/settings';

/** Strings that have broken programs before: prototype keys, bidi controls, lone surrogates, injections, huge text. */
const NAUGHTY: readonly string[] = [
  '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineSetter__', 'isPrototypeOf',
  '__PROTO__', ' __proto__', '__proto__\u0000', 'constructor.prototype', '__proto__.polluted', '__proto__:x',
  '', ' ', '\t', '\n', '\r\n', '\u0000', '\u0007', '\uFEFF', '\u200B', '\u00A0',
  '\u202Egnp.exe', '\u2066isolated\u2069', '\u202D\u202E\u202A\u202B', '\u200F', '\u061C', '\u2067', '\u202C\u202C\u202C',
  '\uD800', '\uDFFF', 'a\uDBFF', '\uDC00\uD800', '😀', '👩‍👩‍👧‍👦', '𝕿𝖍𝖊', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '../../etc/passwd', 'C:\\Windows\\System32\\con', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE claims; --", '${process.exit()}', '{{constructor.constructor("return process")()}}', '%s%s%n%x',
  'null', 'undefined', 'NaN', 'Infinity', '-0', '1e309', '=cmd|\'/c calc\'!A1', '@SUM(1)', 'javascript:alert(1)',
  'a_1', 'c_1', 's_1', 'p_1', 'named-official', 'a'.repeat(200), 'a'.repeat(201),
  'x'.repeat(100_000), '\u202E'.repeat(50_000), '\uD800'.repeat(50_000),
];

const BIDI_AND_SURROGATES = fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\uD800', '\uDC00', 'a', '_');

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAUGHTY) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: BIDI_AND_SURROGATES, maxLength: 30 }) },
);

const TEXT = 'Officials said the drones were shipped in July. A second source denied it. Nobody else commented on the claim.';
const NOW = '2024-10-01T09:00:00.000Z';

function hop(id: string, sourceId: string | null, typeId = 'named-official') {
  return { id, sourceId, typeId, cue: 'said', hedging: '', quoteMode: null, sourceCount: null, anonymityReasonGiven: null, reliability: null, credibility: null, note: '' };
}

function article(id: string) {
  return {
    id, title: `Article ${id}`, outlet: 'Outlet', author: '', publishedAt: '', url: '', language: 'en', notes: '',
    text: TEXT, textHash: textHash(TEXT), origin: { fileName: `${id}.txt`, format: 'txt' }, excluded: [],
  };
}

function claim(id: string, articleId: string, start: number, end: number) {
  return {
    id, articleId, textHash: textHash(TEXT), anchor: 'exact' as const, chain: [hop(`h_${id}`, 's_1')], notes: '',
    quote: { type: 'TextQuoteSelector' as const, exact: TEXT.slice(start, end), prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector' as const, start, end },
  };
}

function source(id: string) {
  return { id, name: `Source ${id}`, kind: 'person' as const, role: '', affiliation: '', aliases: [], notes: '' };
}

const provenance = { createdBy: 'Dana', createdAt: NOW };
const assessment = { rating: null, reliability: null, credibility: null, notes: '' };

/** The casefile every sequence starts from: a record of every kind, with ordinary ids. */
const SETUP: Command[] = [
  { type: 'article.add', article: { ...article('a_1'), chromeProposals: [{ id: 'cp_1', start: 0, end: 9, reason: 'navigation', confidence: 0.9 }] } },
  { type: 'article.add', article: article('a_2') },
  { type: 'source.add', source: source('s_1') },
  { type: 'source.add', source: source('s_2') },
  { type: 'claim.add', claim: claim('c_1', 'a_1', 0, 47) },
  { type: 'claim.add', claim: claim('c_2', 'a_2', 48, 74) },
  { type: 'proposition.add', proposition: { id: 'p_1', statement: 'Drones were shipped', members: [{ claimId: 'c_1', stance: 'supports', addedBy: 'Dana', addedAt: NOW }], assessment } },
  { type: 'proposition.add', proposition: { id: 'p_2', statement: 'Nobody commented', members: [], assessment } },
  { type: 'copyFlag.add', flag: { id: 'f_1', articleA: 'a_1', articleB: 'a_2', similarity: 0.9, kind: 'near-duplicate', status: 'open' } },
  { type: 'review.set', review: { id: 'r_1', target: { kind: 'claim', id: 'c_1' }, status: 'disputed', comment: 'Check this', by: 'Dana', at: NOW } },
  { type: 'roots.judge', judgementId: 'j_1', sourceA: 's_1', sourceB: 's_2', relation: 'distinct' },
];

/** One ordinary command of each type against the SETUP casefile; the type makes sure no command type is left out. */
const TEMPLATES: { [T in SingleCommand['type']]: Extract<SingleCommand, { type: T }> } = {
  'casefile.rename': { type: 'casefile.rename', title: 'Drones' },
  'casefile.setPublisher': { type: 'casefile.setPublisher', publisher: { name: 'Desk Check', url: 'https://desk.example/' } },
  'taxonomy.set': { type: 'taxonomy.set', types: [...DEFAULT_TAXONOMY, { id: 'extra', label: 'Extra', color: '#123456', description: '', hidden: false }] },
  'assessmentScale.set': { type: 'assessmentScale.set', labels: ['corroborated', 'contested'] },
  'article.add': { type: 'article.add', article: article('a_3') },
  'article.update': { type: 'article.update', articleId: 'a_1', patch: { title: 'New title', outlet: 'Other' } },
  'article.remove': { type: 'article.remove', articleId: 'a_2' },
  'article.setExcluded': { type: 'article.setExcluded', articleId: 'a_1', ranges: [{ id: 'x_1', start: 75, end: 100, reason: 'chrome' }] },
  'article.replaceText': { type: 'article.replaceText', articleId: 'a_1', text: `${TEXT} Added later.` },
  'article.confirmField': { type: 'article.confirmField', articleId: 'a_1', field: 'outlet', value: 'Reuters' },
  'article.decideChrome': { type: 'article.decideChrome', articleId: 'a_1', acceptIds: ['cp_1'], rejectIds: [] },
  'outlet.set': { type: 'outlet.set', outlet: { name: 'Drone Watch', kind: 'blog', domains: ['dronewatch.example.org'], aliases: [] } },
  'copyFlag.add': { type: 'copyFlag.add', flag: { id: 'f_2', articleA: 'a_2', articleB: 'a_1', similarity: 0.5, kind: 'partial-overlap', status: 'open' } },
  'copyFlag.decide': { type: 'copyFlag.decide', flagId: 'f_1', status: 'dismissed' },
  'claim.add': { type: 'claim.add', claim: claim('c_3', 'a_1', 75, 100) },
  'claim.setChain': { type: 'claim.setChain', claimId: 'c_1', chain: [hop('h_9', 's_2', 'outlet-citing-outlet'), hop('h_10', null, 'anonymous')] },
  'claim.setRootType': { type: 'claim.setRootType', claimId: 'c_2', typeId: 'document', hopId: 'h_11' },
  'claim.setNotes': { type: 'claim.setNotes', claimId: 'c_1', notes: 'Needs a second source' },
  'claim.reattach': { type: 'claim.reattach', claimId: 'c_2', quote: { type: 'TextQuoteSelector', exact: TEXT.slice(0, 9), prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: 9 }, textHash: textHash(TEXT) },
  'claim.remove': { type: 'claim.remove', claimId: 'c_2' },
  'source.add': { type: 'source.add', source: source('s_3') },
  'source.update': { type: 'source.update', sourceId: 's_1', patch: { name: 'Renamed', aliases: ['Alias'] } },
  'source.merge': { type: 'source.merge', fromId: 's_2', intoId: 's_1' },
  'source.remove': { type: 'source.remove', sourceId: 's_2' },
  'proposition.add': { type: 'proposition.add', proposition: { id: 'p_3', statement: 'Third', members: [{ claimId: 'c_2', stance: 'mentions', addedBy: 'Dana', addedAt: NOW }], assessment } },
  'proposition.rename': { type: 'proposition.rename', propositionId: 'p_1', statement: 'Renamed' },
  'proposition.assess': { type: 'proposition.assess', propositionId: 'p_1', assessment: { rating: 'contested', reliability: 'B', credibility: 2, notes: 'Why' } },
  'proposition.addMember': { type: 'proposition.addMember', propositionId: 'p_2', claimId: 'c_2', stance: 'contradicts' },
  'proposition.setStance': { type: 'proposition.setStance', propositionId: 'p_1', claimId: 'c_1', stance: 'mentions' },
  'proposition.removeMember': { type: 'proposition.removeMember', propositionId: 'p_1', claimId: 'c_1' },
  'proposition.merge': { type: 'proposition.merge', fromId: 'p_2', intoId: 'p_1' },
  'proposition.split': { type: 'proposition.split', propositionId: 'p_1', claimIds: ['c_1'], newId: 'p_4', statement: 'Split off' },
  'proposition.remove': { type: 'proposition.remove', propositionId: 'p_2' },
  'roots.judge': { type: 'roots.judge', judgementId: 'j_2', sourceA: 's_2', sourceB: 's_1', relation: 'same' },
  'proposal.reject': { type: 'proposal.reject', rejection: { id: 'prop_1', articleId: 'a_1', text: 'Officials said' } },
  'review.set': { type: 'review.set', review: { id: 'r_2', target: { kind: 'proposition', id: 'p_1' }, status: 'approved', comment: 'Fine', by: 'Dana', at: NOW } },
  'review.remove': { type: 'review.remove', reviewId: 'r_1' },
  'claim.import': { type: 'claim.import', claim: { ...claim('c_4', 'a_2', 0, 9), ...provenance } },
  'proposition.import': { type: 'proposition.import', proposition: { id: 'p_5', statement: 'Imported', members: [], assessment, ...provenance } },
  'source.import': { type: 'source.import', source: { ...source('s_4'), ...provenance } },
};
const TYPES = Object.keys(TEMPLATES) as SingleCommand['type'][];

type Path = (string | number)[];

/** Paths to every string in a command except its type: the places a hostile string can go. */
function stringPaths(value: unknown, at: Path = []): Path[] {
  if (typeof value === 'string') return at.length === 1 && at[0] === 'type' ? [] : [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
  return [];
}

function withStringAt(command: SingleCommand, where: Path, replacement: string): SingleCommand {
  const copy = structuredClone(command) as unknown as Record<string | number, unknown>;
  let node = copy;
  for (const key of where.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[where.at(-1)!] = replacement;
  return copy as unknown as SingleCommand;
}

/** A command of `type` with some of its strings (ids, names, text) replaced by hostile ones. */
function hostileCommand(type: SingleCommand['type']): fc.Arbitrary<SingleCommand> {
  const template = TEMPLATES[type];
  const paths = stringPaths(template);
  return fc
    .array(fc.tuple(fc.nat(paths.length - 1), hostileString), { minLength: 1, maxLength: 3 })
    .map((changes) => changes.reduce((cmd, [i, s]) => withStringAt(cmd, paths[i]!, s), template as SingleCommand));
}

function prototypeSnapshot() {
  return [Object.prototype, Array.prototype, Function.prototype].map((p) =>
    Object.getOwnPropertyNames(p).map((name) => [name, Object.getOwnPropertyDescriptor(p, name)!.value]),
  );
}

const PRISTINE = prototypeSnapshot();

function expectPrototypesUntouched(): void {
  expect(prototypeSnapshot()).toEqual(PRISTINE);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).status).toBeUndefined();
}

/** Expected failures are refusals with a message; anything else (a TypeError, a stack overflow) is a bug. */
async function refusedOrDone(run: () => unknown): Promise<'done' | 'refused'> {
  try {
    await run();
    return 'done';
  } catch (error) {
    if (error instanceof ApiError || error instanceof CommandError) {
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.message).not.toMatch(/Maximum call stack|Cannot read prop|undefined is not|ENOENT/);
      return 'refused';
    }
    throw error;
  }
}

const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-hostile-ids-'));
const backend: Backend = createBackend({
  mode: 'web',
  version: 'test',
  paths: workspacePolicy(workspace),
  settings: new SettingsStore(path.join(workspace, '.settings.json')),
  emit: () => undefined,
  openExternal: async () => false,
});
const call = (name: string, args: unknown) => dispatchApiCall(backend.handlers as ApiHandlers, name, args);

let n = 0;
async function freshCasefile(): Promise<OpenedCasefile> {
  const opened = (await call('createCasefile', { title: `Hostile ${++n}` })) as OpenedCasefile;
  let revision = opened.status.revision;
  for (const command of SETUP) revision = ((await call('applyCommand', { sessionId: opened.sessionId, revision, command })) as { status: { revision: number } }).status.revision;
  return opened;
}

async function runSequence(commands: SingleCommand[]): Promise<void> {
  const opened = await freshCasefile();
  const session = backend.sessions.get(opened.sessionId);
  for (const command of commands) {
    // Straight to the reducer, as the window's copy and review merges use it: no contract in front.
    await refusedOrDone(() => applyCommand(session.casefile, command, { name: 'Dana', now: NOW }));
    expectPrototypesUntouched();
    await refusedOrDone(() => call('applyCommand', { sessionId: opened.sessionId, revision: session.status().revision, command }));
    expectPrototypesUntouched();
  }
  // Every later call still works.
  const after = await call('applyCommand', { sessionId: opened.sessionId, revision: session.status().revision, command: { type: 'casefile.rename', title: 'Still working' } });
  expect(after).toMatchObject({ status: { saveState: expect.any(String) } });
  const status = (await call('saveNow', { sessionId: opened.sessionId })) as { saveState: string };
  expect(status.saveState).toBe('saved');
  const reopened = await loadCasefile(path.join(workspace, opened.path));
  expect(reopened.casefile).toEqual(session.casefile);
  await call('closeCasefile', { sessionId: opened.sessionId });
}

describe('hostile ids, keys and names in commands', () => {
  test.each(TYPES)('%s: prototypes untouched, later calls work, the saved file reopens equal', async (type) => {
    await fc.assert(
      fc.asyncProperty(
        hostileCommand(type),
        fc.array(fc.constantFrom(...TYPES).chain(hostileCommand), { maxLength: 3 }),
        async (first, others) => runSequence([first, ...others]),
      ),
      { numRuns: 10 },
    );
  }, 60_000);

  test('the examples from the issue are refused with a clear message and change nothing', async () => {
    const opened = await freshCasefile();
    const session = backend.sessions.get(opened.sessionId);
    const before = session.casefile;
    for (const command of [
      { type: 'copyFlag.decide', flagId: '__proto__', status: 'dismissed' },
      { type: 'claim.setNotes', claimId: '__proto__', notes: 'x' },
      { type: 'taxonomy.set', types: [...DEFAULT_TAXONOMY, { id: '__proto__', label: 'x', color: '#000000', description: '', hidden: false }] },
      { type: 'source.add', source: source('constructor') },
    ] as SingleCommand[]) {
      expect(() => applyCommand(before, command, { name: 'Dana', now: NOW })).toThrow(/not a valid id/);
      await expect(call('applyCommand', { sessionId: opened.sessionId, revision: session.status().revision, command })).rejects.toThrow(/not a valid id/);
    }
    expect(session.casefile).toBe(before);
    expectPrototypesUntouched();
    await call('closeCasefile', { sessionId: opened.sessionId });
  });
});

const COLLECTIONS = ['articles', 'claims', 'sources', 'propositions', 'rootJudgements', 'copyFlags', 'reviews'] as const;
const RECORD_KEYS: Record<(typeof COLLECTIONS)[number], string> = {
  articles: 'a_1', claims: 'c_1', sources: 's_1', propositions: 'p_1', rootJudgements: 'j_1', copyFlags: 'f_1', reviews: 'r_1',
};

describe('hostile record keys and ids in a casefile on disk', () => {
  test('each is refused with a message naming the file, or opens and saves faithfully', async () => {
    const base = await freshCasefile();
    await call('saveNow', { sessionId: base.sessionId });
    const baseText = readFileSync(path.join(workspace, base.path), 'utf8');
    await call('closeCasefile', { sessionId: base.sessionId });
    let file = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COLLECTIONS), hostileString, fc.constantFrom('key', 'id', 'both'), async (collection, hostile, where) => {
        const doc = JSON.parse(baseText) as Record<string, Record<string, { id: string }>>;
        const key = RECORD_KEYS[collection];
        const record = doc[collection]![key]!;
        if (where !== 'key') record.id = hostile;
        // Written as text so that a "__proto__" key lands in the file as data, as a hand-made file would have it.
        let text = JSON.stringify(doc);
        if (where !== 'id') text = text.replace(`"${key}":{"id"`, `${JSON.stringify(hostile)}:{"id"`);
        const name = `hostile-${++file}.corroborate`;
        writeFileSync(path.join(workspace, name), text);
        const outcome = await refusedOrDone(async () => {
          const opened = (await call('openCasefile', { path: name })) as OpenedCasefile;
          const session = backend.sessions.get(opened.sessionId);
          await call('applyCommand', { sessionId: opened.sessionId, revision: session.status().revision, command: { type: 'casefile.rename', title: 'Opened' } });
          await call('saveNow', { sessionId: opened.sessionId });
          expect((await loadCasefile(path.join(workspace, name))).casefile).toEqual(session.casefile);
          await call('closeCasefile', { sessionId: opened.sessionId });
        });
        if (outcome === 'refused') {
          await expect(call('openCasefile', { path: name })).rejects.toThrow(new RegExp(`^${name} is not a valid casefile: `));
        } else {
          // Only a hostile string that happens to be a valid id (and its own key) may open.
          expect(hostile).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/);
        }
        expectPrototypesUntouched();
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
