// Every table command within the output's width (docs/output.md): $COLUMNS when piped, the
// terminal's width on a terminal, 120 otherwise; --wide and a file (-o) keep every column.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/formats/compact-table.js';
import { fakeIo, runCli, typed } from './helpers.js';

const scenario = (name: string) => typed('scenarios', name);
const fixture = (...parts: string[]) => typed('test', 'fixtures', ...parts);

/** A command of each table renderer, with input that makes it wider than 120 columns or close to. */
const COMMANDS: [label: string, argv: string[]][] = [
  ['estimate (the quick start)', ['estimate', scenario('code-review-agent.yaml')]],
  ['estimate, self-hosted', ['estimate', scenario('v0-chat-app-self-hosted.yaml')]],
  ['estimate, many options', ['estimate', scenario('private-code-assistant.yaml')]],
  ['vram', ['vram', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--context', '8192']],
  ['pricing list', ['pricing', 'list']],
  ['pricing check', ['pricing', 'check', fixture('snapshots', 'model_prices_and_context_window.json')]],
  ['tokens', ['tokens', fixture('tokens', 'english.md'), fixture('tokens', 'chinese.txt'), '--model', 'openai/gpt-4o-mini']],
  ['calibrate', ['calibrate', fixture('logs', 'openai-chat.jsonl')]],
];

const tooWide = (text: string, width: number) => text.split('\n').filter((line) => displayWidth(line) > width);

describe('every line within $COLUMNS when piped', () => {
  for (const width of [80, 100]) {
    for (const [label, argv] of COMMANDS) {
      it(`${label} at ${width}`, async () => {
        const run = await runCli(argv, fakeIo({ NO_COLOR: '1', COLUMNS: String(width) }));
        expect(run.stderr).toBe('');
        expect(run.stdout).not.toBe('');
        expect(tooWide(run.stdout, width)).toEqual([]);
      });
    }
  }

  it('in colour too: escape codes take no room', async () => {
    const run = await runCli(['estimate', scenario('v0-chat-app-self-hosted.yaml')], fakeIo({ FORCE_COLOR: '1', COLUMNS: '80' }));
    expect(run.stdout).toContain('\u001b[');
    expect(tooWide(run.stdout, 80)).toEqual([]);
  });
});

describe('which width', () => {
  const head = (text: string) => text.split('\n').find((line) => line.startsWith('│ Option'))!;

  it('the quick start at 80 and 100 columns: what shows, and what is said to be left out', async () => {
    const at80 = (await runCli(['estimate', scenario('code-review-agent.yaml')], fakeIo({ NO_COLOR: '1', COLUMNS: '80' }))).stdout;
    expect(head(at80)).toMatch(/^│ Option +│ Monthly +│ What drives it +│$/);
    expect(at80).toContain('Not shown at 80 columns: /request, /session, /user, Top cost; --wide shows them.');
    const at100 = (await runCli(['estimate', scenario('code-review-agent.yaml')], fakeIo({ NO_COLOR: '1', COLUMNS: '100' }))).stdout;
    expect(head(at100)).toMatch(/^│ Option +│ Monthly +│ \/request │ \/user +│ What drives it +│$/);
    expect(at100).toContain('Not shown at 100 columns: /session, Top cost; --wide shows them.');
  });

  it('--wide keeps every column and every line whole', async () => {
    const run = await runCli(['estimate', scenario('code-review-agent.yaml'), '--wide'], fakeIo({ NO_COLOR: '1', COLUMNS: '80' }));
    expect(head(run.stdout)).toMatch(/^│ Option +│ Monthly +│ \/request │ \/session │ \/user +│ What drives it +│ Top cost +│$/);
    expect(run.stdout).not.toContain('Not shown');
    // The time-of-day note (the cheapest option's, numbered under the table) is one line again.
    expect(run.stdout).toMatch(/^\[1\] deepseek\/deepseek-v4-pro: priced by time of day .* \(7 peak hours\)$/m);
    for (const argv of [['vram', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M'], ['pricing', 'list', '--kind', 'api'], ['tokens', fixture('tokens', 'english.md')], ['calibrate', fixture('logs', 'openai-chat.jsonl')]]) {
      const wide = await runCli([...argv, '--wide'], fakeIo({ NO_COLOR: '1', COLUMNS: '40' }));
      expect(wide.code).toBe(0);
      expect(wide.stdout).not.toContain('Not shown');
    }
  });

  it('a terminal: its width, before $COLUMNS', async () => {
    const io = fakeIo({ NO_COLOR: '1', COLUMNS: '200' });
    io.stdout.isTTY = true;
    (io.stdout as { columns?: number }).columns = 80;
    const run = await runCli(['estimate', scenario('code-review-agent.yaml')], io);
    expect(run.stdout).toContain('Not shown at 80 columns');
    expect(tooWide(run.stdout, 80)).toEqual([]);
  });

  it('piped without $COLUMNS: 120', async () => {
    const run = await runCli(['estimate', scenario('code-review-agent.yaml')], fakeIo({ NO_COLOR: '1' }));
    expect(run.stdout).toContain('Not shown at 120 columns: /session; --wide shows them.');
    expect(tooWide(run.stdout, 120)).toEqual([]);
    // Not a width: 120 too.
    const odd = await runCli(['estimate', scenario('code-review-agent.yaml')], fakeIo({ NO_COLOR: '1', COLUMNS: 'wide' }));
    expect(odd.stdout).toBe(run.stdout);
  });

  const dir = mkdtempSync(join(tmpdir(), 'llm-tco-width-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a file (-o) gets every column, as --wide', async () => {
    const file = join(dir, 'estimate.txt');
    const run = await runCli(['estimate', scenario('code-review-agent.yaml'), '-o', file], fakeIo({ NO_COLOR: '1', COLUMNS: '80' }));
    expect(run.code).toBe(0);
    const wide = await runCli(['estimate', scenario('code-review-agent.yaml'), '--wide'], fakeIo({ NO_COLOR: '1', COLUMNS: '80' }));
    expect(readFileSync(file, 'utf8')).toBe(wide.stdout);
  });

  it('other formats are never cut', async () => {
    const narrow = await runCli(['estimate', scenario('code-review-agent.yaml'), '--format', 'markdown'], fakeIo({ NO_COLOR: '1', COLUMNS: '40' }));
    const wide = await runCli(['estimate', scenario('code-review-agent.yaml'), '--format', 'markdown'], fakeIo({ NO_COLOR: '1' }));
    expect(narrow.stdout).toBe(wide.stdout);
    expect(narrow.stdout).toContain('Per session');
  });
});
