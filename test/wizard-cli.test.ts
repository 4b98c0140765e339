// `llm-tco wizard` as a command: its registration (help with examples, options), and the refusal
// to start without a terminal. Runs against a program with only the wizard registered, and through
// main() too once src/cli.ts registers it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { NO_TTY_MESSAGE } from '../src/commands/wizard.js';
import { formatProblem, UserError } from '../src/errors.js';
import { registerWizard } from '../src/commands/wizard-command.js';
import { fakeIo, ROOT, runCli, type FakeIo } from './helpers.js';

/** A program with the wizard alone, configured as src/cli.ts configures its own. */
async function runRegistered(argv: string[], io: FakeIo): Promise<number> {
  let code = 0;
  const root = new Command('llm-tco')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerWizard(root, io, (c) => (code = c));
  try {
    await root.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UserError) {
      for (const problem of error.problems) io.stderr.write(`llm-tco: ${formatProblem(problem)}\n`);
      return 2;
    }
    throw error;
  }
}

const noTty = (): FakeIo => ({ ...fakeIo(), stdin: { isTTY: false } as FakeIo['stdin'] });

describe('registration', () => {
  it('wizard --help shows the options and examples', async () => {
    const io = fakeIo();
    expect(await runRegistered(['wizard', '--help'], io)).toBe(0);
    expect(io.stdout.text).toContain('Usage: llm-tco wizard [options]');
    expect(io.stdout.text).toContain('-o, --out <file>');
    expect(io.stdout.text).toContain('--from <scenario>');
    // The flags of every pricing command.
    expect(io.stdout.text).toContain('--pricing <file>');
    expect(io.stdout.text).toContain('--fx <CODE=RATE>');
    expect(io.stdout.text).toContain('--today <date>');
    expect(io.stdout.text).toContain('Examples:\n  llm-tco wizard\n');
    expect(io.stdout.text).toContain('llm-tco wizard --from scenarios/v0-chat-app.yaml -o my-chat.yaml');
  });

  it('keeps the registration light: types, and modules src/cli.ts loads anyway; the implementation when the command runs', () => {
    const source = readFileSync(join(ROOT, 'src', 'commands', 'wizard-command.ts'), 'utf8');
    const imports = source.split('\n').filter((l) => l.startsWith('import '));
    expect(imports.length).toBeGreaterThan(0);
    // What src/cli.ts imports, as paths from src/ ('./commands/out-option.js' -> 'commands/out-option.js').
    const cli = readFileSync(join(ROOT, 'src', 'cli.ts'), 'utf8');
    const loaded = new Set([...cli.matchAll(/^import (?!type )[^']*'\.\/([^']+)';$/gm)].map((m) => m[1]));
    for (const line of imports.filter((l) => !l.startsWith('import type '))) {
      const from = /'\.\/([^']+)';$/.exec(line)?.[1];
      expect(from && loaded.has(`commands/${from}`), `${line}: not a module src/cli.ts loads`).toBe(true);
    }
    expect(source).toContain("await import('./wizard.js')");
  });

  it.each([[['-o', '']], [['-o', ' ']], [['--out=']]])('refuses an empty output path where the flag is parsed, as every command does: %j', async (out) => {
    // A terminal that would be refused, to show the flag is refused first.
    const io = noTty();
    expect(await runRegistered(['wizard', ...out], io)).toBe(2);
    expect(io.stderr.text).toBe('llm-tco: --out: needs a file name\n');
    expect(io.stdout.text).toBe('');
  });
});

describe('--pricing, --fx and --today: checked as every pricing command checks them', () => {
  it.each(['2026-02-30', '25/11/2026', 'tomorrow'])('--today %s: exit 2, one line, where the flag is parsed', async (day) => {
    const io = noTty();
    expect(await runRegistered(['wizard', '--today', day], io)).toBe(2);
    expect(io.stderr.text).toBe(`llm-tco: --today: expected a date YYYY-MM-DD, got '${day}'\n`);
    expect(io.stdout.text).toBe('');
  });

  it('a --pricing file that is not there: exit 2, the one line estimate gives, before the terminal check', async () => {
    const io = noTty();
    expect(await runRegistered(['wizard', '--pricing', 'no-such-prices.yaml'], io)).toBe(2);
    expect(io.stderr.text).toBe('llm-tco: no-such-prices.yaml: no such file\n');
    expect(io.stdout.text).toBe('');
  });

  it('a bad --fx: exit 2, the one line estimate gives', async () => {
    const io = noTty();
    expect(await runRegistered(['wizard', '--fx', 'CNY=x'], io)).toBe(2);
    expect(io.stderr.text).toBe("llm-tco: --fx: expected CODE=RATE (units of CODE per 1 USD), e.g. --fx CNY=7.2; got 'CNY=x'\n");
  });

  it('good flags pass to the terminal check', async () => {
    const io = noTty();
    const pricing = join(ROOT, 'test', 'fixtures', 'pricing', 'cheaper-mini.yaml');
    expect(await runRegistered(['wizard', '--pricing', pricing, '--fx', 'EUR=0.9', '--today', '2026-07-01'], io)).toBe(2);
    expect(io.stderr.text).toBe(NO_TTY_MESSAGE);
  });
});

describe('without a terminal', () => {
  it('says to use estimate, in one line, exits 2 and asks nothing', async () => {
    const io = noTty();
    expect(await runRegistered(['wizard', '-o', 'never.yaml'], io)).toBe(2);
    expect(io.stderr.text).toBe(NO_TTY_MESSAGE);
    expect(io.stderr.text.trimEnd().split('\n')).toHaveLength(1);
    expect(io.stderr.text).toContain('llm-tco estimate <scenario.yaml>');
    expect(io.stdout.text).toBe('');
  });
});

// Once src/cli.ts registers the wizard, the same through main().
// (Unregistered, `wizard --help` prints the program's help: look for the wizard's own.)
const wired = (await runCli(['wizard', '--help'])).stdout.includes('Usage: llm-tco wizard');

describe.runIf(wired)('through main()', () => {
  it('wizard --help', async () => {
    const run = await runCli(['wizard', '--help']);
    expect(run.stdout).toContain('Examples:');
  });

  it('an empty -o: exit 2 with the message every command gives, before the terminal check', async () => {
    const run = await runCli(['wizard', '-o', ''], noTty());
    expect(run).toMatchObject({ code: 2, stdout: '', errorLines: ['llm-tco: --out: needs a file name'] });
  });

  it('the same messages as estimate for --today and a missing --pricing file', async () => {
    for (const flags of [['--today', '2026-13-45'], ['--pricing', 'no-such-prices.yaml']]) {
      const wizard = await runCli(['wizard', ...flags], noTty());
      const estimate = await runCli(['estimate', join(ROOT, 'scenarios', 'v0-chat-app.yaml'), ...flags]);
      expect(wizard.code).toBe(2);
      expect(wizard.errorLines).toHaveLength(1);
      expect(wizard.errorLines).toEqual(estimate.errorLines);
    }
  });

  it('no terminal: exit 2 with the one line', async () => {
    const run = await runCli(['wizard'], noTty());
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: NO_TTY_MESSAGE });
  });
});
