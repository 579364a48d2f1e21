/**
 * Opens and saves a casefile as whoever runs it. The permission tests run it
 * as the user "nobody": the tests themselves run as root, whom file
 * permissions do not stop.
 */
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/dispatch';
import { CasefileSessions } from '../../../electron/services/casefile/sessions';
import { desktopPolicy } from '../../../electron/services/paths';

const [action, file] = process.argv.slice(2) as [string, string];
const sessions = new CasefileSessions({
  paths: desktopPolicy(path.dirname(file)),
  analystName: () => 'Nobody',
  onStatus: () => undefined,
  onChangedOnDisk: () => undefined,
  onOpened: async () => undefined,
});

async function main(): Promise<unknown> {
  if (action === 'open' || action === 'open-read-only') {
    const opened = await sessions.open(file, action === 'open' ? 'normal' : 'read-only');
    return { readOnly: opened.readOnly, title: opened.casefile.meta.title };
  }
  if (action === 'save-after-losing-permission') {
    const opened = await sessions.open(file, 'normal');
    const session = sessions.get(opened.sessionId);
    chmodSync(file, 0o444);
    session.apply(opened.status.revision, { type: 'casefile.rename', title: 'Changed while read-only' });
    const status = await session.flush();
    return { status, titleInMemory: session.casefile.meta.title };
  }
  throw new Error(`unknown action ${action}`);
}

main().then(
  (result) => {
    process.stdout.write(JSON.stringify({ ok: true, result }));
    process.exit(0);
  },
  (error: unknown) => {
    const e = error as ApiError;
    process.stdout.write(JSON.stringify({ ok: false, code: e instanceof ApiError ? e.code : 'crash', message: e.message, details: e instanceof ApiError ? e.details : undefined }));
    process.exit(0);
  },
);
