/**
 * Values typed into a field and not yet saved. A field registers how to save
 * its draft while it holds one; before any command goes to the casefile (a
 * key, a button, a menu, closing the casefile), `flushPendingEdits` saves every
 * draft first, so what was typed is never lost nor filed after a later change.
 */
type Flush = () => void;

const drafts = new Set<Flush>();
let flushing = false;

/** Registers a field's save; returns a function that unregisters it. */
export function holdDraft(flush: Flush): () => void {
  drafts.add(flush);
  return () => drafts.delete(flush);
}

/** Saves every pending draft now (each field's save queues its command in order). */
export function flushPendingEdits(): void {
  if (flushing || !drafts.size) return;
  flushing = true;
  try {
    for (const flush of [...drafts]) flush();
  } finally {
    flushing = false;
  }
}
