import type { Casefile } from '../../../shared/model/schema';

/**
 * Serialises a casefile in slices, yielding to the event loop between them, so
 * saving a large casefile never blocks the main process for long. The output is
 * plain JSON with one record per line in the big collections, which keeps
 * casefiles readable in a diff.
 */
export async function* serialiseCasefile(casefile: Casefile, sliceMs = 8): AsyncGenerator<string> {
  const keys = Object.keys(casefile) as (keyof Casefile)[];
  let sliceStart = performance.now();
  let buffer = '{';
  for (const [i, key] of keys.entries()) {
    buffer += `${i ? ',' : ''}\n${JSON.stringify(key)}:`;
    const value = casefile[key];
    if (isRecordCollection(key, value)) {
      buffer += '{';
      let first = true;
      for (const [id, item] of Object.entries(value)) {
        buffer += `${first ? '' : ','}\n${JSON.stringify(id)}:${JSON.stringify(item)}`;
        first = false;
        if (buffer.length > 1 << 20 || performance.now() - sliceStart > sliceMs) {
          yield buffer;
          buffer = '';
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
      }
      buffer += '}';
    } else {
      buffer += JSON.stringify(value);
    }
  }
  yield `${buffer}\n}\n`;
}

function isRecordCollection(key: string, value: unknown): value is Record<string, unknown> {
  return ['articles', 'claims', 'sources', 'propositions', 'rootJudgements', 'copyFlags', 'reviews'].includes(key)
    && typeof value === 'object' && value !== null;
}
