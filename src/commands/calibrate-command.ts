// Registers `llm-tco calibrate` on the program. Light on purpose: log parsing, the catalogue and
// the renderers load only when the command runs (see the dynamic import in the action).

import { Option, type Command } from 'commander';
import { CALIBRATE_FORMATS } from '../formats/command-formats.js';
import type { Io } from '../io.js';
import { outOption } from './out-option.js';
import { wideOption } from './shared-flags.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerCalibrateCommand(root: Command, io: Io, setExit: (code: number) => void): Command {
  return root
    .command('calibrate')
    .description('token use per call and per session from real usage logs, and a scenario calibrated on it')
    .argument('<logs...>', 'JSONL or JSON logs: OpenAI Chat Completions / Responses objects, Anthropic messages, LiteLLM spend logs (quoted patterns and - for standard input work)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(CALIBRATE_FORMATS).default('table'))
    .addOption(outOption('write a scenario calibrated on the logs (all or nothing), for estimate and simulate'))
    .option('--model <name>', 'an API option of the written scenario (repeatable; default: the logged models the catalogue knows)', collect)
    .option('--name <text>', 'name of the written scenario')
    .option('--requests-per-month <n>', 'monthly volume of the written scenario (default: the logged rate over a 730-hour month)')
    .option('--max-warnings <n>', 'malformed lines to list on stderr (default 10)')
    .option('--pricing <file>', 'layer a catalogue file over the bundled prices (repeatable)', collect)
    .addOption(wideOption())
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  llm-tco calibrate logs/openai-2026-11.jsonl\n' +
        "  llm-tco calibrate 'logs/**/*.jsonl' -o scenarios/calibrated.yaml --model openai/gpt-4o-mini --model anthropic/claude-haiku-4-5\n" +
        '  cat litellm-spend-logs.json | llm-tco calibrate - --format json\n',
    )
    .action(async (logs: string[], flags) => {
      const { runCalibrate } = await import('./calibrate.js');
      setExit(await runCalibrate(logs, flags, io));
    });
}
