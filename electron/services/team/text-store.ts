/**
 * Article text travels outside the shared document, by its SHA-256, through
 * the team server's text store: my articles' texts are put there (again
 * after a failure, once the connection returns) and teammates' texts are
 * fetched when a record names one this copy lacks (checked against the hash).
 */
import type { Casefile } from '../../../shared/model/schema';
import type { RecordRef } from '../../../shared/sync/keys';
import type { TeamServerClient } from './server-client';

export class TextStore {
  private readonly fetched = new Map<string, string>();
  private readonly uploaded = new Set<string>();
  private readonly toUpload = new Set<string>();
  private readonly missing = new Set<string>();
  private uploading: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: TeamServerClient,
    private readonly casefile: () => Casefile,
  ) {}

  /** Article text by hash: from the casefile, or fetched earlier. */
  readonly lookup = (hash: string): string | undefined => {
    const text = this.fetched.get(hash) ?? textIn(this.casefile(), hash);
    if (text === undefined) this.missing.add(hash);
    return text;
  };

  uploadAll(casefile: Casefile): void {
    for (const article of Object.values(casefile.articles)) this.toUpload.add(article.textHash);
    void this.uploadWaiting();
  }

  /** Texts of articles a change wrote, when not uploaded yet. */
  uploadNew(casefile: Casefile, refs: readonly RecordRef[]): void {
    for (const ref of refs) {
      const hash = ref.collection === 'articles' ? casefile.articles[ref.id]?.textHash : undefined;
      if (hash && !this.uploaded.has(hash)) this.toUpload.add(hash);
    }
    if (this.toUpload.size) void this.uploadWaiting();
  }

  /** Sends the texts waiting; those that fail wait for the next try. */
  uploadWaiting(): Promise<void> {
    this.uploading = this.uploading.then(async () => {
      for (const hash of [...this.toUpload]) {
        const text = textIn(this.casefile(), hash);
        if (text === undefined) {
          this.toUpload.delete(hash);
          continue;
        }
        const sent = await this.client.putText(hash, text).then(() => true, () => false);
        if (!sent) return;
        this.toUpload.delete(hash);
        this.uploaded.add(hash);
      }
    });
    return this.uploading;
  }

  hasMissing(): boolean {
    return this.missing.size > 0;
  }

  /** Fetches texts the casefile lacks; returns the hashes now known. */
  async fetchMissing(hashes: readonly string[] = [...this.missing]): Promise<string[]> {
    const wanted = [...new Set(hashes)].filter((hash) => !this.fetched.has(hash));
    if (!wanted.length) return [];
    // In batches, each text checked against its hash (server-client.ts); those not there wait for the next try.
    const texts = await this.client.getTexts(wanted).catch(() => new Map<string, string>());
    for (const [hash, text] of texts) {
      this.fetched.set(hash, text);
      this.missing.delete(hash);
    }
    return [...texts.keys()];
  }
}

function textIn(casefile: Casefile, hash: string): string | undefined {
  for (const article of Object.values(casefile.articles)) if (article.textHash === hash) return article.text;
  return undefined;
}
