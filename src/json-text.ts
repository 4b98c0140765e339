// JSON text with its errors placed: JSON.parse's verdict and words, at the line and column where
// the text stops being JSON. V8 gives that offset for most errors ("... in JSON at position 40")
// but not for an unexpected token or an early end; a scan finds it then. Pure.

export type JsonRead = { value: unknown } | { reason: string; line: number; col: number };

export function parseJson(text: string): JsonRead {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stated = /at position (\d+)/.exec(message);
    const offset = stated ? Number(stated[1]) : firstJsonError(text);
    return { reason: jsonReason(message), ...lineAndCol(text, offset < 0 ? 0 : offset) };
  }
}

/** The parser's words without its offset or its quote of the text (which may be long, or binary). */
function jsonReason(message: string): string {
  return message
    .replace(/ (?:in JSON )?at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
}

/** Line and column (in characters) of an offset into the text. */
export function lineAndCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.slice(0, lineStart).split('\n').length, col: [...before.slice(lineStart)].length + 1 };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
// A string: no raw control characters (U+0000..U+001F) inside, only the escapes JSON allows.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

/**
 * The offset at which `text` stops being JSON (RFC 8259), or -1 when it is JSON. A loop over a
 * stack of open brackets rather than recursion: a deeply nested file cannot overflow the stack.
 */
export function firstJsonError(text: string): number {
  const open: ('{' | '[')[] = [];
  let i = 0;
  let expect: 'value' | 'value or ]' | 'key' | 'key or }' | 'after' = 'value';
  const match = (pattern: RegExp): boolean => {
    pattern.lastIndex = i;
    const m = pattern.exec(text);
    if (m) i += m[0].length;
    return m !== null;
  };
  for (;;) {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
    const c = text[i];
    if (expect === 'after') {
      const top = open.at(-1);
      if (top === undefined) return i < text.length ? i : -1;
      if (c === ',') expect = top === '{' ? 'key' : 'value';
      else if (c === (top === '{' ? '}' : ']')) open.pop();
      else return i;
      i++;
    } else if (expect === 'key' || expect === 'key or }') {
      if (expect === 'key or }' && c === '}') {
        open.pop();
        i++;
        expect = 'after';
        continue;
      }
      if (!match(STRING)) return i;
      while (i < text.length && WHITESPACE.has(text[i]!)) i++;
      if (text[i] !== ':') return i;
      i++;
      expect = 'value';
    } else if (expect === 'value or ]' && c === ']') {
      open.pop();
      i++;
      expect = 'after';
    } else if (c === '{' || c === '[') {
      open.push(c);
      i++;
      expect = c === '{' ? 'key or }' : 'value or ]';
    } else if (match(STRING) || match(NUMBER)) {
      expect = 'after';
    } else {
      // true, false, null: the first character that departs from the word (`tru}` at the }).
      const word = LITERALS.find((w) => w[0] === c);
      if (word === undefined) return i;
      for (const letter of word) {
        if (text[i] !== letter) return i;
        i++;
      }
      expect = 'after';
    }
  }
}
