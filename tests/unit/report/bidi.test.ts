/**
 * Directional controls in casefile text (shared/text/bidi.ts): closed at the
 * end of each value, stray closers dropped, and, in Markdown and in the
 * sentences the report builds, every value that has anything right to left
 * set in an isolate of its own.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { buildReportText, reportModel } from '../../../shared/report/index';
import { mermaidText } from '../../../shared/report/mermaid';
import { ReportOptions } from '../../../shared/report/options';
import { balanceBidi, isolateBidi } from '../../../shared/text/bidi';
import { buildBidiCasefile, PDF, PDI, RLE, RLI, RLO, SPOOF } from '../../fixtures/report/bidi-casefile';

const LRI = '\u2066';
const FSI = '\u2068';
const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/** Text made mostly of directional controls, with letters and line breaks between. */
const controlHeavy = fc.string({ unit: fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', 'a', 'ב', ' ', '\n') });

/** The text with every isolate (LRI, RLI or FSI to its PDI, innermost first) taken out: what is left is the report's own words. */
function outsideIsolates(text: string): string {
  let out = text;
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(/[\u2066-\u2068][^\u2066-\u2069]*\u2069/g, '');
  }
  return out;
}

describe('balanceBidi', () => {
  test('closes what a value opens, innermost first, and drops closers that close nothing', () => {
    expect(balanceBidi(`${RLO}gnp.exe`)).toBe(`${RLO}gnp.exe${PDF}`);
    expect(balanceBidi(`a${RLI}b${RLE}c`)).toBe(`a${RLI}b${RLE}c${PDF}${PDI}`);
    expect(balanceBidi(`${PDF}${PDI}Fabian Hinz`)).toBe('Fabian Hinz');
    // A PDI closes its isolate with the embeddings opened inside it; a PDF cannot reach outside an isolate.
    expect(balanceBidi(`${RLI}${RLO}x${PDI}y`)).toBe(`${RLI}${RLO}x${PDI}y`);
    expect(balanceBidi(`${RLO}${RLI}x${PDF}y`)).toBe(`${RLO}${RLI}xy${PDI}${PDF}`);
    expect(balanceBidi(`${RLO}one\ntwo`)).toBe(`${RLO}one${PDF}\ntwo`);
  });

  test('leaves text without directional controls as it is, and changes nothing but controls', () => {
    fc.assert(fc.property(fc.string(), (s) => (CONTROLS.test(s) ? true : balanceBidi(s) === s)));
    fc.assert(fc.property(controlHeavy, (s) => balanceBidi(s).replace(/[\u202A-\u202E\u2066-\u2069]/g, '') === s.replace(/[\u202A-\u202E\u2066-\u2069]/g, '')));
  });

  test('its result has nothing left to close or to drop', () => {
    fc.assert(fc.property(controlHeavy, (s) => balanceBidi(balanceBidi(s)) === balanceBidi(s)));
  });
});

describe('isolateBidi', () => {
  test('left-to-right text stays as it is; anything right to left is set in FSI…PDI', () => {
    expect(isolateBidi('Reuters, 3 July')).toBe('Reuters, 3 July');
    expect(isolateBidi('הארץ')).toBe(`${FSI}הארץ${PDI}`);
    expect(isolateBidi('\u200FX')).toBe(`${FSI}\u200FX${PDI}`);
    expect(isolateBidi(`${RLO}Mallory`)).toBe(`${FSI}${RLO}Mallory${PDF}${PDI}`);
  });

  test('dropped into a sentence, no value leaves a control outside its isolate', () => {
    fc.assert(fc.property(controlHeavy, controlHeavy, (a, b) => !CONTROLS.test(outsideIsolates(`by ${isolateBidi(a)}, on ${isolateBidi(b)}.`))));
  });
});

describe('the report of a casefile built to spoof it', () => {
  const model = reportModel(buildBidiCasefile(), ReportOptions.parse({ analyst: SPOOF.analyst }));

  test('Markdown: every directional control is inside the isolate of its own value', async () => {
    const md = await buildReportText(model, 'md');
    for (const line of md.split('\n')) {
      expect(outsideIsolates(line), line).not.toMatch(CONTROLS);
      expect(balanceBidi(line), line).toBe(line);
    }
    expect(md).toContain(`prepared by ${FSI}${SPOOF.analyst}${PDF}${PDI}, `);
  });

  test('CSV: every cell closes what it opens; names in the attribution chain are isolated from the arrows', async () => {
    const csv = await buildReportText(model, 'csv');
    const rows = Papa.parse<string[]>(csv.slice(1)).data.filter((r) => r.length > 1);
    const header = rows[0]!;
    for (const row of rows) for (const cell of row) expect(balanceBidi(cell), cell).toBe(cell);
    const first = Object.fromEntries(header.map((h, i) => [h, rows[1]![i]!]));
    expect(first.outlet).toBe(`${SPOOF.outlets[0]}${PDF}`);
    expect(first.root_source).toBe(`${SPOOF.sources[0]}${PDF}`);
    expect(outsideIsolates(first.attribution_chain!)).toBe(' →  (official statement)');
  });

  test('HTML: the title element closes the override, and every value in the body is in a <bdi>', async () => {
    const html = await buildReportText(model, 'html');
    expect(html).toContain(`<title>${SPOOF.title}${PDF}</title>`);
    const body = html.slice(html.indexOf('<body>'));
    const outside = body.replace(/<bdi>[^<]*<\/bdi>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, (svg) => outsideIsolates(svg));
    expect(outside.match(new RegExp(`.{0,80}${CONTROLS.source}.{0,40}`, 'g'))).toBeNull();
  });

  test('Mermaid: a label never opens an override it does not close', () => {
    expect(mermaidText(`${RLO}Daily`)).toBe('#8238;Daily#8236;');
    expect(mermaidText(`${LRI}x${PDI}${PDI}`)).toBe('#8294;x#8297;');
  });
});
