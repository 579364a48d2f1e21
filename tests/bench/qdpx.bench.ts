/**
 * REFI-QDA projects at the large scale (2,000 articles, 40,000 claims, 8,000
 * propositions): the .qdpx export from the casefile in memory to the zip's
 * bytes, and the import from those bytes to a validated new casefile.
 * Targets from issue 17: ≤ 5 s each.
 */
import { exportReport } from '../../electron/services/export/index';
import { loadFastValidator } from '../../electron/services/casefile/fast-validate';
import { readQdpx } from '../../electron/services/import/qdpx';
import { projectToCasefile } from '../../shared/interchange/refi-qda/to-casefile';
import { ReportOptions } from '../../shared/report/options';
import { SCALES, generateCasefile } from '../support/generate';
import { medianMs, type BenchModule } from './harness';

const TARGET_MS = 5_000;

export const qdpxBench: BenchModule = async (report) => {
  for (const scale of [SCALES.typical, SCALES.large]) {
    const casefile = generateCasefile(scale);
    const options = ReportOptions.parse({});
    let bytes: Uint8Array = new Uint8Array();
    const exportMs = await medianMs(async () => {
      bytes = (await exportReport({ casefile, options, format: 'qdpx', generator: 'Corroborate bench' })).chunks[0]!;
    }, 3);
    let claims = 0;
    const importMs = await medianMs(async () => {
      const result = projectToCasefile(await readQdpx(bytes), { casefileId: 'cf_bench', analyst: 'Benchmark', now: new Date().toISOString(), fastValidate: await loadFastValidator() });
      claims = Object.keys(result.casefile.claims).length;
    }, 3);
    if (claims !== Object.keys(casefile.claims).length) throw new Error(`The import gave ${claims} claims of ${Object.keys(casefile.claims).length}`);
    const target = scale === SCALES.large ? { target: `≤ ${TARGET_MS / 1000} s`, ok: exportMs <= TARGET_MS } : {};
    report({ area: 'qdpx', name: `export .qdpx (${(bytes.length / 2 ** 20).toFixed(1)} MB)`, scale: scale.name, value: exportMs / 1000, unit: 's', ...target });
    report({
      area: 'qdpx', name: 'import .qdpx into a new casefile', scale: scale.name, value: importMs / 1000, unit: 's',
      ...(scale === SCALES.large ? { target: `≤ ${TARGET_MS / 1000} s`, ok: importMs <= TARGET_MS } : {}),
    });
  }
};
