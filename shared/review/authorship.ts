/**
 * Who made each side of a difference, read from the record's own provenance:
 * the claim, its chain, the proposition membership (stance) or the
 * assessment. Never from the file's list of analysts, which names everyone
 * who ever touched the file (a colleague's copy of my casefile lists me too).
 */
import type { Assessment, Claim, Proposition, PropositionMember, Provenance } from '../model/schema';

/** The part of a record whose authorship is told. */
export type AuthoredPart = 'claim' | 'chain' | 'stance' | 'membership' | 'proposition' | 'assessment' | 'comment';

export interface Authorship {
  part: AuthoredPart;
  createdBy: string;
  createdAt: string;
  /** Null while the record is as it was made. */
  changedBy: string | null;
  changedAt: string | null;
}

function from(part: AuthoredPart, p: { createdBy: string; createdAt: string; modifiedBy?: string | undefined; modifiedAt?: string | undefined }): Authorship {
  return { part, createdBy: p.createdBy, createdAt: p.createdAt, changedBy: p.modifiedBy ?? null, changedAt: p.modifiedAt ?? null };
}

export function claimAuthorship(claim: Claim): Authorship {
  return from('claim', claim);
}

/** The chain's own authorship; a file from before it was recorded only knows the claim's. */
export function chainAuthorship(claim: Claim): Authorship {
  return claim.chainProvenance ? from('chain', claim.chainProvenance) : claimAuthorship(claim);
}

export function memberAuthorship(member: PropositionMember, part: 'stance' | 'membership'): Authorship {
  return from(part, { createdBy: member.addedBy, createdAt: member.addedAt, modifiedBy: member.modifiedBy, modifiedAt: member.modifiedAt });
}

export function propositionAuthorship(p: Provenance): Authorship {
  return from('proposition', p);
}

/** The assessment's authorship; null when it was never set and the file cannot say more. */
export function assessmentAuthorship(proposition: Proposition): Authorship | null {
  const a: Assessment = proposition.assessment;
  if (a.createdBy !== undefined) return from('assessment', { createdBy: a.createdBy, createdAt: a.createdAt ?? '', modifiedBy: a.modifiedBy, modifiedAt: a.modifiedAt });
  const rated = a.rating !== null || a.reliability !== null || a.credibility !== null || a.notes.trim() !== '';
  // An older file: the proposition's own last change is all that is known of who rated it.
  return rated ? propositionAuthorship(proposition) : null;
}

export function commentAuthorship(by: string, at: string): Authorship {
  return { part: 'comment', createdBy: by, createdAt: at, changedBy: null, changedAt: null };
}

/** The person behind the record's current state: whoever changed it last, else whoever made it. */
export function lastAuthor(a: Authorship): { by: string; at: string } {
  return a.changedBy ? { by: a.changedBy, at: a.changedAt ?? '' } : { by: a.createdBy, at: a.createdAt };
}

const CREATED_VERB: Record<AuthoredPart, string> = {
  claim: 'claim marked',
  chain: 'chain set',
  stance: 'added',
  membership: 'added',
  proposition: 'proposition made',
  assessment: 'rated',
  comment: 'written',
};

const CHANGED_VERB: Record<AuthoredPart, string> = {
  claim: 'claim changed',
  chain: 'chain changed',
  stance: 'stance changed',
  membership: 'membership changed',
  proposition: 'proposition changed',
  assessment: 'assessment changed',
  comment: 'changed',
};

/** The record's current state: "stance changed by Bo Li, 3 Dec 14:02", or "added by Ann Ek, 1 Dec 09:30" when never changed. */
export function describeLastChange(a: Authorship, options: WhenOptions = {}): string {
  if (!a.changedBy) return `${CREATED_VERB[a.part]} by ${a.createdBy || 'unknown'}${when(a.createdAt, options)}`;
  return `${CHANGED_VERB[a.part]} by ${a.changedBy}${when(a.changedAt ?? '', options)}`;
}

/**
 * Who changed it last and who made it: "chain changed by Bo Li, 3 Dec 14:02 ·
 * chain set by Ann Ek, 1 Dec 09:30". `timeZone` is for tests and reports that
 * must not depend on the machine's zone; the local zone by default.
 */
export function describeAuthorship(a: Authorship, options: WhenOptions = {}): string {
  const made = describeLastChange({ ...a, changedBy: null, changedAt: null }, options);
  // Changed in the same moment it was made (one batch): that is still how it was made.
  if (!a.changedBy || (a.changedBy === a.createdBy && a.changedAt === a.createdAt)) return made;
  return `${describeLastChange(a, options)} · ${made}`;
}

export interface WhenOptions {
  timeZone?: string;
  /** The year that goes without saying (default: this year). */
  currentYear?: number;
}

function when(iso: string, options: WhenOptions): string {
  return iso ? `, ${formatWhen(iso, options)}` : '';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Dec 14:02"; the year is added when it is not the current one ("3 Dec 2025 14:02"). */
export function formatWhen(iso: string, options: WhenOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: options.timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const year = Number(part('year'));
  const currentYear = options.currentYear ?? new Date().getFullYear();
  const month = MONTHS[Number(part('month')) - 1] ?? part('month');
  return `${Number(part('day'))} ${month}${year === currentYear ? '' : ` ${year}`} ${part('hour')}:${part('minute')}`;
}
