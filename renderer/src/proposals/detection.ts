/**
 * Runs the attribution detector where the work is: in a worker, so the window
 * stays responsive. Automatically for articles just imported (after the import
 * has finished) and for articles whose text changed; on demand for one
 * article or the whole casefile, with progress and Stop. The attributions are
 * derived data, kept here and never saved; proposals are built from them
 * (proposal-list.ts).
 */
import { detectAttributions, type Attribution } from '../../../shared/attribution';
import { casefileStore } from '../app/casefile-store';
import { notify } from '../app/notices';
import { Store } from '../lib/store';

export interface Detected {
  /** The text the attributions were found in; a different hash means the text changed since. */
  textHash: string;
  attributions: Attribution[];
}

export interface DetectionProgress {
  done: number;
  total: number;
  label: string;
}

export interface DetectionState {
  detected: ReadonlyMap<string, Detected>;
  progress: DetectionProgress | null;
}

/** A piece of a job's articles; the worker says a job is done after its `last` piece. */
export type DetectRequest = { job: number; articles: { id: string; textHash: string; text: string }[]; last: boolean };
export type DetectReply =
  | { job: number; articleId: string; textHash: string; attributions: Attribution[] }
  | { job: number; articleId: string; textHash: string; error: string }
  | { job: number; done: true };

export const detectionStore = new Store<DetectionState>({ detected: new Map(), progress: null });

/** Articles waiting for the next job, with the label its progress shows. */
const waiting = new Map<string, string>();
let running: { job: number; total: number; done: number; label: string; finish: () => void } | null = null;
let worker: Worker | null | undefined;
let jobs = 0;
const PIECE = 100;
/** Results are handed to the window a few at a time, so a casefile of thousands of articles does not redraw thousands of times. */
let buffered: { articleId: string; detected: Detected }[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

/** Finds the attributions of these articles (after any job already running); `label` names the work in the progress line. */
export function detectArticles(articleIds: readonly string[], label: string): void {
  for (const id of articleIds) if (!waiting.has(id)) waiting.set(id, label);
  if (!running) startNext();
}

/** Articles just imported: looked at once the import has finished, in the background. */
export function detectAfterImport(articleIds: readonly string[]): void {
  if (articleIds.length) setTimeout(() => detectArticles(articleIds, 'Reading new articles for attributions'), 0);
}

/** Stops the running job and forgets the waiting ones; what was found so far is kept. */
export function stopDetection(): void {
  waiting.clear();
  if (!running) return;
  worker?.terminate();
  worker = undefined;
  const stopped = running;
  running = null;
  flush();
  detectionStore.set((s) => ({ ...s, progress: null }));
  notify('info', `Stopped: ${stopped.done} of ${stopped.total} articles read for attributions.`);
}

function startNext(): void {
  const current = casefileStore.get();
  if (!current || !waiting.size) {
    waiting.clear();
    detectionStore.set((s) => (s.progress ? { ...s, progress: null } : s));
    return;
  }
  const ids = [...waiting.keys()];
  const label = waiting.get(ids[0]!)!;
  waiting.clear();
  const articles = ids
    .map((id) => current.casefile.articles[id])
    .filter((a) => a !== undefined)
    .map((a) => ({ id: a.id, textHash: a.textHash, text: a.text }));
  const job = ++jobs;
  running = { job, total: articles.length, done: 0, label, finish: () => finishJob(job) };
  detectionStore.set((s) => ({ ...s, progress: { done: 0, total: articles.length, label } }));
  const w = detectWorker();
  if (!w) {
    void detectHere({ job, articles, last: true });
    return;
  }
  // Sent in pieces, one per task: copying the texts of thousands of articles at once would hold the window for a moment.
  const send = (from: number) => {
    if (running?.job !== job) return;
    const last = from + PIECE >= articles.length;
    w.postMessage({ job, articles: articles.slice(from, from + PIECE), last } satisfies DetectRequest);
    if (!last) setTimeout(() => send(from + PIECE), 0);
  };
  send(0);
}

function detectWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./detect.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<DetectReply>) => onReply(e.data);
    worker.onerror = () => {
      // A worker that cannot load: the same work on this thread, a piece at a time.
      worker?.terminate();
      worker = null;
      const lost = running;
      running = null;
      if (lost) {
        const current = casefileStore.get();
        const detected = detectionStore.get().detected;
        const left = Object.values(current?.casefile.articles ?? {}).filter((a) => !detected.has(a.id)).map((a) => a.id);
        detectArticles(left, lost.label);
      }
    };
  } catch {
    worker = null;
  }
  return worker;
}

/** Without a worker: one article per turn of the event loop, so the window still answers. */
async function detectHere(request: DetectRequest): Promise<void> {
  for (const article of request.articles) {
    if (running?.job !== request.job) return;
    onReply({ job: request.job, articleId: article.id, textHash: article.textHash, attributions: detectAttributions(article.text) });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  onReply({ job: request.job, done: true });
}

function onReply(reply: DetectReply): void {
  if (!running || reply.job !== running.job) return;
  if ('done' in reply) {
    running.finish();
    return;
  }
  running.done++;
  // An article the detector failed on counts as read, with nothing proposed (so it is not read again and again).
  const attributions = 'attributions' in reply ? reply.attributions : [];
  if ('error' in reply) console.warn(`Attribution detection failed on article ${reply.articleId}: ${reply.error}`);
  buffered.push({ articleId: reply.articleId, detected: { textHash: reply.textHash, attributions } });
  flushTimer ??= setTimeout(flush, 120);
}

function flush(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  const results = buffered;
  buffered = [];
  detectionStore.set((s) => {
    const detected = new Map(s.detected);
    for (const r of results) detected.set(r.articleId, r.detected);
    const progress = running ? { done: running.done, total: running.total, label: running.label } : s.progress;
    return { detected, progress };
  });
}

function finishJob(job: number): void {
  if (running?.job !== job) return;
  running = null;
  flush();
  detectionStore.set((s) => ({ ...s, progress: null }));
  if (waiting.size) startNext();
}

/**
 * Keeps the attributions in step with the casefile: a new casefile starts with
 * none; an article whose text changed is read again; a removed one is dropped.
 */
let seen: { sessionId: string; articles: object } | null = null;
casefileStore.subscribe(() => {
  const current = casefileStore.get();
  if (!current) {
    if (seen) reset();
    seen = null;
    return;
  }
  if (seen?.sessionId !== current.sessionId) {
    reset();
    seen = { sessionId: current.sessionId, articles: current.casefile.articles };
    return;
  }
  if (seen.articles === current.casefile.articles) return;
  seen.articles = current.casefile.articles;
  const { detected } = detectionStore.get();
  const changed: string[] = [];
  let removed = false;
  for (const [id, d] of detected) {
    const article = current.casefile.articles[id];
    if (!article) removed = true;
    else if (article.textHash !== d.textHash) changed.push(id);
  }
  if (removed) {
    detectionStore.set((s) => ({ ...s, detected: new Map([...s.detected].filter(([id]) => Object.hasOwn(current.casefile.articles, id))) }));
  }
  if (changed.length) detectArticles(changed, 'Reading changed articles for attributions');
});

function reset(): void {
  waiting.clear();
  if (running) {
    worker?.terminate();
    worker = undefined;
    running = null;
  }
  buffered = [];
  detectionStore.set({ detected: new Map(), progress: null });
}
