// The wizard in a real terminal: tmux runs `node bin/llm-tco.js wizard` in a 120x40 pane; the test
// types as a person would (Enter for defaults, a refused answer, a search for an API, save), reads
// the screen with capture-pane, then checks the file `llm-tco estimate` reads. And Ctrl-C.
//
// Needs tmux and the built CLI with the wizard registered (npm test builds first). Without them it
// is skipped, saying why. In CI, install tmux first (Debian/Ubuntu; prefix apt-get with sudo
// where CI does not run as root):
//   command -v tmux >/dev/null || { apt-get update -qq && apt-get install -y -qq tmux; } || echo "no tmux: the wizard's terminal test is skipped"
// LLM_TCO_BIN=path/to/llm-tco.js runs another build (default: bin/llm-tco.js of this package).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { monthlyCosts, ROOT, runCli } from '../helpers.js';

export const CI_INSTALL_LINE =
  'command -v tmux >/dev/null || { apt-get update -qq && apt-get install -y -qq tmux; } || echo "no tmux: the wizard\'s terminal test is skipped"';

const BIN = process.env.LLM_TCO_BIN ?? join(ROOT, 'bin', 'llm-tco.js');
const hasTmux = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).status === 0;
// Unregistered, `wizard --help` prints the program's help: look for the wizard's own.
const hasWizard = spawnSync(process.execPath, [BIN, 'wizard', '--help'], { encoding: 'utf8', timeout: 10_000 }).stdout?.includes('Usage: llm-tco wizard') === true;
const skipReason = !hasTmux
  ? `tmux is not installed. In CI add to .ci/run before the tests: ${CI_INSTALL_LINE}`
  : !hasWizard
    ? `${BIN} has no wizard command: register it in src/cli.ts (see docs/wizard.md) and build (node scripts/build.mjs)`
    : undefined;
if (skipReason) console.warn(`wizard e2e test skipped: ${skipReason}`);

/** A private tmux server, so that the test never touches the person's own sessions. */
const SOCKET = `llm-tco-e2e-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
let folder: string | undefined;
/** Where the test's files go, made on first use (not at all when the test is skipped). */
const dir = () => (folder ??= mkdtempSync(join(tmpdir(), 'llm-tco-e2e-')));

afterAll(() => {
  if (hasTmux) tmux('kill-server');
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Starts the wizard in a pane; its exit status lands in `rc` (the pane stays for reading). */
function start(session: string, file: string, rc: string): void {
  const command = `cd '${ROOT}' && NO_COLOR=1 '${process.execPath}' '${BIN}' wizard -o '${file}'; echo $? > '${rc}'; sleep 60`;
  const started = tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', command);
  if (started.status !== 0) throw new Error(`tmux new-session failed: ${started.stderr}`);
}

function screen(session: string): string {
  return tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', session).stdout;
}

/** Polls the pane until `expected` shows (8 s at most), and returns the screen. */
async function waitFor(session: string, expected: string | RegExp, timeoutMs = 8000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen(session);
    if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(expected)}; the screen:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForFile(file: string, timeoutMs = 8000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file) || readFileSync(file, 'utf8') === '') {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return readFileSync(file, 'utf8').trim();
}

const keys = (session: string, ...k: string[]) => tmux('send-keys', '-t', session, ...k);
// -l: the text as typed; --: even when it starts with a dash.
const type = (session: string, text: string) => tmux('send-keys', '-t', session, '-l', '--', text);

describe.skipIf(skipReason !== undefined)('wizard in a real terminal (tmux)', () => {
  it('one full flow: defaults with Enter, a refused answer, an API found by search, saved and estimated', { timeout: 30_000 }, async () => {
    const s = 'flow';
    const file = join(dir(), 'chat.yaml');
    const rc = join(dir(), 'flow.rc');
    start(s, file, rc);
    await waitFor(s, 'What are you building?');
    keys(s, 'Enter');
    await waitFor(s, 'A name for it');
    keys(s, 'Enter');
    await waitFor(s, '? Monthly active users (people a month) (5000)');
    type(s, '-5');
    keys(s, 'Enter');
    await waitFor(s, 'must not be negative, got -5');
    keys(s, 'C-u');
    type(s, '12k');
    keys(s, 'Enter');
    for (const prompt of ['Sessions per user per month', 'Messages (exchanges) per session', 'Peak factor', 'System prompt', 'User message', 'Model reply', 'Does each message resend', 'Prompt-cache hit rate']) {
      const shown = await waitFor(s, `? ${prompt}`);
      // The support-chat preset's figures say they are typical, and where they come from.
      if (prompt === 'User message') expect(shown).toMatch(/User message \(tokens per exchange\); or a prompt file to count \[typical: LMSYS-Chat-1M\] \(70\)/);
      keys(s, 'Enter');
    }
    await waitFor(s, 'Which API model to compare?');
    type(s, 'haiku-4-5');
    await waitFor(s, /❯ anthropic\/claude-haiku-4-5 /);
    keys(s, 'Enter');
    await waitFor(s, 'Done: compare anthropic/claude-haiku-4-5');
    keys(s, 'Enter');
    await waitFor(s, '? Also price self-hosting');
    keys(s, 'Enter');
    await waitFor(s, '? Also price a serverless GPU');
    keys(s, 'Enter');
    await waitFor(s, '? Monthly budget in USD');
    keys(s, 'Enter');
    // 12,000 users x 1 session x 2 exchanges (the support-chat preset) = 24,000 exchanges; the
    // second resends the first (history full): a session reads 70 + (70 + 215 + 70) = 425 tokens
    // and writes 2 x 215 = 430. 12,000 x (425 x $1 + 430 x $5) / 1M = 12,000 x $0.002575 = $30.90.
    const review = await waitFor(s, 'What next?');
    expect(review).toContain('12,000 users x 1 session x 2 requests = 24,000 requests/month');
    expect(review).toMatch(/anthropic\/claude-haiku-4-5 \* +│ \$30\.90 /);
    keys(s, 'Enter');
    expect(await waitForFile(rc)).toBe('0');
    expect(screen(s)).toContain(`Saved ${file}. Run it again with:  llm-tco estimate ${file}`);

    const text = readFileSync(file, 'utf8');
    expect(text).toContain('users: 12k');
    const run = await runCli(['estimate', file, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(monthlyCosts(run.stdout)).toEqual({ 'anthropic/claude-haiku-4-5': expect.closeTo(30.9, 9) });
  });

  it('Ctrl-C: one line, exit 130, no file', { timeout: 30_000 }, async () => {
    const s = 'cancel';
    const file = join(dir(), 'cancelled.yaml');
    const rc = join(dir(), 'cancel.rc');
    start(s, file, rc);
    await waitFor(s, 'What are you building?');
    keys(s, 'Enter');
    await waitFor(s, 'A name for it');
    keys(s, 'Enter');
    await waitFor(s, 'Monthly active users');
    keys(s, 'C-c');
    expect(await waitForFile(rc)).toBe('130');
    const text = screen(s);
    expect(text).toContain('llm-tco: wizard cancelled; nothing was written');
    expect(text).not.toMatch(/^\s+at /m);
    expect(text).not.toContain('Error');
    expect(existsSync(file)).toBe(false);
  });
});
