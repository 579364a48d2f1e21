/**
 * A REFI-QDA project made into a new casefile: text sources become articles,
 * text selections become claims, codes the analyst maps to sourcing types
 * give the claims their type, the other codes stay on the claim as tags (a
 * "Codes:" line in its notes), and everything that cannot be carried is listed.
 *
 * A project this app exported comes back whole: its "Sourcing" codes are the
 * taxonomy, its "Propositions" codes the propositions and their members, and
 * the records in its notes restore chains, sources and assessments.
 */
import { anchorClaim, createSelectors } from '../../anchoring';
import { emptyCasefile } from '../../model/casefile';
import { DEFAULT_TAXONOMY } from '../../model/taxonomy';
import type { Article, Casefile, Claim, Proposition, SourcingType, Stance } from '../../model/schema';
import { parseCasefileDocument, type ParseOptions } from '../../model/validate';
import { typeNamed } from '../../taxonomy/named';
import { textHash } from '../../text/hash';
import { normaliseText } from '../../text/normalise';
import { shorten } from '../../text/wording';
import {
  ARTICLE_VARIABLES, ArticleRecord, ClaimRecord, NOTE_NAMES, PROPOSITIONS_CODE, PropositionRecord, readRecord,
  RECORD_PREFIX, SOURCING_CODE, SourcesRecord, STANCES, xsdDateTime,
} from './conventions';
import type { QdaCode, QdaNote, QdaProject, QdaSelection, QdaTextSource } from './parse';

/** Where each code goes: a sourcing type id, or a tag. */
export type CodeTarget = { kind: 'type'; typeId: string } | { kind: 'tag' };

export interface CodeChoice {
  guid: string;
  /** "Parent › Child", as the dialog shows it. */
  label: string;
  /** Selections coded with it. */
  uses: number;
  proposed: CodeTarget;
}

/** The codes of an exported casefile's own tree, which need no mapping. */
function ownTree(project: QdaProject): { sourcing?: QdaCode; propositions?: QdaCode } {
  const top = (name: string) => project.codes.find((c) => c.name === name && !c.codable);
  return { sourcing: top(SOURCING_CODE), propositions: top(PROPOSITIONS_CODE) };
}

/** The taxonomy of the new casefile, and the code → type of its "Sourcing" codes. */
export function importedTaxonomy(project: QdaProject): { taxonomy: SourcingType[]; typeOfCode: Map<string, string> } {
  const sourcing = ownTree(project).sourcing;
  const typeCodes = sourcing?.children.filter((c) => c.codable) ?? [];
  if (!typeCodes.length) return { taxonomy: DEFAULT_TAXONOMY.map((t) => ({ ...t })), typeOfCode: new Map() };
  const typeOfCode = new Map<string, string>();
  const taxonomy = typeCodes.slice(0, 200).map((code, i): SourcingType => {
    const known = DEFAULT_TAXONOMY.find((t) => t.label === code.name && !typeOfCode.has(code.guid) && ![...typeOfCode.values()].includes(t.id));
    const id = known?.id ?? `t_${code.guid.toLowerCase()}`;
    typeOfCode.set(code.guid, id);
    return { id, label: clip(code.name), color: code.color ?? DEFAULT_TAXONOMY[i % DEFAULT_TAXONOMY.length]!.color, description: clip(code.description), hidden: false };
  });
  return { taxonomy, typeOfCode };
}

/** The stance sub-codes of the "Propositions" tree, by GUID. */
function stanceCodes(project: QdaProject): Set<string> {
  const stances = new Set<string>();
  for (const proposition of ownTree(project).propositions?.children ?? []) {
    for (const code of proposition.children) if ((STANCES as readonly string[]).includes(code.name) && code.codable) stances.add(code.guid);
  }
  return stances;
}

/** The codes the analyst maps in the import dialog, each with the proposed target (same name as a type, else a tag). */
export function codeChoices(project: QdaProject): CodeChoice[] {
  const { taxonomy, typeOfCode } = importedTaxonomy(project);
  const stances = stanceCodes(project);
  const uses = new Map<string, number>();
  for (const s of project.sources) for (const sel of s.selections) for (const c of sel.codings) uses.set(c.codeGuid, (uses.get(c.codeGuid) ?? 0) + 1);
  const choices: CodeChoice[] = [];
  for (const code of project.codeByGuid.values()) {
    if (!code.codable || typeOfCode.has(code.guid) || stances.has(code.guid)) continue;
    const byName = typeNamed(code.name, taxonomy);
    choices.push({ guid: code.guid, label: code.path.join(' › '), uses: uses.get(code.guid) ?? 0, proposed: byName ? { kind: 'type', typeId: byName.id } : { kind: 'tag' } });
  }
  return choices;
}

export interface QdaImportResult {
  casefile: Casefile;
  counts: { articles: number; claims: number; typed: number; propositions: number; tagged: number };
  /** What could not be carried over, in words, for the analyst. */
  notCarried: string[];
}

export interface QdaImportOptions {
  casefileId: string;
  analyst: string;
  now: string;
  /** Code GUID → target; codes left out take the proposed target. */
  mapping?: ReadonlyMap<string, CodeTarget>;
  /** The Node side's faster validator of the new casefile (zod otherwise). */
  fastValidate?: ParseOptions['fastValidate'];
}

const SHORT = 20_000;
const LONG = 200_000;
function clip(text: string, max = SHORT): string {
  return text.length > max ? shorten(text, max) : text;
}

/** Ids made from GUIDs: safe characters, and unique in the casefile. */
function recordId(prefix: string, guid: string): string {
  return `${prefix}_${guid.toLowerCase()}`;
}

export function projectToCasefile(project: QdaProject, options: QdaImportOptions): QdaImportResult {
  const { now, analyst } = options;
  const notCarried = [...project.notCarried];
  const cf = emptyCasefile({ id: options.casefileId, title: clip(project.name) || 'Imported project', analyst, now });
  cf.meta.createdAt = xsdDateTime(project.createdAt ?? undefined) ?? now;
  const names = [...new Set([project.creatingUser, ...project.users.values()].filter((n): n is string => !!n))];
  cf.meta.analysts = [...new Set([...names.map((n) => clip(n)), ...(analyst ? [analyst] : [])])].slice(0, 10_000);
  const { taxonomy, typeOfCode } = importedTaxonomy(project);
  cf.taxonomy = taxonomy;
  const mapping = new Map<string, CodeTarget>();
  for (const choice of codeChoices(project)) {
    const chosen = options.mapping?.get(choice.guid) ?? choice.proposed;
    mapping.set(choice.guid, chosen.kind === 'type' && !taxonomy.some((t) => t.id === chosen.typeId) ? { kind: 'tag' } : chosen);
  }
  for (const [guid, typeId] of typeOfCode) mapping.set(guid, { kind: 'type', typeId });

  const usedNotes = new Set<string>();
  importSources(project, cf, usedNotes);
  const propositions = importPropositions(project, cf, options, usedNotes);
  const stanceOf = new Map<string, { proposition: Proposition; stance: Stance }>();
  const stances = stanceCodes(project);
  for (const { code, proposition } of propositions) {
    for (const child of code.children) if (stances.has(child.guid)) stanceOf.set(child.guid, { proposition, stance: child.name as Stance });
  }
  const who = (name: string | null) => clip(name ?? '') || analyst;
  const when = (at: string | null) => xsdDateTime(at ?? undefined) ?? now;
  let typed = 0;
  let tagged = 0;

  for (const source of project.sources) {
    const article = importArticle(source, project, who, when, usedNotes);
    if (Object.hasOwn(cf.articles, article.id)) {
      notCarried.push(`text source “${shorten(source.name, 80)}”: its GUID is used twice; the second copy was left out`);
      continue;
    }
    cf.articles[article.id] = article;
    if (source.codings.length) notCarried.push(`${source.codings.length} coding${source.codings.length === 1 ? '' : 's'} of the whole of “${shorten(source.name, 80)}” (claims are passages, not whole articles)`);
    for (const selection of source.selections) {
      const claim = importClaim(selection, source, article, project, { who, when, usedNotes, mapping, typeOfCode, cf, notCarried });
      if (Object.hasOwn(cf.claims, claim.id)) continue;
      cf.claims[claim.id] = claim;
      if (claim.chain.length) typed++;
      if (claim.notes.includes(TAGS_LINE)) tagged++;
      for (const coding of selection.codings) {
        const member = stanceOf.get(coding.codeGuid);
        if (member && !member.proposition.members.some((m) => m.claimId === claim.id)) {
          member.proposition.members.push({ claimId: claim.id, stance: member.stance, addedBy: who(coding.user), addedAt: when(coding.at) });
        }
      }
    }
  }
  const unused = [...project.notes.keys()].filter((g) => !usedNotes.has(g)).length;
  if (unused) notCarried.push(`${unused} note${unused === 1 ? '' : 's'} attached to codes or to nothing this app keeps`);
  cf.audit.push({ at: now, by: analyst, action: 'casefile.importQdpx', summary: clip(`Imported the REFI-QDA project “${project.name}”${project.origin ? ` from ${project.origin}` : ''}`) });
  const { casefile } = parseCasefileDocument(cf, { fastValidate: options.fastValidate });
  return {
    casefile,
    counts: { articles: Object.keys(casefile.articles).length, claims: Object.keys(casefile.claims).length, typed, propositions: Object.keys(casefile.propositions).length, tagged },
    notCarried: summarise(notCarried),
  };
}

/** The source registry of a project this app exported (a note on the project). */
function importSources(project: QdaProject, cf: Casefile, usedNotes: Set<string>): void {
  for (const guid of project.noteGuids) {
    const note = project.notes.get(guid);
    const record = note ? readRecord(note.description, RECORD_PREFIX.sources, SourcesRecord) : null;
    if (!record) continue;
    usedNotes.add(guid);
    for (const source of record.sources) if (!Object.hasOwn(cf.sources, source.id)) cf.sources[source.id] = source;
  }
}

/** Repeated lines counted once ("… (×12)"). */
function summarise(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, n]) => (n > 1 ? `${line} (×${n})` : line));
}

function importPropositions(project: QdaProject, cf: Casefile, options: QdaImportOptions, usedNotes: Set<string>): { code: QdaCode; proposition: Proposition }[] {
  const stances = stanceCodes(project);
  const out: { code: QdaCode; proposition: Proposition }[] = [];
  for (const code of ownTree(project).propositions?.children ?? []) {
    if (!code.children.some((c) => stances.has(c.guid))) continue;
    const recordNote = code.noteGuids.map((g) => project.notes.get(g)).find((n) => n?.description.startsWith(RECORD_PREFIX.proposition));
    const record = recordNote ? readRecord(recordNote.description, RECORD_PREFIX.proposition, PropositionRecord) : null;
    if (recordNote && record) usedNotes.add(recordNote.guid);
    const proposition: Proposition = {
      id: recordId('p', code.guid), statement: clip(code.name), members: [],
      assessment: record?.assessment ?? { rating: null, reliability: null, credibility: null, notes: '' },
      createdBy: record?.createdBy ?? options.analyst, createdAt: record?.createdAt ?? options.now,
    };
    if (proposition.assessment.rating !== null && !cf.assessmentScale.includes(proposition.assessment.rating)) cf.assessmentScale.push(proposition.assessment.rating);
    cf.propositions[proposition.id] = proposition;
    out.push({ code, proposition });
  }
  return out;
}

function importArticle(
  source: QdaTextSource, project: QdaProject, who: (n: string | null) => string, when: (a: string | null) => string,
  usedNotes: Set<string>,
): Article {
  const record = readRecord(source.description, RECORD_PREFIX.article, ArticleRecord);
  // A text this app exported is kept as it was; another tool's is normalised like any import (its claims re-anchored).
  const text = record ? source.text : normaliseText(source.text);
  const variable = (name: string) => {
    for (const [key, value] of source.variables) if (key.trim().toLowerCase() === name.toLowerCase()) return value;
    return undefined;
  };
  const meta = Object.fromEntries(ARTICLE_VARIABLES.map(([field, name]) => [field, variable(name) ?? ''])) as Record<(typeof ARTICLE_VARIABLES)[number][0], string>;
  const notes = notesText(source.noteGuids, project, usedNotes, () => true);
  const known = new Set(ARTICLE_VARIABLES.map(([, name]) => name.toLowerCase()));
  const others = [...source.variables].filter(([k]) => !known.has(k.trim().toLowerCase()));
  const otherLines = others.map(([k, v]) => `${k}: ${v}`);
  const description = record ? '' : source.description;
  return {
    id: recordId('a', source.guid),
    title: clip(meta.title || source.name || 'Untitled source'),
    outlet: clip(meta.outlet), author: clip(meta.author), publishedAt: meta.publishedAt.slice(0, 40), url: meta.url.slice(0, 8_000), language: meta.language.slice(0, 40),
    notes: clip([notes, description, ...otherLines].filter(Boolean).join('\n\n'), LONG),
    text, textHash: textHash(text),
    origin: record?.origin ?? { fileName: clip(source.name), format: 'qdpx' },
    excluded: record ? record.excluded.filter((r) => r.end <= text.length) : [],
    createdBy: who(source.user), createdAt: when(source.at),
    ...(source.modifiedBy ? { modifiedBy: who(source.modifiedBy) } : {}),
    ...(source.modifiedAt && xsdDateTime(source.modifiedAt) ? { modifiedAt: source.modifiedAt } : {}),
  };
}

/** The text of the notes `guids` that `keep` accepts; our own named notes verbatim, others as "name: text". */
function notesText(guids: string[], project: QdaProject, usedNotes: Set<string>, keep: (n: QdaNote) => boolean): string {
  const parts: string[] = [];
  for (const guid of guids) {
    const note = project.notes.get(guid);
    if (!note || !keep(note)) continue;
    usedNotes.add(guid);
    const own = note.name === NOTE_NAMES.claim || note.name === NOTE_NAMES.article;
    parts.push(own ? note.text : note.name ? `${note.name}: ${note.text}` : note.text);
  }
  return parts.join('\n\n');
}

const TAGS_LINE = 'Codes: ';

interface ClaimContext {
  who: (n: string | null) => string;
  when: (a: string | null) => string;
  usedNotes: Set<string>;
  mapping: Map<string, CodeTarget>;
  /** The "Sourcing" code GUIDs (which chain records name) → type ids. */
  typeOfCode: Map<string, string>;
  cf: Casefile;
  notCarried: string[];
}

function importClaim(selection: QdaSelection, source: QdaTextSource, article: Article, project: QdaProject, ctx: ClaimContext): Claim {
  const recordNote = selection.noteGuids.map((g) => project.notes.get(g)).find((n) => n?.description.startsWith(RECORD_PREFIX.claim));
  const record = recordNote ? readRecord(recordNote.description, RECORD_PREFIX.claim, ClaimRecord) : null;
  if (recordNote && record) ctx.usedNotes.add(recordNote.guid);
  const selectors = createSelectors(source.text, selection.start, selection.end);
  let placement: Pick<Claim, 'quote' | 'position' | 'textHash' | 'anchor'>;
  if (article.text === source.text) {
    placement = record
      ? { quote: record.quote ?? selectors.quote, position: selectors.position, textHash: record.textHash ?? article.textHash, anchor: record.anchor }
      : { ...selectors, textHash: article.textHash, anchor: 'exact' };
  } else {
    const placed = anchorClaim({ ...selectors, textHash: textHash(source.text) }, article.text, article.textHash);
    const onText = placed.status === 'orphaned' ? selectors : createSelectors(article.text, placed.start, placed.end);
    placement = { quote: onText.quote, position: onText.position, textHash: article.textHash, anchor: placed.status };
  }
  const types: string[] = [];
  const tags: string[] = [];
  for (const coding of selection.codings) {
    const target = ctx.mapping.get(coding.codeGuid);
    if (!target) continue;
    if (target.kind === 'type') types.push(target.typeId);
    else tags.push(project.codeByGuid.get(coding.codeGuid)!.path.join(' › '));
  }
  let chain: Claim['chain'] = [];
  if (record) {
    chain = record.chain.flatMap((hop) => {
      const typeId = ctx.typeOfCode.get(hop.typeId.toUpperCase());
      if (hop.sourceId && !Object.hasOwn(ctx.cf.sources, hop.sourceId)) ctx.notCarried.push('the source of a hop, missing from the project’s “Sources” note');
      return typeId ? [{ ...hop, typeId, sourceId: hop.sourceId && Object.hasOwn(ctx.cf.sources, hop.sourceId) ? hop.sourceId : null }] : [];
    });
    if (chain.length < record.chain.length) ctx.notCarried.push('a hop whose sourcing type is not in the project’s “Sourcing” codes');
  } else if (types.length) {
    chain = [{ id: recordId('h', selection.guid), sourceId: null, typeId: types[0]!, cue: '', hedging: '', quoteMode: null, sourceCount: null, anonymityReasonGiven: null, reliability: null, credibility: null, note: '' }];
    for (const extra of types.slice(1)) tags.push(ctx.cf.taxonomy.find((t) => t.id === extra)!.label);
  }
  const notes = notesText(selection.noteGuids, project, ctx.usedNotes, (n) => n !== recordNote || !record);
  const tagLine = tags.length ? `${TAGS_LINE}${[...new Set(tags)].join('; ')}` : '';
  return {
    id: recordId('c', selection.guid), articleId: article.id, ...placement, chain,
    ...(record?.chainProvenance ? { chainProvenance: record.chainProvenance } : {}),
    notes: clip([notes, tagLine].filter(Boolean).join('\n\n'), LONG),
    createdBy: ctx.who(selection.user), createdAt: ctx.when(selection.at),
    ...(selection.modifiedBy ? { modifiedBy: ctx.who(selection.modifiedBy) } : {}),
    ...(selection.modifiedAt && xsdDateTime(selection.modifiedAt) ? { modifiedAt: selection.modifiedAt } : {}),
  };
}
