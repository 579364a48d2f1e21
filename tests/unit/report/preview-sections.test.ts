import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { buildPreview, forgetPreviewModel } from '../../../renderer/src/export/preview';
import { ReportOptions } from '../../../shared/report/options';
import { generateCasefile, SCALES } from '../../support/generate';

const casefile = generateCasefile(SCALES.typical);
const options = ReportOptions.parse({ analyst: 'Dana', title: 'Drones' });
const notStale = () => false;
const withSections = (sections: Partial<ReportOptions['sections']>): ReportOptions => ({ ...options, sections: { ...options.sections, ...sections } });

/** The preview as a fresh model gives it, nothing kept from before. */
async function fresh(o: ReportOptions, format: 'html' | 'md' = 'html') {
  forgetPreviewModel();
  return buildPreview(casefile, o, format, notStale);
}

describe('the report preview reuses its model when only the sections change', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    forgetPreviewModel();
  });

  test('each change of sections shows what a fresh build shows, the graph included when ticked back on', async () => {
    const steps = [withSections({ appendix: false }), withSections({ graph: false }), withSections({ graph: true, summary: false }), withSections({ propositions: false, ungrouped: false }), options];
    const expected = [];
    for (const o of steps) expected.push(await fresh(o));
    forgetPreviewModel();
    await buildPreview(casefile, withSections({ graph: false }), 'html', notStale);
    for (const [i, o] of steps.entries()) expect(await buildPreview(casefile, o, 'html', notStale)).toEqual(expected[i]);
    expect(expected[1]!.content).not.toContain('Who cites whom');
    expect(expected[2]!.content).toContain('Who cites whom');
  });

  test('a change of scope or layout builds a new model', async () => {
    await buildPreview(casefile, options, 'md', notStale);
    const article = Object.keys(casefile.articles)[0]!;
    const scoped: ReportOptions = { ...options, scope: { kind: 'article', articleId: article } };
    const compact: ReportOptions = { ...options, layout: 'compact' };
    expect(await buildPreview(casefile, scoped, 'md', notStale)).toEqual(await fresh(scoped, 'md'));
    await buildPreview(casefile, options, 'md', notStale);
    expect(await buildPreview(casefile, compact, 'md', notStale)).toEqual(await fresh(compact, 'md'));
  });
});
