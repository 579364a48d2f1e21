/**
 * A local web server of fixture news pages for the import-from-a-link tests
 * (node:http on 127.0.0.1, a free port): a normal article, a redirect chain,
 * an endless redirect chain, a slow page, a 404, a picture, a 60 MB page,
 * pages in windows-1251 declared only in their <meta> or only in the HTTP
 * header, a rewrite that quotes the article, and a paywalled teaser.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { articleHtml } from '../fixtures/import/make';

export const ARTICLE_TITLE = 'Russia set up drone programme in China, documents show';
export const ARTICLE_PARAGRAPHS = [
  'Russia has set up a weapons programme in China to develop and produce long-range attack drones for use in the war in Ukraine, according to two sources from a European intelligence agency and documents reviewed by the reporters.',
  'IEMZ Kupol, a subsidiary of Russian state-owned arms firm Almaz-Antey, has developed and tested a new drone model called Garpiya-3 in China with the help of local specialists, according to one of the documents.',
  'China’s foreign ministry said it was not aware of such a project, and added that China had strict control measures on the export of drones.',
];
/** An aggregator's rewrite: two sentences of the article above quoted inside its own paragraphs. */
export const REWRITE_PARAGRAPHS = [
  `A report published on Friday makes a striking claim. ${ARTICLE_PARAGRAPHS[0]} Officials in Kyiv did not comment on it.`,
  `The details are specific. ${ARTICLE_PARAGRAPHS[1]} Analysts say the model resembles drones already seen over Ukraine.`,
  'Beijing has repeatedly denied supplying weapons to either side, and says it wants the war to end through talks.',
];
export const CYRILLIC_TITLE = 'Россия создала программу беспилотников в Китае';
export const CYRILLIC_TEXT = 'Россия создала в Китае программу по разработке и производству ударных беспилотников дальнего действия для войны в Украине, сообщают два источника в европейской разведке.';
/** The 60 MB page. */
export const HUGE_BYTES = 60 * 1024 * 1024;

/** windows-1251 bytes for ASCII and the basic Russian alphabet (all the fixture needs). */
function windows1251(text: string): Buffer {
  return Buffer.from([...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (ch === 'Ё') return 0xa8;
    if (ch === 'ё') return 0xb8;
    throw new Error(`no windows-1251 byte for ${ch}`);
  }));
}

export interface PageServer {
  origin: string;
  /** Bytes of the 60 MB page actually sent before the client hung up. */
  hugeBytesSent: () => number;
  close: () => Promise<void>;
}

/** Starts the server; `slowMs` is how long the slow page keeps the client waiting. */
export async function startPageServer(slowMs = 10_000): Promise<PageServer> {
  let hugeSent = 0;
  const timers = new Set<NodeJS.Timeout>();
  const html = (res: ServerResponse, status: number, body: string | Buffer, type = 'text/html; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const loop = /^\/loop\/(\d+)$/.exec(url.pathname);
    if (loop) {
      res.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` });
      return res.end();
    }
    switch (url.pathname) {
      case '/news/drones-for-russia':
        return html(res, 200, articleHtml({ title: ARTICLE_TITLE, siteName: 'Example Wire', author: 'Jane Roe', published: '2024-09-13', paragraphs: ARTICLE_PARAGRAPHS }));
      case '/short/drones':
        res.writeHead(301, { location: '/amp/drones' });
        return res.end();
      case '/amp/drones':
        res.writeHead(302, { location: `/news/drones-for-russia?from=amp` });
        return res.end();
      case '/slow': {
        const timer = setTimeout(() => html(res, 200, articleHtml({ title: 'Slow page', paragraphs: ['This page took too long to arrive and should never be imported.'] })), slowMs);
        timers.add(timer);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case '/gone':
        return html(res, 404, '<!doctype html><html><body><h1>Page not found</h1></body></html>');
      case '/photo.png':
        return html(res, 200, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png');
      case '/huge':
        return sendHuge(res, (n) => (hugeSent += n));
      case '/cyrillic':
        return html(res, 200, windows1251(`<!doctype html><html lang="ru"><head><meta charset="windows-1251"><title>${CYRILLIC_TITLE}</title></head><body><article><h1>${CYRILLIC_TITLE}</h1><p>${CYRILLIC_TEXT}</p></article></body></html>`), 'text/html');
      case '/cyrillic-header':
        return html(res, 200, windows1251(`<!doctype html><html lang="ru"><head><title>${CYRILLIC_TITLE}</title></head><body><article><h1>${CYRILLIC_TITLE}</h1><p>${CYRILLIC_TEXT}</p></article></body></html>`), 'text/html; charset=windows-1251');
      case '/rewrite':
        return html(res, 200, articleHtml({ title: 'Moscow’s drone workshop in China', siteName: 'Example Daily', paragraphs: REWRITE_PARAGRAPHS }));
      case '/premium':
        return html(res, 200, articleHtml({
          title: 'Exclusive: inside the drone factory', siteName: 'Example Times',
          paragraphs: ['The factory sits behind a row of warehouses.', 'Subscribe to continue reading. Already a subscriber? Log in.'],
        }));
      default:
        return html(res, 404, 'not found', 'text/plain');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hugeBytesSent: () => hugeSent,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A 60 MB page, sent in 1 MB chunks without a Content-Length (so only reading it tells its size), waiting for the client between chunks. */
function sendHuge(res: ServerResponse, sent: (bytes: number) => void): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  const chunk = Buffer.alloc(1024 * 1024, '<p>Filler paragraph of a page far too long to be one article.</p>\n');
  let left = HUGE_BYTES / chunk.length;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      left--;
      sent(chunk.length);
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => (left = 0));
  pump();
}
