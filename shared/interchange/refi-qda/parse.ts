/**
 * Reads a REFI-QDA project (the text of project.qde plus its plain-text
 * sources) into a small model: users, the code tree, text sources with their
 * selections and codings, notes, and what this app cannot carry (pictures,
 * PDFs without text, audio, video, cases, sets, links, graphs).
 *
 * Everything in the file is untrusted: GUIDs are checked, positions are
 * clamped to the text, references to nothing are reported, not followed.
 */
import { QDA_NAMESPACE } from './conventions';
import { normaliseGuid } from './guid';
import { positionMap } from './positions';
import { attr, childNamed, childrenNamed, parseXml, XmlError, type XmlElement } from './xml';

export interface QdaCode {
  guid: string;
  name: string;
  color: string | null;
  description: string;
  codable: boolean;
  noteGuids: string[];
  /** Names from the root of the tree down to this code. */
  path: string[];
  children: QdaCode[];
}

export interface QdaCoding {
  codeGuid: string;
  user: string | null;
  at: string | null;
}

export interface QdaSelection {
  guid: string;
  /** UTF-16 offsets into the source's text. */
  start: number;
  end: number;
  codings: QdaCoding[];
  noteGuids: string[];
  user: string | null;
  at: string | null;
  modifiedBy: string | null;
  modifiedAt: string | null;
}

export interface QdaTextSource {
  guid: string;
  name: string;
  description: string;
  text: string;
  selections: QdaSelection[];
  codings: QdaCoding[];
  noteGuids: string[];
  /** Variable name → value as text. */
  variables: Map<string, string>;
  user: string | null;
  at: string | null;
  modifiedBy: string | null;
  modifiedAt: string | null;
}

export interface QdaNote {
  guid: string;
  name: string;
  description: string;
  text: string;
  user: string | null;
  at: string | null;
}

export interface QdaProject {
  name: string;
  origin: string;
  createdAt: string | null;
  modifiedAt: string | null;
  creatingUser: string | null;
  /** GUID → user name. */
  users: Map<string, string>;
  /** Top-level codes. */
  codes: QdaCode[];
  /** Every code by GUID. */
  codeByGuid: Map<string, QdaCode>;
  sources: QdaTextSource[];
  notes: Map<string, QdaNote>;
  /** Notes attached to the project as a whole. */
  noteGuids: string[];
  /** What the file holds that this app has no place for, in words. */
  notCarried: string[];
}

export class QdaFormatError extends Error {}

/** Reads a plain-text source by its file name inside the sources folder (undefined when missing). */
export type SourceReader = (fileName: string) => string | undefined;

export function parseQdaProject(qde: string, readSource: SourceReader): QdaProject {
  let parsed;
  try {
    parsed = parseXml(qde);
  } catch (error) {
    throw new QdaFormatError(`project.qde is not well-formed XML: ${error instanceof XmlError ? error.message : String(error)}`);
  }
  const { root, namespace } = parsed;
  if (root.name !== 'Project' || namespace !== QDA_NAMESPACE) {
    throw new QdaFormatError(`project.qde is not a QDA-XML 1.0 project (its root is <${root.name}> in "${namespace}").`);
  }
  const notCarried: string[] = [];
  const users = new Map<string, string>();
  for (const u of childrenNamed(childNamed(root, 'Users'), 'User')) {
    const guid = normaliseGuid(attr(u, 'guid'));
    if (guid) users.set(guid, attr(u, 'name') ?? '');
  }
  const userOf = (value: string | undefined) => {
    const guid = normaliseGuid(value);
    return guid ? (users.get(guid) ?? null) : null;
  };
  const codeByGuid = new Map<string, QdaCode>();
  const codes = childrenNamed(childNamed(childNamed(root, 'CodeBook'), 'Codes'), 'Code').map((c) => readCode(c, [], codeByGuid));
  const variableNames = new Map<string, string>();
  for (const v of childrenNamed(childNamed(root, 'Variables'), 'Variable')) {
    const guid = normaliseGuid(attr(v, 'guid'));
    if (guid) variableNames.set(guid, attr(v, 'name') ?? '');
  }
  const notes = new Map<string, QdaNote>();
  for (const n of childrenNamed(childNamed(root, 'Notes'), 'Note')) {
    const guid = normaliseGuid(attr(n, 'guid'));
    if (!guid) continue;
    const text = childNamed(n, 'PlainTextContent')?.text ?? readInternal(attr(n, 'plainTextPath'), readSource) ?? '';
    notes.set(guid, {
      guid, name: attr(n, 'name') ?? '', description: childNamed(n, 'Description')?.text ?? '', text,
      user: userOf(attr(n, 'creatingUser')), at: attr(n, 'creationDateTime') ?? null,
    });
  }
  const context: ReadContext = { userOf, variableNames, readSource, notCarried, codeByGuid, notes };
  const sources: QdaTextSource[] = [];
  for (const element of childNamed(root, 'Sources')?.children ?? []) {
    const source = readSourceElement(element, context);
    if (source) sources.push(source);
  }
  for (const [name, what] of [['Cases', 'case'], ['Sets', 'set'], ['Links', 'link'], ['Graphs', 'graph']] as const) {
    const count = childNamed(root, name)?.children.length ?? 0;
    if (count) notCarried.push(`${count} ${what}${count === 1 ? '' : 's'} (this app has no ${what}s)`);
  }
  return {
    name: attr(root, 'name') ?? '', origin: attr(root, 'origin') ?? '',
    createdAt: attr(root, 'creationDateTime') ?? null, modifiedAt: attr(root, 'modifiedDateTime') ?? null,
    creatingUser: userOf(attr(root, 'creatingUserGUID')),
    users, codes, codeByGuid, sources, notes, notCarried, noteGuids: noteRefs(root),
  };
}

interface ReadContext {
  userOf: (guid: string | undefined) => string | null;
  variableNames: Map<string, string>;
  readSource: SourceReader;
  notCarried: string[];
  codeByGuid: Map<string, QdaCode>;
  notes: Map<string, QdaNote>;
}

/** Deeper code trees than this are cut (the reader recurses on them). */
const MAX_CODE_DEPTH = 64;

function readCode(element: XmlElement, parentPath: string[], byGuid: Map<string, QdaCode>): QdaCode {
  const name = attr(element, 'name') ?? '';
  const path = [...parentPath, name];
  const guid = normaliseGuid(attr(element, 'guid')) ?? `invalid:${byGuid.size}`;
  const color = attr(element, 'color')?.trim() ?? '';
  const code: QdaCode = {
    guid, name, path, children: [], noteGuids: noteRefs(element),
    color: /^#[0-9a-fA-F]{6}$/.test(color) ? color : /^#[0-9a-fA-F]{3}$/.test(color) ? `#${[...color.slice(1)].map((c) => c + c).join('')}` : null,
    description: childNamed(element, 'Description')?.text ?? '',
    codable: attr(element, 'isCodable')?.trim() !== 'false' && attr(element, 'isCodable')?.trim() !== '0',
  };
  if (!byGuid.has(guid)) byGuid.set(guid, code);
  if (path.length < MAX_CODE_DEPTH) code.children = childrenNamed(element, 'Code').map((c) => readCode(c, path, byGuid));
  return code;
}

function readInternal(path: string | undefined, readSource: SourceReader): string | undefined {
  const m = path ? /^internal:\/\/(.+)$/i.exec(path.trim()) : null;
  return m ? readSource(m[1]!) : undefined;
}

function readCodings(element: XmlElement, ctx: ReadContext): QdaCoding[] {
  const codings: QdaCoding[] = [];
  for (const c of childrenNamed(element, 'Coding')) {
    const codeGuid = normaliseGuid(attr(childNamed(c, 'CodeRef'), 'targetGUID'));
    if (codeGuid && ctx.codeByGuid.has(codeGuid)) {
      codings.push({ codeGuid, user: ctx.userOf(attr(c, 'creatingUser')), at: attr(c, 'creationDateTime') ?? null });
    } else {
      ctx.notCarried.push('a coding that refers to no code of the code book');
    }
  }
  return codings;
}

function noteRefs(element: XmlElement): string[] {
  return childrenNamed(element, 'NoteRef').map((r) => normaliseGuid(attr(r, 'targetGUID'))).filter((g): g is string => !!g);
}

function readSourceElement(element: XmlElement, ctx: ReadContext): QdaTextSource | null {
  const name = attr(element, 'name') ?? '';
  if (element.name === 'PDFSource') {
    const representation = childNamed(element, 'Representation');
    if (!representation) {
      ctx.notCarried.push(`PDF source “${name}”: it comes without a plain-text representation`);
      return null;
    }
    if (childrenNamed(element, 'PDFSelection').length) ctx.notCarried.push(`PDF source “${name}”: its area selections on pages (only text selections are carried)`);
    return readTextSource(representation, name || (attr(representation, 'name') ?? ''), ctx);
  }
  if (element.name !== 'TextSource') {
    const kind = { PictureSource: 'picture', AudioSource: 'audio', VideoSource: 'video' }[element.name] ?? element.name;
    ctx.notCarried.push(`${kind} source “${name}”: this app holds text articles only`);
    return null;
  }
  return readTextSource(element, name, ctx);
}

function readTextSource(element: XmlElement, name: string, ctx: ReadContext): QdaTextSource | null {
  const guid = normaliseGuid(attr(element, 'guid'));
  const text = childNamed(element, 'PlainTextContent')?.text ?? readInternal(attr(element, 'plainTextPath'), ctx.readSource);
  if (!guid || text === undefined) {
    ctx.notCarried.push(`text source “${name}”: ${guid ? 'its text is missing from the file' : 'it has no valid GUID'}`);
    return null;
  }
  const positions = positionMap(text);
  const length = positions.toCodePoint(text.length);
  const selections: QdaSelection[] = [];
  for (const s of childrenNamed(element, 'PlainTextSelection')) {
    const sGuid = normaliseGuid(attr(s, 'guid'));
    const start = Number(attr(s, 'startPosition'));
    const end = Number(attr(s, 'endPosition'));
    if (!sGuid || !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > length) {
      ctx.notCarried.push(`a selection in “${name}” whose position (${attr(s, 'startPosition')}–${attr(s, 'endPosition')}) lies outside its text`);
      continue;
    }
    selections.push({
      guid: sGuid, start: positions.toUtf16(start), end: positions.toUtf16(end),
      codings: readCodings(s, ctx), noteGuids: noteRefs(s),
      user: ctx.userOf(attr(s, 'creatingUser')), at: attr(s, 'creationDateTime') ?? null,
      modifiedBy: ctx.userOf(attr(s, 'modifyingUser')), modifiedAt: attr(s, 'modifiedDateTime') ?? null,
    });
  }
  const variables = new Map<string, string>();
  for (const v of childrenNamed(element, 'VariableValue')) {
    const varGuid = normaliseGuid(attr(childNamed(v, 'VariableRef'), 'targetGUID'));
    const value = v.children.find((c) => c.name !== 'VariableRef');
    const varName = varGuid ? ctx.variableNames.get(varGuid) : undefined;
    if (varName !== undefined && value) variables.set(varName, value.text);
  }
  return {
    guid, name, text, selections, variables,
    description: childNamed(element, 'Description')?.text ?? '',
    codings: readCodings(element, ctx), noteGuids: noteRefs(element),
    user: ctx.userOf(attr(element, 'creatingUser')), at: attr(element, 'creationDateTime') ?? null,
    modifiedBy: ctx.userOf(attr(element, 'modifyingUser')), modifiedAt: attr(element, 'modifiedDateTime') ?? null,
  };
}
