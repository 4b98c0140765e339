// The docs' console examples, run for real. A page's fenced ```console blocks hold lines
// `$ npx llm-tco ARGS` (or `$ llm-tco ARGS`, optionally after `NAME=value` settings such as
// `COLUMNS=80`), each followed by the output it prints. Each command runs as
// `node bin/llm-tco.js ARGS` through `sh` (so quoting and globs work as in a shell), from the
// repository root, with NO_COLOR set, COLUMNS 120 unless the page sets it, standard error
// merged into standard output as a terminal shows them, and the clock set to the date the
// examples were run on (docs/README.md says which), so that the prices in force and their age
// are those of that day. A comment right above a block changes how it runs:
//   <!-- docs-test: skip (why) -->   not run (the wizard; a command that needs a file made earlier)
//   <!-- docs-test: exit 1 -->       every command of the block exits 1 (default 0)
//   <!-- docs-test: columns 80 -->   COLUMNS=80
// (several at once: `<!-- docs-test: exit 2, columns 80 -->`).

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers.js';

export interface DocCommand {
  /** 0-based line of the `$` line in the page. */
  line: number;
  /** How many page lines the command takes (a line ending in `\` continues on the next). */
  lines: number;
  /** The shell words after `llm-tco`, continuation lines joined. */
  args: string;
  /** `NAME=value` settings written before the command. */
  env: string;
  /** The output the page shows after it, without the trailing newline. */
  expected: string;
}

export interface DocBlock {
  file: string;
  /** 0-based line of the opening fence. */
  fence: number;
  /** 0-based line of the closing fence. */
  close: number;
  skip?: string;
  exit: number;
  columns: number;
  commands: DocCommand[];
  /** Why the block cannot be run (a `$` line that is not llm-tco, text before the first command). */
  problem?: string;
}

const DIRECTIVE = /^<!--\s*docs-test:\s*(.*?)\s*-->$/;
const COMMAND = /^\$ ((?:[A-Z_][A-Z0-9_]*=\S*\s+)*)(?:npx\s+)?llm-tco(?:\s+(.*))?$/;
const WRITES_HERE = /\s(?:-o|--out)(?:\s+|=)(?!['"]?\/(?:tmp|dev)\/)\S/;
/** The date line of docs/README.md: `<!-- docs-examples-date: YYYY-MM-DD -->`. */
export const DATE_MARK = /<!-- docs-examples-date: (\d{4}-\d{2}-\d{2}) -->/;

function directives(text: string, block: DocBlock): void {
  if (/^skip\b/.test(text)) {
    block.skip = text.replace(/^skip\s*/, '').replace(/^\((.*)\)$/, '$1') || 'no reason given';
    return;
  }
  for (const part of text.split(',').map((p) => p.trim())) {
    const exit = /^exit (\d+)$/.exec(part);
    const columns = /^columns (\d+)$/.exec(part);
    if (exit) block.exit = Number(exit[1]);
    else if (columns) block.columns = Number(columns[1]);
    else block.problem = `unknown docs-test directive '${part}' (skip (why), exit N, columns N)`;
  }
}

/** Every ```console block of a page, with its commands and their expected output. */
export function findBlocks(file: string, text: string): DocBlock[] {
  const lines = text.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```console\s*$/.test(lines[i]!)) {
      // Skip over other fences, so a console fence shown inside one is not taken for a block.
      if (/^```/.test(lines[i]!)) {
        i++;
        while (i < lines.length && !/^```\s*$/.test(lines[i]!)) i++;
      }
      continue;
    }
    const block: DocBlock = { file, fence: i, close: -1, exit: 0, columns: 120, commands: [] };
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const directive = before >= 0 ? DIRECTIVE.exec(lines[before]!.trim()) : null;
    if (directive) directives(directive[1]!, block);
    let j = i + 1;
    let current: DocCommand | undefined;
    const output: string[] = [];
    const finish = () => {
      if (current) current.expected = output.join('\n');
      output.length = 0;
    };
    for (; j < lines.length && !/^```\s*$/.test(lines[j]!); j++) {
      const line = lines[j]!;
      if (line.startsWith('$ ')) {
        finish();
        let whole = line;
        let k = j;
        while (whole.endsWith('\\') && k + 1 < lines.length) whole = `${whole.slice(0, -1).trimEnd()} ${lines[++k]!.trim()}`;
        const match = COMMAND.exec(whole);
        if (!match) {
          block.problem ??= `line ${j + 1}: '${line}' is not an llm-tco command (mark the block <!-- docs-test: skip (why) -->)`;
          current = undefined;
        } else {
          current = { line: j, lines: k - j + 1, args: match[2] ?? '', env: match[1]!.trim(), expected: '' };
          block.commands.push(current);
          // Run from the repository's root, a command must not leave a file there.
          if (WRITES_HERE.test(` ${current.args}`)) block.problem ??= `line ${j + 1}: writes a file in the repository (-o): write under /tmp/, or mark the block skip`;
        }
        j = k;
      } else if (current) output.push(line);
      else block.problem ??= `line ${j + 1}: output before the first '$ llm-tco' line`;
    }
    finish();
    block.close = j;
    if (block.commands.length === 0) block.problem ??= 'no `$ npx llm-tco` line';
    blocks.push(block);
    i = j;
  }
  return blocks;
}

/** What changes by the day: the age of the prices. */
export function normalise(text: string): string {
  return text.replace(/\b\d[\d,]* days? old\b/g, 'N days old');
}

export interface RunResult {
  output: string;
  code: number | null;
}

/** Runs one command as the page shows it, on `today`. */
export function runCommand(command: DocCommand, block: DocBlock, today: string): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', COLUMNS: String(block.columns), TERM: 'dumb', LLM_TCO_DOCS_TODAY: today };
  delete env.FORCE_COLOR;
  delete env.LLM_TCO_DEBUG;
  const pin = pathToFileURL(join(ROOT, 'test', 'fixtures', 'docs', 'pin-today.mjs')).href;
  const node = `${shellQuote(process.execPath)} --import ${shellQuote(pin)} bin/llm-tco.js`;
  const script = `${command.env ? `${command.env} ` : ''}${node}${command.args ? ` ${command.args}` : ''} 2>&1`;
  const result = spawnSync('sh', ['-c', script], { cwd: ROOT, encoding: 'utf8', env, timeout: 60_000 });
  return { output: result.stdout.replace(/\n$/, ''), code: result.status };
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The date the examples were run on, from docs/README.md. */
export function examplesDate(index = join(ROOT, 'docs', 'README.md')): string {
  const mark = DATE_MARK.exec(readFileSync(index, 'utf8'));
  if (!mark) throw new Error(`${index}: no <!-- docs-examples-date: YYYY-MM-DD --> line`);
  return mark[1]!;
}

export interface Mismatch {
  where: string;
  command: string;
  expected: string;
  actual: string;
  expectedCode: number;
  code: number | null;
}

/** Runs every block of a page; returns what differs. */
export function checkBlock(block: DocBlock, today: string): Mismatch[] {
  const found: Mismatch[] = [];
  for (const command of block.commands) {
    const { output, code } = runCommand(command, block, today);
    if (normalise(output) !== normalise(command.expected) || code !== block.exit) {
      found.push({ where: `${block.file}:${command.line + 1}`, command: `llm-tco ${command.args}`, expected: command.expected, actual: output, expectedCode: block.exit, code });
    }
  }
  return found;
}

/** The page with every runnable block's outputs replaced by what the commands print now. */
export function updatePage(file: string, text: string, today: string): { text: string; changed: number } {
  const lines = text.split('\n');
  const blocks = findBlocks(file, text).filter((b) => !b.skip && !b.problem);
  let changed = 0;
  // From the end, so earlier line numbers stay right.
  for (const block of blocks.reverse()) {
    const body: string[] = [];
    for (const command of block.commands) {
      const { output } = runCommand(command, block, today);
      if (output !== command.expected) changed++;
      body.push(...lines.slice(command.line, command.line + command.lines));
      if (output !== '') body.push(...output.split('\n'));
    }
    lines.splice(block.fence + 1, block.close - block.fence - 1, ...body);
  }
  return { text: lines.join('\n'), changed };
}

/** Rewrites a file in place with real outputs; returns how many outputs changed. */
export function updateFile(file: string, today: string): number {
  const { text, changed } = updatePage(file, readFileSync(file, 'utf8'), today);
  writeFileSync(file, text);
  return changed;
}
