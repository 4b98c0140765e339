// llm-tco wizard: questions in, a commented scenario file out. The five steps of a command, with
// the person in the middle: parse flags, load the catalogue (and --from), ask (src/wizard/flow.ts,
// which estimates and renders as `estimate` does), write.

import { statSync } from 'node:fs';
import { loadCatalogue, loadSelfHostCatalogue } from '../catalogue/load.js';
import { UserError } from '../errors.js';
import { outputWidth, useColor, writeFileAtomic, type Io } from '../io.js';
import { readScenarioFile } from './scenario-file.js';
import { schemaReference } from './schema-reference.js';

export { schemaReference };
import { answersFromText, type Answers } from '../wizard/answers.js';
import { evaluateScenario } from '../wizard/evaluate.js';
import { runWizardFlow, type FlowResult } from '../wizard/flow.js';
import { WizardCancelled, type Prompter } from '../wizard/prompter.js';
import { withFx } from './estimate.js';

export interface WizardFlags {
  out?: string;
  from?: string;
  /** --pricing: catalogue files layered over the bundled one, in order. */
  pricing?: string[];
  /** --fx CODE=RATE: exchange rates (offers in other currencies, a --from scenario's currency). */
  fx?: string[];
  /** --today: the date whose prices apply. */
  today?: string;
  /** --wide: the estimate's every column, whatever the terminal's width. */
  wide?: boolean;
}

export interface WizardDeps {
  /** Answers from somewhere other than the terminal (tests). */
  prompter?: Prompter;
  /** Called with what the flow produced (tests read the wizard's own estimate from it). */
  onResult?: (result: FlowResult) => void;
}

/** Exit status of a wizard ended with Ctrl-C: 128 + SIGINT, as shells report it. */
export const EXIT_CANCELLED = 130;

export const NO_TTY_MESSAGE =
  'llm-tco: the wizard asks questions and needs an interactive terminal (stdin is not a TTY); ' +
  'in scripts and CI use `llm-tco estimate <scenario.yaml>` or `llm-tco estimate --help` for flags\n';

export async function runWizard(flags: WizardFlags, io: Io, deps: WizardDeps = {}): Promise<number> {
  // Inputs first, as every command reads them: a missing --pricing file or a bad --from scenario
  // is reported as `estimate` reports it, terminal or not.
  const pricingFiles = flags.pricing ?? [];
  const catalogue = withFx(await loadCatalogue({ userFiles: pricingFiles }), flags.fx ?? [], io.today);
  const selfHost = await loadSelfHostCatalogue(pricingFiles);
  const context = { catalogue, selfHost, today: flags.today ?? io.today };
  let initial: Answers | undefined;
  if (flags.from !== undefined) {
    // A --from file must be a valid scenario: the same problems `estimate` would report, at their lines.
    const { text } = readScenarioFile(flags.from);
    const evaluation = evaluateScenario(text, flags.from, context);
    if (!evaluation.ok) throw new UserError(evaluation.problems);
    initial = answersFromText(text, evaluation.scenario, flags.from);
  }

  let prompter = deps.prompter;
  if (!prompter) {
    // The terminal: io.stdin from src/cli.ts (the process's own until cli.ts passes it).
    const stdin = io.stdin ?? process.stdin;
    if (stdin.isTTY !== true) {
      io.stderr.write(NO_TTY_MESSAGE);
      return 2;
    }
    const { inquirerPrompter } = await import('../wizard/inquirer.js');
    prompter = inquirerPrompter({ input: stdin, output: io.stdout as unknown as NodeJS.WritableStream });
  }

  try {
    const result = await runWizardFlow(
      {
        prompter,
        print: (text) => io.stdout.write(text),
        ...context,
        writtenOn: io.today,
        pricingArgs: pricingArgs(flags),
        color: useColor(io),
        width: flags.wide ? undefined : outputWidth(io),
        schemaFor: (file) => schemaReference(file),
        out: flags.out,
        from: flags.from,
        exists: (file) => {
          try {
            return statSync(file).isDirectory() ? 'folder' : 'file';
          } catch {
            return undefined;
          }
        },
        // Writing the scenario it started from back over it is an edit, not a report over its input.
        write: (file, text) => writeFileAtomic(file, text, flags.from === undefined ? {} : { mayReplace: flags.from }),
      },
      initial,
    );
    deps.onResult?.(result);
    return result.code;
  } catch (error) {
    if (error instanceof WizardCancelled) {
      io.stderr.write('\nllm-tco: wizard cancelled; nothing was written\n');
      return EXIT_CANCELLED;
    }
    throw error;
  }
}

/** The flags `estimate` needs to price the saved file as the wizard did, in the order it takes them. */
function pricingArgs(flags: WizardFlags): string[] {
  return [
    ...(flags.pricing ?? []).flatMap((file) => ['--pricing', file]),
    ...(flags.fx ?? []).flatMap((pair) => ['--fx', pair]),
    ...(flags.today === undefined ? [] : ['--today', flags.today]),
  ];
}
