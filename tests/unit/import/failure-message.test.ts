/** What the import summary says for a file that failed: never a raw engine message such as a stack overflow. */
import { describe, expect, test, vi } from 'vitest';
import { failureMessage } from '../../../electron/services/import/index';
import { ImportFailure } from '../../../electron/services/import/types';

describe('failureMessage', () => {
  test('our own refusals are shown as they are', () => {
    expect(failureMessage(new ImportFailure('This page nests 20,000 elements deep; the limit is 2,000.'))).toBe('This page nests 20,000 elements deep; the limit is 2,000.');
  });

  test('a file-system error is one plain sentence, without a path', () => {
    const error = Object.assign(new Error("EACCES: permission denied, open '/home/dana/secret.html'"), { code: 'EACCES' });
    const message = failureMessage(error);
    expect(message).toMatch(/^The file could not be read: /);
    expect(message).not.toContain('/home/dana');
    expect(message).not.toContain('EACCES:');
  });

  test('an unexpected error (a parser overflowing its stack) is one sentence, its detail only in the log', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const message = failureMessage(new RangeError('Maximum call stack size exceeded'));
    expect(message).toBe('The file could not be read: its contents are not in a form Corroborate understands. The details are in the log of the app.');
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
