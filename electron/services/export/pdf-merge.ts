/**
 * Joins the PDFs of a long report's parts into one file and numbers its
 * pages ("Page n of m", where Chromium's own footer would put them), since
 * each part was printed on its own.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** Where the part's footer leaves room for the numbers: right margin 14 mm, baseline ~6 mm above the edge. */
const RIGHT = (14 / 25.4) * 72;
const BASELINE = 16.9;
const SIZE = 6;

export async function joinPdfParts(parts: Uint8Array[], title: string): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const bytes of parts) {
    const part = await PDFDocument.load(bytes);
    for (const page of await out.copyPages(part, part.getPageIndices())) out.addPage(page);
  }
  const font = await out.embedFont(StandardFonts.Helvetica);
  const pages = out.getPages();
  pages.forEach((page, i) => {
    const text = `Page ${i + 1} of ${pages.length}`;
    page.drawText(text, { x: page.getWidth() - RIGHT - font.widthOfTextAtSize(text, SIZE), y: BASELINE, size: SIZE, font, color: rgb(0x5b / 255, 0x64 / 255, 0x70 / 255) });
  });
  out.setTitle(title);
  out.setCreator('Corroborate');
  return out.save();
}
