/**
 * Import from a link: the page is fetched on the Node side (fetch-page.ts),
 * kept as a snapshot beside the casefile, and read like a saved page, with
 * the address it was read from as the article's URL.
 */
import { fetchPage, fetchLimits, type FetchedPage, type FetchLimits } from './fetch-page';
import type { LinkSource } from './index';
import { keepSnapshot } from './snapshots';
import { plural } from '../../../shared/text/wording';

/** Words of article text below which a page with paywall or login markers is reported as probably cut short. */
export const PAYWALL_WORDS = 200;

const PAYWALL_MARKERS = /paywall|"isAccessibleForFree"\s*:\s*"?false|subscribe (?:now )?to (?:continue|read)|subscribers only|(?:sign|log) in to (?:continue|read)|already a subscriber|create a free account to (?:continue|read)/i;

export interface LinkImport {
  source: LinkSource;
  /** Set once the page is fetched: whether it carries paywall or login markers. */
  paywallHints: boolean;
}

/** A link as an import source; the snapshot goes beside `casefilePath`. */
export function linkSource(link: string, casefilePath: string, limits: FetchLimits = fetchLimits()): LinkImport {
  const result: LinkImport = {
    paywallHints: false,
    source: {
      name: link.trim(),
      fetch: async (signal) => {
        const page = await fetchPage(link, limits, signal);
        const snapshot = await keepSnapshot(casefilePath, page.body, page.format);
        result.paywallHints = page.format === 'html' && PAYWALL_MARKERS.test(Buffer.from(page.body).toString('latin1'));
        return {
          data: asReadable(page),
          name: fileNameFor(page),
          meta: { url: page.finalUrl },
          origin: { link: link.trim(), fetchedUrl: page.finalUrl, retrievedAt: page.retrievedAt, snapshot },
        };
      },
    },
  };
  return result;
}

/** The message for a page with paywall markers whose article text came out short. */
export function paywallMessage(words: number): string {
  return `Only ${plural(words, 'word')} of article text: the page looks like it is behind a paywall or a login. Open it in your browser, save the page (File ▸ Save Page As) and import the file.`;
}

/**
 * The body to read. A charset the server declared wins over the page's own
 * <meta> (as in browsers): such pages are handed on re-encoded as UTF-8.
 * Without one, the HTML reader honours the page's <meta charset>.
 */
function asReadable(page: FetchedPage): Uint8Array {
  if (page.format === 'pdf' || !page.charset || page.charset === 'utf-8' || page.charset === 'utf8') return page.body;
  try {
    return Buffer.from(new TextDecoder(page.charset).decode(page.body), 'utf8');
  } catch {
    return page.body; // A charset name we do not know: let the reader decide.
  }
}

/** A file name for the page: its address's last part (or the site's name), with the extension of what it is. */
function fileNameFor(page: FetchedPage): string {
  const url = new URL(page.finalUrl);
  const last = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '').replace(/\.[a-z0-9]{1,5}$/i, '');
  const base = (last || url.hostname).replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 100);
  return `${base}.${page.format}`;
}
