/**
 * Runs the citation graph layout: small graphs at once, large ones in a
 * worker so the workbench stays responsive while dagre works.
 */
import { layoutCitationGraph, type CitationGraph, type GraphLayout } from '../../../shared/analysis/citation-graph';

/** Above this many nodes the layout runs in a worker. */
const WORKER_THRESHOLD = 250;

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (layout: GraphLayout) => void>();

function layoutWorker(): Worker | null {
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; layout: GraphLayout }>) => {
      waiting.get(e.data.id)?.(e.data.layout);
      waiting.delete(e.data.id);
    };
    return worker;
  } catch {
    return null;
  }
}

export function layoutGraph(graph: CitationGraph): Promise<GraphLayout> {
  const w = graph.nodes.length > WORKER_THRESHOLD ? layoutWorker() : null;
  if (!w) return Promise.resolve(layoutCitationGraph(graph));
  return new Promise((resolve) => {
    const id = ++nextId;
    waiting.set(id, resolve);
    w.postMessage({ id, graph });
  });
}

/** Largest PNG side: browsers refuse bigger canvases. */
const MAX_CANVAS_SIDE = 16_000;

/** The SVG drawn into a canvas at `scale` (smaller when the picture would be too big), as PNG. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const width = img.naturalWidth || 800;
    const height = img.naturalHeight || 600;
    const s = Math.min(scale, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * s));
    canvas.height = Math.max(1, Math.round(height * s));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This window cannot draw pictures (no 2D canvas).');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
