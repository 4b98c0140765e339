// The did-you-mean and the echo of a user's text stay small whatever the user wrote: a name of
// thousands of characters gets no suggestion (finding one would compare it with every catalogue
// name), and messages show its first characters and its length instead of all of it.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clip, didYouMeanOf, editDistance, suggest } from '../src/errors.js';
import { MAX_ECHO_CHARS, MAX_SUGGEST_CHARS } from '../src/limits.js';

/** The plain optimal-string-alignment distance, cell by cell: what the bounded one must agree with. */
function fullDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistance with a bound', () => {
  it('is exact up to the bound and says "more" (bound + 1) past it', () => {
    // Worked: kitten -> sitting is 3 edits (k->s, e->i, +g).
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    // A swap of neighbours is one edit.
    expect(editDistance('ab', 'ba', 1)).toBe(1);
    // Lengths 10 apart are at least 10 edits apart: over a bound of 2 without comparing a letter.
    expect(editDistance('a'.repeat(12), 'aa', 2)).toBe(3);
  });

  it('agrees with the full table on short words over a small alphabet', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        const full = fullDistance(a, b);
        expect(editDistance(a, b, max)).toBe(full <= max ? full : max + 1);
        expect(editDistance(a, b)).toBe(full);
      }),
      { seed: 20261204, numRuns: 400 },
    );
  });
});

describe('suggest on long input', () => {
  const names = ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-6', 'x'.repeat(70)];

  it(`offers nothing for a word longer than ${MAX_SUGGEST_CHARS} characters`, () => {
    expect(suggest('x'.repeat(MAX_SUGGEST_CHARS + 1), names)).toEqual([]);
    expect(suggest('x'.repeat(4000), names)).toEqual([]);
    expect(suggest('k'.repeat(1_000_000), ['traffic', 'workload'])).toEqual([]);
  });

  it('still suggests for a word at the limit', () => {
    const word = 'y'.repeat(MAX_SUGGEST_CHARS);
    expect(suggest(word, [`${word}z`, 'other'])).toEqual([`${word}z`]);
  });

  it('skips candidates too long or too short to be within reach, and finds the rest as before', () => {
    expect(suggest('gpt-4o-mni', names)).toEqual(['openai/gpt-4o-mini']);
    expect(suggest('trafic', ['traffic', 'x'.repeat(100_000)])).toEqual(['traffic']);
  });
});

describe('clip', () => {
  it(`keeps text of up to ${MAX_ECHO_CHARS} characters as it is`, () => {
    expect(clip('openai/gpt-4o-mini')).toBe('openai/gpt-4o-mini');
    expect(clip('a'.repeat(MAX_ECHO_CHARS))).toBe('a'.repeat(MAX_ECHO_CHARS));
  });

  it('shows the first characters of longer text and how long it is', () => {
    expect(clip('x'.repeat(4000))).toBe(`${'x'.repeat(MAX_ECHO_CHARS)}… (4,000 characters)`);
    expect(clip('k'.repeat(1_000_000))).toBe(`${'k'.repeat(MAX_ECHO_CHARS)}… (1,000,000 characters)`);
  });

  it('clips each name a did-you-mean offers', () => {
    expect(didYouMeanOf(['a'.repeat(100)])).toBe(`did you mean '${'a'.repeat(MAX_ECHO_CHARS)}… (100 characters)'?`);
  });
});
