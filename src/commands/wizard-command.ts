// Registers `llm-tco wizard` on the program. Kept free of heavy imports: the implementation (the
// prompts, the catalogue, the engine) is loaded only when the command runs; the only other modules
// it loads are ones src/cli.ts loads anyway (the flags every command shares).

import type { Command } from 'commander';
import type { Io } from '../io.js';
import { outOption } from './out-option.js';

export function registerWizard(root: Command, io: Io, setExit: (code: number) => void): Command {
  return root
    .command('wizard')
    .description('answer a few questions, see the estimate, and save it as a commented scenario file')
    .addOption(outOption('where to save the scenario (asked at the end otherwise; an existing file is replaced only after you confirm)'))
    .option('--from <scenario>', 'start from an existing scenario: its values are the defaults')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  llm-tco wizard\n' +
        '  llm-tco wizard -o scenarios/my-feature.yaml\n' +
        '  llm-tco wizard --from scenarios/v0-chat-app.yaml -o my-chat.yaml\n' +
        '\nIt needs an interactive terminal; in scripts and CI run llm-tco estimate on the saved file.\n',
    )
    .action(async (flags: { out?: string; from?: string }) => {
      const { runWizard } = await import('./wizard.js');
      setExit(await runWizard(flags, io));
    });
}
