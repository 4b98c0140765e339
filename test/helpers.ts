// Shared by the CLI tests: run main() in-process against a fake Io and read what it printed.

import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli.js';
import type { Io } from '../src/io.js';

/** The package root (where package.json, scenarios/ and bin/ are). */
import { expect } from 'vitest';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A fixed day, so that dated prices and their age do not change under the tests. */
export const TODAY = '2026-11-25';

export interface FakeIo extends Io {
  stdout: { write(text: string): boolean; text: string; isTTY?: boolean };
  stderr: { write(text: string): boolean; text: string; isTTY?: boolean };
}

export function fakeIo(env: Record<string, string | undefined> = { NO_COLOR: '1' }, today = TODAY): FakeIo {
  const stream = () => {
    const s = {
      text: '',
      write(chunk: string): boolean {
        s.text += chunk;
        return true;
      },
    };
    return s;
  };
  return { stdout: stream(), stderr: stream(), env, today };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stderr split into lines, without the empty one after the last newline. */
  errorLines: string[];
}

/** Runs `llm-tco <argv>` in-process. */
export async function runCli(argv: string[], io: FakeIo = fakeIo()): Promise<CliRun> {
  const code = await main(argv, io);
  const stderr = io.stderr.text;
  return { code, stdout: io.stdout.text, stderr, errorLines: stderr.split('\n').filter((line) => line !== '') };
}

/**
 * A path inside the package as the user would type it from the package root, relative to the
 * working directory (the CLI echoes paths as given, so messages contain exactly this).
 */
export function typed(...parts: string[]): string {
  return relative(process.cwd(), join(ROOT, ...parts)) || '.';
}

/** The monthly costs of a JSON estimate report by option name. */
export function monthlyCosts(json: string): Record<string, number> {
  const report = JSON.parse(json) as { options: { name: string; monthly_cost: number }[] };
  return Object.fromEntries(report.options.map((o) => [o.name, o.monthly_cost]));
}

/** Every command that reads a file a user names: for tests that give each the same bad file. */
export const FILE_READERS: [label: string, argv: (file: string) => string[]][] = [
  ['estimate', (file) => ['estimate', file]],
  ['estimate --pricing', (file) => ['estimate', typed('scenarios', 'v0-chat-app.yaml'), '--pricing', file]],
  ['forecast', (file) => ['forecast', file]],
  ['pricing validate', (file) => ['pricing', 'validate', file]],
  ['vram --model-file', (file) => ['vram', '--model-file', file, '--quant', 'Q4_K_M']],
  ['tokens', (file) => ['tokens', file]],
  ['calibrate', (file) => ['calibrate', file]],
];

/** Refused as bad input: exit 2, nothing on stdout, every line of stderr one of ours, no crash. */
export function expectRejected(run: CliRun): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.errorLines.length).toBeGreaterThan(0);
  for (const line of run.errorLines) {
    expect(line.startsWith('llm-tco: ')).toBe(true);
    expect(line).not.toContain('    at ');
  }
  expect(run.stderr).not.toContain('internal error');
}
