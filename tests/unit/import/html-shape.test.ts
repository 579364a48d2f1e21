/** The tag scan that sizes a page before jsdom builds it: browser nesting rules, and no way to hide elements from it. */
import { describe, expect, test } from 'vitest';
import { checkHtmlShape, htmlShape } from '../../../electron/services/import/html-shape';

describe('htmlShape', () => {
  test.each([
    ['nested elements', '<div><div><span>x</span></div></div>', { elements: 3, depth: 3 }],
    ['void elements never nest', '<p>a<br>b<img src=x><hr></p>', { elements: 4, depth: 1 }],
    ['unclosed paragraphs close each other, as in a browser', '<body><p>one<p>two<p>three', { elements: 4, depth: 2 }],
    ['a block element closes an open paragraph', '<p>text<div>block</div>', { elements: 2, depth: 1 }],
    ['unclosed list items close each other', '<ul><li>a<li>b<li>c</ul>', { elements: 4, depth: 2 }],
    ['a table cell fences a paragraph off from an outer one', '<p><table><tr><td><p>x</p></td></tr></table>', { elements: 5, depth: 5 }],
    ['tags inside script, style and comments are text', '<script>"<div><div>"</script><!-- <div><div> --><style>a<b{}</style>', { elements: 2, depth: 1 }],
    ['a ">" in a quoted attribute value does not end the tag', '<div title="a > <div>"><span>x</span></div>', { elements: 2, depth: 2 }],
    ['an apostrophe outside a value does not hide the tags after it', "<div class=it's><div><div>x</div></div></div>", { elements: 3, depth: 3 }],
    ['self-closing syntax counts only in SVG', '<div/><div/><svg><path/><path/></svg>', { elements: 5, depth: 3 }],
    ['end tags of elements never opened are ignored', '</div></div><div>x</div>', { elements: 1, depth: 1 }],
  ])('%s', (_what, html, shape) => {
    expect(htmlShape(html)).toEqual(shape);
  });

  test('a hostile page costs at most ten times the limit to measure', () => {
    expect(htmlShape('<div>'.repeat(100_000), { depth: 100, elements: 1_000_000 })).toEqual({ elements: 1_001, depth: 1_001 });
  });

  test('checkHtmlShape names the figure and the limit', () => {
    expect(() => checkHtmlShape('<div>'.repeat(2_001))).toThrow('This page nests 2,001 elements deep; the limit is 2,000.');
    expect(() => checkHtmlShape('<br>'.repeat(100_001))).toThrow('This page has 100,001 elements; the limit is 100,000.');
    expect(checkHtmlShape('<div>'.repeat(2_000))).toEqual({ elements: 2_000, depth: 2_000 });
  });
});
