// Byte-pair encoding, counting only: how many tokens tiktoken's algorithm makes of a text, for a
// vocabulary (token ranks) and the encoding's split pattern. Pure: no I/O.
//
// The algorithm is tiktoken's (openai/tiktoken src/lib.rs, byte_pair_merge): split the text
// with the pattern; a piece that is a token counts one; any other piece starts as its UTF-8
// bytes and repeatedly merges the adjacent pair whose joined bytes have the lowest rank (the
// leftmost on a tie) until no pair is a token. What is llm-tco's own is how it gets there fast
// in JavaScript, each step measured with bench/tokens.mjs:
// - the split pattern runs sticky with `test`, so no match array is built per piece (matchAll's
//   were most of the time on English and code);
// - a text with a character above U+00FF is counted in segments cut after line feeds, and the
//   segments without one as one-byte strings, which V8 matches and hashes twice as fast;
// - a piece whose characters would each become whole before any merge across them starts its
//   merges from characters, not bytes (characterParts: most Chinese pieces);
// - rank look-ups: a pair of bytes in a 64 K table filled as pairs are first seen; bytes that
//   begin and end on character boundaries are valid UTF-8, looked up by their text (a slice of
//   the piece, no TextDecoder call) after a Bloom filter, and a single character in another 64 K
//   table; any other bytes can only be one of the few tokens that are not valid UTF-8 (1,571 in
//   o200k_base), looked up by their bytes after a first/last-byte filter;
// - pieces of alphabetic scripts and code are cached (words repeat); long pieces merge through a
//   heap (n log n).
// Counts are checked against js-tiktoken in test/tokens/exactness.test.ts, and on made-up
// vocabularies in test/tokens/bpe.test.ts.

import { Buffer } from 'node:buffer';

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
/** String.prototype.isWellFormed and toWellFormed (Node 20; ES2024, past this project's lib). */
interface WellFormed {
  isWellFormed(): boolean;
  toWellFormed(): string;
}
const UNSEEN = -1;
const NOT_FAST = -2;
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

  // Per UTF-16 unit, for starting merges from characters (characterParts): the highest rank
  // merged inside the character when its bytes merge alone, or NOT_FAST when they do not become
  // one token.
  const highestInside = new Int32Array(65_536).fill(UNSEEN);
  const spans = spanningTokens(byBytes);

  const learnCharacter = (code: number): number => {
    if (code < 0x80) return 0;
    const whole = code >= 0xd800 && code < 0xe000 ? undefined : byText.get(String.fromCharCode(code));
    if (whole === undefined) return NOT_FAST;
    if (code < 0x800) return whole;
    const bytes = utf8(code);
    const left = byBytes.get(bytes.slice(0, 2)) ?? NO_RANK;
    const right = byBytes.get(bytes.slice(1)) ?? NO_RANK;
    // Neither pair a token: the bytes stay apart (three tokens).
    if (left === NO_RANK && right === NO_RANK) return NOT_FAST;
    return Math.max(whole, Math.min(left, right));
  };

  /**
   * The lowest rank of a token that joins part of a character to its neighbour across the
   * boundary of two (UTF-16 units, neither a surrogate), or NO_RANK. Most boundaries have none,
   * which a filter on the two bytes either side says.
   */
  const lowestAcross = (before: number, after: number): number => {
    // The last byte of `before` and the first of `after`, as utf8() would give them.
    const h = ((before < 0x80 ? before : 0x80 | (before & 0x3f)) << 8) | (after < 0x80 ? after : after < 0x800 ? 0xc0 | (after >> 6) : 0xe0 | (after >> 12));
    if ((spans.filter[h >>> 5]! & (1 << (h & 31))) === 0) return NO_RANK;
    const left = utf8(before);
    const right = utf8(after);
    let lowest = NO_RANK;
    for (let k = 1; k < right.length; k++) lowest = Math.min(lowest, spans.byPart.get(`<${left[left.length - 1]!}${right.slice(0, k)}`) ?? NO_RANK);
    for (let k = 1; k < left.length; k++) lowest = Math.min(lowest, spans.byPart.get(`>${left.slice(k)}${right[0]!}`) ?? NO_RANK);
    return lowest;
  };

  /**
   * Parts of the encoded piece as whole characters, in starts and ranks, when merging from them
   * gives the same merges as from bytes; 0 when it may not. It does when (a) every character's
   * bytes merge alone into one token, through ranks no higher than H, the highest in the piece;
   * (b) no token that would join part of a character to its neighbour there has a rank at or
   * below H (such tokens are not valid UTF-8: 794 in o200k_base, e.g. a space and the first byte
   * of 是, or 彩 and the first two bytes of 票), so nothing outside takes part of a character before
   * it is whole; and (c) no two neighbouring characters make a token at or below H, so every
   * character is whole before the first merge across characters. The byte-level run, once its
   * characters are whole, is then in the state this run starts from. Exactness on the corpus and
   * on random text: test/tokens/exactness.test.ts.
   */
  const characterParts = (text: string, n: number): number => {
    let highest = 0;
    let lowestSpan = NO_RANK;
    let before = -1;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let inside = highestInside[code]!;
      if (inside === UNSEEN) highestInside[code] = inside = learnCharacter(code);
      if (inside === NOT_FAST) return 0;
      if (inside > highest) highest = inside;
      if (before >= 0 && (before >= 0x80 || code >= 0x80)) lowestSpan = Math.min(lowestSpan, lowestAcross(before, code));
      before = code;
    }
    if (lowestSpan <= highest) return 0;
    let parts = 0;
    for (let b = 0; b < n; b++) if (charAt[b]! >= 0) starts[parts++] = b;
    starts[parts] = n;
    for (let i = 0; i < parts - 1; i++) {
      const rank = rankOf(starts[i]!, starts[i + 2]!);
      if (rank <= highest) return 0;
      ranks[i] = rank;
    }
    ranks[parts - 1] = NO_RANK;
    return parts;
  };

  /** Tokens of a piece that is not itself a token: tiktoken's byte_pair_merge, counted. */
  const mergeCount = (text: string): number => {
    piece = text;
    const n = encode(text);
    if (n <= 1) return n;
    let parts = n > text.length ? characterParts(text, n) : 0;
    if (parts === 0) {
      parts = n;
      for (let i = 0; i <= n; i++) starts[i] = i;
      for (let i = 0; i < n - 1; i++) ranks[i] = pairRank(i);
      ranks[n - 1] = NO_RANK;
    }
    if (parts > 64) return heapMergeCount(parts, n);
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

  /** The same merges as mergeCount's loop, from the parts in starts and ranks, through the heap. */
  const heapMergeCount = (initial: number, n: number): number => {
    if (next.length < n + 1) {
      next = new Int32Array(2 * n + 1);
      prev = new Int32Array(2 * n + 1);
      version = new Int32Array(2 * n + 1);
    }
    heapSize = 0;
    for (let k = 0; k < initial; k++) {
      const at = starts[k]!;
      next[at] = starts[k + 1]!;
      prev[at] = k > 0 ? starts[k - 1]! : -1;
      version[at] = 0;
      if (ranks[k] !== NO_RANK) heapPush(ranks[k]!, at, 0);
    }
    let parts = initial;
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

  // The split pattern, sticky: `test` at a position finds where the piece there ends without
  // building a match array (matchAll's arrays were most of the time on English and code). Every
  // character of a well-formed text begins a piece of o200k_base's and cl100k_base's patterns;
  // the global pattern is the fallback should a position match nothing (matchAll skips it).
  const sticky = new RegExp(splitter.source, `${splitter.flags.replace('g', '')}y`);

  /** Tokens of one piece: one if it is a token, else its merges. */
  const uncachedCount = (piece: string): number => ((piece.length === 1 || mightBe(piece, 0, piece.length)) && byText.has(piece) ? 1 : mergeCount(piece));

  /** Tokens of one piece: cached for the words of alphabetic scripts and code, which repeat. */
  const pieceCount = (piece: string): number => {
    let count = pieceCounts.get(piece);
    if (count !== undefined) return count;
    count = uncachedCount(piece);
    if (pieceCounts.size >= PIECE_CACHE_SIZE) pieceCounts.clear();
    pieceCounts.set(piece, count);
    return count;
  };

  /** Tokens of a text, piece by piece. */
  const countPieces = (text: string): number => {
    let total = 0;
    let at = 0;
    while (at < text.length) {
      sticky.lastIndex = at;
      if (!sticky.test(text)) {
        splitter.lastIndex = at;
        const found = splitter.exec(text);
        if (found === null) break;
        sticky.lastIndex = found.index + found[0].length;
        at = found.index;
      }
      const end = sticky.lastIndex;
      // A run of CJK characters (one piece up to the next punctuation) seldom repeats: merging
      // it is cheaper than a cache miss and insert.
      total += text.charCodeAt(end - 1) >= CJK_START ? uncachedCount(text.slice(at, end)) : pieceCount(text.slice(at, end));
      at = end;
    }
    return total;
  };


  return (text: string): number => {
    // A lone surrogate reaches an API as U+FFFD (it has no UTF-8), as tiktoken's encoder makes it.
    const wellFormed = (text as unknown as WellFormed).isWellFormed() ? text : (text as unknown as WellFormed).toWellFormed();
    // One character above U+00FF makes V8 store the whole text two bytes per character, and every
    // piece sliced from it too, which halves the speed of matching and looking up English and code
    // (measured 20 vs 10 MB/s on the same English). So a text with such characters is counted in
    // segments cut where a piece always ends (see nextCut): those without such characters are
    // copied to one-byte strings first (about 1 ms a megabyte), the others counted as they are.
    WIDE.lastIndex = 0;
    let wide = WIDE.exec(wellFormed);
    if (wide === null) return countPieces(wellFormed);
    let total = 0;
    let from = 0;
    while (wide !== null) {
      const start = cutBefore(wellFormed, from, wide.index);
      if (start > from) total += countPieces(narrow(wellFormed.slice(from, start)));
      from = nextCut(wellFormed, wide.index);
      total += countPieces(wellFormed.slice(start, from));
      WIDE.lastIndex = from;
      wide = WIDE.exec(wellFormed);
    }
    if (from < wellFormed.length) total += countPieces(narrow(wellFormed.slice(from)));
    return total;
  };
}

/**
 * Tokens that join part of a character to a neighbour (none is valid UTF-8), by that part and the
 * neighbour's byte next to it, with the lowest rank of each: `<` and the byte before and the
 * first bytes of a character, for tokens that end in them; `>` and the last bytes of a character
 * and the byte after, for tokens that begin with them. The filter has a bit set for each pair of
 * bytes either side of such a boundary.
 */
function spanningTokens(byBytes: Map<string, number>): { byPart: Map<string, number>; filter: Uint32Array } {
  const byPart = new Map<string, number>();
  const filter = new Uint32Array(65_536 >>> 5);
  const lower = (key: string, rank: number, left: number, right: number) => {
    if (rank < (byPart.get(key) ?? NO_RANK)) byPart.set(key, rank);
    const h = (left << 8) | right;
    filter[h >>> 5]! |= 1 << (h & 31);
  };
  const continues = (byte: number) => byte >= 0x80 && byte < 0xc0;
  for (const [key, rank] of byBytes) {
    let last = key.length - 1;
    while (last > 0 && continues(key.charCodeAt(last))) last--;
    // Within one character: nothing to join.
    if (last === 0) continue;
    let first = 0;
    while (continues(key.charCodeAt(first))) first++;
    if (first > 0) lower(`>${key.slice(0, first + 1)}`, rank, key.charCodeAt(first - 1), key.charCodeAt(first));
    const lead = key.charCodeAt(last);
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (key.length - last < length) lower(`<${key.slice(last - 1)}`, rank, key.charCodeAt(last - 1), lead);
  }
  return { byPart, filter };
}

/** The UTF-8 bytes of a UTF-16 unit that is not a surrogate, one char per byte. */
function utf8(code: number): string {
  if (code < 0x80) return String.fromCharCode(code);
  if (code < 0x800) return String.fromCharCode(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
  return String.fromCharCode(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
}

/** A character that V8 cannot store in a one-byte string. */
const WIDE = /[^\0-\xff]/g;

/** A copy of a text of characters up to U+00FF as a one-byte string. */
function narrow(text: string): string {
  return Buffer.from(text, 'latin1').toString('latin1');
}

/**
 * Whether a piece of o200k_base's and cl100k_base's split patterns always ends at `at`: just
 * after a line feed, before a character that is neither white space nor `/`. No alternative of
 * either pattern matches across that point (a line feed only ever ends a piece: the letter and
 * number alternatives exclude it, white space cannot include the next character, and
 * punctuation's trailing `[\r\n/]*` cannot either), and none looks behind. So counting the text
 * before and after such a point apart gives the same pieces as counting it whole.
 */
function isCut(text: string, at: number): boolean {
  return text.charCodeAt(at - 1) === 0x0a && (at === text.length || !CONTINUES.test(text[at]!));
}
const CONTINUES = /[\s/]/;

/** The first cut after `at` (or the end of the text). */
function nextCut(text: string, at: number): number {
  for (let i = text.indexOf('\n', at); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (isCut(text, i + 1)) return i + 1;
  }
  return text.length;
}

/** The last cut at or before `at` and not before `from` (itself a cut). */
function cutBefore(text: string, from: number, at: number): number {
  if (at <= from) return from;
  for (let i = text.lastIndexOf('\n', at - 1); i >= from; i = i === 0 ? -1 : text.lastIndexOf('\n', i - 1)) {
    if (isCut(text, i + 1)) return i + 1;
  }
  return from;
}
