// Counts from src/tokens/tokenizer.ts (tiktoken's algorithm in src/tokens/bpe.ts, over
// gpt-tokenizer's rank tables) equal js-tiktoken's, the reference port of OpenAI's tiktoken, for
// both bundled encodings: on the fixture corpus (English prose, Chinese, code, CRLF text), on edge
// cases, and on generated strings that mix every kind of character.

import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { ENCODINGS, type EncodingName } from '../../src/tokens/encodings.js';
import { decodeText, readText } from '../../src/text-file.js';
import { loadTokenizer } from '../../src/tokens/tokenizer.js';
import { ROOT } from '../helpers.js';
import { mulberry32 } from '../../src/engine/random.js';

const RANKS = { o200k_base: o200k, cl100k_base: cl100k };
const reference = new Map<EncodingName, Tiktoken>();
/** js-tiktoken with no special tokens allowed or disallowed: <|endoftext|> is plain text. */
function referenceCount(encoding: EncodingName, text: string): number {
  let tiktoken = reference.get(encoding);
  if (!tiktoken) reference.set(encoding, (tiktoken = new Tiktoken(RANKS[encoding])));
  return tiktoken.encode(text, [], []).length;
}

const FIXTURES = join(ROOT, 'test', 'fixtures', 'tokens');
const corpus = readdirSync(FIXTURES)
  .sort()
  .map((name) => ({ name, text: readText(join(FIXTURES, name)) }));

const EDGE_CASES: Record<string, string> = {
  empty: '',
  'one space': ' ',
  'only whitespace': ' \t\n\r\n  \n\n\n   ',
  emoji: '👍 👍🏽 👩‍👩‍👧‍👦 🇫🇷🇯🇵 ❤️‍🔥 🤖💬 😀😃😄😁',
  'special tokens as text': '<|endoftext|><|endoftext|> <|fim_prefix|>x<|fim_suffix|>y<|fim_middle|> <|im_start|>system<|im_sep|>hi<|im_end|> <|endofprompt|>',
  'almost special': '<|endoftext| <|endoftext|| |endoftext|> <|ENDOFTEXT|>',
  CRLF: 'a\r\nb\r\n\r\nc\r\r\n\n\rd',
  'long digit run': '12345678901234567890123456789012345678901234567890',
  'long letter run': 'a'.repeat(2000),
  'long space run': `x${' '.repeat(1000)}y`,
  'combining marks': 'e\u0301 n\u0303 a\u030A\u0323 Z\u0351\u0358\u0300a\u0315l\u0308g\u0301o',
  'right-to-left': 'مرحبا بالعالم — שלום עולם',
  'zero-width and NBSP': 'a\u200Bb\u200Cc\u200Dd\u00A0e\uFEFFf\u2028g\u2029h',
  contractions: "I'd've they'LL we'RE it's O'Neill's rock'n'roll",
  'replacement character': 'bad bytes \uFFFD\uFFFD here',
  // A text with a character above U+00FF is counted in segments cut after line feeds (bpe.ts).
  'line feed, space, wide character': '\n ；',
  'line feeds beside wide characters': '中\n\nabc\n/中\n def\n\t中\r\n中\nx中\n\n\n中\n',
  'wide character first and last': '中\nabc\n中',
  'slash after a line feed': '中。\n/ path\n//中\n/',
};

/** A deterministic mixed string: ASCII, punctuation, whitespace, CJK, emoji, accents. */
function generated(seed: number, length: number): string {
  const random = mulberry32(seed);
  const pools = [
    'abcdefghijklmnopqrstuvwxyz',
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    '0123456789',
    ' ',
    '   \t\n\r\n',
    '.,;:!?\'"()[]{}<>|/\\-_=+*&^%$#@~`',
    '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年',
    'éèàüößçñøåæœ',
    '😀🚀🇫🇷👍🏽👩‍💻',
    'привет мир',
  ];
  let text = '';
  while ([...text].length < length) {
    const pool = [...pools[Math.floor(random() * pools.length)]!];
    const run = 1 + Math.floor(random() * 8);
    for (let i = 0; i < run; i++) text += pool[Math.floor(random() * pool.length)];
  }
  return text;
}

describe.each(ENCODINGS)('%s: counts equal js-tiktoken’s', (encoding) => {
  const tokenizer = loadTokenizer(encoding);

  it.each(corpus.map((c) => [c.name, c.text]))('fixture %s', (_name, text) => {
    expect(text.length).toBeGreaterThan(0);
    expect(tokenizer.count(text)).toBe(referenceCount(encoding, text));
  });

  it('the fixtures joined into one text, and each line on its own', () => {
    const all = corpus.map((c) => c.text).join('\n');
    expect(tokenizer.count(all)).toBe(referenceCount(encoding, all));
    for (const line of all.split('\n')) expect(tokenizer.count(line), line).toBe(referenceCount(encoding, line));
  });

  it.each(Object.entries(EDGE_CASES))('edge case: %s', (_name, text) => {
    expect(tokenizer.count(text)).toBe(referenceCount(encoding, text));
  });

  // gpt-tokenizer 4.0.0's own countTokens misses these tokens (see vocabularyFrom in src/tokens/bpe.ts).
  it('U+FEFF inside a text: every token that begins with it', () => {
    const pieces = ['\uFEFF', '\uFEFFusing', '\uFEFF\n\n', '\uFEFFnamespace', '\uFEFF\n', '\uFEFF출장안마', '\uFEFF//', '\uFEFF#', '\uFEFF\uFEFF', '\uFEFF/*\n', '\uFEFF你', '\uFEFF\uD800x'];
    for (const piece of pieces) {
      for (const text of [piece, `a${piece}b`, `a ${piece} b`, `${piece}${piece}`, `\n${piece}\n`, `x\uFEFF${piece}`]) {
        expect(tokenizer.count(text), JSON.stringify(text)).toBe(referenceCount(encoding, text));
      }
    }
    expect(tokenizer.count('\uFEFF')).toBe(1);
  });

  // Pieces over 64 bytes take the heap merge in src/tokens/bpe.ts: one long piece of each kind.
  it('long pieces: runs of Chinese, letters, Cyrillic, emoji and punctuation', () => {
    const pick = (pool: string, seed: number, length: number) => {
      const chars = [...pool];
      let out = '';
      for (let i = 0; i < length; i++) out += chars[(i * 7919 + seed * 104729 + ((i * i) % 97)) % chars.length];
      return out;
    };
    const pools = ['的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长', 'abcdefghijklmnopqrstuvwxyzAEIOU', 'абвгдежзийклмнопрстуфхцчшщыьэюя', '😀🚀👍🏽🔥✨', '.,;:!?()[]{}<>|/\\-_=+*&^%$#@~'];
    for (const [p, pool] of pools.entries()) {
      for (const length of [30, 65, 200, 700]) {
        const text = pick(pool, p + length, length);
        expect(tokenizer.count(text), `${p}:${length}`).toBe(referenceCount(encoding, text));
      }
    }
  });

  // Merges start from whole characters when that is known to give the same result (bpe.ts,
  // characterParts). The tokens that could make it differ are those that join part of a character
  // to its neighbour: each one here, completed into valid text, alone and beside other characters.
  it('every token that joins part of a character to its neighbour, completed into text', () => {
    const ranks = createRequire(import.meta.url)(`gpt-tokenizer/cjs/bpeRanks/${encoding}`).default as (string | number[])[];
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const text = (bytes: number[]) => {
      try {
        return strict.decode(new Uint8Array(bytes));
      } catch {
        return undefined;
      }
    };
    const continues = (byte: number) => byte >= 0x80 && byte < 0xc0;
    let checked = 0;
    for (const token of ranks) {
      if (typeof token === 'string' || text(token) !== undefined) continue;
      let first = 0;
      while (first < token.length && continues(token[first]!)) first++;
      let last = token.length - 1;
      while (last > 0 && continues(token[last]!)) last--;
      if (last === 0) continue;
      // Leading continuation bytes get a lead byte (and one more byte for three-byte characters)...
      const heads = first === 0 ? [[]] : first === 1 ? [[0xd0], [0xe0, 0xa4], [0xe7, 0x9a]] : first === 2 ? [[0xe0], [0xe1], [0xe5]] : [[0xf0]];
      // ...and a character cut short is finished with continuation bytes.
      const lead = token[last]!;
      const missing = Math.max(0, (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1) - (token.length - last));
      const tails = missing === 0 ? [[]] : [0x80, 0x9a, 0xbf].map((byte) => Array<number>(missing).fill(byte));
      for (const head of heads) {
        for (const tail of tails) {
          const core = text([...head, ...token, ...tail]);
          if (core === undefined) continue;
          for (const context of [core, `的${core}是`, ` ${core}x`, `${core}${core}`]) {
            expect(tokenizer.count(context), JSON.stringify(context)).toBe(referenceCount(encoding, context));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('generated text in scripts whose tokens join characters, with line breaks', () => {
    const random = mulberry32(11);
    const pools = ['的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年彩票', 'नमस्ते दुनिया हिन्दी भाषा', 'გამარჯობა მსოფლიო', 'שלום עולם', 'مرحبا بالعالم', 'привет мир', 'সবাইকে শুভেচ্ছা', 'สวัสดีชาวโลก', 'こんにちは世界カタカナ', '，。；：？！、“”（）', ' \n\t/\r\n', 'abc XYZ 123', '😀🚀👍🏽', 'éèàüößçñ'].map((pool) => [...pool]);
    for (let k = 0; k < 1500; k++) {
      let text = '';
      for (let run = 1 + Math.floor(random() * 12); run > 0; run--) {
        const pool = pools[Math.floor(random() * pools.length)]!;
        for (let c = 1 + Math.floor(random() * 10); c > 0; c--) text += pool[Math.floor(random() * pool.length)];
      }
      expect(tokenizer.count(text), JSON.stringify(text)).toBe(referenceCount(encoding, text));
    }
  });

  it('200 generated mixed strings', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const text = generated(seed, 20 + (seed % 50) * 10);
      expect(tokenizer.count(text), `seed ${seed}`).toBe(referenceCount(encoding, text));
    }
  });
});

describe('the count is of the text as sent', () => {
  it('the empty text has no tokens, and <|endoftext|> is not one special token', () => {
    const tokenizer = loadTokenizer('o200k_base');
    expect(tokenizer.count('')).toBe(0);
    expect(tokenizer.count('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('a UTF-8 byte-order mark is dropped: a file saved with one counts like one saved without', () => {
    const text = 'Hello, world';
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(decodeText(withBom)).toMatchObject({ text });
  });
});
