// The rank tables as the build ships them (dist/tokens/*.ranks, one token a line) hold exactly
// gpt-tokenizer's tables: every rank's token, text or bytes, at its rank.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRanks, encodeRanks } from '../../src/tokens/rank-file.js';
import { ROOT } from '../helpers.js';

const packageTable = (encoding: string) => createRequire(import.meta.url)(`gpt-tokenizer/cjs/bpeRanks/${encoding}`).default as (string | number[])[];

describe('the rank file', () => {
  it('escapes backslashes and line feeds, and writes byte tokens as \\b and their bytes', () => {
    const ranks = ['a', 'x\ny', 'back\\slash', '\\n', [161, 32], '', '\\b1,2'];
    const text = encodeRanks(ranks);
    expect(text).toBe('a\nx\\ny\nback\\\\slash\n\\\\n\n\\b161,32\n\n\\\\b1,2');
    expect(decodeRanks(text)).toEqual(ranks);
  });

  it.each(['o200k_base', 'cl100k_base'])('round-trips gpt-tokenizer’s %s table', (encoding) => {
    const table = packageTable(encoding);
    expect(decodeRanks(encodeRanks(table))).toEqual(table);
  });

  it.each(['o200k_base', 'cl100k_base'])('is what the build wrote to dist/tokens/%s.ranks', (encoding) => {
    const built = decodeRanks(readFileSync(join(ROOT, 'dist', 'tokens', `${encoding}.ranks`), 'utf8'));
    expect(built).toEqual(packageTable(encoding));
  });
});
