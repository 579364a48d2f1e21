import { describe, expect, test } from 'vitest';
import { API_NAMES } from '../../../shared/api/contract';
import { ApiError, dispatchApiCall, type ApiHandlers } from '../../../shared/api/dispatch';

function recordingHandlers(calls: unknown[]): ApiHandlers {
  return Object.fromEntries(API_NAMES.map((name) => [name, async (args: unknown) => {
    calls.push({ name, args });
    return 'ran';
  }])) as unknown as ApiHandlers;
}

describe('dispatchApiCall', () => {
  test('runs the handler with validated arguments', async () => {
    const calls: unknown[] = [];
    await expect(dispatchApiCall(recordingHandlers(calls), 'openCasefile', { path: 'a.corroborate' })).resolves.toBe('ran');
    expect(calls).toEqual([{ name: 'openCasefile', args: { path: 'a.corroborate', mode: 'normal' } }]);
  });

  test('never runs a handler for bad arguments or unknown names', async () => {
    const calls: unknown[] = [];
    const handlers = recordingHandlers(calls);
    await expect(dispatchApiCall(handlers, 'openCasefile', { path: 42 })).rejects.toMatchObject({ code: 'invalid-arguments' });
    await expect(dispatchApiCall(handlers, 'openCasefile', { path: 'a', extra: true })).rejects.toBeInstanceOf(ApiError);
    await expect(dispatchApiCall(handlers, '__proto__', {})).rejects.toMatchObject({ code: 'unknown-call' });
    await expect(dispatchApiCall(handlers, 'constructor', {})).rejects.toMatchObject({ code: 'unknown-call' });
    expect(calls).toEqual([]);
  });
});
