// Defaults shown as what they are: a figure of the kind's usage preset (src/presets.ts) is offered
// as "typical" with where it comes from, in the question and in the saved file's comment; an
// estimate says so. Any other default is an example.

import type { PresetFigure } from '../presets.js';

/** Short names of the presets' sources; any other source is named by its host. */
const SOURCE_NAMES: [RegExp, string][] = [
  [/arxiv\.org\/abs\/2309\.11998/, 'LMSYS-Chat-1M'],
  [/platform\.openai\.com\/docs\/assistants\/tools\/file-search/, 'OpenAI file search default'],
  [/code\.claude\.com\/docs\/en\/costs/, "Claude Code's published costs"],
];

/** "typical: LMSYS-Chat-1M" / "typical, an estimate from Claude Code's published costs". */
export function typicalLabel(figure: PresetFigure): string {
  const named = SOURCE_NAMES.find(([re]) => re.test(figure.source))?.[1] ?? hostOf(figure.source);
  return /^ESTIMATE\b/.test(figure.note) ? `typical, an estimate from ${named}` : `typical: ${named}`;
}

/** The label when `value` is the figure's (as typed or defaulted); undefined when the person changed it. */
export function typicalNote(figure: PresetFigure | undefined, value: string | undefined): string | undefined {
  return figure !== undefined && value !== undefined && value.trim() === figure.value ? typicalLabel(figure) : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
