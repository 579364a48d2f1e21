/**
 * Report export speed at the large scale (2,000 articles, 40,000 claims,
 * 8,000 propositions): the whole export as the app and the CLI run it, from
 * the casefile in memory to the bytes of the file. Targets from issue 7.
 * Also the report builder's live preview, which the renderer builds, as a
 * module of its own (previewBench).
 */
import { exportReport } from '../../electron/services/export/index';
import { ChromiumKeeper } from '../../electron/services/export/pdf';
import type { ReportFormat } from '../../shared/report/options';
import { ReportOptions } from '../../shared/report/options';
import { serialize } from 'node:v8';
import { buildPreview, forgetPreviewModel } from '../../renderer/src/export/preview';
import type { Casefile } from '../../shared/model/schema';
import { SCALES, generateCasefile } from '../support/generate';
import { medianMs, type BenchModule } from './harness';

/** Targets at the large scale (issue 7; the PDF's from issue 16). */
const TARGETS: Partial<Record<ReportFormat, number>> = { html: 5_000, pdf: 60_000, md: 5_000, csv: 2_000, jsonld: 2_000, claimreview: 2_000 };
/** Targets at the typical scale (1,000 claims; issue 16). */
const TYPICAL_TARGETS: Partial<Record<ReportFormat, number>> = { pdf: 4_000 };

export const reportBench: BenchModule = (report) => exportFigures(['html', 'md', 'csv', 'jsonld'], report);

/**
 * The PDF, at both scales: a module of its own (`node dist-electron/bench.cjs pdf`), the longest of the bench.
 * Each scale is exported as the command line does it (Chromium started for the export and closed after
 * it), then twice with a kept browser as browser mode does it: the first starts the browser, the second
 * is an export made within a minute of another. PDF_BENCH_SCALES=typical runs the typical scale only.
 */
export const pdfBench: BenchModule = async (report) => {
  const scales = (process.env.PDF_BENCH_SCALES ?? 'typical,large').split(',');
  for (const scale of [SCALES.typical, SCALES.large].filter((s) => scales.includes(s.name))) {
    const casefile = generateCasefile(scale);
    const options = ReportOptions.parse({ analyst: 'Benchmark' });
    const target = scale === SCALES.large ? TARGETS.pdf! : TYPICAL_TARGETS.pdf!;
    const figure = (name: string, ms: number, size: number) => report({
      area: 'report', name: `export pdf (${(size / 2 ** 20).toFixed(1)} MB), ${name}`, scale: scale.name, value: ms / 1000, unit: 's', target: `≤ ${target / 1000} s`, ok: ms <= target,
    });
    const timed = async (chromium?: ChromiumKeeper) => {
      const t0 = performance.now();
      const out = await exportReport({ casefile, options, format: 'pdf', generator: 'Corroborate bench', chromium });
      return { ms: performance.now() - t0, size: out.size };
    };
    const cold = await timed();
    figure('browser started for it', cold.ms, cold.size);
    const keeper = new ChromiumKeeper();
    try {
      await timed(keeper);
      const warm = await timed(keeper);
      figure('browser kept from an earlier export', warm.ms, warm.size);
    } finally {
      await keeper.close();
    }
  }
};

async function exportFigures(formats: ReportFormat[], report: Parameters<BenchModule>[0]): Promise<void> {
  for (const scale of [SCALES.typical, SCALES.large]) {
    const casefile = generateCasefile(scale);
    const options = ReportOptions.parse({ analyst: 'Benchmark' });
    for (const format of formats) {
      let size = 0;
      const ms = await medianMs(async () => {
        const out = await exportReport({ casefile, options, format, generator: 'Corroborate bench' });
        size = out.size;
      }, format === 'pdf' ? 1 : 3);
      const target = (scale === SCALES.large ? TARGETS : TYPICAL_TARGETS)[format];
      report({
        area: 'report', name: `export ${format} (${(size / 2 ** 20).toFixed(1)} MB)`, scale: scale.name, value: ms / 1000, unit: 's',
        ...(target ? { target: `≤ ${target / 1000} s`, ok: ms <= target } : {}),
      });
    }
  }
}

/** The report builder's live preview, at both scales (`node dist-electron/bench.cjs preview` runs it alone). */
export const previewBench: BenchModule = async (report) => {
  for (const scale of [SCALES.typical, SCALES.large]) await previewFigures(generateCasefile(scale), scale.name, report);
};

const PREVIEW_SECTION_TARGET_MS = 500;

/**
 * The live preview runs in a worker (renderer/src/export/preview-client.ts).
 * The window's own cost is handing the casefile to the worker when the dialog
 * opens: V8's serialiser, as postMessage uses it. Then the time until the
 * first preview shows (the report model is built), after a change of
 * sections and after a keystroke in the title (the model is reused), and
 * after a change of scope (the model is rebuilt).
 */
async function previewFigures(casefile: Casefile, scale: string, report: Parameters<BenchModule>[0]): Promise<void> {
  const handOver = await medianMs(() => serialize(casefile), 3);
  report({ area: 'report', name: 'preview: casefile handed to the worker on opening (window blocked)', scale, value: handOver, unit: 'ms' });
  const options = ReportOptions.parse({ analyst: 'Benchmark' });
  const withoutAppendix = { ...options, sections: { ...options.sections, appendix: false } };
  const notStale = () => false;
  forgetPreviewModel();
  const t0 = performance.now();
  await buildPreview(casefile, options, 'html', notStale);
  report({ area: 'report', name: 'preview: first shown on opening (model built, in the worker)', scale, value: performance.now() - t0, unit: 'ms' });
  let run = 0;
  // Each run alternates the sections.
  const sectionMs = await medianMs(() => buildPreview(casefile, ++run % 2 ? withoutAppendix : options, 'html', notStale), 4);
  const typed = await medianMs(() => buildPreview(casefile, { ...options, title: `Draft ${Math.random()}` }, 'html', notStale), 5);
  const large = scale === SCALES.large.name;
  report({
    area: 'report', name: 'preview: shown after a section change (in the worker)', scale, value: sectionMs, unit: 'ms',
    ...(large ? { target: `≤ ${PREVIEW_SECTION_TARGET_MS} ms`, ok: sectionMs <= PREVIEW_SECTION_TARGET_MS } : {}),
  });
  report({ area: 'report', name: 'preview: shown after a title keystroke (in the worker)', scale, value: typed, unit: 'ms' });
  const scoped = { ...options, scope: { kind: 'article' as const, articleId: Object.keys(casefile.articles)[0]! } };
  const scopeMs = await medianMs(() => buildPreview(casefile, ++run % 2 ? scoped : options, 'html', notStale), 2);
  report({ area: 'report', name: 'preview: shown after a change of scope (model rebuilt, in the worker)', scale, value: scopeMs, unit: 'ms' });
  forgetPreviewModel();
}
