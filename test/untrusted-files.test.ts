// Files from people the user does not control (a pull request's scenarios in CI): every file the
// tool reads must be a regular file under the size limit, a prompt file must stay inside the
// scenario's folder tree, -o never replaces a file the run read, and every file problem is one
// line naming the file, exit 2, never an internal error. See docs/untrusted-input.md.

import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatByteSize, parseByteSize } from '../src/run-files.js';
import { unreadableBecause } from '../src/text-file.js';
import { expectRejected, fakeIo, FILE_READERS, runCli, typed } from './helpers.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'llm-tco-untrusted-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const file = join(folder, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
};


/** 1,000 requests of 1,000 input + 1,000 output tokens at $1 / $2 per 1M: $3.00 a month. */
const SCENARIO = 'name: s\ntraffic: {requests_per_month: 1000}\nworkload: {kind: chat, input: 1000, output: 1000}\noptions:\n  - api: {name: m, input: 1, output: 2}\nbudget:\n  monthly: 10\n';
/** The same with its system prompt read from `prompt` (line 3, column 46 is the path, after its quote). */
const withPrompt = (prompt: string) =>
  `name: s\ntraffic: {requests_per_month: 1000}\nworkload: {kind: chat, system_prompt: {file: ${JSON.stringify(prompt)}}, input: 1000, output: 1000}\noptions:\n  - api: {name: m, input: 1, output: 2}\n`;

const readers = FILE_READERS;

describe('sizes', () => {
  it('reads decimal and binary units, and plain bytes', () => {
    expect(parseByteSize('64MiB')).toBe(64 * 1024 * 1024); // 67,108,864
    expect(parseByteSize('100MB')).toBe(100_000_000);
    expect(parseByteSize('1GB')).toBe(1_000_000_000);
    expect(parseByteSize('1.5 GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('4096')).toBe(4096);
    expect(parseByteSize('2kb')).toBe(2000);
    for (const bad of ['', '0', '0.1B', 'MB', '-1MB', '1 MB extra', '1e9']) expect(parseByteSize(bad)).toBeUndefined();
  });

  it('shows a size in binary units, one decimal where it tells', () => {
    expect(formatByteSize(1)).toBe('1 byte');
    expect(formatByteSize(1023)).toBe('1023 bytes');
    expect(formatByteSize(1024)).toBe('1 KiB');
    // 42,152,756 / 1,048,576 = 40.2000...
    expect(formatByteSize(42_152_756)).toBe('40.2 MiB');
    expect(formatByteSize(32 * 1024 * 1024)).toBe('32 MiB');
    expect(formatByteSize(3 * 1024 ** 3 + 512 * 1024 ** 2)).toBe('3.5 GiB');
  });
});

describe('only regular files are read, whichever command reads them', () => {
  it.each(readers)('%s: /dev/zero is refused without reading it', async (_label, argv) => {
    const run = await runCli(argv('/dev/zero'));
    expectRejected(run);
    expect(run.errorLines).toEqual(['llm-tco: /dev/zero: not a regular file (a character device)']);
  });

  it.each(readers)('%s: a FIFO is refused at once, never waited on', async (_label, argv) => {
    const fifo = join(folder, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const run = await runCli(argv(fifo));
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${fifo}: not a regular file (a named pipe)`]);
  });

  it.each(readers)('%s: a file over 32 MiB is refused before it is read; --max-file-size raises the limit', async (_label, argv) => {
    const big = join(folder, 'big.yaml');
    // 40.2 MiB = 42,152,755.2 bytes; a sparse file, so nothing is written to disk.
    writeFileSync(big, '');
    truncateSync(big, 42_152_756);
    const run = await runCli(argv(big));
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${big}: is 40.2 MiB, over the 32 MiB limit: raise it with --max-file-size`]);
    // Raised, the file is read: its zeros are then refused as not text, which proves it was read.
    const raised = await runCli(['--max-file-size', '64MiB', ...argv(big)]);
    expectRejected(raised);
    expect(raised.errorLines).toEqual([`llm-tco: ${big}:1:1: is not UTF-8 text: a NUL byte at byte offset 0 (it looks like a binary file)`]);
  });

  it('--max-file-size is taken after the command too, in decimal or binary units', async () => {
    const file = write('s.yaml', SCENARIO);
    expect(SCENARIO.length).toBe(165);
    const low = await runCli(['check', file, '--max-file-size', '100B']);
    expect(low.code).toBe(2);
    expect(low.stdout).toContain(`${file}: is 165 bytes, over the 100-byte limit: raise it with --max-file-size`);
    expect((await runCli(['check', file, '--max-file-size', '1kB'])).code).toBe(0);
    expect((await runCli(['check', file, '--max-file-size', '1KiB'])).code).toBe(0);
  });

  it.each(['lots', '', '12 parsecs', '-5MB', '0'])('refuses --max-file-size %j in one line', async (value) => {
    const run = await runCli(['check', typed('test', 'fixtures', 'check', 'within.yaml'), '--max-file-size', value]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: --max-file-size: expected a size such as 64MiB, 100MB or 1GB, got '${value}'`]);
  });

  it('caps standard input the same way', async () => {
    const io = fakeIo();
    io.readStdin = async () => 'x'.repeat(2000);
    const run = await runCli(['tokens', '-', '--max-file-size', '1KiB'], io);
    expectRejected(run);
    expect(run.errorLines).toEqual(['llm-tco: -: standard input is over the 1 KiB limit: raise it with --max-file-size']);
  });

  it('caps a standard input stream without reading it to the end', async () => {
    const io = fakeIo();
    let served = 0;
    // An endless stream (as /dev/zero would be): reading must stop at the limit.
    io.stdin = (async function* () {
      for (;;) {
        served++;
        yield new TextEncoder().encode('y'.repeat(1024));
      }
    })() as unknown as NodeJS.ReadableStream;
    const run = await runCli(['tokens', '-', '--max-file-size', '4KiB'], io);
    expectRejected(run);
    expect(run.errorLines).toEqual(['llm-tco: -: standard input is over the 4 KiB limit: raise it with --max-file-size']);
    expect(served).toBeLessThan(10);
  });

  it('a prompt file that is a device is a problem at its key', async () => {
    const scenario = write('s.yaml', withPrompt('/dev/urandom'));
    const run = await runCli(['estimate', scenario, '--allow-outside-files']);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${scenario}:3:46: workload.system_prompt.file: prompt file '/dev/urandom': not a regular file (a character device)`]);
  });
});

describe('every system error is one line naming the file, exit 2', () => {
  it.each(readers)('%s: a symbolic link loop', async (_label, argv) => {
    symlinkSync('b.yaml', join(folder, 'a.yaml'));
    symlinkSync('a.yaml', join(folder, 'b.yaml'));
    const file = join(folder, 'a.yaml');
    const run = await runCli(argv(file));
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}: cannot be read: too many symbolic links (a link that leads back to itself?)`]);
  });

  it.each(readers)('%s: a dangling symbolic link', async (_label, argv) => {
    const file = join(folder, 'gone.yaml');
    symlinkSync('elsewhere.yaml', file);
    const run = await runCli(argv(file));
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}: no such file (a symbolic link to elsewhere.yaml, which does not exist)`]);
  });

  it.each(readers)('%s: a name over the system limit', async (_label, argv) => {
    const file = join(folder, `${'n'.repeat(300)}.yaml`);
    const run = await runCli(argv(file));
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${file}: cannot be read: the name is too long`]);
  });

  it.each(readers)('%s: a NUL byte in the path', async (_label, argv) => {
    const file = join(folder, 'a\0b.yaml');
    const run = await runCli(argv(file));
    expectRejected(run);
    // The NUL is shown escaped (\x00), as every control character in a message is.
    expect(run.errorLines).toHaveLength(1);
    expect(run.errorLines[0]).toMatch(/^llm-tco: .*a\\x00b\.yaml: cannot be read: the path holds a NUL byte$/);
  });

  it('names the reason for the errors a test cannot provoke, and any other error code', () => {
    const error = (code: string) => Object.assign(new Error(code), { code });
    expect(unreadableBecause(error('EMFILE'), 'x')).toMatchObject({ message: 'cannot be read: too many files are open', hint: 'raise the limit with ulimit -n' });
    expect(unreadableBecause(error('EACCES'), 'x')).toMatchObject({ kind: 'denied', message: 'cannot be read (permission denied)' });
    expect(unreadableBecause(error('EIO'), 'x')).toMatchObject({ message: 'cannot be read: input/output error' });
    expect(unreadableBecause(error('EWHATEVER'), 'x')).toMatchObject({ message: 'cannot be read: the system refused (EWHATEVER)' });
  });
});

describe('a prompt file stays inside the scenario’s folder tree', () => {
  it('refuses a path that climbs out, naming the rule and the flag', async () => {
    write('outside/secret.md', 'a secret');
    const scenario = write('project/s.yaml', withPrompt('../outside/secret.md'));
    const run = await runCli(['estimate', scenario]);
    expectRejected(run);
    expect(run.errorLines).toEqual([
      `llm-tco: ${scenario}:3:46: workload.system_prompt.file: prompt file '../outside/secret.md' is outside the scenario's folder tree ${join(folder, 'project')} (give --allow-outside-files to read it)`,
    ]);
    // Given the flag, it is read: "a secret" is 2 tokens.
    const allowed = await runCli(['estimate', scenario, '--allow-outside-files', '--format', 'json']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).prompt_files[0]).toMatchObject({ file: '../outside/secret.md', tokens: 2 });
  });

  it.each(['/etc/passwd', '/proc/self/environ', '../../../../../../../../etc/passwd'])('refuses %s', async (prompt) => {
    const scenario = write('s.yaml', withPrompt(prompt));
    const run = await runCli(['estimate', scenario]);
    expectRejected(run);
    expect(run.errorLines[0]).toContain(`prompt file '${prompt}' is outside the scenario's folder tree ${folder} (give --allow-outside-files to read it)`);
  });

  it('follows symbolic links before it judges: a link inside pointing out is refused', async () => {
    write('outside/secret.md', 'a secret');
    mkdirSync(join(folder, 'project'));
    symlinkSync('../outside/secret.md', join(folder, 'project', 'innocent.md'));
    const scenario = write('project/s.yaml', withPrompt('innocent.md'));
    const run = await runCli(['estimate', scenario]);
    expectRejected(run);
    expect(run.errorLines[0]).toContain(`prompt file 'innocent.md' is outside the scenario's folder tree ${join(folder, 'project')}`);
  });

  it('reads an absolute path inside the tree, and a link that stays inside', async () => {
    write('project/prompts/p.md', 'a secret');
    symlinkSync('prompts/p.md', join(folder, 'project', 'link.md'));
    for (const prompt of [join(folder, 'project', 'prompts', 'p.md'), 'link.md']) {
      const scenario = write('project/s.yaml', withPrompt(prompt));
      const run = await runCli(['estimate', scenario, '--format', 'json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).prompt_files[0].tokens).toBe(2);
    }
  });

  it('in a git work tree, the tree is the work tree: a shared prompt folder beside the scenarios is fine', async () => {
    mkdirSync(join(folder, 'repo', '.git'), { recursive: true });
    write('repo/shared/p.md', 'a secret');
    write('outside.md', 'a secret');
    const scenario = write('repo/scenarios/team/s.yaml', withPrompt('../../shared/p.md'));
    expect((await runCli(['estimate', scenario])).code).toBe(0);
    const out = write('repo/scenarios/team/out.yaml', withPrompt('../../../outside.md'));
    const run = await runCli(['estimate', out]);
    expectRejected(run);
    expect(run.errorLines[0]).toContain(`prompt file '../../../outside.md' is outside the git work tree ${join(folder, 'repo')} that holds the scenario (give --allow-outside-files to read it)`);
  });
});

describe('-o never replaces a file the command read', () => {
  it('check with a folder: -o onto one of its scenarios is refused, and nothing is written', async () => {
    write('ck/a.yaml', SCENARIO);
    write('ck/b.yaml', SCENARIO);
    const out = join(folder, 'ck', 'a.yaml');
    const run = await runCli(['check', join(folder, 'ck'), '-o', out]);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([`llm-tco: ${out}: is an input of this command: the output would replace it (write the output to another file)`]);
    expect(readFileSync(out, 'utf8')).toBe(SCENARIO);
    expect(readdirSync(join(folder, 'ck')).sort()).toEqual(['a.yaml', 'b.yaml']);
  });

  it('a prompt file the scenario read counts, and a hard link to an input is the input', async () => {
    const prompt = write('prompts/system.md', 'You are helpful.');
    const scenario = write('s.yaml', withPrompt('prompts/system.md'));
    const run = await runCli(['estimate', scenario, '-o', prompt]);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([`llm-tco: ${prompt}: is an input of this command: the output would replace it (write the output to another file)`]);
    expect(readFileSync(prompt, 'utf8')).toBe('You are helpful.');
    linkSync(scenario, join(folder, 'hard.yaml'));
    const hard = await runCli(['check', scenario, '-o', join(folder, 'hard.yaml')]);
    expect(hard.errorLines).toEqual([`llm-tco: ${join(folder, 'hard.yaml')}: is ${scenario}, an input of this command: the output would replace it (write the output to another file)`]);
    expect(readFileSync(scenario, 'utf8')).toBe(withPrompt('prompts/system.md'));
  });

  it('a --pricing file and a log read through a pattern count too', async () => {
    const log = write('logs/day.jsonl', readFileSync(typed('test', 'fixtures', 'logs', 'openai-chat.jsonl'), 'utf8'));
    const run = await runCli(['calibrate', join(folder, 'logs', '*.jsonl'), '-o', log]);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([`llm-tco: ${log}: is an input of this command: the output would replace it (write the output to another file)`]);
  });
});

describe('check judges every other scenario when one cannot be read', () => {
  it('reports a link loop, a dangling link and a device by name, judges the rest, and writes -o', async () => {
    write('ck/a.yaml', SCENARIO);
    write('ck/b.yaml', SCENARIO);
    symlinkSync('loop2.yaml', join(folder, 'ck', 'loop1.yaml'));
    symlinkSync('loop1.yaml', join(folder, 'ck', 'loop2.yaml'));
    symlinkSync('nowhere.yaml', join(folder, 'ck', 'dangling.yaml'));
    symlinkSync('/dev/zero', join(folder, 'ck', 'zero.yaml'));
    const out = join(folder, 'report.json');
    const run = await runCli(['check', join(folder, 'ck'), '--format', 'json', '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('internal error');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const byFile = Object.fromEntries(report.scenarios.map((s: { file: string }) => [s.file.slice(folder.length + 4), s]));
    expect(Object.keys(byFile).sort()).toEqual(['a.yaml', 'b.yaml', 'dangling.yaml', 'loop1.yaml', 'loop2.yaml', 'zero.yaml']);
    expect(byFile['a.yaml']).toMatchObject({ status: 'ok', monthly_cost: 3 });
    expect(byFile['b.yaml']).toMatchObject({ status: 'ok', monthly_cost: 3 });
    expect(byFile['loop1.yaml'].problems[0].message).toBe('cannot be read: too many symbolic links (a link that leads back to itself?)');
    expect(byFile['dangling.yaml'].problems[0].message).toBe('no such file (a symbolic link to nowhere.yaml, which does not exist)');
    // A link the walk found that leads out of the folder is refused before anything is read.
    const tree = realpathSync(join(folder, 'ck'));
    expect(byFile['zero.yaml'].problems[0].message).toBe(`links outside the scenario's folder tree ${tree} (give --allow-outside-files to read it)`);
    expect(run.errorLines).toContain(`llm-tco: ${join(folder, 'ck', 'zero.yaml')}: links outside the scenario's folder tree ${tree} (give --allow-outside-files to read it)`);
  });

  it('refuses a scenario a folder walk finds that links out of the tree: a parse error would quote the file it leads to', async () => {
    write('secret.txt', 'root:x:0:0:secret line\n');
    write('ck/a.yaml', SCENARIO);
    symlinkSync(join(folder, 'secret.txt'), join(folder, 'ck', 'leak.yaml'));
    const run = await runCli(['check', join(folder, 'ck'), '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).not.toContain('secret line');
    const report = JSON.parse(run.stdout);
    expect(report.scenarios.map((s: { status: string }) => s.status)).toEqual(['ok', 'invalid']);
    expect(report.scenarios[1].problems[0].message).toMatch(/^links outside the scenario's folder tree /);
    // Named on the command line, or with --allow-outside-files, it is read (and is no scenario).
    const allowed = await runCli(['check', join(folder, 'ck'), '--allow-outside-files', '--format', 'json']);
    expect(JSON.parse(allowed.stdout).scenarios[1].problems[0].message).not.toMatch(/^links outside/);
  });

  it('a prompt file that cannot be read makes only its scenario invalid', async () => {
    write('a.yaml', SCENARIO);
    write('b.yaml', withPrompt('/dev/zero'));
    const run = await runCli(['check', join(folder, '*.yaml'), '--format', 'json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.scenarios.map((s: { status: string }) => s.status)).toEqual(['ok', 'invalid']);
  });

  it('tokens reports a dangling link a pattern found, rather than skip it', async () => {
    write('p/a.md', 'hello');
    symlinkSync('missing.md', join(folder, 'p', 'b.md'));
    const run = await runCli(['tokens', join(folder, 'p', '*.md')]);
    expectRejected(run);
    expect(run.errorLines).toEqual([`llm-tco: ${join(folder, 'p', 'b.md')}: no such file (a symbolic link to missing.md, which does not exist)`]);
  });
});
