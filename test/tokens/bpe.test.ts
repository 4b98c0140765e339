// The byte-pair merge in src/tokens/bpe.ts on tiny vocabularies made up here, where each merge
// can be followed by hand. Real vocabularies are compared with js-tiktoken in exactness.test.ts;
// these cases are ones that o200k_base and cl100k_base do not happen to contain.

import { describe, expect, it } from 'vitest';
import { tokenCounter, vocabularyFrom } from '../../src/tokens/bpe.js';

/** Ranks 0-255 are the single bytes, as in tiktoken's encodings; then `merged`, in order. */
function counter(merged: string[]): (text: string) => number {
  const bytes = Array.from({ length: 256 }, (_, byte) => [byte]);
  return tokenCounter(vocabularyFrom([...bytes, ...merged], /[\s\S]+/gu));
}

describe('merging from whole characters', () => {
  // é ñ ü ö are two bytes each: c3 a9, c3 b1, c3 bc, c3 b6. Ranks: é 256, ñ 257, ö 258,
  // ñü 259, éñ 260, ü 261, üö 262.
  // From bytes, "éñüö" merges c3a9 → é (256), c3b1 → ñ (257), c3b6 → ö (258); then of the pairs
  // é+ñ (260) and c3+bc (261), éñ; then ü (261); then ü+ö (262): [éñ][üö], 2 tokens.
  // Starting from whole characters would merge ñ+ü (259) first: [é][ñü][ö], 3 tokens. The pair
  // é+ñ (260) is a token at or below ü's own rank (261), so the counter must start from bytes.
  const count = counter(['é', 'ñ', 'ö', 'ñü', 'éñ', 'ü', 'üö']);

  it('starts from bytes when two neighbours make a token before a character is whole', () => {
    expect(count('éñüö')).toBe(2);
  });

  it('gives the same count as bytes when every character is whole first', () => {
    // Without ü: é, ñ, ö are whole (256-258) before éñ (260): [éñ][ö], 2 tokens either way.
    expect(count('éñö')).toBe(2);
    // ö (258), ü (261), and öü is not a token: 2 tokens.
    expect(count('öü')).toBe(2);
  });
});

describe('a token that joins part of a character to its neighbour', () => {
  // "éñ" is c3 a9 c3 b1. Ranks: é 257, ñ 258, and a9 c3 (the end of é joined to the start of
  // the next character) either 256 or 259. At 256 it merges first: c3 [a9 c3] b1, and neither
  // c3+a9c3 nor a9c3+b1 is a token: 3 tokens. At 259, é (257) and ñ (258) are whole first, and
  // é+ñ is not a token: 2 tokens.
  it('is taken before the character is whole when its rank is lower', () => {
    const joinsFirst = tokenCounter(vocabularyFrom([...Array.from({ length: 256 }, (_, byte) => [byte]), [0xa9, 0xc3], 'é', 'ñ'], /[\s\S]+/gu));
    expect(joinsFirst('éñ')).toBe(3);
    const wholeFirst = tokenCounter(vocabularyFrom([...Array.from({ length: 256 }, (_, byte) => [byte]), 'é', 'ñ', [0xa9, 0xc3]], /[\s\S]+/gu));
    expect(wholeFirst('éñ')).toBe(2);
  });
});
