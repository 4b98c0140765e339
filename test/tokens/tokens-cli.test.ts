// llm-tco tokens end to end (see command-harness.ts): formats, costs by hand, patterns, stdin,
// and bad input. Token counts of the fixtures are js-tiktoken's (test/tokens/exactness.test.ts
// proves ours equal them): english.md 565 (o200k_base) / 574 (cl100k_base), chinese.txt 416 / 593,
// code-python.txt 358 / 358.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../command-harness.js';
import { fakeIo, typed } from '../helpers.js';

const FIXTURES = typed('test', 'fixtures', 'tokens');
const english = `${FIXTURES}/english.md`;
const chinese = `${FIXTURES}/chinese.txt`;
const python = `${FIXTURES}/code-python.txt`;

describe('tokens: counts and costs', () => {
  it('json: per file and in total; gpt-4o-mini costs at $0.15 in / $0.60 out per 1M', async () => {
    const run = await runCommand(['tokens', english, chinese, '--model', 'openai/gpt-4o-mini', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      schema: 'llm-tco/report@1',
      command: 'tokens',
      encoding: 'o200k_base',
      estimate: false,
      files: [
        { file: english, tokens: 565, bytes: 2266 },
        { file: chinese, tokens: 416, bytes: 1674 },
      ],
      total_tokens: 565 + 416, // 981
    });
    expect(report.cost.model).toBe('openai/gpt-4o-mini');
    expect(report.cost.currency).toBe('USD');
    expect(report.cost.input).toBeCloseTo((981 * 0.15) / 1e6, 12); // $0.00014715
    expect(report.cost.output).toBeCloseTo((981 * 0.6) / 1e6, 12); //  $0.0005886
    expect(report.cost.tier_above_tokens).toBeNull();
  });

  it('a Claude model: cl100k_base, labelled an ESTIMATE, with Claude’s prices ($3 / $15)', async () => {
    const run = await runCommand(['tokens', chinese, '--model', 'anthropic/claude-sonnet-4-6', '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ encoding: 'cl100k_base', estimate: true, total_tokens: 593 });
    expect(report.cost.input).toBeCloseTo((593 * 3) / 1e6, 12); // $0.001779
    expect(report.cost.output).toBeCloseTo((593 * 15) / 1e6, 12); // $0.008895

    const table = await runCommand(['tokens', chinese, '--model', 'anthropic/claude-sonnet-4-6']);
    expect(table.stdout).toMatch(/^tokenizer: cl100k_base, an ESTIMATE \(Claude's own tokenizer is not bundled/);
  });

  it('no --model: o200k_base and no cost', async () => {
    const report = JSON.parse((await runCommand(['tokens', python, '--format', 'json'])).stdout);
    expect(report).toMatchObject({ encoding: 'o200k_base', estimate: false, total_tokens: 358, cost: null });
  });

  it('--encoding overrides the model’s tokenizer and says it is then an estimate', async () => {
    const report = JSON.parse((await runCommand(['tokens', english, '--model', 'openai/gpt-4o', '--encoding', 'cl100k_base', '--format', 'json'])).stdout);
    expect(report).toMatchObject({ encoding: 'cl100k_base', estimate: true, total_tokens: 574 });
  });

  it('a prompt over a long-context tier is priced at that tier as input (gemini-2.5-pro: $2.50 above 200k)', async () => {
    const io = fakeIo();
    io.readStdin = async () => ' hello'.repeat(210_000); // one o200k token per " hello"
    const report = JSON.parse((await runCommand(['tokens', '-', '--model', 'google/gemini-2.5-pro', '--format', 'json'], io)).stdout);
    expect(report.total_tokens).toBe(210_000);
    expect(report.cost.tier_above_tokens).toBe(200_000);
    expect(report.cost.input).toBeCloseTo((210_000 * 2.5) / 1e6, 12); // $0.525
    expect(report.cost.output).toBeCloseTo((210_000 * 10) / 1e6, 12); // $2.10 at the base output price
  });

  it('table: one row per file, a total row, the cost line', async () => {
    const run = await runCommand(['tokens', english, python, '--model', 'openai/gpt-4o-mini']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('tokenizer: o200k_base (openai/gpt-4o-mini uses o200k_base)');
    expect(run.stdout).toMatch(/english\.md\s+│\s+565 │/);
    expect(run.stdout).toMatch(/total \(2 files\)\s+│\s+923 │/); // 565 + 358
    // 923 x 0.15 / 1M = $0.00013845 and 923 x 0.60 / 1M = $0.0005538, shown to four significant
    // digits (the first is 0.000138449... in binary, so it rounds down)
    expect(run.stdout).toContain('923 tokens on openai/gpt-4o-mini: $0.0001384 as input (0.15 USD/1M), $0.0005538 as output (0.6 USD/1M)');
  });

  it('csv: one row per file, unrounded', async () => {
    const run = await runCommand(['tokens', english, chinese, '--format', 'csv']);
    expect(run.stdout).toBe(`file,tokens,bytes,encoding,estimate\r\n${english},565,2266,o200k_base,false\r\n${chinese},416,1674,o200k_base,false\r\n`);
  });

  it('-o writes the report to a file instead of stdout', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'llm-tco-tokens-'));
    try {
      const out = join(folder, 'tokens.json');
      const run = await runCommand(['tokens', python, '--format', 'json', '-o', out]);
      expect(run).toMatchObject({ code: 0, stdout: '' });
      expect(JSON.parse(readFileSync(out, 'utf8')).total_tokens).toBe(358);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('tokens: inputs', () => {
  it('expands patterns itself (quoted, so the shell did not), each file once', async () => {
    const report = JSON.parse((await runCommand(['tokens', `${FIXTURES}/*.txt`, chinese, '--format', 'json'])).stdout);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual([chinese, `${FIXTURES}/code-python.txt`, `${FIXTURES}/code-typescript.txt`, `${FIXTURES}/crlf-mixed.txt`]);
  });

  it('- reads standard input', async () => {
    const io = fakeIo();
    io.readStdin = async () => readFileSync(english, 'utf8');
    const report = JSON.parse((await runCommand(['tokens', '-', '--format', 'json'], io)).stdout);
    expect(report.files).toEqual([{ file: '-', tokens: 565, bytes: 2266 }]);
  });

  it('a file saved with a byte-order mark counts like one without', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'llm-tco-bom-'));
    try {
      const file = join(folder, 'bom.md');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(english)]));
      const report = JSON.parse((await runCommand(['tokens', file, '--format', 'json'])).stdout);
      expect(report.files[0]).toEqual({ file, tokens: 565, bytes: 2269 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('tokens: bad input exits 2 with one line per problem', () => {
  it('a pattern that matches nothing, a missing file and a folder, all at once', async () => {
    const run = await runCommand(['tokens', `${FIXTURES}/*.csv`, `${FIXTURES}/missing.md`, FIXTURES]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.errorLines).toEqual([
      `llm-tco: ${FIXTURES}/*.csv: matches no files`,
      `llm-tco: ${FIXTURES}/missing.md: no such file`,
      `llm-tco: ${FIXTURES}: is a folder, not a file (to read the files in it, give a pattern such as folder/*.md)`,
    ]);
  });

  it('an unknown model, with a suggestion', async () => {
    const run = await runCommand(['tokens', english, '--model', 'gpt-4o-mini']);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual(["llm-tco: command line: --model: unknown model 'gpt-4o-mini' (did you mean 'openai/gpt-4o-mini'?)"]);
  });

  it('an unknown encoding or format is a usage error', async () => {
    expect((await runCommand(['tokens', english, '--encoding', 'p50k_base'])).code).toBe(2);
    expect((await runCommand(['tokens', english, '--format', 'markdown'])).code).toBe(2);
  });

  it('no files at all is a usage error', async () => {
    const run = await runCommand(['tokens']);
    expect(run.code).toBe(2);
    expect(run.errorLines[0]).toMatch(/^llm-tco: missing required argument 'files'/);
  });

  it('--help shows examples', async () => {
    const run = await runCommand(['tokens', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('llm-tco tokens prompts/system.md --model openai/gpt-4o-mini');
  });
});
