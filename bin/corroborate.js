#!/usr/bin/env node
// The `corroborate` command. Its code is bundled into dist-electron/cli.cjs by `npm run build`.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist-electron/cli.cjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(`corroborate: the command line is not built yet.\nRun "npm run build" in ${fileURLToPath(new URL('..', import.meta.url))} first.\n`);
  process.exit(1);
}
await createRequire(import.meta.url)(cli).main(process.argv.slice(2));
