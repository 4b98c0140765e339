// Which bytes are UTF-8 text, and where a file stops being it: the offset of the first byte of
// the first bad sequence, and its line and column in characters.

import { describe, expect, it } from 'vitest';
import { decodeText } from '../src/text-file.js';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('decodeText', () => {
  it('reads UTF-8, dropping a byte-order mark', () => {
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], 'café ✓ 𝄞'))).toMatchObject({ text: 'café ✓ 𝄞' });
  });

  it.each([
    // Latin-1 é: the lead byte is where it goes wrong, not the newline after it.
    ['a Latin-1 byte', bytes('ab\ncaf', [0xe9], '\n'), 'byte 0xE9 at byte offset 6', 2, 4],
    // 'é' is 2 bytes but 1 column: columns count characters.
    ['after a multi-byte character', bytes('é', [0xff]), 'byte 0xFF at byte offset 2', 1, 2],
    ['an overlong form', bytes('x', [0xc0, 0x80]), 'byte 0xC0 at byte offset 1', 1, 2],
    ['a surrogate', bytes([0xed, 0xa0, 0x80]), 'byte 0xED at byte offset 0', 1, 1],
    ['above U+10FFFF', bytes([0xf4, 0x90, 0x80, 0x80]), 'byte 0xF4 at byte offset 0', 1, 1],
    ['a sequence cut off at the end', bytes('ok ', [0xe2, 0x82]), 'byte 0xE2 at byte offset 3', 1, 4],
    ['a stray continuation byte', bytes('a\nb\n', [0x80]), 'byte 0x80 at byte offset 4', 3, 1],
    ['a NUL byte', bytes('a\nbc', [0]), 'a NUL byte at byte offset 4', 2, 3],
    ['a UTF-16 byte-order mark', bytes([0xff, 0xfe, 0x61, 0]), 'a UTF-16 byte-order mark at byte offset 0', 1, 1],
  ])('refuses %s, placed', (_name, input, what, line, col) => {
    const read = decodeText(input);
    expect(read).toMatchObject({ unreadable: { kind: 'not-text', message: `is not UTF-8 text: ${what}`, line, col } });
  });

  it('reports whichever comes first, a NUL byte or a bad sequence, with the binary hint either way', () => {
    expect(decodeText(bytes('ab', [0], [0xff]))).toMatchObject({ unreadable: { message: 'is not UTF-8 text: a NUL byte at byte offset 2', hint: 'it looks like a binary file' } });
    expect(decodeText(bytes('ab', [0xff], [0]))).toMatchObject({ unreadable: { message: 'is not UTF-8 text: byte 0xFF at byte offset 2', hint: 'it looks like a binary file' } });
  });
});
