/** What a format reader gives back: the article's text and whatever metadata the file itself carries. */
export interface FileMeta {
  title?: string;
  author?: string;
  publishedAt?: string;
  outlet?: string;
  url?: string;
  language?: string;
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
