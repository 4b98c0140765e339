// Format names alone, so the CLI can list them without loading any renderer.
export const FORMATS = ['table', 'json', 'markdown', 'csv'] as const;
export type Format = (typeof FORMATS)[number];
