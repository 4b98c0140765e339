// Byte-pair encoding, counting only: how many tokens tiktoken's algorithm makes of a text, for a
// vocabulary (token ranks) and the encoding's split pattern. Pure: no I/O.
//
// The algorithm is tiktoken's (openai/tiktoken src/lib.rs, byte_pair_merge): split the text
// with the pattern; a piece that is a token counts one; any other piece starts as its UTF-8
// bytes and repeatedly merges the adjacent pair whose joined bytes have the lowest rank (the
// leftmost on a tie) until no pair is a token. What is llm-tco's own is how a rank is looked up,
// which is where a JavaScript port spends its time:
// - a pair of bytes: a 64 K table filled as pairs are first seen;
// - bytes that begin and end on character boundaries are valid UTF-8: their text is a slice of
//   the piece, looked up by string (no TextDecoder call, which gpt-tokenizer makes per lookup),
//   and a single character in another 64 K table;
// - any other bytes can only be one of the few tokens that are not valid UTF-8 (1,571 in
//   o200k_base), looked up by their bytes, after a cheap first/last-byte filter;
// - a string of two or more characters is looked up only if a Bloom filter says it may be a token.
// Long pieces merge through a heap (n log n); runs of CJK characters skip the piece cache. On
// Chinese text this is several times gpt-tokenizer's countTokens; on English and code about the
// same (bench/tokens.mjs). Counts are checked against js-tiktoken in test/tokens/exactness.test.ts.

/** Ranks of one encoding: a token's rank is its id. */
export interface Vocabulary {
  /** Tokens that are valid UTF-8, by their text. */
  byText: Map<string, number>;
  /** Tokens that are not valid UTF-8, by their bytes as a Latin-1 string (one char per byte). */
  byBytes: Map<string, number>;
  /** The encoding's pre-tokenisation pattern (global, Unicode). */
  splitter: RegExp;
  /** Bloom filter bits over (length, first and last unit) of the texts of two or more units. */
  maybeToken: Uint32Array;
}

/**
 * A vocabulary from a rank table where entry i is token i: its text, or its bytes when they are
 * not valid UTF-8 on their own (gpt-tokenizer's bpeRanks format).
 */
export function vocabularyFrom(ranks: readonly (string | readonly number[])[], splitter: RegExp): Vocabulary {
  const byText = new Map<string, number>();
  const byBytes = new Map<string, number>();
  const maybeToken = new Uint32Array(FILTER_WORDS);
  const add = (text: string, rank: number) => {
    byText.set(text, rank);
    if (text.length < 2) return;
    const h = filterHash(text.length, text.charCodeAt(0), text.charCodeAt(text.length - 1));
    maybeToken[h >>> 5]! |= 1 << (h & 31);
  };
  // fatal: not text unless valid; ignoreBOM: a token that begins with U+FEFF keeps it (the
  // default decoder drops it, which is how gpt-tokenizer 4.0.0 loses those tokens).
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  for (let rank = 0; rank < ranks.length; rank++) {
    const token = ranks[rank]!;
    if (typeof token === 'string') {
      add(token, rank);
      continue;
    }
    let text: string | undefined;
    try {
      text = strict.decode(new Uint8Array(token));
    } catch {
      text = undefined;
    }
    if (text !== undefined) add(text, rank);
    else byBytes.set(String.fromCharCode(...token), rank);
  }
  return { byText, byBytes, splitter, maybeToken };
}

const NO_RANK = 0x7fffffff;
// With the u flag a surrogate pair is one code point, so \p{Cs} matches only a lone half.
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;
const UNSEEN = -1;
/** Pieces whose counts are remembered; text repeats words, and a full cache simply starts over. */
const PIECE_CACHE_SIZE = 50_000;
/** U+2E80, where the CJK blocks begin (radicals, kana, Han, Hangul lie above). */
const CJK_START = 0x2e80;

/**
 * A one-hash Bloom filter over (length, first and last UTF-16 unit) of every token text of two or
 * more units: 2^22 bits, about 5% false positives with o200k_base's 200,000 tokens.
 */
const FILTER_WORDS = (1 << 22) >>> 5;
function filterHash(length: number, first: number, last: number): number {
  let h = Math.imul(first, 0x9e3779b1) ^ Math.imul(last ^ (length << 16), 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h >>> 10;
}

/** A counting function over a vocabulary, with its own buffers and caches (one per encoding). */
export function tokenCounter(vocabulary: Vocabulary): (text: string) => number {
  const { byText, byBytes, splitter, maybeToken } = vocabulary;
  // First and last byte of every non-UTF-8 token: most byte runs are rejected without a string.
  const rawEnds = new Uint8Array(65_536);
  for (const key of byBytes.keys()) rawEnds[(key.charCodeAt(0) << 8) | key.charCodeAt(key.length - 1)] = 1;
  const pairRanks = new Int32Array(65_536).fill(UNSEEN);
  // Ranks of single UTF-16 characters, the commonest look-up in Chinese and Japanese text.
  const charRanks = new Int32Array(65_536).fill(UNSEEN);
  const pieceCounts = new Map<string, number>();
  // The vocabulary's Bloom filter (see vocabularyFrom) turns away most strings that are not tokens
  // before a Map lookup with a freshly sliced string, the costliest step on Chinese text. It only
  // says "maybe" or "no", so counts are unchanged.
  const mightBe = (text: string, from: number, to: number): boolean => {
    const h = filterHash(to - from, text.charCodeAt(from), text.charCodeAt(to - 1));
    return (maybeToken[h >>> 5]! & (1 << (h & 31))) !== 0;
  };

  // Working buffers for one piece, grown as needed: its UTF-8 bytes; for each byte offset, the
  // UTF-16 index it starts (or -1 inside a character); part boundaries; pair ranks.
  let bytes = new Uint8Array(256);
  let charAt = new Int32Array(257);
  let starts = new Int32Array(257);
  let ranks = new Int32Array(257);
  let piece = '';

  const rankOf = (start: number, end: number): number => {
    const from = charAt[start]!;
    const to = charAt[end]!;
    if (from >= 0 && to >= 0) {
      if (to - from !== 1) return mightBe(piece, from, to) ? (byText.get(piece.slice(from, to)) ?? NO_RANK) : NO_RANK;
      const code = piece.charCodeAt(from);
      let rank = charRanks[code]!;
      if (rank === UNSEEN) charRanks[code] = rank = byText.get(piece[from]!) ?? NO_RANK;
      return rank;
    }
    if (rawEnds[(bytes[start]! << 8) | bytes[end - 1]!] === 0) return NO_RANK;
    let key = '';
    for (let i = start; i < end; i++) key += String.fromCharCode(bytes[i]!);
    return byBytes.get(key) ?? NO_RANK;
  };

  const pairRank = (start: number): number => {
    const key = (bytes[start]! << 8) | bytes[start + 1]!;
    let rank = pairRanks[key]!;
    if (rank === UNSEEN) pairRanks[key] = rank = rankOf(start, start + 2);
    return rank;
  };

  /** UTF-8 of `text` into `bytes` (text is well formed), marking character boundaries. */
  const encode = (text: string): number => {
    const most = text.length * 3;
    if (bytes.length < most) {
      bytes = new Uint8Array(most * 2);
      charAt = new Int32Array(most * 2 + 1);
      starts = new Int32Array(most * 2 + 1);
      ranks = new Int32Array(most * 2 + 1);
    }
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      charAt[n] = i;
      if (c < 0x80) {
        bytes[n++] = c;
      } else if (c < 0x800) {
        bytes[n++] = 0xc0 | (c >> 6);
        charAt[n] = -1;
        bytes[n++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c < 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
        bytes[n++] = 0xf0 | (c >> 18);
        charAt[n] = -1;
        bytes[n++] = 0x80 | ((c >> 12) & 0x3f);
        charAt[n] = -1;
        bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
        charAt[n] = -1;
        bytes[n++] = 0x80 | (c & 0x3f);
      } else {
        bytes[n++] = 0xe0 | (c >> 12);
        charAt[n] = -1;
        bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
        charAt[n] = -1;
        bytes[n++] = 0x80 | (c & 0x3f);
      }
    }
    charAt[n] = text.length;
    return n;
  };

  // For long pieces (a run of Chinese text is one piece), a min-heap of pairs by (rank, position)
  // replaces the scan: the same merges in the same order (lowest rank, leftmost on a tie), in
  // n log n instead of n squared. Parts are a linked list over byte offsets: part i spans
  // [i, next[i]); a pair entry is stale once its left part changed (version) or was absorbed.
  let next = new Int32Array(257);
  let prev = new Int32Array(257);
  let version = new Int32Array(257);
  let heapRank = new Int32Array(512);
  let heapPos = new Int32Array(512);
  let heapVersion = new Int32Array(512);
  let heapSize = 0;

  const heapLess = (a: number, b: number) => heapRank[a]! < heapRank[b]! || (heapRank[a] === heapRank[b] && heapPos[a]! < heapPos[b]!);
  const heapSwap = (a: number, b: number) => {
    const r = heapRank[a]!, p = heapPos[a]!, v = heapVersion[a]!;
    heapRank[a] = heapRank[b]!; heapPos[a] = heapPos[b]!; heapVersion[a] = heapVersion[b]!;
    heapRank[b] = r; heapPos[b] = p; heapVersion[b] = v;
  };
  const heapPush = (rank: number, pos: number, ver: number) => {
    if (heapSize === heapRank.length) {
      const grow = (a: Int32Array) => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
      heapRank = grow(heapRank); heapPos = grow(heapPos); heapVersion = grow(heapVersion);
    }
    let i = heapSize++;
    heapRank[i] = rank; heapPos[i] = pos; heapVersion[i] = ver;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!heapLess(i, parent)) break;
      heapSwap(i, parent);
      i = parent;
    }
  };
  const heapPop = () => {
    heapSize--;
    if (heapSize > 0) heapSwap(0, heapSize);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heapSize && heapLess(l, m)) m = l;
      if (r < heapSize && heapLess(r, m)) m = r;
      if (m === i) break;
      heapSwap(i, m);
      i = m;
    }
  };

  /** Tokens of a piece that is not itself a token: tiktoken's byte_pair_merge, counted. */
  const mergeCount = (text: string): number => {
    piece = text;
    const n = encode(text);
    if (n <= 1) return n;
    if (n > 64) return heapMergeCount(n);
    for (let i = 0; i <= n; i++) starts[i] = i;
    for (let i = 0; i < n - 1; i++) ranks[i] = pairRank(i);
    ranks[n - 1] = NO_RANK;
    let parts = n;
    while (parts > 1) {
      let lowest = NO_RANK;
      let at = -1;
      for (let i = 0; i < parts - 1; i++) {
        if (ranks[i]! < lowest) {
          lowest = ranks[i]!;
          at = i;
        }
      }
      if (at < 0) break;
      // Parts `at` and `at + 1` become one: drop the boundary between them.
      for (let i = at + 1; i < parts; i++) starts[i] = starts[i + 1]!;
      for (let i = at + 1; i < parts - 1; i++) ranks[i] = ranks[i + 1]!;
      parts--;
      ranks[at] = at + 1 < parts ? rankOf(starts[at]!, starts[at + 2]!) : NO_RANK;
      if (at > 0) ranks[at - 1] = rankOf(starts[at - 1]!, starts[at + 1]!);
    }
    return parts;
  };

  const heapMergeCount = (n: number): number => {
    if (next.length < n + 1) {
      next = new Int32Array(2 * n + 1);
      prev = new Int32Array(2 * n + 1);
      version = new Int32Array(2 * n + 1);
    }
    heapSize = 0;
    for (let i = 0; i < n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
      version[i] = 0;
    }
    for (let i = 0; i < n - 1; i++) {
      const rank = pairRank(i);
      if (rank !== NO_RANK) heapPush(rank, i, 0);
    }
    let parts = n;
    while (heapSize > 0) {
      const at = heapPos[0]!;
      const ver = heapVersion[0]!;
      heapPop();
      // Stale: the left part has changed since (or was absorbed: its version moved on too).
      if (version[at] !== ver) continue;
      const right = next[at]!;
      if (right >= n) continue;
      // Parts `at` and `right` become one.
      const after = next[right]!;
      next[at] = after;
      if (after < n) prev[after] = at;
      version[right]! += 1;
      version[at]! += 1;
      parts--;
      if (after < n) {
        const rank = rankOf(at, next[after]!);
        if (rank !== NO_RANK) heapPush(rank, at, version[at]!);
      }
      const before = prev[at]!;
      if (before >= 0) {
        version[before]! += 1;
        const rank = rankOf(before, after);
        if (rank !== NO_RANK) heapPush(rank, before, version[before]!);
      }
    }
    return parts;
  };

  return (text: string): number => {
    // A lone surrogate reaches an API as U+FFFD (it has no UTF-8), as tiktoken's encoder makes it.
    const wellFormed = LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\uFFFD') : text;
    let total = 0;
    for (const [match] of wellFormed.matchAll(splitter)) {
      if ((match.length === 1 || mightBe(match, 0, match.length)) && byText.has(match)) {
        total++;
        continue;
      }
      // Words of alphabetic scripts and code repeat, and their counts are cached; a run of CJK
      // characters (one piece up to the next punctuation) seldom does, and merging it is cheaper
      // than a cache miss and insert.
      if (match.charCodeAt(match.length - 1) >= CJK_START) {
        total += mergeCount(match);
        continue;
      }
      let count = pieceCounts.get(match);
      if (count === undefined) {
        count = mergeCount(match);
        if (pieceCounts.size >= PIECE_CACHE_SIZE) pieceCounts.clear();
        pieceCounts.set(match, count);
      }
      total += count;
    }
    return total;
  };
}
