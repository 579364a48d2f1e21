import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * A GUID derived from a name, so the same casefile exports the same GUIDs
 * every time and an analyst is the same user in every project: the first 16
 * bytes of SHA-256 of the name, marked as a name-based UUID (RFC 9562 version 8).
 */
export function guidFromName(name: string): string {
  const digest = sha256(utf8ToBytes(name));
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  let h = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) h += '-';
    h += HEX[digest[i]!];
  }
  return h;
}

/** Each byte as two upper-case hex digits. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** The GUID in one spelling (upper case, no braces), or null when `value` is not a GUID. */
export function normaliseGuid(value: string | undefined): string | null {
  const m = value === undefined ? null : GUID.exec(value.trim());
  return m ? m[1]!.toUpperCase() : null;
}
