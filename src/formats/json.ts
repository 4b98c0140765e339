// The json format of every command: the report itself, which is the public schema (report.ts),
// unrounded, two-space indented, ending in a newline.

export const reportJson = (report: unknown): string => `${JSON.stringify(report, null, 2)}\n`;
