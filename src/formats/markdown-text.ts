// User text (scenario, option, model and file names, messages) inside markdown, and table rows.
// Every markdown renderer escapes through here, so a `|` in a name cannot split a table cell, a
// `[x](...)` or `<img>` makes no link or HTML, and `@org/team` notifies no one. Control
// characters are shown as terminalText shows them (`\x1b`, `\n`), so a name stays on its line.

import { terminalText } from './terminal-text.js';

/**
 * A bare http(s) URL (a catalogue entry's source, a link in a warning), without the punctuation
 * that ends a sentence. Escaped like the rest it would link to a wrong address (GFM's autolinker
 * keeps the backslash of `\_`, github/cmark-gfm#388), so it is written as an `<...>` autolink,
 * which takes its text as is.
 */
const URL_PART = /(https?:\/\/[^\s<>`|\\"]*[^\s<>`|\\.,:;!?'")\]*_~])/;

/**
 * Markup characters backslash-escaped (`<`, `>` and `&` as entities, which GFM also reads inside
 * HTML); an `@` that would mention a user or team goes in a code span, since GitHub's mention
 * filter reads the rendered text (a backslash does not stop it) but skips code.
 */
const escapeMarkup = (text: string) =>
  text
    .replace(/[\\`*_[\]<>|#~&]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : `\\${ch}`))
    .replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g, '$1`@`');

/** Text in a markdown cell or line: markup characters escaped, URLs as autolinks, one line. */
export const mdText = (text: string): string =>
  terminalText(text)
    .split(URL_PART)
    .map((part, i) => (i % 2 === 1 ? `<${part}>` : escapeMarkup(part)))
    .join('');

/**
 * Inline code (a file path), one line, fenced with more backticks than it holds. Backslashes mean
 * nothing inside code, so terminalText's escapes show as they are; except `\|` in a table cell
 * (GFM), so there, and only there, `|` is escaped.
 */
export function mdCode(text: string, inCell: boolean): string {
  const line = terminalText(text);
  const fence = '`'.repeat(Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inCell ? line.replace(/\|/g, '\\|') : line}${pad}${fence}`;
}

/** A table row of cells already escaped. */
export const mdRow = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** A table's rule line: `true` aligns that column right. */
export const mdRule = (right: readonly boolean[]): string => `| ${right.map((r) => (r ? '---:' : '---')).join(' | ')} |`;
