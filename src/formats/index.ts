// The format registry: one renderer per format, all with one signature. Renderers round; they
// never compute. Every registry is wrapped in displayed() (terminal-text.ts): its renderers get
// the report with user text already shown safely, so call them through the registry.

import type { EstimateReport } from '../report.js';
import { estimateCsv } from './csv.js';
import { reportJson } from './json.js';
import { estimateMarkdown } from './markdown.js';
import { estimateTable } from './table.js';
import { displayed } from './terminal-text.js';

import type { Format } from './names.js';

export { FORMATS, type Format } from './names.js';

export interface RenderOptions {
  color: boolean;
  /** Columns the table format may take (docs/output.md); undefined: no limit (--wide, or a file). */
  width?: number | undefined;
}

export const estimateRenderers = displayed<Format, EstimateReport, RenderOptions>({
  table: estimateTable,
  json: reportJson,
  markdown: estimateMarkdown,
  csv: estimateCsv,
});
