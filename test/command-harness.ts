// Runs the tokens and calibrate commands the way the CLI does. Through main() once src/cli.ts
// registers them (registerTokensAndCalibrate); until then through a program
// built like main()'s, with the same registration functions and the same error handling, so that
// these tests hold either way. Once cli.ts is wired, this file can go and the tests use runCli.

import { Command, CommanderError } from 'commander';
import { registerTokensAndCalibrate } from '../src/commands/tokens-and-calibrate.js';
import { formatProblem, UserError } from '../src/errors.js';
import { fakeIo, runCli, type CliRun, type FakeIo } from './helpers.js';

let wired: boolean | undefined;

async function isWired(): Promise<boolean> {
  const help = (await runCli(['--help'])).stdout;
  return /^ {2}tokens \[options\]/m.test(help) && /^ {2}calibrate \[options\]/m.test(help);
}

export async function runCommand(argv: string[], io: FakeIo = fakeIo()): Promise<CliRun> {
  wired ??= await isWired();
  if (wired) return runCli(argv, io);
  let code = 0;
  const root = new Command('llm-tco')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'llm-tco: ')),
    });
  registerTokensAndCalibrate(root, io, (c) => (code = c));
  try {
    await root.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof UserError) {
      for (const problem of error.problems) io.stderr.write(`llm-tco: ${formatProblem(problem)}\n`);
      code = 2;
    } else if (error instanceof CommanderError) {
      code = error.exitCode === 0 ? 0 : 2;
    } else throw error;
  }
  const stderr = io.stderr.text;
  return { code, stdout: io.stdout.text, stderr, errorLines: stderr.split('\n').filter((line) => line !== '') };
}
