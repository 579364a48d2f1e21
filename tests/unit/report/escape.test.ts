import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { CSV_FORMULA_START, escapeHtml, escapeMarkdown, html, safeFileName } from '../../../shared/report/escape';

const { document } = new JSDOM('<!doctype html><body></body>').window;

describe('HTML escaping', () => {
  test('any text placed in an element reads back as the same text, with no elements', () => {
    fc.assert(
      // The HTML parser itself rewrites CR and NUL (which normalised casefile text never holds); everything else must survive.
      fc.property(fc.string({ unit: 'binary' }).map((t) => t.replace(/[\0\r]/g, '')), (s) => {
        const div = document.createElement('div');
        div.innerHTML = `<p title="${escapeHtml(s)}" data-x='${escapeHtml(s)}'>${escapeHtml(s)}</p>`;
        const p = div.firstElementChild!;
        return div.children.length === 1 && p.children.length === 0 && p.textContent === s && p.getAttribute('title') === s && p.getAttribute('data-x') === s;
      }),
      { numRuns: 300 },
    );
  });

  test('the html tag escapes interpolations, isolates text between elements in <bdi>, and keeps nested fragments', () => {
    const inner = html`<b>${'<i>x</i>'}</b>`;
    expect(html`<p>${inner}${'&'}${['<', html`<br>`]}${null}${false}${3}</p>`.value).toBe('<p><b><bdi>&lt;i&gt;x&lt;/i&gt;</bdi></b><bdi>&amp;</bdi><bdi>&lt;</bdi><br>3</p>');
  });

  test('a value in an attribute is only escaped; one in text is isolated with its stray directional closers dropped', () => {
    const name = '\u202EMallory\u2069"';
    expect(html`<a href="#${'x"y'}" class='c ${name}'>by ${name}, 1 July</a>`.value).toBe(
      `<a href="#x&quot;y" class='c \u202EMallory\u2069&quot;'>by <bdi>\u202EMallory&quot;\u202C</bdi>, 1 July</a>`,
    );
  });
});

describe('Markdown escaping', () => {
  test('leaves no raw markup, link, image, autolink or emphasis', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = escapeMarkdown(s);
        return !/[<>\n]/.test(out) && !/(^|[^\\])[[\]*_`|]/.test(out) && !/(^|[^\\])!/.test(out) && !/[^\\]:\/\//.test(out);
      }),
      { numRuns: 1000 },
    );
  });

  test('hostile examples', () => {
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('see https://evil.example or www.evil.example, a@b.c')).toBe('see https\\://evil.example or www\\.evil.example, a\\@b.c');
    expect(escapeMarkdown('# not a heading\n---')).toBe('\\# not a heading ---');
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
  });
});

describe('CSV formula neutralising', () => {
  const cells = ['=1+1', '+cmd', '-2', '@SUM(A1)', '\t=1', '\r=1', '=1\n+2', 'fine', 'a=b', ' =1'];
  test('cells that would start a formula get an apostrophe; others stay as they are', () => {
    const csv = Papa.unparse([cells], { quotes: true, newline: '\r\n', escapeFormulae: CSV_FORMULA_START });
    const [row] = Papa.parse<string[]>(csv).data;
    expect(row).toEqual(["'=1+1", "'+cmd", "'-2", "'@SUM(A1)", "'\t=1", "'\r=1", "'=1\n+2", 'fine', 'a=b', ' =1']);
  });
  test('numbers are left alone', () => {
    expect(Papa.unparse([[-5, 3]], { escapeFormulae: CSV_FORMULA_START })).toBe('-5,3');
  });
});

describe('file names from untrusted titles', () => {
  test('examples', () => {
    expect(safeFileName('Chinese attack drones for Russia', '.html')).toBe('Chinese attack drones for Russia.html');
    expect(safeFileName('../../etc/passwd', '.csv')).toBe('etc passwd.csv');
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j', '.md')).toBe('a b c d e f g h i j.md');
    expect(safeFileName('report\u202Egnp.exe', '.pdf')).toBe('reportgnp.exe.pdf');
    expect(safeFileName('CON', '.html')).toBe('report.html');
    expect(safeFileName('...', '.html')).toBe('report.html');
    expect(safeFileName('', '.html')).toBe('report.html');
    expect(safeFileName('x'.repeat(500), '.jsonld')).toBe(`${'x'.repeat(100)}.jsonld`);
  });

  test('never a path, a hidden file, a control character or an overlong name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const name = safeFileName(s, '.html');
        const base = name.slice(0, -5);
        return (
          !/[/\\<>:"|?*]/.test(base) && !base.startsWith('.') && base.trim() === base && base.length > 0
          && [...base].length <= 100 && !/[\p{Cc}\p{Cf}]/u.test(base) && name.endsWith('.html')
        );
      }),
      { numRuns: 1000 },
    );
  });
});
