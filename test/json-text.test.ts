// Invalid JSON is placed at the line and column where it stops being JSON, whether or not the
// parser's message states the offset.

import { describe, expect, it } from 'vitest';
import { firstJsonError, parseJson } from '../src/json-text.js';

describe('parseJson', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJson('{"a": [1, -2.5e3, true, null, "x\\"y"]}')).toEqual({ value: { a: [1, -2500, true, null, 'x"y'] } });
  });

  it.each([
    // The parser states an offset.
    ['a trailing comma', '{\n  "a": 1,\n}', "Expected double-quoted property name", 3, 1],
    ['a missing comma', '{"a": 1\n "b": 2}', "Expected ',' or '}' after property value", 2, 2],
    ['text after the value', '{"a": 1}\n}', 'Unexpected non-whitespace character after JSON', 2, 1],
    // It does not: the scan finds the place. Its quote of the text is left out.
    ['an unexpected token', '{\n  "a": x\n}', "Unexpected token 'x'", 2, 8],
    ['a broken literal', '{"a": tru}', "Unexpected token '}'", 1, 10],
    ['a comma before ]', '[1,\n ]', "Unexpected token ']'", 2, 2],
    ['an early end', '{"a": [1,\n', 'Unexpected end of JSON input', 2, 1],
    ['an empty text', '', 'Unexpected end of JSON input', 1, 1],
    // Columns count characters: é is one.
    ['after a non-ASCII key', '{"é": x}', "Unexpected token 'x'", 1, 7],
  ])('%s', (_name, text, reason, line, col) => {
    expect(parseJson(text)).toEqual({ reason, line, col });
  });
});

describe('firstJsonError', () => {
  it('agrees with JSON.parse on what is JSON', () => {
    for (const text of ['0', ' "s" ', '[]', '{}', '[[[]]]', '{"a":{"b":[1,{"c":null}]}}', '-0.5E+2', '"\\u00e9\\n"']) expect(firstJsonError(text), text).toBe(-1);
    for (const text of ['', '01', '[1,]', '{"a"}', '{,}', '"a\\x"', 'nul', '1 2', '{"a":1,}', '[', '-', '.5']) expect(firstJsonError(text), text).toBeGreaterThanOrEqual(0);
  });

  it('does not overflow on deep nesting', () => {
    expect(firstJsonError('['.repeat(200_000) + 'x')).toBe(200_000);
  });
});
