// A catalogue entry's own doubt about its figures: the sentences of its note that call a figure
// an estimate or a placeholder, or ask the reader to verify it. They travel with the option into
// every report, so a price the catalogue itself questions is never shown as if it were firm.

/** Words by which a catalogue note marks a figure as uncertain (pricing/README.md: ESTIMATE). */
const DOUBT = /\bESTIMATES?\b|\bPLACEHOLDER\b|verify before use|\bunconfirmed\b|\bunverified\b/i;

/** A marker sentence this short ("Verify before use.") is quoted with the one before it. */
const SHORT_SENTENCE = 40;

/** Per notes array (a catalogue entry's, read once): a simulation asks for the same ones per sample. */
const cache = new WeakMap<readonly string[], string[]>();

/** The sentences of `notes` that express doubt, each with enough context to be read alone. */
export function doubtsIn(notes: readonly string[]): string[] {
  const known = cache.get(notes);
  if (known) return [...known];
  const found = findDoubts(notes);
  cache.set(notes, found);
  return [...found];
}

function findDoubts(notes: readonly string[]): string[] {
  const found: string[] = [];
  for (const note of notes) {
    const sentences = note.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s+(?=[A-Z(])/);
    sentences.forEach((sentence, i) => {
      if (!DOUBT.test(sentence)) return;
      const before = i > 0 && sentence.length < SHORT_SENTENCE ? `${sentences[i - 1]} ` : '';
      found.push(`${before}${sentence}`);
    });
  }
  return [...new Set(found)];
}

/** The warning an option carries for each doubt: "hetzner/ccx33's catalogue entry: ...". */
export const doubtWarnings = (id: string, notes: readonly string[]): string[] => doubtsIn(notes).map((d) => `${id}'s catalogue entry: "${d}"`);
