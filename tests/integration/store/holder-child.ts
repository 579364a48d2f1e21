/**
 * Another Corroborate process holding a casefile open: it opens the file,
 * says "ready", then obeys lines on stdin: "edit" changes and saves the
 * casefile and prints the session status; "exit" exits normally.
 */
import { createInterface } from 'node:readline';
import path from 'node:path';
import { CasefileSessions } from '../../../electron/services/casefile/sessions';
import { desktopPolicy } from '../../../electron/services/paths';

const [file] = process.argv.slice(2) as [string];
const sessions = new CasefileSessions({
  paths: desktopPolicy(path.dirname(file)),
  analystName: () => 'Sam Okafor',
  onStatus: () => undefined,
  onChangedOnDisk: () => undefined,
  onOpened: async () => undefined,
});

async function main(): Promise<void> {
  const opened = await sessions.open(file, 'normal');
  const session = sessions.get(opened.sessionId);
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'edit') {
      let error: string | null = null;
      try {
        session.apply(session.status().revision, { type: 'casefile.rename', title: 'Written by the other process' });
      } catch (e) {
        error = (e as Error).message;
      }
      const status = await session.flush();
      process.stdout.write(`${JSON.stringify({ error, status })}\n`);
    } else if (line === 'exit') {
      process.exit(0);
    }
  }
}

main().catch((error: unknown) => {
  process.stdout.write(`error ${(error as Error).message}\n`);
  process.exit(1);
});
