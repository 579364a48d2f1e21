/** The sample casefile that ships: up to date with its script, valid, and showing what the welcome screen promises. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadCasefile } from '../../../electron/services/casefile/store';
import { buildSampleCasefile } from '../../../examples/sample-casefile';
import { SAMPLE_FILE, sampleFileText } from '../../../examples/make-sample';
import { reportModel } from '../../../shared/report';
import { ReportOptions } from '../../../shared/report/options';
import { verdictText } from '../../../shared/report/text';

describe('examples/sample.corroborate', () => {
  test('is what examples/sample-casefile.ts builds (run `npm run sample` after changing the script)', async () => {
    expect(readFileSync(SAMPLE_FILE, 'utf8')).toBe(await sampleFileText());
  });

  test('opens with the app’s own loader, equal to the casefile the script builds', async () => {
    const { casefile } = await loadCasefile(SAMPLE_FILE);
    expect(casefile).toEqual(buildSampleCasefile());
  });

  test('shows an echo, a denial and "N appearances, K independent roots"', async () => {
    const { casefile } = await loadCasefile(SAMPLE_FILE);
    const flags = Object.values(casefile.copyFlags);
    expect(flags.map((f) => f.status)).toEqual(['linked']);
    const model = reportModel(casefile, ReportOptions.parse({}));
    const shipments = model.propositions.find((p) => p.id === 'p_shipments')!;
    expect(verdictText(shipments)).toBe('7 appearances, 3 independent roots');
    expect(shipments.contradicts).toBe(1);
    expect(model.propositions.find((p) => p.id === 'p_state_supply')!.contradicts).toBe(3);
  });
});
