/**
 * A casefile as a REFI-QDA (QDA-XML 1.0) project: the `project.qde` text and
 * the plain-text sources that go beside it in the .qdpx zip. Pure: the zip
 * is made on the Node side (electron/services/export/qdpx.ts).
 *
 * The whole casefile is exported. Reviews, copy flags, root judgements and
 * the audit trail have no place in the standard and are left out.
 */
import { findType, rootTypeId } from '../../model/casefile';
import { createSelectors } from '../../anchoring';
import type { Article, Casefile, Claim, Hop, Proposition } from '../../model/schema';
import { groupBy } from '../../lib/collections';
import { recordOf } from '../../model/ids';
import { shorten } from '../../text/wording';
import {
  ARTICLE_VARIABLES, ArticleRecord, ClaimRecord, NOTE_NAMES, PROPOSITIONS_CODE, PropositionRecord, QDA_NAMESPACE,
  RECORD_PREFIX, SOURCING_CODE, SourcesRecord, STANCES, xsdDateTime,
} from './conventions';
import { guidFromName } from './guid';
import { positionMap } from './positions';
import { escapeAttr, escapeText, xmlSafeJson } from './xml';

/** Why a part of a casefile cannot be exported as a project. */
export const QDPX_WHOLE_CASEFILE = 'A REFI-QDA project holds the whole casefile: choose “The whole casefile” (or leave out --propositions and --article) to export one.';

export interface QdaExport {
  /** The project.qde document. */
  qde: string;
  /** Plain-text sources, each at `sources/<GUID>.txt` in the zip. */
  sources: { path: string; text: string }[];
}

interface Note {
  guid: string;
  name: string;
  text: string;
  record?: string;
  by?: string;
  at?: string;
}

type Attrs = Record<string, string | number | boolean | undefined>;

function attrs(values: Attrs): string {
  let out = '';
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out += ` ${key}="${escapeAttr(String(value))}"`;
  return out;
}

/** Builds the project for `casefile`; `origin` names the exporting app. */
export function buildQdaProject(casefile: Casefile, origin: string): QdaExport {
  const ids = guids(casefile.meta.id);
  const users = new Map<string, string>();
  const user = (name: string | undefined): string | undefined => {
    if (!name) return undefined;
    let guid = users.get(name);
    if (!guid) users.set(name, (guid = guidFromName(`user:${name}`)));
    return guid;
  };
  casefile.meta.analysts.forEach(user);
  const notes: Note[] = [];
  const membership = membershipsByClaim(casefile);
  const claimsByArticle = groupBy(Object.values(casefile.claims), (c) => c.articleId);
  const sourcesXml: string[] = [];
  const files: QdaExport['sources'] = [];

  for (const article of Object.values(casefile.articles)) {
    const guid = ids.of('article', article.id);
    files.push({ path: `sources/${guid}.txt`, text: article.text });
    sourcesXml.push(textSource(casefile, article, claimsByArticle.get(article.id) ?? [], guid, ids, user, notes, membership));
  }

  const codebook = codeBook(casefile, ids, notes, user);
  const registry = sourcesNote(casefile, ids);
  notes.push(registry);
  for (const note of notes) user(note.by);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  out.push(`<Project xmlns="${QDA_NAMESPACE}"${attrs({
    name: casefile.meta.title || 'Casefile',
    origin,
    creatingUserGUID: user(casefile.meta.analysts[0]),
    creationDateTime: xsdDateTime(casefile.meta.createdAt),
    modifiedDateTime: xsdDateTime(casefile.meta.modifiedAt),
  })}>\n`);
  if (users.size) {
    out.push('<Users>\n');
    for (const [name, guid] of users) out.push(`<User${attrs({ guid, name })}/>\n`);
    out.push('</Users>\n');
  }
  out.push(codebook);
  out.push('<Variables>\n');
  for (const [field, name] of ARTICLE_VARIABLES) out.push(`<Variable${attrs({ guid: ids.ofShared('variable', field), name, typeOfVariable: 'Text' })}/>\n`);
  out.push('</Variables>\n');
  if (sourcesXml.length) out.push('<Sources>\n', ...sourcesXml, '</Sources>\n');
  if (notes.length) {
    out.push('<Notes>\n');
    for (const n of notes) {
      out.push(`<Note${attrs({ guid: n.guid, name: n.name, creatingUser: user(n.by), creationDateTime: xsdDateTime(n.at) })}>`);
      if (n.record !== undefined) out.push(`<Description>${escapeText(n.record)}</Description>`);
      out.push(`<PlainTextContent>${escapeText(n.text)}</PlainTextContent></Note>\n`);
    }
    out.push('</Notes>\n');
  }
  out.push(`<NoteRef targetGUID="${registry.guid}"/>\n</Project>\n`);
  return { qde: out.join(''), sources: files };
}

/** Stable GUIDs for the casefile's records, from the casefile id, the kind and the record id. */
function guids(casefileId: string) {
  // Types, stances and variables are named once per claim or article: hashed once each.
  const shared = new Map<string, string>();
  const of = (kind: string, id: string) => guidFromName(`${casefileId}/${kind}/${id}`);
  return {
    of,
    ofShared: (kind: string, id: string) => {
      const key = `${kind}/${id}`;
      let guid = shared.get(key);
      if (guid === undefined) shared.set(key, (guid = of(kind, id)));
      return guid;
    },
  };
}
type Guids = ReturnType<typeof guids>;
type UserOf = (name: string | undefined) => string | undefined;

function membershipsByClaim(casefile: Casefile): Map<string, { proposition: Proposition; member: Proposition['members'][number] }[]> {
  const byClaim = new Map<string, { proposition: Proposition; member: Proposition['members'][number] }[]>();
  for (const proposition of Object.values(casefile.propositions)) {
    for (const member of proposition.members) {
      const list = byClaim.get(member.claimId) ?? [];
      list.push({ proposition, member });
      byClaim.set(member.claimId, list);
    }
  }
  return byClaim;
}

function codeBook(casefile: Casefile, ids: Guids, notes: Note[], user: UserOf): string {
  const out: string[] = ['<CodeBook>\n<Codes>\n'];
  out.push(`<Code${attrs({ guid: ids.of('code', SOURCING_CODE), name: SOURCING_CODE, isCodable: false })}>\n`);
  for (const type of casefile.taxonomy) {
    out.push(`<Code${attrs({ guid: ids.ofShared('type', type.id), name: type.label, isCodable: true, color: type.color })}>`);
    if (type.description) out.push(`<Description>${escapeText(type.description)}</Description>`);
    out.push('</Code>\n');
  }
  out.push('</Code>\n');
  out.push(`<Code${attrs({ guid: ids.of('code', PROPOSITIONS_CODE), name: PROPOSITIONS_CODE, isCodable: false })}>\n`);
  for (const proposition of Object.values(casefile.propositions)) {
    const note = assessmentNote(proposition, ids);
    notes.push(note);
    user(proposition.createdBy);
    out.push(`<Code${attrs({ guid: ids.of('proposition', proposition.id), name: proposition.statement, isCodable: false })}>`);
    out.push(`<NoteRef targetGUID="${note.guid}"/>`);
    for (const stance of STANCES) out.push(`<Code${attrs({ guid: ids.ofShared(`stance:${stance}`, proposition.id), name: stance, isCodable: true })}/>`);
    out.push('</Code>\n');
  }
  out.push('</Code>\n</Codes>\n</CodeBook>\n');
  return out.join('');
}

function assessmentNote(proposition: Proposition, ids: Guids): Note {
  const a = proposition.assessment;
  const lines = [
    `Rating: ${a.rating ?? 'not rated'}`,
    `Reliability: ${a.reliability ?? '—'}`,
    `Credibility: ${a.credibility ?? '—'}`,
  ];
  if (a.notes) lines.push('', a.notes);
  const record: PropositionRecord = { createdBy: proposition.createdBy, createdAt: proposition.createdAt, assessment: a };
  return {
    guid: ids.of('assessment', proposition.id), name: NOTE_NAMES.assessment, text: lines.join('\n'),
    record: RECORD_PREFIX.proposition + xmlSafeJson(record), by: a.modifiedBy ?? a.createdBy, at: a.modifiedAt ?? a.createdAt,
  };
}

function textSource(
  casefile: Casefile, article: Article, articleClaims: Claim[], guid: string, ids: Guids, user: UserOf, notes: Note[],
  membership: ReturnType<typeof membershipsByClaim>,
): string {
  const record: ArticleRecord = { excluded: article.excluded, origin: article.origin };
  const out: string[] = [`<TextSource${attrs({
    guid, name: article.title, plainTextPath: `internal://${guid}.txt`,
    creatingUser: user(article.createdBy), creationDateTime: xsdDateTime(article.createdAt),
    modifyingUser: user(article.modifiedBy), modifiedDateTime: xsdDateTime(article.modifiedAt),
  })}>`];
  out.push(`<Description>${escapeText(RECORD_PREFIX.article + xmlSafeJson(record))}</Description>\n`);
  const positions = positionMap(article.text);
  const claims = articleClaims.sort((a, b) => a.position.start - b.position.start || a.position.end - b.position.end);
  for (const claim of claims) out.push(selection(casefile, claim, positions, ids, user, notes, membership.get(claim.id) ?? []));
  if (article.notes) {
    const note: Note = { guid: ids.of('article-notes', article.id), name: NOTE_NAMES.article, text: article.notes, by: article.createdBy, at: article.createdAt };
    notes.push(note);
    out.push(`<NoteRef targetGUID="${note.guid}"/>`);
  }
  for (const [field] of ARTICLE_VARIABLES) {
    out.push(`<VariableValue><VariableRef targetGUID="${ids.ofShared('variable', field)}"/><TextValue>${escapeText(article[field])}</TextValue></VariableValue>`);
  }
  out.push('</TextSource>\n');
  return out.join('');
}

function selection(
  casefile: Casefile, claim: Claim, positions: ReturnType<typeof positionMap>, ids: Guids, user: UserOf, notes: Note[],
  memberships: { proposition: Proposition; member: Proposition['members'][number] }[],
): string {
  const guid = ids.of('claim', claim.id);
  const out: string[] = [`<PlainTextSelection${attrs({
    guid, name: shorten(claim.quote.exact, 80),
    startPosition: positions.toCodePoint(claim.position.start), endPosition: positions.toCodePoint(claim.position.end),
    creatingUser: user(claim.createdBy), creationDateTime: xsdDateTime(claim.createdAt),
    modifyingUser: user(claim.modifiedBy), modifiedDateTime: xsdDateTime(claim.modifiedAt),
  })}>`];
  const typeId = rootTypeId(claim);
  if (typeId && findType(casefile, typeId)) {
    const by = claim.chainProvenance?.createdBy ?? claim.createdBy;
    const at = claim.chainProvenance?.createdAt ?? claim.createdAt;
    out.push(coding(ids.of('type-coding', claim.id), ids.ofShared('type', typeId), user(by), at));
  }
  for (const { proposition, member } of memberships) {
    out.push(coding(ids.of('member', `${proposition.id}/${claim.id}`), ids.ofShared(`stance:${member.stance}`, proposition.id), user(member.addedBy), member.addedAt));
  }
  if (claim.notes) {
    const note: Note = { guid: ids.of('claim-notes', claim.id), name: NOTE_NAMES.claim, text: claim.notes, by: claim.modifiedBy ?? claim.createdBy, at: claim.modifiedAt ?? claim.createdAt };
    notes.push(note);
    out.push(`<NoteRef targetGUID="${note.guid}"/>`);
  }
  if (claim.chain.length || claim.anchor !== 'exact') {
    const note = chainNote(casefile, claim, ids);
    notes.push(note);
    out.push(`<NoteRef targetGUID="${note.guid}"/>`);
  }
  out.push('</PlainTextSelection>\n');
  return out.join('');
}

function coding(guid: string, codeGuid: string, creatingUser: string | undefined, at: string | undefined): string {
  return `<Coding${attrs({ guid, creatingUser, creationDateTime: xsdDateTime(at) })}><CodeRef targetGUID="${codeGuid}"/></Coding>`;
}

function sourcesNote(casefile: Casefile, ids: Guids): Note {
  const sources = Object.values(casefile.sources);
  const lines = sources.map((s) => [s.name, s.kind, s.role, s.affiliation].filter(Boolean).join(' · '));
  const record: SourcesRecord = { sources };
  return { guid: ids.of('sources', 'registry'), name: NOTE_NAMES.sources, text: lines.join('\n'), record: RECORD_PREFIX.sources + xmlSafeJson(record) };
}

/** A hop without the fields at their defaults (null, empty): the import's schema puts them back. */
function withoutDefaults(hop: Hop): Hop {
  const kept = Object.entries(hop).filter(([key, value]) => key === 'sourceId' || (value !== null && value !== ''));
  return Object.fromEntries(kept) as Hop;
}

function chainNote(casefile: Casefile, claim: Claim, ids: Guids): Note {
  const lines = claim.chain.map((hop, i) => {
    const source = hop.sourceId ? recordOf(casefile.sources, hop.sourceId) : undefined;
    const parts = [`${i + 1}. ${findType(casefile, hop.typeId)?.label ?? hop.typeId}: ${source?.name ?? 'source not named'}`];
    if (hop.cue) parts.push(`cue “${hop.cue}”`);
    if (hop.hedging) parts.push(`hedging “${hop.hedging}”`);
    if (hop.note) parts.push(`note: ${hop.note}`);
    return parts.join('; ');
  });
  if (claim.anchor !== 'exact') lines.push(`Anchor: ${claim.anchor} (the words marked were “${claim.quote.exact}”)`);
  const article = recordOf(casefile.articles, claim.articleId)!;
  const selected = createSelectors(article.text, claim.position.start, claim.position.end).quote;
  const sameQuote = (['exact', 'prefix', 'suffix'] as const).every((k) => selected[k] === claim.quote[k]);
  const record: ClaimRecord = {
    anchor: claim.anchor,
    ...(sameQuote ? {} : { quote: claim.quote }),
    ...(claim.textHash === article.textHash ? {} : { textHash: claim.textHash }),
    // Type ids become the GUIDs of their codes: the importing side gives the types new ids.
    chain: claim.chain.map((hop) => withoutDefaults({ ...hop, typeId: ids.ofShared('type', hop.typeId) })),
    ...(claim.chainProvenance ? { chainProvenance: claim.chainProvenance } : {}),
  };
  return {
    guid: ids.of('chain', claim.id), name: NOTE_NAMES.chain, text: lines.join('\n'),
    record: RECORD_PREFIX.claim + xmlSafeJson(record),
    by: claim.chainProvenance?.modifiedBy ?? claim.chainProvenance?.createdBy ?? claim.createdBy,
    at: claim.chainProvenance?.modifiedAt ?? claim.chainProvenance?.createdAt ?? claim.createdAt,
  };
}
