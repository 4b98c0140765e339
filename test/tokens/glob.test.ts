// File patterns: `*`, `?` and `**` over a real folder tree, dotfiles left out as shells do.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandArguments, expandPattern, segmentRegExp } from '../../src/glob.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'llm-tco-glob-'));
  const files = ['a.md', 'b.md', 'c.txt', 'ab.md', '.hidden.md', 'docs/x.md', 'docs/y.txt', 'docs/deep/z.md', 'docs/.secret/s.md', 'node/q.md', 'weird[1].md'];
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), file);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('segmentRegExp', () => {
  it('* is any run within a segment, ? one character, everything else literal', () => {
    expect(segmentRegExp('*.md').test('a.md')).toBe(true);
    expect(segmentRegExp('*.md').test('a.mdx')).toBe(false);
    expect(segmentRegExp('?.md').test('ab.md')).toBe(false);
    expect(segmentRegExp('a+b.(md)').test('a+b.(md)')).toBe(true);
    expect(segmentRegExp('weird[1].md').test('weird1.md')).toBe(false);
  });
});

describe('expandPattern', () => {
  it('*: files of one folder, sorted, without dotfiles', () => {
    expect(expandPattern('*.md', root)).toEqual(['a.md', 'ab.md', 'b.md', 'weird[1].md']);
  });

  it('?: exactly one character', () => {
    expect(expandPattern('?.md', root)).toEqual(['a.md', 'b.md']);
  });

  it('**: any depth, none included, never into dot folders', () => {
    expect(expandPattern('**/*.md', root)).toEqual(['a.md', 'ab.md', 'b.md', 'docs/deep/z.md', 'docs/x.md', 'node/q.md', 'weird[1].md']);
    expect(expandPattern('docs/**/*.md', root)).toEqual(['docs/deep/z.md', 'docs/x.md']);
  });

  it('folder/** alone is every file below the folder', () => {
    expect(expandPattern('docs/**', root)).toEqual(['docs/deep/z.md', 'docs/x.md', 'docs/y.txt']);
  });

  it('a dot in the pattern matches dotfiles', () => {
    expect(expandPattern('.*.md', root)).toEqual(['.hidden.md']);
  });

  it('keeps the literal folder prefix as typed, ./ included', () => {
    expect(expandPattern('./docs/*.md', root)).toEqual(['./docs/x.md']);
  });

  it('an absolute pattern gives absolute paths', () => {
    expect(expandPattern(`${root}/docs/*.txt`)).toEqual([`${root}/docs/y.txt`]);
  });

  it('a path without wildcards is itself, existing or not', () => {
    expect(expandPattern('no/such/file.md', root)).toEqual(['no/such/file.md']);
  });

  it('a pattern under a missing folder matches nothing', () => {
    expect(expandPattern('missing/*.md', root)).toEqual([]);
  });
});

describe('expandArguments', () => {
  it('keeps order, drops repeats, keeps -, and reports each pattern that matches nothing', () => {
    const { files, problems } = expandArguments(['b.md', '*.md', '-', '*.csv', 'docs/*.nope'], root);
    expect(files).toEqual(['b.md', 'a.md', 'ab.md', 'weird[1].md', '-']);
    expect(problems.map((p) => `${p.location.file}: ${p.message}`)).toEqual(['*.csv: matches no files', 'docs/*.nope: matches no files']);
  });
});
