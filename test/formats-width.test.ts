// Tables within the output's width (src/formats/compact-table.ts): which columns show at a width,
// worked out by hand from the cell widths; and the line wrapping around them.

import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, fitColumns, fitLines, fittedTable, wrapLines, type Column } from '../src/formats/compact-table.js';
import { ESTIMATE_COLUMNS } from '../src/formats/table.js';

/** The estimate table's columns and priorities: Option (wraps down to 24, or gives way to keys) and Monthly always; then What drives it (wraps down to 16), /request, /user, Top cost, /session. */
const ESTIMATE: Column[] = [...ESTIMATE_COLUMNS];
// Text widths: Option 27, Monthly 9, /request 8, /session 8, /user 7, What drives it 30, Top cost 11.
const ROWS = [
  ['deepseek/deepseek-v4-pro *', '$1,029.59', '$0.2574', '$1.03', '$20.59', '152k +448k cached in / 45k out', 'input 50.3%'],
  ['anthropic/claude-sonnet-4-6', '$9,900.00', '$2.48', '$9.90', '$198.00', '600k in / 45k out', 'input 72.7%'],
];
const heads = (columns: Column[], indexes: number[]) => indexes.map((i) => columns[i]!.head);

describe('fitColumns: the columns shown at a width', () => {
  it('no width, or wide enough: every column at its full width', () => {
    // 27 + 9 + 8 + 8 + 7 + 30 + 11 = 100 of text; 7 columns add 2 spaces each and 8 borders: 122.
    for (const width of [undefined, 122, 200]) {
      expect(fitColumns(ESTIMATE, ROWS, width)).toEqual({ shown: [0, 1, 2, 3, 4, 5, 6], widths: [27, 9, 8, 8, 7, 30, 11], dropped: [], keyed: [] });
    }
  });

  it('at 120: /session (the last priority) goes', () => {
    // Option + Monthly: 36 + 3 x 2 + 1 = 43. Then by priority: What drives it 43 + 33 = 76, /request
    // 87, /user 97, Top cost 111; /session would make 122 > 120.
    const fit = fitColumns(ESTIMATE, ROWS, 120);
    expect(heads(ESTIMATE, fit.shown)).toEqual(['Option', 'Monthly', '/request', '/user', 'What drives it', 'Top cost']);
    expect(heads(ESTIMATE, fit.dropped)).toEqual(['/session']);
  });

  it('at 100: /session and Top cost go', () => {
    // ... /user 97; Top cost 97 + 14 = 111 > 100, /session 97 + 11 = 108 > 100.
    const fit = fitColumns(ESTIMATE, ROWS, 100);
    expect(heads(ESTIMATE, fit.shown)).toEqual(['Option', 'Monthly', '/request', '/user', 'What drives it']);
    expect(heads(ESTIMATE, fit.dropped)).toEqual(['/session', 'Top cost']);
  });

  it('at 80: only What drives it joins Option and Monthly', () => {
    // 43 + 33 = 76; then /request 76 + 11 = 87, /user 86, Top cost 90, /session 87: all over 80.
    const fit = fitColumns(ESTIMATE, ROWS, 80);
    expect(heads(ESTIMATE, fit.shown)).toEqual(['Option', 'Monthly', 'What drives it']);
    expect(heads(ESTIMATE, fit.dropped)).toEqual(['/request', '/session', '/user', 'Top cost']);
    expect(fit.widths).toEqual([27, 9, 8, 8, 7, 30, 11]);
  });

  it('the first optional column is worth wrapping for: the wrapping columns narrow to make room', () => {
    // With a 40-wide drivers text: 43 + 43 = 86 > 80. What drives it (priority 1) narrows from 40
    // toward its floor of 16, the widest first (Option, 27, is narrower): at 34, 43 + 37 = 80 fits.
    // Then /request 80 + 11, /user 80 + 10, Top cost 80 + 14, /session 80 + 11: all over 80.
    const rows = ROWS.map((r) => [...r.slice(0, 5), 'x'.repeat(40), r[6]!]);
    const fit = fitColumns(ESTIMATE, rows, 80);
    expect(heads(ESTIMATE, fit.shown)).toEqual(['Option', 'Monthly', 'What drives it']);
    expect(heads(ESTIMATE, fit.dropped)).toEqual(['/request', '/session', '/user', 'Top cost']);
    expect(fit.widths[5]).toBe(34);
  });

  it('a column that does not fit is skipped, and the next tried', () => {
    // Columns that do not wrap cannot make room: a 40-wide /request (priority 1 here) is skipped,
    // and the rest tried in turn. Option + Monthly 43; /request 43 + 43 = 86 > 80, skipped;
    // /user 43 + 10 = 53; Top cost 53 + 14 = 67; /session 67 + 11 = 78; What drives it 78 + 33 > 80.
    const columns: Column[] = ESTIMATE.map((c) => ({ ...c, ...(c.head === 'Option' ? { wrap: undefined } : {}), priority: c.head === '/request' ? 1 : c.head === 'What drives it' ? 6 : c.priority }));
    const rows = ROWS.map((r) => [r[0]!, r[1]!, 'x'.repeat(40), ...r.slice(3)]);
    const fit = fitColumns(columns, rows, 80);
    expect(heads(columns, fit.shown)).toEqual(['Option', 'Monthly', '/session', '/user', 'Top cost']);
    expect(heads(columns, fit.dropped)).toEqual(['/request', 'What drives it']);
  });

  const LIST: Column[] = [
    { head: 'Name', priority: 0, wrap: 10 },
    { head: 'Figures', priority: 0, wrap: 10 },
    { head: 'As of', priority: 1 },
  ];
  // Nine names of 12 characters and one of 30; every figure 20; every date 10.
  const list = Array.from({ length: 10 }, (_, i) => [i === 9 ? 'n'.repeat(30) : `name-${String(i).padStart(7, '0')}`, 'f'.repeat(20), '2026-11-25']);

  it('a wrapping column is planned at what nine cells in ten need; width left over goes back to it', () => {
    // Full: 30 + 20 + 10 + 10 = 70, fits 80.
    expect(fitColumns(LIST, list, 80)).toEqual({ shown: [0, 1, 2], widths: [30, 20, 10], dropped: [], keyed: [] });
    // At 60: Name planned at 12 (the 9th of 10 widths sorted), Figures 20: 32 + 7 = 39; As of: 52.
    // The 8 left over widen Name to 20 (60 in all); the 30-long name wraps.
    expect(fitColumns(LIST, list, 60)).toEqual({ shown: [0, 1, 2], widths: [20, 20, 10], dropped: [], keyed: [] });
    // At 40: 39 fits, As of (52) does not until Name and Figures narrow by 12, the widest first
    // (ties: the first): Figures 20 -> 12, then Name 11, Figures 11, Name 10, Figures 10: 30 + 10 = 40.
    expect(fitColumns(LIST, list, 40)).toEqual({ shown: [0, 1, 2], widths: [10, 10, 10], dropped: [], keyed: [] });
    // At 39 even the floors (10 + 10 + 10 + 10 = 40) are too wide: As of goes, and nothing narrows;
    // the 0 left over leaves Name at 12.
    expect(fitColumns(LIST, list, 39)).toEqual({ shown: [0, 1], widths: [12, 20, 10], dropped: [2], keyed: [] });
  });

  it('columns always shown that are too wide together: the widest wrapping one narrows first', () => {
    // At 30: 39 is 9 too wide. Figures narrows 20 -> 12 (8), then the first of two at 12, Name, to 11: 23 + 7 = 30.
    expect(fitColumns(LIST, list, 30)).toEqual({ shown: [0, 1], widths: [11, 12, 10], dropped: [2], keyed: [] });
    // Never below `wrap` (or the head): at 10, Name and Figures stop at 10 and the grid is wider.
    expect(fitColumns(LIST, list, 10).widths.slice(0, 2)).toEqual([10, 10]);
  });

  it('a key column gives way to keys when nothing else narrows', () => {
    const columns: Column[] = [
      { head: 'Option', priority: 0, key: true },
      { head: 'Monthly', priority: 0 },
      { head: 'Note', priority: 1 },
    ];
    const rows = [
      ['a very long option name that goes on and on', '$1.00', 'x'],
      ['short', '$2.00', 'y'],
    ];
    // 43 + 7 + 7 = 57 > 40; keyed, Option is as wide as its head: 6 + 7 + 7 = 20; Note: 6 + 7 + 4 + 10 = 27.
    expect(fitColumns(columns, rows, 40)).toEqual({ shown: [0, 1, 2], widths: [6, 7, 4], dropped: [], keyed: [0] });
    // At 60 the names fit (57): no keys.
    expect(fitColumns(columns, rows, 60).keyed).toEqual([]);
    const text = fittedTable(columns, rows, { color: false, width: 40 });
    expect(text).toContain('│ A      │ $1.00   │ x    │');
    expect(text.split('\n').slice(-2)).toEqual(['A  a very long option name that goes on and on', 'B  short']);
  });
});

describe('fittedTable', () => {
  it('every line within the width, and a line naming what it left out', () => {
    for (const width of [80, 100, 120]) {
      const text = fittedTable(ESTIMATE, ROWS, { color: true, width });
      for (const line of fitLines(text, width).split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    }
    expect(fittedTable(ESTIMATE, ROWS, { color: false, width: 80 }).split('\n').at(-1)).toBe('Not shown at 80 columns: /request, /session, /user, Top cost; --wide shows them.');
    expect(fittedTable(ESTIMATE, ROWS, { color: false, width: 122 })).not.toContain('Not shown');
  });

  it('without a width, the grid cli-table3 draws on its own', () => {
    const text = fittedTable(ESTIMATE, ROWS, { color: false });
    expect(text.split('\n')[1]).toBe('│ Option                      │ Monthly   │ /request │ /session │ /user   │ What drives it                 │ Top cost    │');
    expect(displayWidth(text.split('\n')[0]!)).toBe(122);
  });

  it('wide characters count two columns, colour codes none', () => {
    const c = new Chalk({ level: 1 });
    // '模型' is 4 columns wide: '模型 *' 6; in green, still 6.
    expect(displayWidth(c.green('模型 *'))).toBe(6);
    const columns: Column[] = [
      { head: 'Option', priority: 0, wrap: 8 },
      { head: 'Monthly', priority: 0 },
      { head: 'Note', priority: 1 },
    ];
    const rows = [[c.green('大型语言模型服务 *'), '$1.00', 'a note']];
    // Option 18 (8 wide characters and ' *'), Monthly 7, Note 6: 31 + 10 = 41. At 30: Note goes,
    // Option narrows to 30 - 7 - 7 = 16, and its text wraps at a space.
    const text = fittedTable(columns, rows, { color: true, width: 30 });
    for (const line of fitLines(text, 30).split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    expect(fitColumns(columns, rows, 30).widths[0]).toBe(16);
    expect(stripVTControlCharacters(text)).toContain('│ 大型语言模型服务 │ $1.00   │\n│ *                │         │');
  });
});

describe('wrapLines and fitLines', () => {
  it('wraps at spaces, cuts a word longer than a line, keeps colour codes whole', () => {
    expect(wrapLines('one two three four', 9, '  ')).toEqual(['one two', '  three', '  four']);
    expect(wrapLines('abcdefghij', 4, '')).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapLines('\u001b[33m! aaa bbb\u001b[39m', 5, '  ')).toEqual(['\u001b[33m! aaa', '  bbb\u001b[39m']);
    // Each of 模 and 型 is 2 wide: two to a line of 5.
    expect(wrapLines('模型模型模型', 5, '')).toEqual(['模型', '模型', '模型']);
    // Spaces inside a line that fits are kept as they are.
    expect(wrapLines('ok        a.yaml', 20, '')).toEqual(['ok        a.yaml']);
  });

  it('a continuation line goes under the text of a marked line, else two spaces in', () => {
    expect(fitLines('! aaa bbb ccc', 9)).toBe('! aaa bbb\n  ccc');
    expect(fitLines('[1] aaaa bbbb', 9)).toBe('[1] aaaa\n    bbbb');
    expect(fitLines('- aaaa bbbb', 7)).toBe('- aaaa\n  bbbb');
    expect(fitLines('plain words here', 11)).toBe('plain words\n  here');
    expect(fitLines('    indented words', 12)).toBe('    indented\n      words');
  });

  it('leaves the lines of a grid and every line with no width as they are', () => {
    const grid = `│ ${'x'.repeat(20)} │`;
    expect(fitLines(grid, 10)).toBe(grid);
    expect(fitLines('a b c d e f', undefined)).toBe('a b c d e f');
  });
});

describe('properties', () => {
  // Words of ASCII, wide characters and colour codes, as names and figures are.
  const piece = fc.constantFrom('a', 'bc', 'def', '模型', '/', '-', '1,234', '\u001b[32m', '\u001b[39m', 'x'.repeat(30));
  const word = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
  const text = fc.array(word, { minLength: 1, maxLength: 20 }).map((w) => w.join(' '));

  it('fitLines: no line wider than the width (10 columns and up), no visible character lost', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), fc.integer({ min: 10, max: 130 }), (lines, width) => {
        const out = fitLines(lines.join('\n'), width);
        for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        const visible = (s: string) => stripVTControlCharacters(s).replace(/\s+/g, '');
        expect(visible(out)).toBe(visible(lines.join('\n')));
      }),
    );
  });

  it('fittedTable: every line within the width when the columns always shown fit at their floors', () => {
    const columns: Column[] = [
      { head: 'Name', priority: 0, wrap: 12 },
      { head: 'Cost', priority: 0 },
      { head: 'Text', priority: 1, wrap: 12 },
      { head: 'Share', priority: 2 },
    ];
    const row = fc.tuple(text, fc.constantFrom('$1.00', '$12,345.67'), text, fc.constantFrom('input 50%', '-'));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.integer({ min: 40, max: 160 }), (rows, width) => {
        // Name at 12 and Cost at most 10, with the grid's 7: 29 <= 40.
        const out = fitLines(fittedTable(columns, rows, { color: false, width }), width);
        for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      }),
    );
  });
});
