// Checks one answer by the scenario loader's own rules: the text is read as the YAML value it will
// be written as, and the loader's Reader judges it (so "12k" passes, "-5" users fail with the
// message `estimate` would give for the file). The accepted text is returned as YAML, ready to write.

import { isMap, isScalar, parseDocument, stringify, type Node } from 'yaml';
import { Reader, type NumberKind } from '../scenario/reader.js';

export interface NumberRule {
  kind: NumberKind;
  /** Ranges (400..900, {min, mode, max}) allowed, as the loader allows them for this key. */
  ranged?: boolean;
  min?: number;
  /** An empty answer (or "none") means: leave the key out. */
  optional?: boolean;
}

export type Checked = { ok: true; text: string | undefined; value: number | undefined } | { ok: false; reason: string };

const NONE = /^(none|-)$/i;

export function checkNumber(answer: string, rule: NumberRule): Checked {
  const trimmed = answer.trim();
  if (trimmed === '' || NONE.test(trimmed)) {
    return rule.optional ? { ok: true, text: undefined, value: undefined } : { ok: false, reason: 'an answer is needed here' };
  }
  const doc = parseDocument(trimmed, { prettyErrors: false });
  if (doc.errors.length > 0 || doc.contents === null) return { ok: false, reason: `not a number: '${trimmed}'` };
  const node = doc.contents as Node;
  const reader = new Reader('answer', undefined);
  const value = reader.number(node, 'answer', rule.kind, { ranged: rule.ranged ?? true, ...(rule.min !== undefined ? { min: rule.min } : {}) });
  const problem = reader.problems[0];
  if (problem) return { ok: false, reason: `${problem.message}${problem.hint ? ` (${problem.hint})` : ''}` };
  if (value === undefined) return { ok: false, reason: `not a number: '${trimmed}'` };
  return { ok: true, text: yamlValue(node), value };
}

/** For a prompt's validate: true, or the reason. */
export function numberValidator(rule: NumberRule): (answer: string) => true | string {
  return (answer) => {
    const checked = checkNumber(answer, rule);
    return checked.ok ? true : checked.reason;
  };
}

/** A scalar or flow mapping as it is written in a scenario (`12k`, `8%`, `{ min: 1, max: 3 }`). */
export function yamlValue(node: Node): string {
  if (isMap(node)) return stringify(node.toJSON(), { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
  if (isScalar(node)) return typeof node.value === 'string' ? yamlString(node.value) : String(node.value);
  return stringify(node.toJSON(), { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
}

/** A string as a YAML scalar, quoted only where YAML needs it. */
export function yamlString(text: string): string {
  return stringify(text, { lineWidth: 0 }).trimEnd();
}

/** A name or other one-line text. */
export function checkText(answer: string, what: string): true | string {
  if (answer.trim() === '') return `${what} must not be empty`;
  if (/[\r\n]/.test(answer)) return `${what} must be one line`;
  return true;
}
