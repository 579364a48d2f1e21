/** A casefile zipped as a REFI-QDA project (.qdpx): project.qde and the article texts in sources/. */
import { crc32, deflateRawSync } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import type { Casefile } from '../../../shared/model/schema';
import { buildQdaProject } from '../../../shared/interchange/refi-qda/export';

/** Fixed dates so the same casefile gives the same bytes. */
const ZIP_DATE = new Date(Date.UTC(2000, 0, 1));
/** The zip method number of deflate (PKWARE APPNOTE 4.4.5). */
const DEFLATE = 8;

export async function qdpxBytes(casefile: Casefile, origin: string): Promise<Uint8Array> {
  const project = buildQdaProject(casefile, origin);
  const parts: Uint8Array[] = [];
  let failure: Error | null = null;
  // fflate writes the zip's structure; Node's zlib compresses (several times faster than deflate in JavaScript).
  const zip = new Zip((error, chunk) => {
    if (error) failure ??= error;
    else parts.push(chunk);
  });
  addDeflated(zip, 'project.qde', project.qde);
  for (const source of project.sources) addDeflated(zip, source.path, source.text);
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(parts);
}

/** Adds one file as UTF-8 (encoded here, so characters outside the Basic Multilingual Plane stay whole). */
function addDeflated(zip: Zip, filename: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  const file: ZipInputFile = { filename, size: bytes.length, crc: crc32(bytes), compression: DEFLATE, mtime: ZIP_DATE };
  zip.add(file);
  file.ondata!(null, deflateRawSync(bytes, { level: 1 }), true);
}
