// What the wizard asks through: one small interface, so that tests drive the whole flow with a
// scripted fake and the terminal gets @inquirer/prompts (src/wizard/inquirer.ts).

export interface Choice<T> {
  value: T;
  /** The line shown in the list. */
  name: string;
  /** Shown after the question once chosen (default: name). */
  short?: string;
  /** Shown under the list while this choice is highlighted. */
  description?: string;
  /** A reason the choice cannot be picked now (shown greyed out). */
  disabled?: string;
}

interface Question {
  /** Stable id (`traffic.users`): tests script answers by it; never shown. */
  id: string;
  /** The question, with its unit. */
  message: string;
}

export interface TextQuestion extends Question {
  /** Shown, and used when the answer is left empty. */
  default?: string;
  /** true, or the reason the answer is refused (the question is asked again). */
  validate?: (text: string) => true | string;
}

export interface SelectQuestion<T> extends Question {
  choices: Choice<T>[];
  default?: T;
}

export interface SearchQuestion<T> extends Question {
  /** The choices matching what has been typed so far ('' before anything is typed). */
  source: (term: string) => Choice<T>[];
}

export interface ConfirmQuestion extends Question {
  default: boolean;
}

export interface CheckboxQuestion<T> extends Question {
  choices: (Choice<T> & { checked?: boolean })[];
}

export interface Prompter {
  /** Free text. */
  input(q: TextQuestion): Promise<string>;
  /** A number as typed (12k, 8%, 400..900): text, validated by `validate`. */
  number(q: TextQuestion): Promise<string>;
  select<T>(q: SelectQuestion<T>): Promise<T>;
  /** One choice from a list filtered by what is typed. */
  search<T>(q: SearchQuestion<T>): Promise<T>;
  confirm(q: ConfirmQuestion): Promise<boolean>;
  checkbox<T>(q: CheckboxQuestion<T>): Promise<T[]>;
}

/** The person pressed Ctrl-C (or the terminal closed): stop, write nothing. */
export class WizardCancelled extends Error {
  constructor() {
    super('wizard cancelled');
    this.name = 'WizardCancelled';
  }
}
