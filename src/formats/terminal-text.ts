// User text (scenario, option, model and file names; messages that echo a file's keys, values and
// paths) as it may be shown: on a terminal, in a CI log, and as the base of every other text
// format. A character a terminal, a log viewer or an editor would act on is shown as its escape,
// and nothing can start a GitHub Actions workflow command. Every format but JSON starts here:
// table and plain messages use it as it is; CSV (csv.ts), markdown (markdown-text.ts) and HTML
// (svg.ts escapeXml) add their own escaping on top. JSON keeps the exact text (json.ts).

/**
 * C0 controls (ESC starts terminal sequences, CR overwrites a line, BS a character), DEL, C1
 * controls (U+009B is a one-byte CSI), the line and paragraph separators, and the bidirectional
 * marks, embeddings, overrides and isolates that reorder what is shown (Trojan Source,
 * CVE-2021-42574).
 */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\n`, `\r`, `\t`; `\x1b` below U+0100; `\u202e` above. */
const escapeCharacter = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return NAMED[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
};

/**
 * One line of text, safe to print. The GitHub runner runs a line as a workflow command when it
 * starts with `::` once leading whitespace is trimmed, and, in its older syntax, wherever `##[`
 * appears (actions/runner ActionCommand.TryParseV2 and TryParse); so `::` at the start or after a
 * space becomes `\x3a:`, and `##[` becomes `\x23#[`. A backslash is left as it is (Windows paths
 * stay readable), so the text `\x1b` and an ESC look alike; JSON tells them apart.
 */
export function terminalText(text: string): string {
  return text.replace(ACTIVE, escapeCharacter).replace(/##\[/g, '\\x23#[').replace(/(^|\s)::/g, '$1\\x3a:');
}

/** Every string of a report (keys too) as terminalText shows it; numbers and the shape unchanged. */
export function terminalStrings<T>(value: T): T {
  if (typeof value === 'string') return terminalText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => terminalStrings(v)) as T;
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto === Object.prototype || proto === null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [terminalText(k), terminalStrings(v)])) as T;
  }
  return value;
}

/**
 * The last word on rendered text: a renderer that wraps a long name (cutting it anywhere) or
 * joins two could still put `::` first on a line or make `##[`; not any more.
 */
export function guardedLines(text: string): string {
  return text.replace(/##\[/g, '\\x23#[').replace(/^([^\S\n]*)::/gm, '$1\\x3a:');
}

/**
 * A registry of renderers whose every format but JSON sees the report through terminalStrings,
 * and whose output but JSON's and the github format's (its lines are workflow commands on
 * purpose, each built with the runner's escaping) goes through guardedLines: whatever a renderer
 * does with a name, no control character or workflow command gets out.
 */
export function displayed<F extends string, R, O>(renderers: Record<F, (report: R, options: O) => string>): Record<F, (report: R, options: O) => string> {
  const out = {} as Record<F, (report: R, options: O) => string>;
  for (const [format, render] of Object.entries(renderers) as [F, (report: R, options: O) => string][]) {
    if (format === 'json') out[format] = render;
    else if (format === 'github') out[format] = (report, options) => render(terminalStrings(report), options);
    else out[format] = (report, options) => guardedLines(render(terminalStrings(report), options));
  }
  return out;
}
