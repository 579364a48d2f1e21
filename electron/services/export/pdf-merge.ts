/**
 * Joins the PDFs of a report's parts into one file and numbers its pages
 * ("Page n of m", where Chromium's own footer would put them), since each
 * part was printed on its own. Optionally stamps a footer too: the bottom
 * margin of a one-page PDF, embedded once and drawn on every page.
 */
import { balanceBidi } from '../../../shared/text/bidi';
import type { PDFDocument, PDFEmbeddedPage, PDFFont, PDFPage } from 'pdf-lib';

/**
 * pdf-lib is hundreds of small modules: loading it took a third of browser
 * mode's start-up, for a feature used only when a PDF report is made.
 */
type PdfLib = typeof import('pdf-lib');
let pdfLib: Promise<PdfLib> | null = null;
function loadPdfLib(): Promise<PdfLib> {
  pdfLib ??= import('pdf-lib');
  return pdfLib;
}

/** Where the part's footer leaves room for the numbers: right margin 14 mm, baseline ~6 mm above the edge. */
const RIGHT = (14 / 25.4) * 72;
const BASELINE = 16.9;
const SIZE = 6;
/** The bottom margin of the report's pages (PDF_PAGE), where the footer sits. */
const FOOTER_HEIGHT = (18 / 25.4) * 72;
const GREY = [0x5b / 255, 0x64 / 255, 0x70 / 255] as const;

export async function joinPdfParts(parts: Uint8Array[], title: string, footer?: Uint8Array): Promise<Uint8Array> {
  const lib = await loadPdfLib();
  const out = await joined(lib, parts);
  const stamp = footer ? await footerStamp(lib, out, footer) : undefined;
  const font = await out.embedFont(lib.StandardFonts.Helvetica);
  const color = lib.rgb(...GREY);
  const pages = out.getPages();
  pages.forEach((page, i) => {
    if (stamp) page.drawPage(stamp, { x: 0, y: 0 });
    drawPageNumber(page, `Page ${i + 1} of ${pages.length}`, font, color);
  });
  // The title is the casefile's: an override in it must not reverse a viewer's window title (shared/text/bidi.ts).
  out.setTitle(balanceBidi(title));
  out.setCreator('Corroborate');
  return out.save();
}

/** One part is kept as it is, so its outline and tags survive; several are copied into a new file. */
async function joined({ PDFDocument }: PdfLib, parts: Uint8Array[]): Promise<PDFDocument> {
  if (parts.length === 1) return PDFDocument.load(parts[0]!);
  const out = await PDFDocument.create();
  for (const bytes of parts) {
    const part = await PDFDocument.load(bytes);
    for (const page of await out.copyPages(part, part.getPageIndices())) out.addPage(page);
  }
  return out;
}

async function footerStamp({ PDFDocument }: PdfLib, out: PDFDocument, footer: Uint8Array): Promise<PDFEmbeddedPage> {
  const page = (await PDFDocument.load(footer)).getPage(0);
  return out.embedPage(page, { left: 0, bottom: 0, right: page.getWidth(), top: FOOTER_HEIGHT });
}

function drawPageNumber(page: PDFPage, text: string, font: PDFFont, color: ReturnType<PdfLib['rgb']>): void {
  page.drawText(text, { x: page.getWidth() - RIGHT - font.widthOfTextAtSize(text, SIZE), y: BASELINE, size: SIZE, font, color });
}
