// Where `npm run validate -- --write` puts its accuracy table: between two markers in
// docs/accuracy.md. Kept apart from scripts/validate.mjs so that a test can check the page holds
// the markers without running the fit.

export const ACCURACY_PAGE = 'docs/accuracy.md';
export const BEGIN = '<!-- accuracy:begin (npm run validate -- --write) -->';
export const END = '<!-- accuracy:end -->';

/** `text` with what lies between the markers replaced by `body`; undefined without both markers in order. */
export function replaceAccuracyBlock(text, body) {
  const i = text.indexOf(BEGIN);
  const j = text.indexOf(END);
  if (i < 0 || j < i) return undefined;
  return `${text.slice(0, i + BEGIN.length)}\n${body}\n${text.slice(j)}`;
}
