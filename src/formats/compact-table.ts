// The grid of every table format: cli-table3 with no rule between rows; in colour a bold header
// and grey borders, without colour no escape codes at all. fittedTable lays a grid out within the
// output's width (columns left out by priority, long text wrapped or keyed), and fitLines wraps
// the lines around it; both measure display width as cli-table3 does (string-width: East Asian
// wide characters take two columns, colour codes none).

import Table from 'cli-table3';
import stringWidth from 'string-width';

export function compactTable(head: string[], color: boolean, colAligns?: Table.HorizontalAlignment[], colWidths?: number[]): Table.Table {
  return new Table({
    head,
    ...(colAligns ? { colAligns } : {}),
    ...(colWidths ? { colWidths } : {}),
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] },
  });
}

/** One column of a fitted table. */
export interface Column {
  head: string;
  /**
   * 0: always shown. The others are shown in order of priority (1 first; equal ones left to
   * right) while the table fits the width; a column that does not fit is left out, and the next
   * one tried.
   */
  priority: number;
  align?: 'left' | 'right';
  /**
   * Text that may wrap onto more lines, down to this many columns. The table is planned with
   * the width nine cells in ten need (so that one long name does not push other columns out);
   * longer cells wrap, and any width left over goes back to them.
   */
  wrap?: number;
  /**
   * Names that give way to keys: when the columns always shown are too wide together, this
   * column's cells become A, B, C..., each listed with its text under the table.
   */
  key?: boolean;
}

export interface Fit {
  /** Indexes of the columns shown, in table order. */
  shown: number[];
  /** The text width of each column (the grid adds a space either side and the borders). */
  widths: number[];
  /** Indexes of the columns left out, in table order. */
  dropped: number[];
  /** Indexes of the columns whose cells are keys. */
  keyed: number[];
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** Columns a text takes on a terminal: wide characters count two, colour codes none. */
export function displayWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map((line) => stringWidth(line)));
}

/** The cells' key: A..Z, then A2..Z2 and so on. */
export const cellKey = (index: number): string => `${String.fromCharCode(65 + (index % 26))}${index >= 26 ? Math.floor(index / 26) + 1 : ''}`;

/** A grid of n columns adds a space either side of each and n + 1 borders. */
const frame = (n: number) => 3 * n + 1;

/**
 * Which columns to show, and how wide, for a grid at most `width` columns wide (undefined: no
 * limit, every column at its full width). The columns of priority 0 come first; if they are too
 * wide together, wrapping columns narrow (down to their `wrap`) and then key columns give way to
 * keys. Then every other column in order of priority that still fits. Width left over widens the
 * wrapping columns back towards their full width, left to right. When even that is too wide, the
 * grid is wider than `width`.
 */
export function fitColumns(columns: readonly Column[], rows: readonly (readonly string[])[], width: number | undefined): Fit {
  const all = columns.map((_, i) => i);
  const cellWidths = (i: number) => rows.map((r) => displayWidth(r[i] ?? ''));
  const full = columns.map((c, i) => Math.max(displayWidth(c.head), ...cellWidths(i)));
  const fits = (shown: number[], widths: number[]) => width === undefined || shown.reduce((sum, i) => sum + widths[i]!, 0) + frame(shown.length) <= width;
  if (fits(all, full)) return { shown: all, widths: full, dropped: [], keyed: [] };

  // Planned widths: a wrapping column at what nine cells in ten need.
  const widths = columns.map((c, i) => {
    if (c.wrap === undefined) return full[i]!;
    const sorted = cellWidths(i).sort((a, b) => a - b);
    const p90 = sorted.length ? sorted[Math.ceil(sorted.length * 0.9) - 1]! : 0;
    return Math.min(full[i]!, Math.max(displayWidth(c.head), c.wrap, p90));
  });
  const shown = all.filter((i) => columns[i]!.priority <= 0);
  const keyed: number[] = [];
  const excess = () => shown.reduce((sum, i) => sum + widths[i]!, 0) + frame(shown.length) - width!;
  // Too wide with only the columns always shown: the widest wrapping column narrows, a column at a
  // time, down to the floors; then the key columns give way to keys.
  const floor = (i: number) => Math.max(columns[i]!.wrap!, displayWidth(columns[i]!.head));
  for (;;) {
    if (excess() <= 0) break;
    const narrowable = shown.filter((i) => columns[i]!.wrap !== undefined && widths[i]! > floor(i));
    if (narrowable.length === 0) break;
    const widest = narrowable.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
    widths[widest] = widths[widest]! - 1;
  }
  for (const i of shown) {
    if (excess() <= 0) break;
    if (!columns[i]!.key) continue;
    keyed.push(i);
    widths[i] = Math.max(displayWidth(columns[i]!.head), ...rows.map((_, r) => cellKey(r).length));
  }
  /** Narrows the shown wrapping columns (widest first, to their floors) until `i` fits; undone if it cannot. */
  const narrowFor = (i: number): boolean => {
    const before = [...widths];
    for (;;) {
      if (fits([...shown, i], widths)) return true;
      const narrowable = [...shown, i].filter((j) => columns[j]!.wrap !== undefined && !keyed.includes(j) && widths[j]! > floor(j));
      if (narrowable.length === 0) break;
      const widest = narrowable.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
      widths[widest] = widths[widest]! - 1;
    }
    before.forEach((w, j) => (widths[j] = w));
    return false;
  };
  const optional = all.filter((i) => columns[i]!.priority > 0).sort((a, b) => columns[a]!.priority - columns[b]!.priority || a - b);
  for (const i of optional) {
    if (fits([...shown, i], widths)) shown.push(i);
    // The first optional column is worth wrapping names for: the columns shown narrow toward
    // their floors to make room for it (a long self-hosting option name would leave a table of
    // names and one figure otherwise).
    else if (columns[i]!.priority === 1 && narrowFor(i)) shown.push(i);
  }
  shown.sort((a, b) => a - b);
  let spare = width! - (shown.reduce((sum, i) => sum + widths[i]!, 0) + frame(shown.length));
  for (const i of shown) {
    if (spare <= 0) break;
    if (columns[i]!.wrap === undefined || keyed.includes(i)) continue;
    const more = Math.min(spare, full[i]! - widths[i]!);
    widths[i] = widths[i]! + more;
    spare -= more;
  }
  return { shown, widths, dropped: all.filter((i) => !shown.includes(i)), keyed: keyed.sort((a, b) => a - b) };
}

/**
 * The grid of `rows` within `width` (undefined: every column at full width), then a legend of
 * any keys and a line naming the columns left out.
 */
export function fittedTable(columns: readonly Column[], rows: readonly (readonly string[])[], options: { color: boolean; width?: number | undefined }): string {
  const fit = fitColumns(columns, rows, options.width);
  const table = compactTable(
    fit.shown.map((i) => columns[i]!.head),
    options.color,
    fit.shown.map((i) => columns[i]!.align ?? 'left'),
    // Without a width, cli-table3 measures the columns itself, as it always has.
    ...(options.width === undefined ? [] : [fit.shown.map((i) => fit.widths[i]! + 2)]),
  );
  rows.forEach((row, r) => table.push(fit.shown.map((i) => (fit.keyed.includes(i) ? cellKey(r) : wrapLines(row[i] ?? '', fit.widths[i]!, '').join('\n')))));
  const lines = [table.toString()];
  for (const i of fit.keyed) rows.forEach((row, r) => lines.push(`${cellKey(r).padEnd(2)} ${row[i] ?? ''}`));
  if (fit.dropped.length > 0) lines.push(`Not shown at ${options.width} columns: ${fit.dropped.map((i) => columns[i]!.head).join(', ')}; --wide shows them.`);
  return lines.join('\n');
}

/** A line of a grid: its first visible character draws a border. */
const isGridLine = (line: string) => /^[┌│└├]/.test(line.replace(SGR, ''));

/**
 * Every line of `text` at most `width` columns (undefined: as it is), wrapped at spaces, a word
 * longer than a line cut. A continuation line is indented under the text of a marked line
 * (`! `, `- `, `[1] `, ...) or by two spaces more than its line. The lines of a grid are left as
 * they are: fittedTable has already laid them out.
 */
export function fitLines(text: string, width: number | undefined): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .flatMap((line) => (isGridLine(line) || displayWidth(line) <= width ? [line] : wrapLines(line, width, continuation(line, width))))
    .join('\n');
}

function continuation(line: string, width: number): string {
  const m = /^( *)((?:[-!*+~=]|->|\[\d+\]) )?/.exec(line.replace(SGR, ''))!;
  const indent = m[2] === undefined ? m[1]!.length + 2 : m[0].length;
  return ' '.repeat(indent <= width / 2 ? indent : 2);
}

/**
 * One line cut into lines of at most `width` columns: at spaces (the spaces at a cut dropped,
 * the others kept), a word too long for a line cut where it reaches the edge; colour codes count
 * for nothing and are never cut.
 */
export function wrapLines(line: string, width: number, indent: string): string[] {
  if (displayWidth(line) <= width) return [line];
  const lead = /^ */.exec(line)![0];
  // Words at even indexes, the spaces between them at odd ones.
  const parts = line.slice(lead.length).split(/( +)/);
  const out: string[] = [];
  let current = lead;
  let used = lead.length;
  // The width of the line's own indent: while `used` is that, nothing is on the line yet.
  let start = used;
  const newLine = () => {
    out.push(current);
    current = indent;
    used = start = indent.length;
  };
  let gap = '';
  for (let p = 0; p < parts.length; p += 2) {
    const word = parts[p]!;
    const w = displayWidth(word);
    if (used > start && used + gap.length + w <= width) {
      current += gap + word;
      used += gap.length + w;
    } else if (word !== '') {
      if (used > start) newLine();
      for (const piece of cutWord(word, width - used, width - indent.length)) {
        if (used > start) newLine();
        current += piece;
        used += displayWidth(piece);
      }
    }
    gap = parts[p + 1] ?? '';
  }
  out.push(current);
  return out.map((l) => l.replace(/ +$/, ''));
}

/** A word in pieces: the first at most `first` columns, the others at most `rest` (at least one character each). */
function cutWord(word: string, first: number, rest: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  let room = first;
  for (const token of word.split(new RegExp(`(${SGR.source})`))) {
    if (token.startsWith('\u001b')) {
      piece += token;
      continue;
    }
    for (const ch of token) {
      const w = stringWidth(ch);
      if (used + w > room && used > 0) {
        pieces.push(piece);
        piece = '';
        used = 0;
        room = rest;
      }
      piece += ch;
      used += w;
    }
  }
  pieces.push(piece);
  return pieces;
}
