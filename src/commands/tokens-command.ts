// Registers `llm-tco tokens` on the program. Light on purpose: the tokenizer, the catalogue and
// the renderers load only when the command runs (see the dynamic import in the action).

import { Option, type Command } from 'commander';
import { TOKENS_FORMATS } from '../formats/command-formats.js';
import type { Io } from '../io.js';
import { ENCODINGS } from '../tokens/encodings.js';
import { outOption } from './out-option.js';
import { wideOption } from './shared-flags.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerTokensCommand(root: Command, io: Io, setExit: (code: number) => void): Command {
  return root
    .command('tokens')
    .description('tokens per file and in total with a model’s tokenizer, and what they cost as its input and output')
    .argument('<files...>', 'files, quoted patterns (\'prompts/*.md\', \'docs/**/*.txt\'), or - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(TOKENS_FORMATS).default('table'))
    .addOption(outOption('write the report to a file (all or nothing) instead of stdout'))
    .option('--model <name>', 'catalogue model, e.g. openai/gpt-4o-mini: its tokenizer, and prices for the cost (default: o200k_base, no cost)')
    .addOption(new Option('--encoding <name>', 'count with this encoding instead of the model’s').choices(ENCODINGS))
    .option('--calls <n>', 'with --model: what the files cost as the prompt of this many calls, e.g. 1M')
    .option('--output <tokens>', 'with --calls: output tokens each call writes (default 0)')
    .option('--pricing <file>', 'layer a catalogue file over the bundled prices (repeatable)', collect)
    .addOption(wideOption())
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  llm-tco tokens prompts/system.md --model openai/gpt-4o-mini\n' +
        "  llm-tco tokens 'prompts/**/*.md' --model anthropic/claude-sonnet-4-6 --format json\n" +
        '  llm-tco tokens prompts/system.md --model openai/gpt-4o-mini --calls 1M --output 300\n' +
        '  git show HEAD:prompts/system.md | llm-tco tokens - --encoding cl100k_base\n',
    )
    .action(async (files: string[], flags) => {
      const { runTokens } = await import('./tokens.js');
      setExit(await runTokens(files, flags, io));
    });
}
