/**
 * Raw HTTP against the browser-mode host. Unlike fetch, node:http lets a test
 * set the Host header, send unnormalised paths and stream a large body.
 */
import { request } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The API's error body, when the reply is one. */
  error?: { code: string; message: string };
}

export interface RawRequest {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The address to connect to (default 127.0.0.1); the Host header still names 127.0.0.1. */
  address?: string;
  /** Streams a body of `count` chunks of `size` bytes without holding it in one string. */
  chunks?: { size: number; count: number };
}

export function send(port: number, opts: RawRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: opts.address ?? '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, error: errorOf(body) }));
      },
    );
    req.on('error', reject);
    if (opts.chunks) pump(req, opts.chunks);
    else req.end(opts.body);
  });
}

/** An API call as the UI makes it: POST with the token header. */
export function callApi(port: number, token: string, name: string, args: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(port, {
    path: `/api/${name}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': token, ...headers },
    body: JSON.stringify(args),
  });
}

function pump(req: ReturnType<typeof request>, chunks: { size: number; count: number }): void {
  const chunk = Buffer.alloc(chunks.size, 'a');
  let sent = 0;
  const next = () => {
    while (sent < chunks.count) {
      sent++;
      if (!req.write(chunk)) return void req.once('drain', next);
    }
    req.end();
  };
  next();
}

function errorOf(body: string): Reply['error'] {
  try {
    return (JSON.parse(body) as { error?: Reply['error'] }).error;
  } catch {
    return undefined;
  }
}
