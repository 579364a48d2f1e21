import { describe, expect, test } from 'vitest';
import { decodeText } from '../../../shared/text/decode';

const SAMPLE = 'Café “déjà vu” – 25 € naïve';

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const [hi, lo] = [code >> 8, code & 0xff];
    bytes.set(endian === 'le' ? [lo, hi] : [hi, lo], 2 + i * 2);
  }
  return bytes;
}

describe('decodeText', () => {
  test('reads UTF-8, with or without a byte-order mark', () => {
    const plain = new TextEncoder().encode(SAMPLE);
    expect(decodeText(plain)).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-8' });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeText(withBom)).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-8' });
  });

  test('reads UTF-16 in both byte orders when the file starts with a BOM', () => {
    expect(decodeText(utf16(SAMPLE, 'le'))).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-16le' });
    expect(decodeText(utf16(SAMPLE, 'be'))).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-16be' });
  });

  test('falls back to windows-1252 for Latin-1 files, including its curly quotes, dash and euro sign', () => {
    // "Café “déjà vu” – 25 € naïve" as Windows would save it.
    const latin1 = new Uint8Array([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x64, 0xe9, 0x6a, 0xe0, 0x20, 0x76, 0x75, 0x94, 0x20, 0x96, 0x20, 0x32, 0x35, 0x20, 0x80, 0x20,
      0x6e, 0x61, 0xef, 0x76, 0x65,
    ]);
    expect(decodeText(latin1)).toEqual({ ok: true, text: SAMPLE, encoding: 'windows-1252' });
  });

  test('refuses binary data instead of decoding it into garbage', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const result = decodeText(png);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/not a text file/);
    const noise = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256 || 1);
    expect(decodeText(noise).ok).toBe(false);
  });
});
