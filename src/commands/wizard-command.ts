// Registers `llm-tco wizard` on the program. Kept free of heavy imports: the implementation (the
// prompts, the catalogue, the engine) is loaded only when the command runs; the only other module
// it loads is one src/cli.ts loads anyway (the flags every pricing command shares).

import type { Command } from 'commander';
import type { Io } from '../io.js';
import type { WizardFlags } from './wizard.js';
import { todayOption, wideOption, withPricingFlags } from './shared-flags.js';

export function registerWizard(root: Command, io: Io, setExit: (code: number) => void): Command {
  const wizard = root
    .command('wizard')
    .description('answer a few questions, see the estimate, and save it as a commented scenario file');
  return withPricingFlags(wizard, {
    out: 'where to save the scenario (asked at the end otherwise; an existing file is replaced only after you confirm)',
    pricing: 'layer a catalogue file over the bundled prices: the models and offers offered, and the estimate (repeatable)',
  })
    .option('--from <scenario>', 'start from an existing scenario: its values are the defaults')
    .addOption(todayOption('date for dated prices, YYYY-MM-DD (default: today)'))
    .addOption(wideOption())
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  llm-tco wizard\n' +
        '  llm-tco wizard -o scenarios/my-feature.yaml\n' +
        '  llm-tco wizard --from scenarios/v0-chat-app.yaml -o my-chat.yaml\n' +
        '  llm-tco wizard --pricing our-prices.yaml --today 2027-01-01 -o my-feature.yaml\n' +
        '\nWith --pricing, --fx or --today, give estimate the same flags to reproduce the saved file\n' +
        '(its header says how). It needs an interactive terminal; in scripts and CI run\n' +
        'llm-tco estimate on the saved file.\n',
    )
    .action(async (flags: WizardFlags) => {
      const { runWizard } = await import('./wizard.js');
      setExit(await runWizard(flags, io));
    });
}
