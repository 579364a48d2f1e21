/** A casefile zipped as a REFI-QDA project (.qdpx): project.qde and the article texts in sources/. */
import JSZip from 'jszip';
import type { Casefile } from '../../../shared/model/schema';
import { buildQdaProject } from '../../../shared/interchange/refi-qda/export';

export async function qdpxBytes(casefile: Casefile, origin: string): Promise<Uint8Array> {
  const project = buildQdaProject(casefile, origin);
  const zip = new JSZip();
  // Fixed dates so the same casefile gives the same bytes.
  const date = new Date(Date.UTC(2000, 0, 1));
  // Encoded here: JSZip's own string encoding can split characters outside the Basic Multilingual Plane.
  const utf8 = new TextEncoder();
  zip.file('project.qde', utf8.encode(project.qde), { date });
  for (const source of project.sources) zip.file(source.path, utf8.encode(source.text), { date });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}
