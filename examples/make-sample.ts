/** `npm run sample`: writes examples/sample.corroborate from examples/sample-casefile.ts, saved the way the app saves. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serialiseCasefile } from '../electron/services/casefile/serialise';
import { buildSampleCasefile } from './sample-casefile';

export const SAMPLE_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sample.corroborate');

export async function sampleFileText(): Promise<string> {
  let text = '';
  for await (const chunk of serialiseCasefile(buildSampleCasefile())) text += chunk;
  return text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void sampleFileText().then((text) => {
    writeFileSync(SAMPLE_FILE, text);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), SAMPLE_FILE)} (${text.length.toLocaleString('en')} characters)\n`);
  });
}
