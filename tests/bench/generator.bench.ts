import { SCALES, generateCasefile } from '../support/generate';
import type { BenchModule } from './harness';

export const generatorBench: BenchModule = async (report) => {
  for (const scale of Object.values(SCALES)) {
    const t0 = performance.now();
    const cf = generateCasefile(scale);
    const ms = performance.now() - t0;
    const bytes = Buffer.byteLength(JSON.stringify(cf));
    report({ area: 'generator', name: 'generate casefile', scale: scale.name, value: ms, unit: 'ms' });
    report({ area: 'generator', name: `casefile size (${Object.keys(cf.claims).length} claims)`, scale: scale.name, value: bytes / 2 ** 20, unit: 'MB' });
  }
};
