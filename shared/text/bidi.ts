/**
 * Directional formatting characters in untrusted text. A right-to-left
 * override (U+202E) left open in an analyst name reverses everything after it
 * up to the end of the line, our own words included ("annotated by", a date),
 * and turns a title "…‮gnp.exe" into "…exe.png". The rule, in one place:
 *
 * - every embedding, override or isolate that a value opens is closed at the
 *   end of the value (and before each of its line breaks); a closer that
 *   closes nothing is dropped (balanceBidi). Used where each value stands on
 *   its own: CSV cells, the PDF's metadata, the HTML title;
 * - where a value sits inside our own sentences as plain text (Markdown, SVG
 *   labels, sentences built in shared/report/text.ts), a value that has
 *   anything right-to-left in it is also wrapped in FSI…PDI, the plain-text
 *   form of HTML's <bdi>, so it cannot reorder the words around it
 *   (isolateBidi). Left-to-right values are left as they are.
 *
 * HTML wraps every value in <bdi> instead (shared/report/escape.ts).
 */

const PDF = '\u202C';
const PDI = '\u2069';
const FSI = '\u2068';
/** LRE, RLE, LRO, RLO: closed by PDF. */
const EMBEDDINGS = '\u202A\u202B\u202D\u202E';
/** LRI, RLI, FSI: closed by PDI. */
const ISOLATES = '\u2066\u2067\u2068';
/** Line and paragraph breaks: the bidi algorithm starts afresh after each. */
const BREAKS = '\n\r\u0085\u001C\u001D\u001E\u2029';

const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/**
 * Anything that can make a value, or its neighbours, run right to left: the
 * controls, the marks (LRM, RLM, ALM) and the right-to-left scripts' blocks
 * (Hebrew to Arabic Extended, their presentation forms, and the historic and
 * African right-to-left scripts of plane 1).
 */
const RIGHT_TO_LEFT = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** The value with every directional embedding, override and isolate it opens closed, and stray closers dropped. */
export function balanceBidi(text: string): string {
  if (!CONTROLS.test(text)) return text;
  /** 'e' for an open embedding or override, 'i' for an open isolate, innermost last. */
  const open: ('e' | 'i')[] = [];
  let out = '';
  for (const ch of text) {
    if (EMBEDDINGS.includes(ch)) open.push('e');
    else if (ISOLATES.includes(ch)) open.push('i');
    else if (ch === PDF) {
      // As in the bidi algorithm: PDF closes an embedding only when no isolate was opened after it.
      if (open[open.length - 1] !== 'e') continue;
      open.pop();
    } else if (ch === PDI) {
      // PDI closes the innermost isolate and every embedding opened inside it.
      const at = open.lastIndexOf('i');
      if (at < 0) continue;
      open.length = at;
    } else if (BREAKS.includes(ch)) {
      out += closers(open);
      open.length = 0;
    }
    out += ch;
  }
  return out + closers(open);
}

function closers(open: readonly ('e' | 'i')[]): string {
  let out = '';
  for (let i = open.length - 1; i >= 0; i--) out += open[i] === 'e' ? PDF : PDI;
  return out;
}

/**
 * The value balanced and, when it has anything right-to-left in it, wrapped
 * in FSI…PDI: dropped into a sentence, it reads in its own direction and
 * leaves the words around it in theirs.
 */
export function isolateBidi(text: string): string {
  const balanced = balanceBidi(text);
  return RIGHT_TO_LEFT.test(balanced) ? `${FSI}${balanced}${PDI}` : balanced;
}
