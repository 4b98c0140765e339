// Tables in a real terminal: tmux runs estimate and vram in panes 80 and 100 columns wide, where
// standard output is a terminal that knows its width (docs/output.md), and reads the screen back
// with capture-pane -J, which joins a line the terminal had to wrap: no line may be wider than the
// pane. $COLUMNS is set wider on purpose: the terminal's own width comes first.
//
// Needs tmux and the built CLI (npm test builds first); skipped without tmux, saying why (see
// wizard-tmux.test.ts for the line that installs it in CI).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/formats/compact-table.js';
import { ROOT } from '../helpers.js';

const BIN = process.env.LLM_TCO_BIN ?? join(ROOT, 'bin', 'llm-tco.js');
const hasTmux = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).status === 0;
if (!hasTmux) console.warn('width e2e test skipped: tmux is not installed');

const SOCKET = `llm-tco-width-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
let folder: string | undefined;
const dir = () => (folder ??= mkdtempSync(join(tmpdir(), 'llm-tco-width-')));

afterAll(() => {
  if (hasTmux) tmux('kill-server');
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Runs llm-tco in a pane `width` columns wide (in colour: a terminal) and returns the screen once it has ended. */
async function screenOf(session: string, width: number, args: string[]): Promise<string> {
  const rc = join(dir(), `${session}.rc`);
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const command = `cd '${ROOT}' && COLUMNS=200 '${process.execPath}' '${BIN}' ${quoted}; echo $? > '${rc}'; sleep 60`;
  const started = tmux('new-session', '-d', '-s', session, '-x', String(width), '-y', '80', command);
  if (started.status !== 0) throw new Error(`tmux new-session failed: ${started.stderr}`);
  const deadline = Date.now() + 15_000;
  while (!existsSync(rc) || readFileSync(rc, 'utf8') === '') {
    if (Date.now() > deadline) throw new Error(`timed out waiting for llm-tco ${args.join(' ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(readFileSync(rc, 'utf8').trim()).toBe('0');
  return tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', session).stdout;
}

const RUNS: [name: string, args: string[], head: RegExp][] = [
  ['estimate', ['estimate', 'scenarios/code-review-agent.yaml', '--today', '2026-11-25'], /^│ Option /m],
  ['estimate-self-hosted', ['estimate', 'scenarios/v0-chat-app-self-hosted.yaml', '--today', '2026-11-25'], /^│ Option /m],
  ['vram', ['vram', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--context', '8192'], /^│ Hardware /m],
];

describe.skipIf(!hasTmux)('tables in a real terminal (tmux)', () => {
  for (const width of [80, 100]) {
    for (const [name, args, head] of RUNS) {
      it(`${name} in ${width} columns: no line wider than the terminal`, { timeout: 30_000 }, async () => {
        const screen = await screenOf(`${name}-${width}`, width, args);
        expect(screen).toMatch(head);
        expect(screen.split('\n').filter((line) => displayWidth(line) > width)).toEqual([]);
      });
    }
  }

  it('the terminal’s width, not $COLUMNS: the quick start at 80 says what it left out', { timeout: 30_000 }, async () => {
    const screen = await screenOf('said-80', 80, RUNS[0]![1]);
    expect(screen).toContain('Not shown at 80 columns: /request, /session, /user, Top cost; --wide shows them.');
  });
});
