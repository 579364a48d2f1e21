/**
 * The one function that changes a casefile. It runs on the main side (the
 * authoritative copy) and its patches are replayed on the renderer's copy.
 * immer records forward and inverse patches, which give undo and redo for free.
 */
import { applyPatches, enablePatches, produceWithPatches, setAutoFreeze, type Draft, type Patch } from 'immer';
import type { Casefile, Claim, Hop, Proposition, Source } from '../model/schema';
import type { Command, CommandOf, SingleCommand } from './commands';
import { replaceArticleText } from '../anchoring/replace-text';
import { confirmField, decideChrome, setOutlet } from '../articles/corrections';
import { describeCommand } from './describe';
import { idProblem, recordOf } from '../model/ids';
import { linkRevision } from './changes';

enablePatches();
// Casefiles are replaced, never mutated; freezing would walk every touched record (tens of
// thousands of claims) on each change and cost more than a third of a command's time.
setAutoFreeze(false);

export interface Actor {
  /** The analyst's name, stamped on everything they create or change. */
  name: string;
  /** ISO timestamp of the change, chosen by the caller so replays are identical. */
  now: string;
}

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface Applied {
  state: Casefile;
  patches: Patch[];
  inversePatches: Patch[];
}

export function applyCommand(state: Casefile, command: Command, actor: Actor): Applied {
  const [next, patches, inversePatches] = produceWithPatches(state, (draft) => {
    runCommand(draft, command, actor);
    touch(draft, actor);
  });
  linkRevision(state, next, patches);
  return { state: next, patches, inversePatches };
}

/**
 * Applies patches made elsewhere: by the Node side (the window's copy), by
 * undo and redo (inverse patches). Recorded like a command's, so derived data
 * updates from them the same way.
 */
export function replayPatches(state: Casefile, patches: readonly Patch[]): Casefile {
  const next = applyPatches(state, patches);
  linkRevision(state, next, patches);
  return next;
}

/**
 * `replayPatches` for a casefile already computed: `next` is `state` with
 * `patches` applied, made by the producer that recorded them (a teammate's
 * change caught up from the shared document, `SharedCasefile.catchUp`).
 * Linked as `replayPatches` links its result (derived data updates from the
 * patches the same way), without applying the patches a second time: on the
 * large casefile that is a second copy of a record of 40,000 claims and a
 * deep copy of every value the patches carry. `next` shares those values with
 * the patches; neither is ever changed in place.
 */
export function adoptPatched(state: Casefile, next: Casefile, patches: readonly Patch[]): Casefile {
  linkRevision(state, next, patches);
  return next;
}

/** A shallow copy of a claims record made as immer makes one (a spread, or onto a null prototype), for `replayOntoClaimsCopy`. */
export function copyOfClaims(claims: Casefile['claims']): Casefile['claims'] {
  return Object.getPrototypeOf(claims) === null ? Object.assign(Object.create(null) as Casefile['claims'], claims) : { ...claims };
}

/** Keys immer refuses to patch; patches naming them take immer's path, which refuses them. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `replayPatches`, given a copy of `state.claims` made beforehand (`spare`, from `copyOfClaims`,
 * which this fills in and which must not be used otherwise afterwards). The
 * window makes that copy while it waits for the Node side's answer to a
 * claim command: copying a 40,000-key record is most of the cost of
 * applying the answer (30-40 ms), and it can overlap the Node side's own
 * work instead of following it. Claim patches are applied to their one
 * record (a new object, as immer makes it) and every other patch through
 * immer; the result equals `replayPatches(state, patches)` in value and in
 * which objects are shared with `state` (property-tested), and `state` is
 * left as it was. Returns null, having changed nothing, when a patch
 * replaces the whole claims collection or names a reserved key: the caller
 * then uses `replayPatches`.
 */
export function replayOntoClaimsCopy(state: Casefile, patches: readonly Patch[], spare: Casefile['claims']): Casefile | null {
  for (const { path } of patches) {
    if (path[0] !== 'claims') continue;
    if (path.length < 2 || path.some((key) => RESERVED.has(String(key)))) return null;
  }
  const rest: Patch[] = [];
  // Whether the claims record changes at all; immer keeps it (the same object) when it does not.
  let changed = false;
  for (const patch of patches) {
    if (patch.path[0] !== 'claims') {
      rest.push(patch);
      continue;
    }
    const id = String(patch.path[1]);
    if (patch.path.length === 2) {
      if (patch.op === 'remove') {
        changed ||= Object.hasOwn(spare, id);
        delete spare[id];
      } else {
        // Through immer, so the value is cloned as applyPatches clones it.
        spare[id] = applyPatches({ value: undefined as unknown }, [{ ...patch, path: ['value'] }]).value as Claim;
        changed = true;
      }
    } else {
      const record = recordOf(spare, id) as Claim;
      const updated = applyPatches(record, [{ ...patch, path: patch.path.slice(2) }]);
      changed ||= updated !== record;
      spare[id] = updated;
    }
  }
  const next = applyPatches(changed ? { ...state, claims: spare } : state, rest);
  linkRevision(state, next, patches);
  return next;
}

/**
 * `applyCommand` for a command that writes only the claims it names (every
 * `claim.*` command) or the claims of one article (`article.replaceText`),
 * alone or in a batch, given a copy of `state.claims`
 * made beforehand (`spare`, from `copyOfClaims`; filled in on success and
 * not to be used otherwise afterwards). The command runs through immer on a
 * casefile whose claims record holds only the named claims, so immer copies
 * a handful of keys instead of 40,000 (30-60 ms on the large casefile); the
 * claims it leaves are then written into the spare copy. The result equals
 * `applyCommand`'s in state, patches, inverse patches and sharing
 * (property-tested). Returns null, having changed nothing, for any other
 * command: the caller then uses `applyCommand`. Throws what `applyCommand`
 * throws, leaving `spare` as it was.
 */
export function applyCommandOnClaimsCopy(state: Casefile, command: Command, actor: Actor, spare: Casefile['claims']): Applied | null {
  const named = claimsTouchedBy(state, command);
  if (!named) return null;
  const subset = Object.create(Object.getPrototypeOf(state.claims) as object | null) as Casefile['claims'];
  for (const id of named) {
    const claim = recordOf(state.claims, id);
    if (claim) subset[id] = claim;
  }
  const base: Casefile = { ...state, claims: subset };
  const [produced, patches, inversePatches] = produceWithPatches(base, (draft) => {
    runCommand(draft, command, actor);
    touch(draft, actor);
  });
  if (produced === base) return { state, patches, inversePatches };
  const next = { ...produced, claims: state.claims };
  if (produced.claims !== subset) {
    for (const id of named) {
      const claim = recordOf(produced.claims, id);
      if (claim) spare[id] = claim;
      else delete spare[id];
    }
    next.claims = spare;
  }
  linkRevision(state, next, patches);
  return { state: next, patches, inversePatches };
}

/**
 * Commands whose handlers read and write no claim but the one in `claimId`.
 * A command added here must keep to that: applyCommandOnClaimsCopy shows its
 * handler no other claim.
 */
const ONE_CLAIM_COMMANDS = new Set<SingleCommand['type']>(['claim.setChain', 'claim.setRootType', 'claim.setNotes', 'claim.reattach', 'claim.remove']);

/**
 * The ids of every claim a command reads or writes, when it touches no other
 * claim; otherwise null. A claim's article never changes, so the claims an
 * article's new text re-anchors are its claims in `state` and those the same
 * batch adds (named by their own commands).
 */
function claimsTouchedBy(state: Casefile, command: Command): Set<string> | null {
  const singles = command.type === 'batch' ? command.commands : [command];
  const ids = new Set<string>();
  for (const single of singles) {
    if (single.type === 'claim.add' || single.type === 'claim.import') ids.add(single.claim.id);
    else if (ONE_CLAIM_COMMANDS.has(single.type) && 'claimId' in single) ids.add(single.claimId);
    else if (single.type === 'article.replaceText') {
      for (const id of Object.keys(state.claims)) if (state.claims[id]!.articleId === single.articleId) ids.add(id);
    } else return null;
  }
  // A reserved key is refused by rejectBadIds; the subset must not be built with it.
  return [...ids].some((id) => RESERVED.has(id)) ? null : ids;
}

function runCommand(draft: Draft<Casefile>, command: Command, actor: Actor): void {
  if (command.type === 'batch') {
    for (const inner of command.commands) runCommand(draft, inner, actor);
    return;
  }
  rejectBadIds(command);
  const handler = handlers[command.type] as (d: Draft<Casefile>, c: SingleCommand, a: Actor) => void;
  handler(draft, command, actor);
}

/** Fields that hold a record id (or a list of them) in any command payload. */
const ID_FIELD = /^(id|\w+Id|claimIds|article[AB]|source[AB])$/;

/**
 * The id rule (shared/model/ids.ts) for every id a command carries, checked
 * here too because commands also reach the reducer without crossing the API
 * (the window's own copy, review merges, tests). The handlers write records
 * under these ids, so a "__proto__" here would replace a collection's prototype.
 */
function rejectBadIds(value: unknown, field = ''): void {
  if (typeof value === 'string') {
    if (!ID_FIELD.test(field)) return;
    const problem = idProblem(value);
    if (problem) throw new CommandError(`Refused: ${problem} (${field})`);
  } else if (Array.isArray(value)) {
    for (const item of value) rejectBadIds(item, field);
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) rejectBadIds((value as Record<string, unknown>)[key], key);
  }
}

function touch(draft: Draft<Casefile>, actor: Actor): void {
  draft.meta.modifiedAt = actor.now;
  if (actor.name && !draft.meta.analysts.includes(actor.name)) draft.meta.analysts.push(actor.name);
}

/** Appends an audit entry; kept outside undo so the trail records undos too. */
export function appendAudit(state: Casefile, command: Command | { type: 'undo' | 'redo'; label: string }, actor: Actor): Applied {
  const [next, patches, inversePatches] = produceWithPatches(state, (draft) => {
    draft.audit.push({ at: actor.now, by: actor.name, action: command.type, summary: describeCommand(command) });
  });
  linkRevision(state, next, patches);
  return { state: next, patches, inversePatches };
}

type Handlers = { [T in SingleCommand['type']]: (draft: Draft<Casefile>, cmd: CommandOf<T>, actor: Actor) => void };

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new CommandError(`${what} does not exist in this casefile`);
  return value;
}

function stamp<T extends { modifiedBy?: string; modifiedAt?: string }>(item: T, actor: Actor): void {
  item.modifiedBy = actor.name;
  item.modifiedAt = actor.now;
}

function created(actor: Actor) {
  return { createdBy: actor.name, createdAt: actor.now };
}

/** Records who set or changed a claim's chain: the chain's own authorship, apart from the claim's. */
function stampChain(claim: Draft<Claim>, actor: Actor): void {
  if (claim.chainProvenance) stamp(claim.chainProvenance, actor);
  else claim.chainProvenance = created(actor);
  stamp(claim, actor);
}

/**
 * A record as it stands in the draft, read without drafting it, for handlers
 * that only check it exists or read from it: immer copies a whole collection
 * (40,000 claims: 30-50 ms) as soon as one record is read through the draft,
 * even when nothing is written. Sees records added earlier in the same batch.
 * The value must not be changed; to change a record, read it through the draft.
 */
function peek<T>(records: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(records, id) ? (Object.getOwnPropertyDescriptor(records, id)!.value as T) : undefined;
}

/** Every record as it stands in the draft, read without drafting any (see `peek`): for scans that only read. */
function peekAll<T>(records: Readonly<Record<string, T>>): T[] {
  return Object.keys(records).map((id) => Object.getOwnPropertyDescriptor(records, id)!.value as T);
}

function existing<T>(records: Readonly<Record<string, T>>, id: string, what: string): T {
  return need(peek(records, id), what);
}

function claimOf(draft: Draft<Casefile>, claimId: string): Draft<Claim> {
  return need(recordOf(draft.claims, claimId), `Claim ${claimId}`);
}

function propositionOf(draft: Draft<Casefile>, propositionId: string): Draft<Proposition> {
  return need(recordOf(draft.propositions, propositionId), `Proposition ${propositionId}`);
}

function sourceOf(draft: Draft<Casefile>, sourceId: string): Draft<Source> {
  return need(recordOf(draft.sources, sourceId), `Source ${sourceId}`);
}

/** Every hop names a source of the registry (or none) and a sourcing type of the taxonomy, as the loader demands. */
function checkChain(draft: Draft<Casefile>, chain: readonly Hop[]): void {
  for (const hop of chain) {
    if (hop.sourceId !== null) existing(draft.sources, hop.sourceId, `Source ${hop.sourceId}`);
    if (!draft.taxonomy.some((t) => t.id === hop.typeId)) throw new CommandError(`Unknown sourcing type ${hop.typeId}`);
  }
}

function assertNew(existing: unknown, what: string): void {
  if (existing !== undefined) throw new CommandError(`${what} already exists`);
}

/**
 * The ids of the records that pass `test`, read without drafting any (see
 * `peek`): a scan through the draft would draft every record and copy the
 * collection even where nothing changes.
 */
function idsWhere<T>(records: Readonly<Record<string, T>>, test: (record: T) => boolean): string[] {
  return Object.keys(records).filter((id) => test(Object.getOwnPropertyDescriptor(records, id)!.value as T));
}

/** Removes a claim, its memberships and its reviews; only the propositions that had it change. */
function removeClaimEverywhere(draft: Draft<Casefile>, claimId: string): void {
  delete draft.claims[claimId];
  for (const id of idsWhere(draft.propositions, (p) => p.members.some((m) => m.claimId === claimId))) {
    const p = draft.propositions[id]!;
    p.members = p.members.filter((m) => m.claimId !== claimId);
  }
  for (const rid of idsWhere(draft.reviews, (r) => r.target.kind === 'claim' && r.target.id === claimId)) delete draft.reviews[rid];
}

const handlers: Handlers = {
  'casefile.rename': (d, c) => {
    d.meta.title = c.title;
  },
  'casefile.setPublisher': (d, c) => {
    const name = c.publisher?.name.trim() ?? '';
    if (name) d.meta.publisher = { name, url: c.publisher!.url.trim() };
    else delete d.meta.publisher;
  },
  'taxonomy.set': (d, c) => {
    const ids = new Set(c.types.map((t) => t.id));
    if (ids.size !== c.types.length) throw new CommandError('Two sourcing types share an id');
    for (const claim of peekAll(d.claims)) {
      for (const hop of claim.chain) {
        if (!ids.has(hop.typeId)) throw new CommandError(`Sourcing type ${hop.typeId} is still used; hide it instead of removing it`);
      }
    }
    d.taxonomy = c.types;
  },
  'assessmentScale.set': (d, c) => {
    d.assessmentScale = c.labels;
  },

  'article.add': (d, c, a) => {
    assertNew(recordOf(d.articles, c.article.id), `Article ${c.article.id}`);
    d.articles[c.article.id] = { ...c.article, ...created(a) };
  },
  'article.update': (d, c, a) => {
    const article = need(recordOf(d.articles, c.articleId), `Article ${c.articleId}`);
    Object.assign(article, c.patch);
    stamp(article, a);
  },
  'article.remove': (d, c) => {
    need(recordOf(d.articles, c.articleId), `Article ${c.articleId}`);
    for (const id of idsWhere(d.claims, (claim) => claim.articleId === c.articleId)) removeClaimEverywhere(d, id);
    for (const [fid, f] of Object.entries(d.copyFlags)) {
      if (f.articleA === c.articleId || f.articleB === c.articleId) delete d.copyFlags[fid];
    }
    for (const [pid, p] of Object.entries(d.rejectedProposals ?? {})) {
      if (p.articleId === c.articleId) delete d.rejectedProposals![pid];
    }
    delete d.articles[c.articleId];
  },
  'article.setExcluded': (d, c, a) => {
    const article = need(recordOf(d.articles, c.articleId), `Article ${c.articleId}`);
    for (const r of c.ranges) {
      if (r.end > article.text.length || r.end < r.start) throw new CommandError('Excluded range lies outside the article text');
    }
    article.excluded = [...c.ranges].sort((x, y) => x.start - y.start);
    stamp(article, a);
  },
  'article.confirmField': (d, c, a) => {
    const article = need(recordOf(d.articles, c.articleId), `Article ${c.articleId}`);
    try {
      confirmField(d, article, c.field, c.value);
    } catch (error) {
      throw new CommandError((error as Error).message);
    }
    stamp(article, a);
  },
  'article.decideChrome': (d, c, a) => {
    const article = need(recordOf(d.articles, c.articleId), `Article ${c.articleId}`);
    try {
      decideChrome(d, article, c.acceptIds, c.rejectIds);
    } catch (error) {
      throw new CommandError((error as Error).message);
    }
    stamp(article, a);
  },
  'outlet.set': (d, c) => setOutlet(d, c.outlet),
  'article.replaceText': (d, c, a) => {
    const article = need(recordOf(d.articles, c.articleId), `Article ${c.articleId}`);
    if (article.text === c.text) return;
    replaceArticleText(d, article, c.text);
    stamp(article, a);
  },

  'copyFlag.add': (d, c) => {
    existing(d.articles, c.flag.articleA, `Article ${c.flag.articleA}`);
    existing(d.articles, c.flag.articleB, `Article ${c.flag.articleB}`);
    d.copyFlags[c.flag.id] = c.flag;
  },
  'copyFlag.decide': (d, c, a) => {
    const flag = need(recordOf(d.copyFlags, c.flagId), `Copy flag ${c.flagId}`);
    flag.status = c.status;
    flag.decidedBy = a.name;
    flag.decidedAt = a.now;
  },

  'claim.add': (d, c, a) => {
    assertNew(peek(d.claims, c.claim.id), `Claim ${c.claim.id}`);
    const article = existing(d.articles, c.claim.articleId, `Article ${c.claim.articleId}`);
    const { start, end } = c.claim.position;
    if (end <= start || end > article.text.length) throw new CommandError('A claim must cover some of its article text');
    checkChain(d, c.claim.chain);
    d.claims[c.claim.id] = { ...c.claim, ...created(a), ...(c.claim.chain.length ? { chainProvenance: created(a) } : {}) };
  },
  'claim.setChain': (d, c, a) => {
    const claim = claimOf(d, c.claimId);
    checkChain(d, c.chain);
    claim.chain = c.chain;
    stampChain(claim, a);
  },
  'claim.setRootType': (d, c, a) => {
    const claim = claimOf(d, c.claimId);
    if (!d.taxonomy.some((t) => t.id === c.typeId)) throw new CommandError(`Unknown sourcing type ${c.typeId}`);
    const root = claim.chain[claim.chain.length - 1];
    if (root) root.typeId = c.typeId;
    else claim.chain.push(blankHop(c.hopId, c.typeId));
    stampChain(claim, a);
  },
  'claim.setNotes': (d, c, a) => {
    const claim = claimOf(d, c.claimId);
    claim.notes = c.notes;
    stamp(claim, a);
  },
  'claim.reattach': (d, c, a) => {
    const claim = claimOf(d, c.claimId);
    claim.quote = c.quote;
    claim.position = c.position;
    claim.textHash = c.textHash;
    claim.anchor = 'exact';
    stamp(claim, a);
  },
  'claim.remove': (d, c) => {
    claimOf(d, c.claimId);
    removeClaimEverywhere(d, c.claimId);
  },

  'source.add': (d, c, a) => {
    assertNew(recordOf(d.sources, c.source.id), `Source ${c.source.id}`);
    d.sources[c.source.id] = { ...c.source, ...created(a) };
  },
  'source.update': (d, c, a) => {
    const source = sourceOf(d, c.sourceId);
    Object.assign(source, c.patch);
    stamp(source, a);
  },
  'source.merge': (d, c, a) => {
    if (c.fromId === c.intoId) throw new CommandError('A source cannot be merged into itself');
    const from = sourceOf(d, c.fromId);
    const into = sourceOf(d, c.intoId);
    const aliases = new Set([...into.aliases, from.name, ...from.aliases]);
    aliases.delete(into.name);
    // Kept as it is when the merge adds no alias, so an unchanged source stays the same record.
    const merged = [...aliases];
    if (merged.length !== into.aliases.length || merged.some((alias, i) => alias !== into.aliases[i])) into.aliases = merged;
    stamp(into, a);
    for (const id of idsWhere(d.claims, (claim) => claim.chain.some((hop) => hop.sourceId === c.fromId))) {
      for (const hop of d.claims[id]!.chain) if (hop.sourceId === c.fromId) hop.sourceId = c.intoId;
    }
    for (const [jid, j] of Object.entries(d.rootJudgements)) {
      if (j.sourceA === c.fromId) j.sourceA = c.intoId;
      if (j.sourceB === c.fromId) j.sourceB = c.intoId;
      if (j.sourceA === j.sourceB) delete d.rootJudgements[jid];
    }
    delete d.sources[c.fromId];
  },
  'source.remove': (d, c) => {
    sourceOf(d, c.sourceId);
    for (const id of idsWhere(d.claims, (claim) => claim.chain.some((hop) => hop.sourceId === c.sourceId))) {
      for (const hop of d.claims[id]!.chain) if (hop.sourceId === c.sourceId) hop.sourceId = null;
    }
    for (const [jid, j] of Object.entries(d.rootJudgements)) {
      if (j.sourceA === c.sourceId || j.sourceB === c.sourceId) delete d.rootJudgements[jid];
    }
    delete d.sources[c.sourceId];
  },

  'proposition.add': (d, c, a) => {
    assertNew(peek(d.propositions, c.proposition.id), `Proposition ${c.proposition.id}`);
    for (const m of c.proposition.members) existing(d.claims, m.claimId, `Claim ${m.claimId}`);
    const { rating, reliability, credibility, notes } = c.proposition.assessment;
    const rated = rating !== null || reliability !== null || credibility !== null || notes !== '';
    const assessment = { rating, reliability, credibility, notes, ...(rated ? created(a) : {}) };
    d.propositions[c.proposition.id] = { ...c.proposition, assessment, ...created(a) };
  },
  'proposition.rename': (d, c, a) => {
    const p = propositionOf(d, c.propositionId);
    p.statement = c.statement;
    stamp(p, a);
  },
  'proposition.assess': (d, c, a) => {
    const p = propositionOf(d, c.propositionId);
    const { rating, reliability, credibility, notes, reviewUrl } = c.assessment;
    const before = p.assessment;
    // The assessment's own authorship: who first rated the proposition, and who changed the rating since.
    const authorship = before.createdBy === undefined
      ? created(a)
      : { createdBy: before.createdBy, createdAt: before.createdAt ?? a.now, modifiedBy: a.name, modifiedAt: a.now };
    p.assessment = { rating, reliability, credibility, notes, ...(reviewUrl?.trim() ? { reviewUrl: reviewUrl.trim() } : {}), ...authorship };
    stamp(p, a);
  },
  'proposition.addMember': (d, c, a) => {
    const p = propositionOf(d, c.propositionId);
    existing(d.claims, c.claimId, `Claim ${c.claimId}`);
    if (p.members.some((m) => m.claimId === c.claimId)) throw new CommandError('That claim is already in the proposition');
    p.members.push({ claimId: c.claimId, stance: c.stance, addedBy: a.name, addedAt: a.now });
    stamp(p, a);
  },
  'proposition.setStance': (d, c, a) => {
    const p = propositionOf(d, c.propositionId);
    const member = need(p.members.find((m) => m.claimId === c.claimId), `Member ${c.claimId}`);
    member.stance = c.stance;
    stamp(member, a);
    stamp(p, a);
  },
  'proposition.removeMember': (d, c, a) => {
    const p = propositionOf(d, c.propositionId);
    p.members = p.members.filter((m) => m.claimId !== c.claimId);
    stamp(p, a);
  },
  'proposition.merge': (d, c, a) => {
    if (c.fromId === c.intoId) throw new CommandError('A proposition cannot be merged into itself');
    const from = propositionOf(d, c.fromId);
    const into = propositionOf(d, c.intoId);
    for (const m of from.members) {
      if (!into.members.some((x) => x.claimId === m.claimId)) into.members.push({ ...m });
    }
    stamp(into, a);
    retargetReviews(d, c.fromId, c.intoId);
    delete d.propositions[c.fromId];
  },
  'proposition.split': (d, c, a) => {
    const p = propositionOf(d, c.propositionId);
    assertNew(recordOf(d.propositions, c.newId), `Proposition ${c.newId}`);
    const moving = new Set(c.claimIds);
    const moved = p.members.filter((m) => moving.has(m.claimId));
    if (moved.length !== moving.size) throw new CommandError('Only member claims can be split off');
    p.members = p.members.filter((m) => !moving.has(m.claimId));
    stamp(p, a);
    d.propositions[c.newId] = {
      id: c.newId,
      statement: c.statement,
      members: moved,
      assessment: { rating: null, reliability: null, credibility: null, notes: '' },
      ...created(a),
    };
  },
  'proposition.remove': (d, c) => {
    propositionOf(d, c.propositionId);
    for (const [rid, r] of Object.entries(d.reviews)) {
      if (r.target.kind === 'proposition' && r.target.id === c.propositionId) delete d.reviews[rid];
    }
    delete d.propositions[c.propositionId];
  },

  'roots.judge': (d, c, a) => {
    existing(d.sources, c.sourceA, `Source ${c.sourceA}`);
    existing(d.sources, c.sourceB, `Source ${c.sourceB}`);
    for (const [jid, j] of Object.entries(d.rootJudgements)) {
      const samePair = (j.sourceA === c.sourceA && j.sourceB === c.sourceB) || (j.sourceA === c.sourceB && j.sourceB === c.sourceA);
      if (samePair) delete d.rootJudgements[jid];
    }
    if (c.relation) {
      d.rootJudgements[c.judgementId] = {
        id: c.judgementId, sourceA: c.sourceA, sourceB: c.sourceB, relation: c.relation, ...created(a),
      };
    }
  },

  'proposal.reject': (d, c, a) => {
    existing(d.articles, c.rejection.articleId, `Article ${c.rejection.articleId}`);
    d.rejectedProposals ??= {};
    assertNew(recordOf(d.rejectedProposals, c.rejection.id), `Rejected proposal ${c.rejection.id}`);
    d.rejectedProposals[c.rejection.id] = { ...c.rejection, by: a.name, at: a.now };
  },

  'review.set': (d, c) => {
    const t = c.review.target;
    if (t.kind === 'claim') existing(d.claims, t.id, `Claim ${t.id}`);
    else existing(d.propositions, t.id, `Proposition ${t.id}`);
    d.reviews[c.review.id] = c.review;
  },
  'review.remove': (d, c) => {
    need(recordOf(d.reviews, c.reviewId), `Review ${c.reviewId}`);
    delete d.reviews[c.reviewId];
  },

  'claim.import': (d, c) => {
    const article = existing(d.articles, c.claim.articleId, `Article ${c.claim.articleId}`);
    const { start, end } = c.claim.position;
    if (end <= start || end > article.text.length) throw new CommandError('A claim must cover some of its article text');
    for (const hop of c.claim.chain) {
      if (hop.sourceId !== null) existing(d.sources, hop.sourceId, `Source ${hop.sourceId}`);
      if (!d.taxonomy.some((t) => t.id === hop.typeId)) throw new CommandError(`Unknown sourcing type ${hop.typeId}`);
    }
    d.claims[c.claim.id] = c.claim;
  },
  'proposition.import': (d, c) => {
    for (const m of c.proposition.members) existing(d.claims, m.claimId, `Claim ${m.claimId}`);
    d.propositions[c.proposition.id] = c.proposition;
  },
  'source.import': (d, c) => {
    assertNew(recordOf(d.sources, c.source.id), `Source ${c.source.id}`);
    d.sources[c.source.id] = c.source;
  },
};

function retargetReviews(d: Draft<Casefile>, fromId: string, intoId: string): void {
  for (const r of Object.values(d.reviews)) {
    if (r.target.kind === 'proposition' && r.target.id === fromId) r.target.id = intoId;
  }
}

export function blankHop(id: string, typeId: string) {
  return {
    id, sourceId: null, typeId, cue: '', hedging: '', quoteMode: null, sourceCount: null,
    anonymityReasonGiven: null, reliability: null, credibility: null, note: '',
  };
}
