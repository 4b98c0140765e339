// The only module that touches the process: argv in, text out, an exit code back.
// bin/llm-tco.js calls run(process); tests call main(argv, io) with a fake io.

import { Command, CommanderError, Option } from 'commander';
import { clip, didYouMean, formatProblem, UserError } from './errors.js';
import { CHECK_FORMATS } from './formats/check-formats.js';
import { ANALYSIS_FORMATS, FORMATS } from './formats/names.js';
import { terminalText } from './formats/terminal-text.js';
import type { Io } from './io.js';
import { INLINE_MODEL_FLAGS } from './commands/model-flags.js';
import { collect, currencyOption, todayOption, wideOption, withPricingFlags } from './commands/shared-flags.js';
import { registerTokensAndCalibrate } from './commands/tokens-and-calibrate.js';
import { registerWizard } from './commands/wizard-command.js';
import { MEMORY_FRACTION_FLAGS, SCENARIO_FLAGS } from './scenario/flag-names.js';
import { PRESET_NAMES } from './preset-names.js';
import { DEFAULT_MAX_FILE_BYTES, formatByteSize, newRunFiles, parseByteSize, withRunFiles, type RunFiles } from './run-files.js';

declare const LLM_TCO_VERSION: string | undefined;
const VERSION = typeof LLM_TCO_VERSION === 'string' ? LLM_TCO_VERSION : '0.0.0-dev';

export const EXIT = { ok: 0, budgetFailed: 1, badInput: 2, bug: 70 } as const;

function program(io: Io, setExit: (code: number) => void, files: RunFiles): Command {
  const root = new Command('llm-tco')
    .description('Cost modeller and TCO calculator for LLM features')
    .version(VERSION, '-v, --version')
    // Taken before or after the command: `llm-tco check --max-file-size 64MiB scenarios/`.
    .addOption(
      new Option('--max-file-size <size>', `refuse any file larger than this, e.g. 64MiB, 100MB, 1GB (default ${formatByteSize(DEFAULT_MAX_FILE_BYTES)})`).argParser((value: string) => {
        const bytes = parseByteSize(value);
        if (bytes === undefined) throw UserError.plain('--max-file-size', `expected a size such as 64MiB, 100MB or 1GB, got '${value}'`);
        return bytes;
      }),
    )
    .option('--allow-outside-files', 'let a scenario read prompt files outside its folder tree (or its git work tree)')
    .hook('preAction', (command) => {
      const flags = command.opts<{ maxFileSize?: number; allowOutsideFiles?: boolean }>();
      if (flags.maxFileSize !== undefined) files.maxFileBytes = flags.maxFileSize;
      files.allowOutsideFiles = flags.allowOutsideFiles === true;
    })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Usage errors read like every other error, on one line:
      // "llm-tco: unknown option '--user' (did you mean --users?)".
      // An argument may be a file name from a pull request: shown as text, on its one line, and a
      // word commander quotes back (an unknown flag) is clipped like every echo of the user's text.
      outputError: (s, write) => write(`${terminalText(s.replace(/^error: /, 'llm-tco: ').replace(/\n\(Did you mean/g, ' (did you mean').replace(/\n$/, '').replace(/'([^'\n]+)'/g, (_, word: string) => `'${clip(word)}'`))}\n`),
    })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  llm-tco estimate scenarios/v0-chat-app.yaml\n' +
        '  llm-tco vram --model llama-3.1-8b --quant Q4_K_M --context 8192\n' +
        '  llm-tco check scenarios/ --format github\n' +
        '\nEvery command has --help with examples.\n',
    )
    // A word that is no command reaches this action, not commander's unknown-command error
    // ("too many arguments"), because the program runs on its own too: said here, with a suggestion.
    .allowExcessArguments()
    .action((_flags, command: Command) => {
      const [word] = command.args;
      if (word !== undefined) {
        const names = command.commands.flatMap((c) => [c.name(), ...c.aliases()]);
        const hint = didYouMean(word, [...names, 'help']);
        command.error(`error: unknown command '${clip(word)}'${hint ? ` (${hint})` : ''}`, { code: 'commander.unknownCommand' });
      }
      io.stdout.write(
        'llm-tco projects the monthly bill of an LLM feature for every way of serving it.\n\n' +
          'Try:  llm-tco estimate scenarios/v0-chat-app.yaml\n' +
          '      llm-tco estimate --users 5000 --sessions 4 --requests 5 --input 400 --output 600 --history none --model openai/gpt-4o-mini\n\n' +
          'Run llm-tco --help for every command.\n',
      );
    });

  const estimate = withPricingFlags(
    root
      .command('estimate')
      .description('every option’s monthly cost and what drives it, from a scenario file or flags')
      .argument('[scenario]', 'scenario YAML file (flags override its keys)')
      .addOption(new Option('-f, --format <format>', 'output format (html: a self-contained report with the break-even and forecast charts)').choices(ANALYSIS_FORMATS).default('table')),
  )
    .addOption(currencyOption('report currency, e.g. EUR (default: the scenario’s)'))
    .addOption(todayOption('date for dated prices and their age, YYYY-MM-DD (default: today)'))
    .addOption(wideOption())
    .option('--model <name>', 'API model to compare, e.g. openai/gpt-4o-mini (repeatable; replaces the file’s options)', collect)
    .option('--batch', 'use the batch API for the --model options')
    .option('--self-host <model>', 'open-weight model to run on rented hardware, e.g. llama-3.1-8b (one option per --hardware)')
    .option('--serverless <model>', 'open-weight model to run on serverless GPUs (one option per --hardware)')
    .option('--hardware <offer>', 'offer to run it on, e.g. runpod/rtx-4090-secure, modal/l4, \'2x runpod/rtx-4090-secure\' (repeatable)', collect)
    .option('--quant <type>', `weight quantisation of --self-host/--serverless, e.g. Q4_K_M, fp8, awq-int4 (default Q4_K_M)`)
    .option('--engine <id>', 'serving engine of --self-host/--serverless: llama.cpp (ollama), vllm, sglang, mlx, tensorrt-llm (default: vllm on datacenter GPUs, else llama.cpp)')
    .option('--ops-hours <hours>', 'hours of upkeep a month of each --self-host option (with --ops-rate)')
    .option('--ops-rate <money>', 'cost of an hour of upkeep')
    .option('--preset <name>', `typical workload, each figure sourced: ${PRESET_NAMES.join(', ')} (flags override its figures; docs/quick-answers.md)`)
    .option('--save <file>', 'write the scenario the flags describe, commented, to re-run with llm-tco estimate FILE')
    .option('--name <text>', 'scenario name');
  for (const spec of SCENARIO_FLAGS) estimate.option(spec.flag, spec.help);
  for (const spec of MEMORY_FRACTION_FLAGS) estimate.option(spec.flag, `${spec.help}; applies to the file's self_host options`);
  estimate
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  llm-tco estimate scenarios/v0-chat-app.yaml\n' +
        '  llm-tco estimate scenarios/code-review-agent.yaml --format json\n' +
        '  llm-tco estimate --users 5000 --sessions 4 --requests 5 --input 400 --output 600 \\\n' +
        '      --history none --model openai/gpt-4o-mini --model anthropic/claude-haiku-4-5\n' +
        '  llm-tco estimate --preset support-chat --users 5000 --model openai/gpt-4o-mini \\\n' +
        '      --self-host llama-3.1-8b --hardware runpod/rtx-4090-community --save chat.yaml\n',
    )
    .action(async (file: string | undefined, flags) => {
      // Silently ignored otherwise: --batch only shapes the options --model makes.
      if (flags.batch && !flags.model) {
        throw UserError.plain('--batch', 'applies to the --model options: give --model too, or set batch: true on an option in the file');
      }
      const { runEstimate } = await import('./commands/estimate.js');
      setExit(await runEstimate(file, flags, io));
    });

  const vram = withModelFlags(
    root
      .command('vram')
      .description('memory a self-hosted model needs (weights + KV cache + engine) and what it fits on')
      .option('--context <tokens>', 'tokens of context per sequence, at most the model’s window (default 8192, or the window if shorter)')
      .option('--concurrency <n>', 'sequences held at once (default 1)')
      .option('--gpu <id>', 'only this hardware or offer (repeatable; default: every GPU in the catalogue)', collect)
      .addOption(wideOption()),
    'llama.cpp',
  );
  vram
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  llm-tco vram --model llama-3.1-8b --quant Q4_K_M --context 8192\n' +
        '  llm-tco vram --model qwen2.5-32b --quant Q4_K_M --context 32k --concurrency 4 --gpu nvidia-rtx-4090\n' +
        '  llm-tco vram --params 8.03B --layers 32 --kv-heads 8 --head-dim 128 --quant Q8_0 --engine vllm\n',
    )
    .action(async (flags) => {
      const { runVram } = await import('./commands/vram.js');
      setExit(await runVram(flags, io));
    });

  const throughput = withModelFlags(
    root
      .command('throughput')
      .description('decode and prefill speed of a self-hosted model on given hardware')
      .option('--hardware <id>', 'hardware id (nvidia-rtx-4090), several of it (\'4x nvidia-h100-sxm\') or an offer (hetzner/gex44)')
      .option('--gpus <n>', 'devices of --hardware serving one instance (the same as \'4x HARDWARE\'; vCPUs for a one-vCPU id)')
      .option('--batch <n>', 'sequences decoded together: concurrent requests (default 1)')
      .option('--concurrency <n>', 'the same as --batch')
      .option('--input <tokens>', 'with --output: prompt tokens of each concurrent request, for throughput, first-token time and time per token under load')
      .option('--output <tokens>', 'with --input: output tokens of each concurrent request')
      .option('--request-rate <per-second>', 'with --input and --output, instead of --concurrency: requests arriving at random at this rate (first-token time then includes the queue)')
      .option('--context <tokens>', 'tokens already in each sequence’s context, at most the model’s window (default 0)')
      .option('--split <mode>', 'several GPUs: tensor (bandwidths add up) or layer (they take turns; memory adds up); default: the engine’s (llama.cpp layer, others tensor)'),
    'vllm on datacenter GPUs, else llama.cpp',
  );
  throughput
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  llm-tco throughput --model llama-3.1-8b --quant Q4_K_M --hardware nvidia-rtx-4090\n' +
        '  llm-tco throughput --model llama-3.1-70b --quant fp8 --hardware nvidia-h100-sxm --batch 32 --engine vllm --format json\n' +
        '  llm-tco throughput --model llama-3.1-70b --quant BF16 --hardware nvidia-h100-sxm --gpus 4 --concurrency 64 --input 1024 --output 1024\n',
    )
    .action(async (flags) => {
      const { runThroughput } = await import('./commands/throughput.js');
      setExit(await runThroughput(flags, io));
    });
  registerAnalyses(root, io, setExit);
  registerPricing(root, io, setExit);
  registerCheck(root, io, setExit);
  registerWizard(root, io, setExit);
  registerTokensAndCalibrate(root, io, setExit);
  return root;
}

/** llm-tco breakeven | forecast | simulate */
function registerAnalyses(root: Command, io: Io, setExit: (code: number) => void): void {
  const common = (command: Command) =>
    withPricingFlags(command.argument('<scenario>', 'scenario YAML file').addOption(new Option('-f, --format <format>', 'output format').choices(ANALYSIS_FORMATS).default('table')))
      .addOption(currencyOption('report currency'))
      .addOption(todayOption('date for dated prices, YYYY-MM-DD (default: today)'));
  common(root.command('breakeven').description('where the options cross as traffic grows: users, requests, tokens and the API bill at each crossing'))
    .option('--range <low..high>', 'traffic range in users (or requests a month without users), e.g. 1000..1M (default: 1/100 to 100x the scenario)')
    .addHelpText('after', '\nExamples:\n  llm-tco breakeven scenarios/v0-chat-app-self-hosted.yaml\n  llm-tco breakeven scenarios/private-code-assistant.yaml --range 10..10k --format html -o breakeven.html\n')
    .action(async (file: string, flags) => {
      const { runBreakeven } = await import('./commands/analysis.js');
      setExit(await runBreakeven(file, flags, io));
    });
  common(root.command('forecast').description('each option’s bill month by month under growth, cumulative, and when the cheapest changes'))
    .option('--growth <share>', 'month-over-month growth, e.g. 8% (default: traffic.growth)')
    .option('--months <n>', 'months to forecast (default 12)')
    .addHelpText('after', '\nExamples:\n  llm-tco forecast scenarios/v0-chat-app-self-hosted.yaml --growth 15% --months 24\n  llm-tco forecast scenarios/code-review-knobs.yaml --format markdown\n')
    .action(async (file: string, flags) => {
      const { runForecast } = await import('./commands/analysis.js');
      setExit(await runForecast(file, flags, io));
    });
  common(root.command('simulate').description('Monte Carlo over the scenario’s ranges: P10/P50/P90, how often each option is cheapest, and a tornado'))
    .option('--samples <n>', 'samples (default 10,000)')
    .option('--range <low..high>', 'traffic range the break-even is looked for in, in users (or requests a month without users), e.g. 1000..1M (default: 1/100 to 100x the scenario)')
    .option('--seed <n>', 'random seed: the same seed gives the same report (default 1)')
    .addHelpText('after', '\nRanges in a scenario: 400..900 (uniform) or {min: 400, mode: 600, max: 900} (triangular).\n\nExamples:\n  llm-tco simulate scenarios/code-review-knobs.yaml\n  llm-tco simulate scenarios/code-review-knobs.yaml --samples 50000 --seed 7 --format json\n')
    .action(async (file: string, flags) => {
      const { runSimulate } = await import('./commands/analysis.js');
      setExit(await runSimulate(file, flags, io));
    });
}

/** llm-tco check: budgets in CI */
function registerCheck(root: Command, io: Io, setExit: (code: number) => void): void {
  withPricingFlags(root.command('check'))
    .description('check scenarios against their budgets (exit 1 when over): for CI')
    .argument('<scenarios...>', 'scenario files, folders (every .yaml below) or patterns such as "scenarios/**/*.yaml"')
    .addOption(new Option('-f, --format <format>', 'output format').choices(CHECK_FORMATS).default('table'))
    .option('--budget <limit>', 'a budget for every scenario: monthly=500, per_request=0.01, per_session=..., per_user=... (repeatable; a bare number is monthly)', collect)
    .option('--budget-option <name>', 'the option the budget binds: cheapest (default) or an option’s name')
    .option('--warn-at <share>', 'warn from this share of a budget (default 80%)')
    .option('--strict', 'fail on warnings too')
    .option('--baseline <dir>', 'compare with the same scenarios in this folder (e.g. a checkout of the base branch)')
    .option('--baseline-ref <ref>', 'compare with the same scenarios at this git ref (read with git show)')
    .option('--compare-to <file>', 'compare with a report saved by check --format json -o FILE (e.g. on the base branch)')
    .option('--max-increase <share>', 'fail when a scenario’s monthly cost rises more than this against the baseline, e.g. 10%')
    .option('--show-unchanged', 'list the scenarios whose cost and inputs did not change against the baseline (default: one line counts them)')
    .option('--max-price-age <days>', 'fail (exit 1) when the catalogue prices used are older than this many days')
    .addOption(currencyOption('report currency'))
    .addOption(todayOption('date for dated prices, YYYY-MM-DD (default: today)'))
    .addHelpText(
      'after',
      '\nExit codes: 0 within budget, 1 over budget (or prices older than --max-price-age, or a warning with --strict), 2 a scenario is invalid.\n' +
        '\nExamples:\n' +
        '  llm-tco check scenarios/\n' +
        '  llm-tco check "scenarios/**/*.yaml" --format github --baseline-ref origin/main --max-increase 10%\n' +
        '  llm-tco check scenarios/v0-chat-app.yaml --budget monthly=100 --strict\n',
    )
    .action(async (files: string[], flags) => {
      const { runCheck } = await import('./commands/check.js');
      setExit(await runCheck(files, flags, io));
    });
}

/** llm-tco pricing list | show | validate | check */
function registerPricing(root: Command, io: Io, setExit: (code: number) => void): void {
  const pricing = root
    .command('pricing')
    .description('the catalogue: browse, show where a figure comes from, validate a file, compare with a snapshot')
    .addHelpText('after', '\nExamples:\n  llm-tco pricing list --kind hardware\n  llm-tco pricing show openai/gpt-4o-mini\n  llm-tco pricing validate my-prices.yaml\n');
  const common = (command: Command) =>
    withPricingFlags(command.addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table')), {
      fx: false,
      pricing: 'layer a catalogue file (our YAML, or a LiteLLM or models.dev JSON snapshot) (repeatable)',
    }).addOption(todayOption('date for dated prices and their age, YYYY-MM-DD (default: today)'));
  common(pricing.command('list').description('every entry with its main figures, date and layer'))
    .addOption(wideOption())
    .option('--kind <kind>', 'api | model | quant | kv | hardware | offer | engine')
    .option('--provider <id>', 'only this provider, e.g. openai')
    .option('--search <text>', 'names containing this text')
    .option('--stale', 'only entries older than 90 days')
    .addHelpText('after', '\nExamples:\n  llm-tco pricing list --kind api --provider anthropic\n  llm-tco pricing list --search 4090\n  llm-tco pricing list --stale\n')
    .action(async (flags) => {
      const { runPricingList } = await import('./commands/pricing.js');
      setExit(await runPricingList(flags, io));
    });
  common(pricing.command('show').description('every figure of one entry, with its source, date, tiers, cache and batch rates').argument('<name>', 'e.g. openai/gpt-4o-mini, llama-3.1-8b, nvidia-h100-sxm, hetzner/gex44'))
    .addHelpText('after', '\nExamples:\n  llm-tco pricing show anthropic/claude-sonnet-4-6\n  llm-tco pricing show hetzner/gex44 --format json\n')
    .action(async (name: string, flags) => {
      const { runPricingShow } = await import('./commands/pricing.js');
      setExit(await runPricingShow(name, flags, io));
    });
  pricing
    .command('validate')
    .description('check a catalogue file (default: every file in pricing/): schema, units, sources and dates')
    .argument('[file]', 'a catalogue YAML, or a LiteLLM / models.dev JSON snapshot')
    .addHelpText('after', '\nExamples:\n  llm-tco pricing validate\n  llm-tco pricing validate my-prices.yaml\n')
    .action(async (file: string | undefined) => {
      const { runPricingValidate } = await import('./commands/pricing.js');
      setExit(await runPricingValidate(file, { format: 'table' }, io));
    });
  common(pricing.command('check').description('compare the bundled API prices with a LiteLLM or models.dev snapshot').argument('<snapshot>', 'model_prices_and_context_window.json or api.json'))
    .option('--tolerance <share>', 'report differences above this share (default 5%)')
    .addOption(wideOption())
    .addHelpText('after', '\nExamples:\n  llm-tco pricing check model_prices_and_context_window.json --tolerance 1%\n')
    .action(async (file: string, flags) => {
      const { runPricingCheck } = await import('./commands/pricing.js');
      setExit(await runPricingCheck(file, flags, io));
    });
}

/** The flags that describe a self-hosted model setup, shared by vram and throughput. */
function withModelFlags(command: Command, engineDefault: string): Command {
  withPricingFlags(command.addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table')), {
    fx: false,
    pricing: 'layer a catalogue file over the bundled one (repeatable)',
  })
    .option('--model <id>', 'open-weight model, e.g. llama-3.1-8b (or the name of an inline one)')
    .option('--model-file <file>', 'a model described in the catalogue format (architectures: [...])')
    .option('--quant <type>', 'weight quantisation, e.g. Q4_K_M, Q8_0, fp8, F16, awq-int4, exl2-4.0bpw')
    .option('--kv-type <type>', 'KV cache element type, e.g. f16, q8_0, fp8 (default f16)')
    .option('--engine <id>', `llama.cpp (ollama), vllm, sglang, mlx or tensorrt-llm (default: ${engineDefault})`);
  for (const [flag, , , help] of INLINE_MODEL_FLAGS) command.option(flag, help);
  for (const spec of MEMORY_FRACTION_FLAGS) command.option(spec.flag, spec.help);
  return command;
}

/**
 * Runs one command. `files` is the run's file rules and record of what it read (src/run-files.ts);
 * the process entry passes its own, with the guard that clears a temporary file on a signal.
 */
export async function main(argv: string[], io: Io, files: RunFiles = newRunFiles()): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await withRunFiles(files, () => program(io, (c) => (code = c), files).parseAsync(argv, { from: 'user' }));
    return code;
  } catch (error) {
    if (error instanceof UserError) {
      for (const problem of error.problems) io.stderr.write(`llm-tco: ${formatProblem(problem)}\n`);
      return EXIT.badInput;
    }
    if (error instanceof CommanderError) {
      // Help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    const detail = io.env.LLM_TCO_DEBUG ? (error as Error).stack : error instanceof Error ? error.message : String(error);
    io.stderr.write(`llm-tco: internal error: ${(detail ?? '').split('\n').map(terminalText).join('\n')}\nThis is a bug: please report it with the command you ran (LLM_TCO_DEBUG=1 shows the stack).\n`);
    return EXIT.bug;
  }
}

/** The process entry: bin/llm-tco.js calls this. */
export async function run(proc: NodeJS.Process): Promise<void> {
  // A reader that stops early (`llm-tco pricing list | head`) closes the pipe: that is the end of
  // the output, not an error, so it ends quietly (as cat and grep do) rather than with a stack trace.
  proc.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    proc.exit(proc.exitCode ?? 0);
  });
  const io: Io = {
    stdout: proc.stdout,
    stderr: proc.stderr,
    stdin: proc.stdin,
    env: proc.env,
    today: new Date().toISOString().slice(0, 10),
  };
  // LLM_TCO_TEST_PAUSE_BEFORE_RENAME_MS, for tests only: -o's temporary file is held that long
  // before it is renamed into place, so that a test can interrupt the run while it exists
  // (test/check.test.ts, "an interrupted run").
  const pause = Number(proc.env.LLM_TCO_TEST_PAUSE_BEFORE_RENAME_MS);
  const files = newRunFiles({ guardTemporary: signalGuard(proc), ...(pause > 0 ? { pauseBeforeRenameMs: pause } : {}) });
  proc.exitCode = await main(proc.argv.slice(2), io, files);
  // A signal that arrived while -o was written (synchronously) waits for the event loop to poll:
  // two turns of it (the first poll may come before the signal's pipe is watched), so that the
  // handler runs and the run ends as interrupted, rather than the process ending first.
  for (let turn = 0; turn < 2; turn++) await new Promise((done) => setImmediate(done));
}

/**
 * While -o's temporary file exists, SIGINT and SIGTERM remove it before the process ends, with
 * the exit code a shell gives a process those signals end (128 + the signal's number). The
 * handlers are installed with the first temporary file, not before: until then the signals end
 * the process at once, as they always have, even in the middle of a long computation. The write
 * itself is synchronous, so a signal during it is handled once it is done: the file is then
 * whole (renamed into place) or, if the write failed, its temporary file already removed.
 */
function signalGuard(proc: NodeJS.Process): (remove: () => void) => () => void {
  const pending = new Set<() => void>();
  let installed = false;
  return (remove) => {
    pending.add(remove);
    if (!installed) {
      installed = true;
      for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
        proc.on(signal, () => {
          for (const clear of pending) clear();
          proc.exit(code);
        });
      }
    }
    return () => pending.delete(remove);
  };
}
