// The terminal Prompter: @inquirer/prompts on the given input and output streams. Ctrl-C (and a
// terminal that goes away) becomes WizardCancelled, so the command can end with one line.

import { checkbox, confirm, input, search, select } from '@inquirer/prompts';
import { terminalText } from '../formats/terminal-text.js';
import { WizardCancelled, type Choice, type Prompter } from './prompter.js';

type Streams = { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };

const CANCELLED = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

async function cancellable<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && CANCELLED.has(error.name)) throw new WizardCancelled();
    throw error;
  }
}

/**
 * inquirer's choice shape, without undefined optional fields (its types are exact). What it
 * shows may name an option of a --from scenario or a --pricing entry: shown as terminalText.
 */
function choice<T>(c: Choice<T>): { value: T; name: string; short?: string; description?: string; disabled?: string } {
  return {
    value: c.value,
    name: terminalText(c.name),
    ...(c.short ? { short: terminalText(c.short) } : {}),
    ...(c.description ? { description: terminalText(c.description) } : {}),
    ...(c.disabled ? { disabled: terminalText(c.disabled) } : {}),
  };
}

/** A validation message may quote the answer or a file it names. */
const shownValidate = (validate: (text: string) => true | string) => (text: string) => {
  const verdict = validate(text);
  return verdict === true ? true : terminalText(verdict);
};

export function inquirerPrompter(streams: Streams): Prompter {
  const context = { input: streams.input, output: streams.output };
  const text = (q: Parameters<Prompter['input']>[0]) =>
    cancellable(() =>
      input(
        {
          message: terminalText(q.message),
          ...(q.default !== undefined ? { default: q.default } : {}),
          ...(q.validate ? { validate: shownValidate(q.validate) } : {}),
          theme: { validationFailureMode: 'keep' },
        },
        context,
      ),
    );
  return {
    input: text,
    number: text,
    select: (q) =>
      cancellable(() =>
        select({ message: terminalText(q.message), choices: q.choices.map(choice), pageSize: 10, ...(q.default !== undefined ? { default: q.default } : {}) }, context),
      ),
    search: (q) => cancellable(() => search({ message: terminalText(q.message), source: (term) => q.source(term ?? '').map(choice), pageSize: 10 }, context)),
    confirm: (q) => cancellable(() => confirm({ message: terminalText(q.message), default: q.default }, context)),
    checkbox: (q) =>
      cancellable(() =>
        checkbox({ message: terminalText(q.message), choices: q.choices.map((c) => ({ ...choice(c), checked: c.checked ?? false })), pageSize: 10 }, context),
      ),
  };
}
