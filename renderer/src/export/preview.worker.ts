/**
 * Builds the report builder's previews off the main thread: the report model
 * of a large casefile takes seconds to build. Holds the casefile it was sent
 * until told to let go; a newer request makes the one in progress give up.
 */
import type { PreviewMessage, PreviewReply } from './preview-client';
import { buildPreview, forgetPreviewModel, StalePreview } from './preview';
import type { Casefile } from '../../../shared/model/schema';

let casefile: Casefile | null = null;
let latest = 0;

self.onmessage = async (e: MessageEvent<PreviewMessage>) => {
  const message = e.data;
  if (message.kind === 'casefile') {
    casefile = message.casefile;
    return;
  }
  if (message.kind === 'release') {
    casefile = null;
    forgetPreviewModel();
    return;
  }
  const { id, options, format } = message;
  latest = id;
  const reply = (r: PreviewReply) => self.postMessage(r);
  if (!casefile) return reply({ id, error: 'No casefile to preview.' });
  try {
    reply({ id, preview: await buildPreview(casefile, options, format, () => latest !== id) });
  } catch (error) {
    if (error instanceof StalePreview) return reply({ id, stale: true });
    reply({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
