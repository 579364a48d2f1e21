import type { ReadField } from '../../../shared/articles/reading';

/** What a format reader gives back: the article's text and whatever metadata the file itself carries. */
export interface FileMeta {
  title?: string;
  author?: string;
  publishedAt?: string;
  outlet?: string;
  url?: string;
  language?: string;
  /** Where each field was read ('og:title', 'json-ld author', 'front matter'); see shared/articles/reading.ts. */
  origins?: Partial<Record<ReadField, string>>;
}

export interface Extracted {
  /** Text with paragraphs separated by line breaks; normalised later, once, by the pipeline. */
  text: string;
  meta: FileMeta;
}

/** A file the importer refuses, with the reason shown to the analyst. */
export class ImportFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFailure';
  }
}

/** The analyst stopped the import while this file was being read (a long PDF is read page by page). */
export class ImportStopped extends Error {
  constructor() {
    super('Not imported: the import was stopped while this file was being read.');
    this.name = 'ImportStopped';
  }
}
