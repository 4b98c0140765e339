// `npm run validate -- --write` rewrites the accuracy table between two markers of
// docs/accuracy.md (scripts/accuracy-block.mjs): the page must hold them, once each and in order.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the build scripts, without types
import { ACCURACY_PAGE, BEGIN, END, replaceAccuracyBlock, SUMMARY_BEGIN, SUMMARY_END, SUMMARY_PAGE } from '../scripts/accuracy-block.mjs';
import { ROOT } from './helpers.js';

const count = (text: string, part: string) => text.split(part).length - 1;

it('replaces what lies between the markers and nothing else', () => {
  const page = `# Accuracy\n\nbefore\n\n${BEGIN}\nold table\n${END}\n\nafter\n`;
  expect(replaceAccuracyBlock(page, 'new table')).toBe(`# Accuracy\n\nbefore\n\n${BEGIN}\nnew table\n${END}\n\nafter\n`);
  expect(replaceAccuracyBlock('# no markers\n', 'x')).toBeUndefined();
  expect(replaceAccuracyBlock(`${END}\n${BEGIN}\n`, 'x')).toBeUndefined();
});

it('docs/accuracy.md holds the markers, once each, in order, and the README none', () => {
  expect(ACCURACY_PAGE).toBe('docs/accuracy.md');
  const page = readFileSync(join(ROOT, ACCURACY_PAGE), 'utf8');
  expect([count(page, BEGIN), count(page, END)]).toEqual([1, 1]);
  expect(page.indexOf(BEGIN)).toBeLessThan(page.indexOf(END));
  expect(replaceAccuracyBlock(page, 'x')).toContain(`${BEGIN}\nx\n${END}`);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(count(readme, 'accuracy:begin')).toBe(0);
});

it('the README holds the summary markers, once each, in order', () => {
  expect(SUMMARY_PAGE).toBe('README.md');
  const readme = readFileSync(join(ROOT, SUMMARY_PAGE), 'utf8');
  expect([count(readme, SUMMARY_BEGIN), count(readme, SUMMARY_END)]).toEqual([1, 1]);
  expect(replaceAccuracyBlock(readme, 'x', SUMMARY_BEGIN, SUMMARY_END)).toContain(`${SUMMARY_BEGIN}\nx\n${SUMMARY_END}`);
});
