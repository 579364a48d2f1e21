/**
 * Colleagues' casefiles opened for review, beside the analyst's own. Their
 * files are only ever read (through the casefile loader, which migrates older
 * formats in memory and refuses newer ones); everything that changes goes
 * into my casefile's session as one command.
 */
import path from 'node:path';
import { ApiError } from '../../../shared/api/dispatch';
import { newId } from '../../../shared/model/ids';
import type { Casefile } from '../../../shared/model/schema';
import { compareCasefiles, planMerge, type Comparison, type MergePlan } from '../../../shared/review';
import type { PathPolicy } from '../paths';
import { loadCasefile, MAX_CASEFILE_BYTES, parseCasefileText } from '../casefile/store';
import { prepareFastValidation } from '../casefile/fast-validate';

/** Colleague files kept open at once; the oldest is let go beyond this (a large casefile takes ~0.5 GB in memory). */
export const MAX_OPEN_REVIEWS = 4;

export interface ColleagueFile {
  reviewId: string;
  fileName: string;
  /** Where it was opened from, as the UI shows paths; null for an uploaded file. */
  path: string | null;
  /** The older format version it was migrated from in memory, if any. */
  migratedFrom: number | null;
  casefile: Casefile;
}

export type ReviewSource = { path: string } | { upload: { name: string; dataBase64: string } };

export class ReviewService {
  private readonly open_ = new Map<string, ColleagueFile>();

  constructor(private readonly paths: PathPolicy) {}

  /** Reads a colleague's casefile (never writes it). `myPath` is my casefile's absolute path. */
  async open(source: ReviewSource, myPath: string): Promise<ColleagueFile> {
    const file = 'path' in source ? await this.readFromDisk(source.path, myPath) : await this.readUpload(source.upload);
    this.open_.set(file.reviewId, file);
    while (this.open_.size > MAX_OPEN_REVIEWS) this.open_.delete(this.open_.keys().next().value!);
    return file;
  }

  get(reviewId: string): ColleagueFile {
    const file = this.open_.get(reviewId);
    if (!file) throw new ApiError('no-review', 'That colleague’s casefile is no longer open for review; open it again.');
    return file;
  }

  compare(reviewId: string, mine: Casefile, minOverlap?: number): Comparison {
    return compareCasefiles(mine, this.get(reviewId).casefile, { minOverlap });
  }

  /** The command that carries out the accepted differences on my casefile, as compared now. */
  planMerge(reviewId: string, mine: Casefile, accept: readonly string[], minOverlap?: number): MergePlan {
    const theirs = this.get(reviewId).casefile;
    return planMerge(mine, theirs, compareCasefiles(mine, theirs, { minOverlap }), accept, newId);
  }

  close(reviewId: string): void {
    this.open_.delete(reviewId);
  }

  private async readFromDisk(userPath: string, myPath: string): Promise<ColleagueFile> {
    const filePath = this.paths.resolve(userPath);
    if (path.resolve(filePath) === path.resolve(myPath)) {
      throw new ApiError('same-file', 'That is the casefile you have open: there is nothing to compare. Choose the file a colleague sent you.');
    }
    const loaded = await loadCasefile(filePath);
    return { reviewId: newId('rv'), fileName: path.basename(filePath), path: this.paths.display(filePath), migratedFrom: loaded.migratedFrom, casefile: loaded.casefile };
  }

  private async readUpload(upload: { name: string; dataBase64: string }): Promise<ColleagueFile> {
    const name = path.basename(upload.name);
    const bytes = Buffer.from(upload.dataBase64, 'base64');
    if (bytes.length > MAX_CASEFILE_BYTES) {
      throw new ApiError('too-large', `${name} is larger than ${MAX_CASEFILE_BYTES / 2 ** 20} MB and was not opened.`);
    }
    await prepareFastValidation(bytes.length);
    const { casefile, migratedFrom } = parseCasefileText(bytes.toString('utf8'), name);
    return { reviewId: newId('rv'), fileName: name, path: null, migratedFrom, casefile };
  }
}
