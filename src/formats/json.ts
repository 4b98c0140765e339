// The json format of every command: the report itself, which is the public schema (report.ts),
// unrounded, two-space indented, ending in a newline. Strings stay exact: JSON.stringify escapes
// C0 controls, and the characters it leaves raw that a terminal or a CI log would act on are
// written as \u escapes too (C1 controls, bidi overrides, line separators; the `#` of `##[`, which
// the GitHub runner reads as a workflow command anywhere in a line). JSON.parse gives back the
// same strings.

const ACTIVE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with those characters escaped; `#` appears only inside strings, so `##[` is one. */
export const jsonText = (value: unknown, indent?: number): string =>
  JSON.stringify(value, null, indent)
    .replace(ACTIVE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/##\[/g, '#\\u0023[');

export const reportJson = (report: unknown): string => `${jsonText(report, 2)}\n`;
