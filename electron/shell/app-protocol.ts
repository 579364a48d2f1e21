/**
 * The app:// protocol's responses: the built UI from one folder, each file
 * with the Content-Security-Policy as a header. Kept free of Electron so it
 * can be tested with plain requests.
 */
import { readFile } from 'node:fs/promises';
import { contentTypeOf } from '../services/content-types';
import { CONTENT_SECURITY_POLICY } from '../services/csp';
import { resolveAppFile } from './security';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}

/** Answers one app:// request from the files under `root`. */
export async function appProtocolResponse(root: string, request: { url: string; method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppFile(root, request.url);
  if (!file) return plain(403, 'Forbidden');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { 'Content-Type': contentTypeOf(file), ...SECURITY_HEADERS },
  });
}
