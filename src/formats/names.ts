// Format names alone, so the CLI can list them without loading any renderer.
export const FORMATS = ['table', 'json', 'markdown', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** The analysis commands (estimate, breakeven, forecast, simulate) also write a self-contained HTML report. */
export const ANALYSIS_FORMATS = [...FORMATS, 'html'] as const;
export type AnalysisFormat = (typeof ANALYSIS_FORMATS)[number];
