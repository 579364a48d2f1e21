import { expect, test } from 'vitest';
import { linksIn } from '../../../shared/articles/links';

test('links are found one per line, or among spaces and angle brackets, once each, without trailing punctuation', () => {
  const pasted = [
    'https://example.org/news/drones-for-russia',
    '  http://intranet.local/report?id=7  ',
    'See <https://example.com/a>, https://example.com/b.',
    'https://example.org/news/drones-for-russia',
    'not a link, #anchor, and plain words https://example.net/list?ids=1,2,3',
    'file:///etc/passwd',
  ].join('\n');
  expect(linksIn(pasted)).toEqual([
    'https://example.org/news/drones-for-russia', 'http://intranet.local/report?id=7', 'https://example.com/a', 'https://example.com/b',
    'https://example.net/list?ids=1,2,3', 'file:///etc/passwd',
  ]);
});

test('non-web links are kept, so the import says why it refuses them', () => {
  expect(linksIn('data:text/html,hi javascript:alert(1)')).toEqual(['data:text/html,hi', 'javascript:alert(1)']);
});
