/**
 * Word documents (.docx) through mammoth: converted to simple HTML (so that
 * paragraphs, headings and the Title style survive), then to text like a web
 * page. Images are dropped, and linked external files are never opened.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import mammoth from 'mammoth';
import { checkHtmlShape } from './html-shape';
import { domToText } from './html-text';
import { ImportFailure, type Extracted } from './types';
import { checkDocxUnpackedSize } from './zip';

const STYLE_MAP = ["p[style-name='Title'] => h1.doc-title:fresh", "p[style-name='Subtitle'] => h2.doc-subtitle:fresh"];

export async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
  checkDocxUnpackedSize(bytes);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      { styleMap: STYLE_MAP, externalFileAccess: false, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch {
    throw new ImportFailure('This Word file could not be read: it is damaged, or not a .docx file (old .doc files are not supported; save it as .docx first).');
  }
  checkHtmlShape(html);
  const dom = new JSDOM(`<!doctype html><body>${html}</body>`, { virtualConsole: new VirtualConsole() });
  try {
    const doc = dom.window.document;
    const heading = doc.querySelector('h1.doc-title') ?? doc.querySelector('h1');
    return { text: domToText(doc.body), meta: { title: heading?.textContent?.replace(/\s+/g, ' ').trim() ?? '' } };
  } finally {
    dom.window.close();
  }
}
