// Every relative link of README.md and docs/*.md leads somewhere: the file or folder exists, and
// an anchor (`page.md#section`, `#section`) names one of the page's headings, as GitHub makes them.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** GitHub's anchor for a heading: lower case, punctuation other than - and _ dropped, spaces to -. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

/** The lines of a page outside its fenced code blocks. */
function prose(text: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    else if (!fenced) out.push(line);
  }
  return out;
}

export function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of prose(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = anchorOf(heading[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Relative link targets of a page (not http:, mailto: or the like), with their lines. */
export function linksOf(text: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  let fenced = false;
  text.split('\n').forEach((line, i) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    // Inline code is not a link.
    const bare = line.replace(/`[^`]*`/g, '``');
    for (const m of bare.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links.push({ target, line: i + 1 });
    }
  });
  return links;
}

const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

describe('links', () => {
  it('anchors are made as GitHub makes them', () => {
    expect(anchorOf('`--compare-to FILE`: a saved report')).toBe('--compare-to-file-a-saved-report');
    expect(anchorOf('Scenario reference (v1)')).toBe('scenario-reference-v1');
    expect([...anchorsOf('# A\n```\n# not a heading\n```\n## A\n')]).toEqual(['a', 'a-1']);
    expect(linksOf('[x](a.md#b) `[y](c.md)` [z](https://e.org) [w](#top "title")\n```\n[v](d.md)\n```')).toEqual([
      { target: 'a.md#b', line: 1 },
      { target: '#top', line: 1 },
    ]);
  });

  for (const page of PAGES) {
    it(`every relative link of ${page} resolves`, () => {
      const text = readFileSync(join(ROOT, page), 'utf8');
      const broken: string[] = [];
      for (const { target, line } of linksOf(text)) {
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const file = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), decodeURIComponent(path));
        if (!existsSync(file)) {
          broken.push(`${page}:${line}: ${target}: no ${relative(ROOT, file)}`);
          continue;
        }
        if (anchor !== undefined && file.endsWith('.md') && statSync(file).isFile() && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
          broken.push(`${page}:${line}: ${target}: no heading with the anchor #${anchor} in ${relative(ROOT, file)}`);
        }
      }
      expect(broken).toEqual([]);
    });
  }

  it('docs/README.md lists every page of docs/', () => {
    const index = new Set(linksOf(readFileSync(join(ROOT, 'docs', 'README.md'), 'utf8')).map((l) => l.target.split('#')[0]));
    const unlisted = PAGES.filter((p) => p.startsWith('docs/') && p !== 'docs/README.md' && !index.has(p.slice('docs/'.length)));
    expect(unlisted, 'add a row for each to the table of docs/README.md').toEqual([]);
  });
});
