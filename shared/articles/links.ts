/** The links in text the analyst pasted or dropped: one per line, or separated by spaces or angle brackets (a trailing comma or full stop is not part of a link). */
export function linksIn(text: string): string[] {
  const found = text
    .split(/[\s<>"]+/)
    .map((part) => part.replace(/[.,;]+$/, ''))
    .filter((part) => /^[a-z][a-z0-9+.-]*:\S+/i.test(part) && !part.startsWith('#'));
  return [...new Set(found)];
}

/** Most links sent to the Node side in one call (the API takes at most 500). */
export const LINKS_PER_CALL = 500;
