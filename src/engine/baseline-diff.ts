// What a scenario's change of cost against its baseline comes from: the inputs that differ
// (compared as costed, not as written), the line that drives it, and the totals over every
// scenario. Pure.

import type { DiffTotal, InputChange, ScenarioDiff, ScenarioInput } from '../report.js';

/** Limits a budget sets: they decide the verdict, not the cost. */
const NOT_COST = /^budget\.(monthly|per_request|per_session|per_user|warn_at)$/;
const OPTION = /^(options\[\d+\])(?:\.|$)/;

/** A change before it is known whether it drives the bound option's cost. */
export type Change = Omit<InputChange, 'drives'>;

/**
 * The inputs whose values differ, ordered by their line now (`lineOf`: a key path's line in the
 * scenario now, or the nearest key above it). An option only one side has is one change
 * (`options[2]`, its name on the side that has it); an option's name is a change of its own only
 * when nothing else in that option changed (a default name follows its model).
 */
export function changedInputs(before: readonly ScenarioInput[], now: readonly ScenarioInput[], lineOf: (path: string) => number | null): Change[] {
  const old = new Map(before.map((i) => [i.path, i]));
  const cur = new Map(now.map((i) => [i.path, i]));
  const paths = [...cur.keys(), ...[...old.keys()].filter((p) => !cur.has(p))];
  const names = (side: Map<string, ScenarioInput>, option: string) => side.get(`${option}.name`)?.value ?? null;
  const changes: Change[] = [];
  const whole = new Set<string>();
  for (const path of paths) {
    const a = old.get(path);
    const b = cur.get(path);
    if (a?.value === b?.value) continue;
    const option = OPTION.exec(path)?.[1];
    if (option !== undefined && (names(old, option) === null || names(cur, option) === null)) {
      // An option added or removed: one change for all of it.
      if (!whole.has(option)) changes.push({ path: option, old: names(old, option), new: names(cur, option), line: lineOf(option) });
      whole.add(option);
      continue;
    }
    const change: Change = { path, old: a?.value ?? null, new: b?.value ?? null, line: lineOf(path) };
    if (a?.file !== undefined || b?.file !== undefined) Object.assign(change, { old_file: a?.file ?? null, new_file: b?.file ?? null });
    changes.push(change);
  }
  const kept = changes.filter((c) => {
    const option = /^(options\[\d+\])\.name$/.exec(c.path)?.[1];
    return option === undefined || !changes.some((o) => o !== c && o.path.startsWith(`${option}.`));
  });
  // Stable: inputs on one line keep the format's order.
  return kept.map((c, i) => [c, i] as const).sort(([a, i], [b, j]) => (a.line ?? Infinity) - (b.line ?? Infinity) || i - j).map(([c]) => c);
}

/**
 * Marks the changes that drive the bound option's cost (`drives`: anything but a budget's limits
 * and the other options' own keys), and the line a change of that cost points at: the first of
 * them, else the bound option's line.
 */
export function drivingChanges(
  changes: readonly Change[],
  bound: { before: string | null; now: string | null },
  before: readonly ScenarioInput[] | null,
  now: readonly ScenarioInput[],
  lineOf: (path: string) => number | null,
): { changes: InputChange[]; line: number | null } {
  const boundPaths = new Set<string>();
  for (const [inputs, name] of [[before ?? [], bound.before], [now, bound.now]] as const) {
    for (const i of inputs) if (name !== null && i.value === name && /^options\[\d+\]\.name$/.test(i.path)) boundPaths.add(i.path.slice(0, -'.name'.length));
  }
  const drives = (c: Change) => {
    if (NOT_COST.test(c.path)) return false;
    const option = OPTION.exec(c.path)?.[1];
    return option === undefined || boundPaths.has(option);
  };
  const marked: InputChange[] = changes.map((c) => ({ ...c, drives: drives(c) }));
  const first = marked.find((c) => c.drives && c.line !== null);
  if (first) return { changes: marked, line: first.line };
  const option = now.find((i) => /^options\[\d+\]\.name$/.test(i.path) && i.value === bound.now);
  return { changes: marked, line: option ? lineOf(option.path.slice(0, -'.name'.length)) : null };
}

/** The bound options' monthly costs summed by currency: a new scenario adds to the total now, a removed one to the total before. */
export function diffTotals(diffs: readonly ScenarioDiff[]): Record<string, DiffTotal> {
  const sums = new Map<string, { old: number; now: number }>();
  for (const d of diffs) {
    if (d.status === 'invalid' || d.currency === null) continue;
    const sum = sums.get(d.currency) ?? { old: 0, now: 0 };
    sum.old += d.old_monthly ?? 0;
    sum.now += d.new_monthly ?? 0;
    sums.set(d.currency, sum);
  }
  const totals: Record<string, DiffTotal> = {};
  for (const [currency, { old, now }] of sums) {
    const change = now - old;
    totals[currency] = { old_monthly: old, new_monthly: now, change, change_share: old === 0 ? null : change / old };
  }
  return totals;
}

/** A key path's line in a scenario: its own, else that of the nearest key above it that has one. */
export function lineFinder(lines: ReadonlyMap<string, { line?: number }>): (path: string) => number | null {
  return (path) => {
    for (let p = path; p !== ''; p = p.replace(/(\.[^.[\]]*|\[\d+\])$/, '')) {
      const line = lines.get(p)?.line;
      if (line !== undefined) return line;
      if (!/(\.[^.[\]]*|\[\d+\])$/.test(p)) break;
    }
    return null;
  };
}
