/**
 * A PDF read back the way a reader's tools see it: its text (pdfjs-dist, in
 * drawing order, one line per text line) and its document information.
 */
export interface PdfReadBack {
  /** Every page's text; text lines end in "\n". */
  text: string;
  pages: number;
  /** The document information dictionary (Title, Author, Subject, Keywords, Creator, Producer, …). */
  info: Record<string, unknown>;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfReadBack> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      for (const item of (await page.getTextContent()).items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      text += '\n';
      page.cleanup();
    }
    const info = ((await doc.getMetadata()).info ?? {}) as Record<string, unknown>;
    return { text, pages: doc.numPages, info };
  } finally {
    await doc.destroy();
  }
}
