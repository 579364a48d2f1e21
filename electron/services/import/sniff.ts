/**
 * Decides how to read a file from its name and its first bytes. The content
 * wins where it is unambiguous (a PDF saved as .txt is read as a PDF); a file
 * whose content contradicts its name in a way we cannot read is refused with
 * a reason the analyst can act on.
 */
import { formatFromName, IMPORT_EXTENSIONS, type FileFormat } from '../../../shared/articles/import-formats';
import { ImportFailure } from './types';

const MAGIC: { bytes: number[]; kind: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0x1f, 0x8b], kind: 'a gzip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], kind: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], kind: 'a 7-Zip archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: 'an old Microsoft Office file (.doc/.xls)' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'a program (ELF)' },
  { bytes: [0x4d, 0x5a], kind: 'a program (EXE)' },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function isPdf(bytes: Uint8Array): boolean {
  // The header may follow a little junk; readers accept it within the first kilobyte.
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
}

function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

export function sniffFormat(name: string, bytes: Uint8Array): FileFormat {
  const named = formatFromName(name);
  if (!named) {
    throw new ImportFailure(`Files of this type are not imported. Import ${IMPORT_EXTENSIONS.join(', ')} files.`);
  }
  if (isPdf(bytes)) return 'pdf';
  if (named === 'pdf') throw new ImportFailure('This file is named .pdf but is not a PDF (it may be damaged, or a web page saved under the wrong name).');
  if (isZip(bytes)) {
    if (named === 'docx') return 'docx';
    throw new ImportFailure('This is a compressed archive (ZIP), not text. Unpack it and import the files inside.');
  }
  if (named === 'docx') throw new ImportFailure('This file is named .docx but is not a Word document (old .doc files are not supported; save it as .docx).');
  const magic = MAGIC.find((m) => startsWith(bytes, m.bytes));
  if (magic) throw new ImportFailure(`This is ${magic.kind}, not text. Import the article's text, web page, PDF or Word file instead.`);
  if (named !== 'html' && looksLikeHtml(bytes)) return 'html';
  return named;
}
