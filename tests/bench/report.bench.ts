/**
 * Report export speed at the large scale (2,000 articles, 40,000 claims,
 * 8,000 propositions): the whole export as the app and the CLI run it, from
 * the casefile in memory to the bytes of the file. Targets from issue 7.
 */
import { exportReport } from '../../electron/services/export/index';
import type { ReportFormat } from '../../shared/report/options';
import { ReportOptions } from '../../shared/report/options';
import { SCALES, generateCasefile } from '../support/generate';
import { medianMs, type BenchModule } from './harness';

const TARGETS: Record<ReportFormat, number> = { html: 5_000, pdf: 30_000, md: 5_000, csv: 2_000, jsonld: 2_000 };

export const reportBench: BenchModule = async (report) => {
  for (const scale of [SCALES.typical, SCALES.large]) {
    const casefile = generateCasefile(scale);
    const options = ReportOptions.parse({ analyst: 'Benchmark' });
    const formats: ReportFormat[] = ['html', 'md', 'csv', 'jsonld', 'pdf'];
    for (const format of formats) {
      let size = 0;
      const ms = await medianMs(async () => {
        const out = await exportReport({ casefile, options, format, generator: 'Corroborate bench' });
        size = out.size;
      }, format === 'pdf' ? 1 : 3);
      const target = scale === SCALES.large ? TARGETS[format] : undefined;
      report({
        area: 'report', name: `export ${format} (${(size / 2 ** 20).toFixed(1)} MB)`, scale: scale.name, value: ms / 1000, unit: 's',
        ...(target ? { target: `≤ ${target / 1000} s`, ok: ms <= target } : {}),
      });
    }
  }
};
