/**
 * Receives the text of a long export piece by piece, in order. The Node side
 * encodes each piece to UTF-8 as it comes (electron/services/export/utf8.ts),
 * so a large export never holds its whole text as one string.
 */
export type TextSink = (text: string) => void;

/** Runs a builder that writes to a sink and returns the text it wrote. */
export async function collectText(write: (sink: TextSink) => Promise<void>): Promise<string> {
  const pieces: string[] = [];
  await write((text) => pieces.push(text));
  return pieces.join('');
}
