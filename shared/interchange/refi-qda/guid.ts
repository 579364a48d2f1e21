import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * A GUID derived from a name, so the same casefile exports the same GUIDs
 * every time and an analyst is the same user in every project: the first 16
 * bytes of SHA-256 of the name, marked as a name-based UUID (RFC 9562 version 8).
 */
export function guidFromName(name: string): string {
  const hex = bytesToHex(sha256(utf8ToBytes(name))).slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** The GUID in one spelling (upper case, no braces), or null when `value` is not a GUID. */
export function normaliseGuid(value: string | undefined): string | null {
  const m = value === undefined ? null : GUID.exec(value.trim());
  return m ? m[1]!.toUpperCase() : null;
}
