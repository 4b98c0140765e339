// Where `npm run validate -- --write` puts its accuracy tables: the full one between two markers in
// docs/accuracy.md, a summary (one line a kind, against its goal) between two others in the
// README's Accuracy section. Kept apart from scripts/validate.mjs so that a test can check the
// pages hold the markers without running the fit.

export const ACCURACY_PAGE = 'docs/accuracy.md';
export const BEGIN = '<!-- accuracy:begin (npm run validate -- --write) -->';
export const END = '<!-- accuracy:end -->';
export const SUMMARY_PAGE = 'README.md';
export const SUMMARY_BEGIN = '<!-- accuracy-summary:begin (npm run validate -- --write) -->';
export const SUMMARY_END = '<!-- accuracy-summary:end -->';

/** `text` with what lies between the markers replaced by `body`; undefined without both markers in order. */
export function replaceAccuracyBlock(text, body, begin = BEGIN, end = END) {
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) return undefined;
  return `${text.slice(0, i + begin.length)}\n${body}\n${text.slice(j)}`;
}
