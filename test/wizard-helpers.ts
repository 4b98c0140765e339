// A scripted Prompter for the wizard's tests: answers by question id, Enter (the default) for
// anything not scripted. It behaves as the terminal does where it matters: a refused answer is
// asked again (the reason recorded), a choice must be one the list offers, Ctrl-C cancels.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { runWizard, type WizardFlags } from '../src/commands/wizard.js';
import type { FlowResult } from '../src/wizard/flow.js';
import { WizardCancelled, type CheckboxQuestion, type Choice, type ConfirmQuestion, type Prompter, type SearchQuestion, type SelectQuestion, type TextQuestion } from '../src/wizard/prompter.js';
import { fakeIo, type FakeIo } from './helpers.js';

/** Press Enter: take the default (the first choice of a list). */
export const ENTER = Symbol('Enter');
/** Press Ctrl-C. */
export const CTRL_C = Symbol('Ctrl-C');

export type Answer = string | boolean | typeof ENTER | typeof CTRL_C | { term: string; pick: string } | { checked: unknown[] };

export interface Asked {
  id: string;
  type: 'input' | 'number' | 'select' | 'search' | 'confirm' | 'checkbox';
  message: string;
  default: unknown;
  /** What a list offered (for a search: for the term typed). */
  choices: Choice<unknown>[];
}

export class FakePrompter implements Prompter {
  readonly asked: Asked[] = [];
  readonly refused: { id: string; answer: string; reason: string }[] = [];
  private readonly queues = new Map<string, Answer[]>();

  /** Answers by id; an array answers the same question asked several times, in turn. */
  constructor(script: Record<string, Answer | Answer[]> = {}) {
    for (const [id, answers] of Object.entries(script)) this.queues.set(id, Array.isArray(answers) ? [...answers] : [answers]);
  }

  ids(): string[] {
    return this.asked.map((a) => a.id);
  }

  private next(id: string): Answer {
    const answer = this.queues.get(id)?.shift() ?? ENTER;
    if (answer === CTRL_C) throw new WizardCancelled();
    return answer;
  }

  private async text(type: 'input' | 'number', q: TextQuestion): Promise<string> {
    this.asked.push({ id: q.id, type, message: q.message, default: q.default, choices: [] });
    for (;;) {
      const answer = this.next(q.id);
      if (typeof answer !== 'string' && answer !== ENTER) throw new Error(`${q.id}: a text answer is needed, got ${String(answer)}`);
      const text = answer === ENTER ? (q.default ?? '') : answer;
      const verdict = q.validate ? q.validate(text) : true;
      if (verdict === true) return text;
      this.refused.push({ id: q.id, answer: text, reason: verdict });
      if (answer === ENTER) throw new Error(`${q.id}: the default '${text}' is refused: ${verdict}`);
    }
  }

  input(q: TextQuestion): Promise<string> {
    return this.text('input', q);
  }

  number(q: TextQuestion): Promise<string> {
    return this.text('number', q);
  }

  async select<T>(q: SelectQuestion<T>): Promise<T> {
    this.asked.push({ id: q.id, type: 'select', message: q.message, default: q.default, choices: q.choices });
    const answer = this.next(q.id);
    const open = q.choices.filter((c) => !c.disabled);
    if (answer === ENTER) {
      const pick = open.find((c) => c.value === q.default) ?? open[0];
      if (!pick) throw new Error(`${q.id}: nothing to choose`);
      return pick.value;
    }
    const pick = open.find((c) => c.value === answer);
    if (!pick) throw new Error(`${q.id}: '${String(answer)}' is not offered; offered: ${open.map((c) => String(c.value)).join(', ')}`);
    return pick.value;
  }

  async search<T>(q: SearchQuestion<T>): Promise<T> {
    const answer = this.next(q.id);
    const typed = typeof answer === 'object' && 'term' in answer ? answer : undefined;
    const term = typeof answer === 'string' ? answer : (typed?.term ?? '');
    const choices = q.source(term);
    this.asked.push({ id: q.id, type: 'search', message: q.message, default: undefined, choices });
    const open = choices.filter((c) => !c.disabled);
    const wanted = answer === ENTER ? open[0]?.value : typeof answer === 'string' ? answer : typed?.pick;
    const pick = open.find((c) => c.value === wanted);
    if (!pick) throw new Error(`${q.id}: '${String(wanted)}' is not among the results for '${term}': ${open.slice(0, 8).map((c) => String(c.value)).join(', ')}`);
    return pick.value;
  }

  async confirm(q: ConfirmQuestion): Promise<boolean> {
    this.asked.push({ id: q.id, type: 'confirm', message: q.message, default: q.default, choices: [] });
    const answer = this.next(q.id);
    if (answer === ENTER) return q.default;
    if (typeof answer !== 'boolean') throw new Error(`${q.id}: a yes/no answer is needed, got ${String(answer)}`);
    return answer;
  }

  async checkbox<T>(q: CheckboxQuestion<T>): Promise<T[]> {
    this.asked.push({ id: q.id, type: 'checkbox', message: q.message, default: undefined, choices: q.choices });
    const answer = this.next(q.id);
    if (answer === ENTER) return q.choices.filter((c) => c.checked).map((c) => c.value);
    if (typeof answer !== 'object' || !('checked' in answer)) throw new Error(`${q.id}: a {checked} answer is needed`);
    return answer.checked as T[];
  }
}

export interface WizardRun {
  code: number;
  prompter: FakePrompter;
  io: FakeIo;
  result: FlowResult | undefined;
  stdout: string;
  stderr: string;
}

/** Runs `llm-tco wizard` with scripted answers. */
export async function runWizardWith(script: Record<string, Answer | Answer[]>, flags: WizardFlags = {}, io: FakeIo = fakeIo()): Promise<WizardRun> {
  const prompter = new FakePrompter(script);
  let result: FlowResult | undefined;
  const code = await runWizard(flags, io, { prompter, onResult: (r) => (result = r) });
  return { code, prompter, io, result, stdout: io.stdout.text, stderr: io.stderr.text };
}

/** A fresh folder, removed when the test that asked for it ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'llm-tco-wizard-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
