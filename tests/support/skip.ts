import type { TestContext } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Why the test was skipped; `npm test` lists every skipped test with it. */
    skipReason?: string;
  }
}

/** Skips the running test and records why (vitest's JSON report carries the task's meta, not the skip note). */
export function skipBecause(ctx: TestContext, reason: string): void {
  ctx.task.meta.skipReason = reason;
  ctx.skip(reason);
}
