// Text from a user's file is data, in every format: a name that holds a terminal escape, a
// workflow command, a spreadsheet formula, markdown or HTML is shown as text and never acts.
// The fixture test/fixtures/hostile/names.yaml names its scenario and options with these
// payloads; file names holding them are made at run time in a temporary folder.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedLines, terminalText } from '../src/formats/terminal-text.js';
import { runCommand } from './command-harness.js';
import { runCli, typed } from './helpers.js';
import { runWizardWith, tempDir } from './wizard-helpers.js';

const SCENARIO = typed('test', 'fixtures', 'hostile', 'names.yaml');
const PRICING = typed('test', 'fixtures', 'hostile', 'pricing.yaml');

/** The option names of names.yaml, exactly as the YAML escapes spell them. */
const OPTION_NAMES = [
  '\x1b]0;pwned\x07',
  'a\rb',
  '\u202eevil',
  'x\n::error::injected',
  '=HYPERLINK("http://x","y")',
  '@SUM(1+1)',
  '\tTAB',
  '| a | b |',
  '<img src=x onerror=alert(1)>',
  '::stop-commands::tok ##[error]v1 @org/team',
  '<script>alert(1)</script> ![i](http://x/i.png) <http://x>',
];
const MODEL_NAMES = ['\x1b[2J', 'a\bb', '\u2066iso\x9b2J', 'x\n::add-mask::secret', "+cmd|' /C calc'!A0", '-2+3', '\rCR', '[x](javascript:alert(1))', '<!--', '::error::model'];
const SCENARIO_NAME = '\x1b]0;pwned\x07 scenario\n::error::scenario-injected <img src=x onerror=alert(1)>';

/** C0 controls but line feed, DEL, C1 controls, bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** No byte that a terminal, a log viewer or a bidi-aware editor would act on. */
function expectNoRawControls(text: string, what: string): void {
  const found = RAW_CONTROL.exec(text);
  expect(found && `${what}: U+${found[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${found.index}: ${JSON.stringify(text.slice(Math.max(0, found.index - 30), found.index + 30))}`).toBeNull();
}

/**
 * The GitHub runner runs a line as a workflow command when it starts with `::` after leading
 * spaces, and (its older syntax) wherever `##[` appears in it. Only the github format may, and
 * only with the commands it means: error and warning.
 */
function expectNoWorkflowCommands(text: string, what: string, github = false): void {
  for (const line of text.split('\n')) {
    if (github && /^::(error|warning) /.test(line)) {
      expect(line, what).toMatch(/^::(error|warning) file=[^,:]*(,line=\d+,col=\d+)?,title=[^,:]*::/);
      expect(line.replace(/^::(error|warning) [^:]*::/, ''), what).not.toContain('##[');
      continue;
    }
    expect(line.trimStart().startsWith('::') && `${what}: ${JSON.stringify(line)}`).toBe(false);
    expect(line.includes('##[') && `${what}: ${JSON.stringify(line)}`).toBe(false);
  }
}

/** RFC 4180 fields, quoted or not; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) throw new Error('unterminated quote');
        cell += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/[,\r]/);
      cell = end === -1 ? text.slice(i) : text.slice(i, i + end);
      i = end === -1 ? text.length : i + end;
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`bad CSV at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
  }
  if (row.length) rows.push(row);
  return rows;
}

/** A spreadsheet reads a cell starting with = + - @ (or a tab or CR) as a formula; a real number is fine. */
function expectNoFormulas(text: string, what: string): void {
  // Records end in CRLF; no other CR may be left.
  expectNoRawControls(text.replace(/\r\n/g, '\n'), what);
  const rows = parseCsv(text);
  expect(rows.length, what).toBeGreaterThan(1);
  for (const cell of rows.flat()) {
    if (/^[=+@\t\r]/.test(cell) || (cell.startsWith('-') && !Number.isFinite(Number(cell)))) expect.fail(`${what}: formula-like cell ${JSON.stringify(cell)}`);
  }
}

/** Markdown: names stay inside their cell and make no link, image, HTML or mention. */
function expectInertMarkdown(text: string, what: string): void {
  const prose = text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
  // Ours: folded sections, autolinks, and check's hidden marker, only as a whole line of its own.
  const ours = /^<details><summary>[^<]*<\/summary>$|^<\/details>$|^<!-- llm-tco:check -->$|<https?:\/\/[^\s<>]*>/g;
  for (const line of prose.split('\n')) {
    const bare = line.replace(/\\./g, '').replace(/`[^`]*`/g, '');
    expect(bare.replace(ours, '').match(/<[a-zA-Z!/?]/) && `${what}: HTML in ${JSON.stringify(line)}`).toBeNull();
    expect(bare.includes('](') && `${what}: link in ${JSON.stringify(line)}`).toBe(false);
    expect(/(^|[^\w`])@[A-Za-z0-9]/.test(bare) && `${what}: mention in ${JSON.stringify(line)}`).toBe(false);
  }
  // Every row of a table has as many cell separators as the table's header.
  const blocks = prose.split(/\n(?!\|)/).map((b) => b.split('\n').filter((l) => l.startsWith('|')));
  for (const rows of blocks.filter((b) => b.length > 0)) {
    const pipes = (l: string) => l.replace(/\\./g, '').replace(/`[^`]*`/g, '').split('|').length;
    for (const row of rows) expect(pipes(row), `${what}: ${JSON.stringify(row)}`).toBe(pipes(rows[0]!));
  }
}

function expectInertHtml(text: string, what: string): void {
  const body = text.replace(/^<!doctype html>[\s\S]*?<\/head>/, '');
  expect(body, what).not.toMatch(/<img|<script|<!--|<iframe|(href|src)\s*=\s*["']?javascript:/i);
}

/** Every check every format gets, plus that format's own. */
function expectInert(text: string, format: string, what: string): void {
  const label = `${what} --format ${format}`;
  expectNoWorkflowCommands(text, label, format === 'github');
  if (format === 'json') {
    expectNoRawControls(text, label);
    return;
  }
  if (format === 'csv') expectNoFormulas(text, label);
  else expectNoRawControls(text, label);
  if (format === 'markdown') expectInertMarkdown(text, label);
  if (format === 'html') expectInertHtml(text, label);
}

const ANALYSES = ['estimate', 'breakeven', 'forecast', 'simulate'] as const;
const FORMATS = ['table', 'json', 'markdown', 'csv', 'html'] as const;

describe('names from a scenario are data in every format', () => {
  for (const command of ANALYSES) {
    for (const format of FORMATS) {
      it(`${command} --format ${format}`, async () => {
        const extra = command === 'simulate' ? ['--samples', '200'] : [];
        const run = await runCli([command, SCENARIO, '--format', format, ...extra]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expectInert(run.stdout, format, command);
      });
    }
  }

  it('shows a control character as its escape: \\x1b, \\n, \\u202e', async () => {
    const table = (await runCli(['estimate', SCENARIO])).stdout;
    expect(table).toContain('\\x1b]0;pwned\\x07');
    expect(table).toContain('x\\n::error::injected');
    expect(table).toContain('\\u202eevil');
    expect(table).toContain('a\\rb');
    expect(table).toContain('\\tTAB');
    const csv = (await runCli(['estimate', SCENARIO, '--format', 'csv'])).stdout;
    expect(csv).toContain('\\u2066iso\\x9b2J');
  });

  it('JSON keeps every name exactly, and still parses', async () => {
    const estimate = JSON.parse((await runCli(['estimate', SCENARIO, '--format', 'json'])).stdout);
    expect(estimate.scenario.name).toBe(SCENARIO_NAME);
    expect(estimate.options.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(OPTION_NAMES));
    expect(estimate.options.flatMap((o: { price?: { model: string } }) => (o.price ? [o.price.model] : []))).toEqual(expect.arrayContaining(MODEL_NAMES));
    const simulate = JSON.parse((await runCli(['simulate', SCENARIO, '--format', 'json', '--samples', '200'])).stdout);
    expect(simulate.options.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(OPTION_NAMES));
  });

  it('CSV prefixes a formula-like name with a quote and keeps real numbers as numbers', async () => {
    const rows = parseCsv((await runCli(['estimate', SCENARIO, '--format', 'csv'])).stdout);
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toContain(`'=HYPERLINK("http://x","y")`);
    expect(names).toContain("'@SUM(1+1)");
    expect(rows.slice(1).map((r) => r[2])).toContain("'-2+3");
    expect(rows.slice(1).map((r) => r[2])).toContain("'+cmd|' /C calc'!A0");
    // monthly_cost: numbers, unquoted.
    const monthly = rows[0]!.indexOf('monthly_cost');
    for (const row of rows.slice(1)) expect(Number.isFinite(Number(row[monthly]))).toBe(true);
  });

  it('markdown escapes the names, HTML too', async () => {
    const md = (await runCli(['estimate', SCENARIO, '--format', 'markdown'])).stdout;
    expect(md).toContain('\\| a \\| b \\|');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('`@`org/team');
    const html = (await runCli(['estimate', SCENARIO, '--format', 'html'])).stdout;
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('\\x1b]0;pwned\\x07');
  });
});

describe('check: hostile scenario and file names', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'llm-tco-hostile-'));
    // A file name can hold anything but / and NUL: a line feed and a workflow command included.
    file = join(dir, 'ok\x1b]0;t\x07\n::error file=a,line=1::from-file-name ##[add-mask]x \u202e.yaml');
    copyFileSync(SCENARIO, file);
    writeFileSync(join(dir, 'x\n::error::invalid.yaml'), 'name: bad\ntraffic:\n  "\\e[2J\\n::error::key": 1\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['table', 'json', 'markdown', 'github']) {
    it(`check --format ${format}`, async () => {
      const run = await runCli(['check', dir, '--format', format]);
      expect(run.code).toBe(2);
      expectInert(run.stdout, format, 'check');
      expectInert(run.stderr, 'table', 'check (stderr)');
    });
  }

  it('the github format escapes messages and properties by the runner’s rules', async () => {
    const out = (await runCli(['check', dir, '--format', 'github'])).stdout;
    const over = out.split('\n').find((l) => l.startsWith('::error') && l.includes('title=Over budget'))!;
    // The file property: : and , escaped (%3A, %2C), the line feed shown as \n; the line of the
    // budget (names.yaml:44:3); the message
    // keeps its colons, which are data once the command's own `::` has been read.
    expect(over).toContain(String.raw`ok\x1b]0;t\x07\n%3A%3Aerror file=a%2Cline=1%3A%3Afrom-file-name \x23#[add-mask]x \u202e.yaml,line=44,col=3,title=Over budget::`);
    expect(over).toContain(String.raw`::x\n::error::injected: monthly cost`);
  });

  it('the JSON report keeps the file name exactly', async () => {
    const report = JSON.parse((await runCli(['check', dir, '--format', 'json'])).stdout);
    expect(report.scenarios.map((s: { file: string }) => s.file)).toContain(file);
  });

  it('writing the report to a file, the problems on stderr are escaped too', async () => {
    const out = join(dir, 'report.md');
    const run = await runCli(['check', dir, '--format', 'markdown', '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('\\x1b[2J\\n');
    expectInert(run.stderr, 'table', 'check -o (stderr)');
    rmSync(out);
  });
});

describe('check against a baseline: the inputs that changed are data', () => {
  let dir: string;
  let base: string;
  let file: string;
  /** A scenario whose model name and prompt file name are payloads; `version` changes both. */
  const scenario = (version: number) =>
    [
      'traffic: {requests_per_month: 1000}',
      `workload: {kind: chat, input: 1000, output: 1000, system_prompt: {file: "p${version}\\e[2J|<img src=x>@org\\n::error::x.md"}}`,
      'options:',
      `  - api: {name: "m${version}\\e]0;pwned\\a\\n::error file=a,line=1::injected ##[add-mask]x | <script>alert(1)</script> @org/team \\u202e", input: ${version}, output: 2}`,
      '',
    ].join('\n');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'llm-tco-hostile-diff-'));
    base = join(dir, 'base');
    // A file name from a pull request may hold a workflow command too.
    file = join(dir, 'c\n::error file=a,line=1::f ##[add-mask]x.yaml');
    writeFileSync(file, scenario(2));
    writeFileSync(join(dir, 'p2\x1b[2J|<img src=x>@org\n::error::x.md'), 'word word');
    mkdirSync(join(base, dir), { recursive: true });
    writeFileSync(join(base, file), scenario(1));
    writeFileSync(join(base, dir, 'p1\x1b[2J|<img src=x>@org\n::error::x.md'), 'word');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['table', 'json', 'markdown', 'github']) {
    it(`check --baseline --format ${format}`, async () => {
      const run = await runCli(['check', file, '--baseline', base, '--max-increase', '1%', '--format', format]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expectInert(run.stdout, format, 'check --baseline');
      if (format === 'json') {
        const changes = JSON.parse(run.stdout).baseline.scenarios[0].changes as { path: string; new: unknown; new_file?: string }[];
        // The exact text, kept: the model's name and the prompt file's.
        expect(changes.map((c) => c.path)).toEqual(['workload.system_prompt', 'options[0].api.name', 'options[0].api.input']);
        expect(changes[0]!.new_file).toBe('p2\x1b[2J|<img src=x>@org\n::error::x.md');
        expect(String(changes[1]!.new)).toContain('\n::error file=a,line=1::injected');
      }
      if (format === 'github') expect(run.stdout).toMatch(/^::error file=[^\n]*,line=2,col=1,title=Cost increase::/m);
    });
  }
});

describe('errors echo keys, values and paths as data', () => {
  it('an unknown key with escapes in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-hostile-'));
    const file = join(dir, 'bad\n::error::path.yaml');
    writeFileSync(file, 'name: x\ntraffic:\n  "\\e]0;pwned\\a\\n::add-mask::key": 1\n');
    const run = await runCli(['estimate', file]);
    rmSync(dir, { recursive: true, force: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('\\x1b]0;pwned\\x07');
    expectInert(run.stderr, 'table', 'estimate (stderr)');
  });

  it('a usage error quoting an argument (a file name from a pull request, say)', async () => {
    const run = await runCli(['estimate', 'a.yaml', '--x\x1b[2J\n::error::flag']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--x\\x1b[2J\\n::error::flag'");
    expectInert(run.stderr, 'table', 'estimate (stderr)');
  });

  it('a missing file whose name holds escapes', async () => {
    const run = await runCli(['estimate', 'nope\x1b[2J\n::error::x.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope\\x1b[2J\\n');
    expectInert(run.stderr, 'table', 'estimate (stderr)');
  });
});

describe('catalogue files from --pricing are user files too', () => {
  for (const format of ['table', 'json', 'markdown', 'csv']) {
    it(`pricing show and list --format ${format}`, async () => {
      const show = await runCli(['pricing', 'show', 'acme/\x1b]0;pwned\x07', '--pricing', PRICING, '--format', format]);
      expect(show.stderr).toBe('');
      expectInert(show.stdout, format, 'pricing show');
      const list = await runCli(['pricing', 'list', '--pricing', PRICING, '--search', 'acme/', '--format', format]);
      expect(list.stderr).toBe('');
      expectInert(list.stdout, format, 'pricing list');
    });

    it(`vram and throughput with a hostile model and hardware --format ${format}`, async () => {
      const vram = await runCli(['vram', '--pricing', PRICING, '--model', '::error::arch\u202e', '--quant', 'Q4_K_M', '--gpu', '-2+3 gpu\r', '--format', format]);
      expect(vram.stderr).toBe('');
      expectInert(vram.stdout, format, 'vram');
      const throughput = await runCli(['throughput', '--pricing', PRICING, '--model', '::error::arch\u202e', '--quant', 'Q4_K_M', '--hardware', '-2+3 gpu\r', '--format', format]);
      expect(throughput.stderr).toBe('');
      expectInert(throughput.stdout, format, 'throughput');
    });
  }

  it('pricing validate names the file as data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-hostile-'));
    const file = join(dir, '::error::v\x1b[2J.yaml');
    copyFileSync(PRICING, file);
    const run = await runCli(['pricing', 'validate', file]);
    rmSync(dir, { recursive: true, force: true });
    expectInert(run.stdout, 'table', 'pricing validate');
    expectInert(run.stderr, 'table', 'pricing validate (stderr)');
  });
});

describe('tokens and calibrate: file names and logged model names', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'llm-tco-hostile-'));
    writeFileSync(join(dir, '=HYPERLINK("x")\x1b]0;t\x07\n::error::tokens.txt'), 'Hello, world.\n');
    writeFileSync(join(dir, '-2+3 \u202e.txt'), 'Hello again.\n');
    const record = (model: string) => JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1793610000, model, usage: { prompt_tokens: 100, completion_tokens: 20 } });
    writeFileSync(join(dir, 'log\n::error::calibrate.jsonl'), `${record('\x1b]0;pwned\x07 x\n::error::model')}\n${record('@SUM(1+1) \u202eevil')}\nnot json \x1b[2J\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['table', 'json', 'csv']) {
    it(`tokens --format ${format}`, async () => {
      const run = await runCommand(['tokens', join(dir, '=HYPERLINK("x")\x1b]0;t\x07\n::error::tokens.txt'), join(dir, '-2+3 \u202e.txt'), '--format', format]);
      expect(run.code).toBe(0);
      expectInert(run.stdout, format, 'tokens');
    });
  }

  for (const format of ['table', 'json']) {
    it(`calibrate --format ${format}`, async () => {
      const run = await runCommand(['calibrate', join(dir, 'log\n::error::calibrate.jsonl'), '--format', format]);
      expect(run.code).toBe(0);
      expectInert(run.stdout, format, 'calibrate');
      expectInert(run.stderr, 'table', 'calibrate (stderr)');
    });
  }

  it('calibrate -o: the log file named in the header comment does not end it', async () => {
    const log = join(dir, 'log\n::error::calibrate.jsonl');
    const record = JSON.stringify({ id: 'c2', object: 'chat.completion', created: 1793610100, model: 'gpt-4o-mini-2024-07-18', usage: { prompt_tokens: 100, completion_tokens: 20 } });
    writeFileSync(join(dir, 'mini\n::error::x.jsonl'), `${record}\n`);
    const out = join(dir, 'calibrated.yaml');
    const run = await runCommand(['calibrate', log, join(dir, 'mini\n::error::x.jsonl'), '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n').filter((l) => l.trimStart().startsWith('::'))).toEqual([]);
    const again = await runCli(['estimate', out, '--format', 'json']);
    expect(again.code, again.stderr).toBe(0);
  });
});

describe('the wizard shows a --from scenario’s names as data', () => {
  it('the estimate it prints, and the header comment of the file it writes', async () => {
    const out = join(tempDir(), 'again.yaml');
    // The wizard refuses a name with control characters as an answer: a plain one is typed.
    const run = await runWizardWith({ name: 'plain' }, { from: SCENARIO, out });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('\\x1b]0;pwned\\x07');
    expectInert(run.stdout, 'table', 'wizard');
    // The file it writes quotes the estimate in its header comment: a line break in a name ended
    // the comment, and the rest became YAML (the file did not read back).
    const written = readFileSync(out, 'utf8');
    expect(written).toContain('#   x\\n::error::injected: $17.28');
    expect(written.split('\n').filter((l) => l.trimStart().startsWith('::'))).toEqual([]);
  });
});

describe('terminalText and guardedLines', () => {
  it('escape each character a terminal acts on, and defuse workflow commands', () => {
    expect(terminalText('\x1b]0;pwned\x07')).toBe('\\x1b]0;pwned\\x07');
    expect(terminalText('a\rb\bc\td\ne\x7f\x9b\u202e\u2066\u2028')).toBe('a\\rb\\x08c\\td\\ne\\x7f\\x9b\\u202e\\u2066\\u2028');
    expect(terminalText('::error::x')).toBe('\\x3a:error::x');
    expect(terminalText('a ::warning::x')).toBe('a \\x3a:warning::x');
    expect(terminalText('x ##[error]y')).toBe('x \\x23#[error]y');
    expect(terminalText('C:\\Users\\me é 中文 a:b')).toBe('C:\\Users\\me é 中文 a:b');
    // Shown twice, the same: renderers may escape text already escaped.
    expect(terminalText(terminalText('\x1b ::x ##[y'))).toBe(terminalText('\x1b ::x ##[y'));
    // A wrapped name may put `::` first on a line; a joined one may make `##[`.
    expect(guardedLines('name\n  ::error::wrapped\n::add-mask::x\nok ::fine\na#\n#[b ##[c')).toBe('name\n  \\x3a:error::wrapped\n\\x3a:add-mask::x\nok ::fine\na#\n#[b \\x23#[c');
  });
});
