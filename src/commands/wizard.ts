// llm-tco wizard: questions in, a commented scenario file out. The five steps of a command, with
// the person in the middle: parse flags, load the catalogue (and --from), ask (src/wizard/flow.ts,
// which estimates and renders as `estimate` does), write.

import { existsSync } from 'node:fs';
import { loadCatalogue, loadSelfHostCatalogue } from '../catalogue/load.js';
import { UserError } from '../errors.js';
import { useColor, writeFileAtomic, type Io } from '../io.js';
import { readText } from '../text-file.js';
import { answersFromText, type Answers } from '../wizard/answers.js';
import { evaluateScenario } from '../wizard/evaluate.js';
import { runWizardFlow, type FlowResult } from '../wizard/flow.js';
import { WizardCancelled, type Prompter } from '../wizard/prompter.js';

export interface WizardFlags {
  out?: string;
  from?: string;
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

  const catalogue = await loadCatalogue();
  const selfHost = await loadSelfHostCatalogue();
  const context = { catalogue, selfHost, today: io.today };
  let initial: Answers | undefined;
  if (flags.from !== undefined) {
    // A --from file must be a valid scenario: the same problems `estimate` would report, at their lines.
    const text = readText(flags.from);
    const evaluation = evaluateScenario(text, flags.from, context);
    if (!evaluation.ok) throw new UserError(evaluation.problems);
    initial = answersFromText(text, evaluation.scenario);
  }

  try {
    const result = await runWizardFlow(
      {
        prompter,
        print: (text) => io.stdout.write(text),
        ...context,
        color: useColor(io),
        out: flags.out,
        from: flags.from,
        exists: (file) => existsSync(file),
        write: writeFileAtomic,
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
