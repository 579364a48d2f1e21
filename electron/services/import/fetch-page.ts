/**
 * Fetches one web page for import from a link, on the Node side only (the
 * window never fetches anything). Only http and https are fetched; redirects
 * are followed one by one up to a limit (each hop checked again); the whole
 * fetch has a time-out; the body is read as a stream and dropped as soon as
 * it passes the size limit, so a huge page never sits in memory. Every
 * refusal is an ImportFailure with a message the analyst can act on.
 */
import { isIP } from 'node:net';
import { formatSize, MAX_IMPORT_FILE_BYTES } from '../../../shared/articles/import-formats';
import { plural } from '../../../shared/text/wording';
import { ImportFailure } from './types';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

/** The limits for each page; CORROBORATE_FETCH_TIMEOUT_MS sets another time-out (end-to-end tests, very slow networks). */
export function fetchLimits(): FetchLimits {
  return { timeoutMs: Number(process.env.CORROBORATE_FETCH_TIMEOUT_MS) || 30_000, maxBytes: MAX_IMPORT_FILE_BYTES, maxRedirects: 5 };
}

export interface FetchedPage {
  /** The body exactly as the site sent it. */
  body: Uint8Array;
  /** The address the page was read from, after redirects. */
  finalUrl: string;
  retrievedAt: string;
  /** What kind of file to read it as. */
  format: 'html' | 'txt' | 'pdf';
  /** The charset the server declared in its Content-Type, if any (wins over the page's own <meta>). */
  charset: string | null;
}

const FORMATS: Record<string, FetchedPage['format']> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'txt',
  'application/pdf': 'pdf',
};

/** A link the analyst typed, as a URL; refused when it is not a web address. */
export function parseLink(link: string): URL {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw new ImportFailure('This is not a web address. Links start with http:// or https://.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ImportFailure(`Only http and https links are imported; a ${url.protocol} link is refused (a link may never read files or data on this computer). Import a file with Files… instead.`);
  }
  if (url.username || url.password) throw new ImportFailure('Links with a user name or password in them are refused; open the page in your browser, save it and import the file.');
  return url;
}

/**
 * Whether `hostname` (as URL parses it) is this computer or a private network:
 * loopback, private and link-local ranges written as addresses, and
 * "localhost". Names that only resolve to such addresses are not caught.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) {
    const [a = 0, b = 0] = host.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (isIP(host) === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
    if (mapped) return isPrivateHost(mapped);
    return host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  }
  return false;
}

/** Fetches `link`, following redirects, within the limits. */
export async function fetchPage(link: string, limits: FetchLimits = fetchLimits(), signal?: AbortSignal): Promise<FetchedPage> {
  let url = parseLink(link);
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const aborted = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(url, { redirect: 'manual', signal: aborted, headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.1' } });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (redirects >= limits.maxRedirects) throw new ImportFailure(`The site sent the page on more than ${limits.maxRedirects} times (redirects); it was not imported.`);
        const next = parseLink(new URL(location, url).href);
        if (isPrivateHost(next.hostname) && !isPrivateHost(url.hostname)) {
          throw new ImportFailure(`The site sent the page on to an address on this computer or its local network (${next.host}); that is refused. Give that link directly if you mean it.`);
        }
        url = next;
        continue;
      }
      return await readResponse(response, url, limits);
    }
  } catch (error) {
    if (timeout.aborted) throw new ImportFailure(`The site did not send the page within ${plural(Number((limits.timeoutMs / 1000).toFixed(1)), 'second')}; it was not imported.`);
    if (error instanceof ImportFailure || signal?.aborted) throw error;
    throw new ImportFailure(`The page could not be fetched: ${networkReason(error)}.`);
  }
}

async function readResponse(response: Response, url: URL, limits: FetchLimits): Promise<FetchedPage> {
  if (!response.ok) {
    await response.body?.cancel();
    throw new ImportFailure(statusReason(response.status));
  }
  const [mediaType = '', ...params] = (response.headers.get('content-type') ?? 'text/html').split(';').map((s) => s.trim());
  const format = FORMATS[mediaType.toLowerCase()];
  if (!format) {
    await response.body?.cancel();
    throw new ImportFailure(`This link is not an article page: the site sent ${describeType(mediaType)}. Only web pages, plain text and PDF files are imported.`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > limits.maxBytes) {
    await response.body?.cancel();
    throw new ImportFailure(tooLarge(limits.maxBytes, declared));
  }
  const body = await readAtMost(response, limits.maxBytes);
  const charset = params.find((p) => /^charset=/i.test(p))?.slice('charset='.length).replace(/"/g, '').trim().toLowerCase() || null;
  return { body, finalUrl: url.href, retrievedAt: new Date().toISOString(), format, charset };
}

/** The body, read chunk by chunk and abandoned as soon as it passes `max` bytes. */
async function readAtMost(response: Response, max: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw new ImportFailure(tooLarge(max));
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(max: number, size?: number): string {
  return `The page is ${size ? `${formatSize(size)}, ` : ''}larger than ${formatSize(max)}, the most Corroborate imports; it was not imported.`;
}

function statusReason(status: number): string {
  if (status === 404 || status === 410) return `The site says there is no page at this address (${status} ${status === 404 ? 'not found' : 'gone'}).`;
  if (status === 401 || status === 402 || status === 403) {
    return `The site refused to send the page (${status}): it may need a login or a subscription. Open it in your browser, save the page and import the file.`;
  }
  if (status === 429) return 'The site asks to slow down (429 too many requests); try this link again later.';
  if (status >= 500) return `The site had an error (${status}); try again later.`;
  return `The site answered ${status} instead of the page.`;
}

function describeType(mediaType: string): string {
  if (!mediaType) return 'a file of unknown kind';
  const [kind] = mediaType.split('/');
  const names: Record<string, string> = { image: 'an image', video: 'a video', audio: 'a sound file', font: 'a font' };
  return `${names[kind!] ?? 'a file'} (${mediaType})`;
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'no site has this name (check the address, or the network connection)';
  if (code === 'ECONNREFUSED') return 'the site refused the connection';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was cut';
  if (code.startsWith('ERR_TLS') || code.includes('CERT')) return 'the site’s security certificate is not valid';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
