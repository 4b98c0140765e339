// Every ```console example in README.md and docs/*.md is run through the built CLI and must print
// what the page shows (test/docs-harness.ts says how). `npm test` builds first; run
// `node scripts/build.mjs` before a bare `npx vitest run test/docs-examples.test.ts`.
//
// To refresh the pages after a change of output (on today's date, recorded in docs/README.md):
//   UPDATE_DOCS=1 npx vitest run test/docs-examples.test.ts

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBlock, DATE_MARK, examplesDate, findBlocks, normalise, updateFile, updatePage } from './docs-harness.js';
import { ROOT } from './helpers.js';

const PAGES = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => join(ROOT, 'docs', f))];
const INDEX = join(ROOT, 'docs', 'README.md');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'docs', 'page.md');
const BUILT = existsSync(join(ROOT, 'dist', 'cli.js'));

describe('the harness', () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const blocks = findBlocks('page.md', text);

  it('finds the console blocks, their commands, outputs and directives', () => {
    expect(blocks.map((b) => ({ fence: b.fence + 1, exit: b.exit, skip: b.skip, commands: b.commands.length, problem: b.problem }))).toEqual([
      { fence: 6, exit: 2, skip: undefined, commands: 1, problem: undefined },
      { fence: 14, exit: 2, skip: undefined, commands: 1, problem: undefined },
      { fence: 22, exit: 0, skip: undefined, commands: 1, problem: undefined },
      { fence: 30, exit: 0, skip: 'not an llm-tco command', commands: 0, problem: expect.stringContaining('is not an llm-tco command') },
    ]);
    // The continued command is joined; `npx` or not, the words after llm-tco are the arguments.
    expect(blocks[1]!.commands[0]).toMatchObject({ line: 14, lines: 2, args: 'estimate test/fixtures/docs/negative.yaml' });
    expect(blocks[1]!.commands[0]!.expected).toBe('llm-tco: test/fixtures/docs/negative.yaml:2:18: traffic.users: must be positive');
    expect(findBlocks('x.md', '<!-- docs-test: columns 80, exit 1 -->\n```console\n$ COLUMNS=60 llm-tco x\nout\n```\n')[0]).toMatchObject({ columns: 80, exit: 1, commands: [{ env: 'COLUMNS=60', args: 'x', expected: 'out' }] });
    expect(findBlocks('x.md', '<!-- docs-test: exit one -->\n```console\n$ llm-tco x\n```\n')[0]!.problem).toMatch(/unknown docs-test directive 'exit one'/);
    // Run from the repository's root: an output file may go under /tmp/ only.
    expect(findBlocks('x.md', '```console\n$ llm-tco estimate a.yaml -o report.html\n```\n')[0]!.problem).toMatch(/writes a file in the repository/);
    expect(findBlocks('x.md', '```console\n$ llm-tco estimate a.yaml --out=report.html\n```\n')[0]!.problem).toMatch(/writes a file in the repository/);
    expect(findBlocks('x.md', '```console\n$ llm-tco estimate a.yaml -o /tmp/report.html\n```\n')[0]!.problem).toBeUndefined();
  });

  it('the age of the prices is all that may differ', () => {
    expect(normalise('prices as of 2026-09-23 (63 days old).')).toBe(normalise('prices as of 2026-09-23 (1,001 days old).'));
    expect(normalise('prices as of 2026-09-23 (1 day old).')).toBe('prices as of 2026-09-23 (N days old).');
    expect(normalise('$42.00')).not.toBe(normalise('$42.01'));
  });

  it.runIf(BUILT)('passes the right block and fails the wrong output and the undeclared exit code', () => {
    expect(checkBlock(blocks[0]!, '2026-12-04')).toEqual([]);
    const wrong = checkBlock(blocks[1]!, '2026-12-04');
    expect(wrong).toEqual([expect.objectContaining({ where: 'page.md:15', code: 2, expectedCode: 2, actual: 'llm-tco: test/fixtures/docs/negative.yaml:2:18: traffic.users: must not be negative, got -5' })]);
    expect(checkBlock(blocks[2]!, '2026-12-04')).toEqual([expect.objectContaining({ code: 2, expectedCode: 0 })]);
  });

  it.runIf(BUILT)('UPDATE_DOCS rewrites the output in place and leaves the rest of the page as it was', () => {
    const { text: updated, changed } = updatePage('page.md', text, '2026-12-04');
    expect(changed).toBe(1);
    expect(updated).toBe(text.replace('traffic.users: must be positive', 'traffic.users: must not be negative, got -5'));
  });
});

// The clock of every example: the day they were last run on.
const today = process.env.UPDATE_DOCS ? (process.env.DOCS_TODAY ?? new Date().toISOString().slice(0, 10)) : examplesDate();

if (process.env.UPDATE_DOCS) {
  it('rewrites the examples with what the commands print now', () => {
    expect(BUILT, 'dist/ is missing: run `node scripts/build.mjs`').toBe(true);
    writeFileSync(INDEX, readFileSync(INDEX, 'utf8').replace(DATE_MARK, `<!-- docs-examples-date: ${today} -->`));
    for (const page of PAGES) {
      const changed = updateFile(page, today);
      if (changed) console.log(`${relative(ROOT, page)}: ${changed} output(s) rewritten`);
    }
  }, 600_000);
} else {
  for (const page of PAGES) {
    const name = relative(ROOT, page);
    const blocks = findBlocks(name, readFileSync(page, 'utf8'));
    if (blocks.length === 0) continue;
    describe(name, () => {
      for (const block of blocks) {
        const title = `line ${block.fence + 1}: ${block.commands.map((c) => `llm-tco ${c.args}`).join('; ').slice(0, 100)}`;
        if (block.skip) {
          it.skip(`${title} (${block.skip})`, () => {});
          continue;
        }
        it.runIf(BUILT)(title, () => {
          expect(block.problem, `${name}:${block.fence + 1}`).toBeUndefined();
          const mismatches = checkBlock(block, today);
          // One readable failure: the command, and its real output against the page's.
          for (const m of mismatches) {
            expect({ where: m.where, command: m.command, exit: m.code, output: m.actual }, 'the page shows something else: UPDATE_DOCS=1 npx vitest run test/docs-examples.test.ts rewrites it').toEqual({ where: m.where, command: m.command, exit: m.expectedCode, output: m.expected });
          }
        }, 120_000);
      }
    });
  }
}
