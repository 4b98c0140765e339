// `llm-tco wizard` as a command: its registration (help with examples, options), and the refusal
// to start without a terminal. Runs against a program with only the wizard registered, and through
// main() too once src/cli.ts registers it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { NO_TTY_MESSAGE } from '../src/commands/wizard.js';
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
    expect(io.stdout.text).toContain('Examples:\n  llm-tco wizard\n');
    expect(io.stdout.text).toContain('llm-tco wizard --from scenarios/v0-chat-app.yaml -o my-chat.yaml');
  });

  it('keeps the registration light: it imports types only, the implementation when the command runs', () => {
    const source = readFileSync(join(ROOT, 'src', 'commands', 'wizard-command.ts'), 'utf8');
    const imports = source.split('\n').filter((l) => l.startsWith('import '));
    expect(imports.length).toBeGreaterThan(0);
    for (const line of imports) expect(line).toMatch(/^import type /);
    expect(source).toContain("await import('./wizard.js')");
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

  it('no terminal: exit 2 with the one line', async () => {
    const run = await runCli(['wizard'], noTty());
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: NO_TTY_MESSAGE });
  });
});
