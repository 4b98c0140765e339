// Accuracy bands: how far published measurements fall from the speed model's predictions, by kind
// of figure, engine and hardware class, and the look-up that gives a figure its band. Pure: the
// validate script feeds it leave-one-out predictions and writes pricing/accuracy.yaml.

import type { AccuracyBand, AccuracyKind, HardwareClass } from '../catalogue/types.js';
import { quantile } from '../engine/random.js';

export const ACCURACY_KINDS: readonly AccuracyKind[] = ['decode', 'aggregate', 'prefill', 'ttft', 'tpot'];

/** A band rests on at least this many measurements; fewer say more about the rows than the model. */
export const MIN_MEASUREMENTS = 5;

export interface AccuracySample {
  kind: AccuracyKind;
  engine: string;
  hardwareClass: HardwareClass;
  /** The model's figure for the measured setup (leave-one-out: fitted without this row). */
  predicted: number;
  measured: number;
}

/**
 * One band per (kind, engine, class) seen, and per (kind, '*', class), (kind, engine, '*') and
 * (kind, '*', '*'): low and high are the P10 and P90 of measured / predicted (quantiles as
 * simulate's: linear between ranks, type 7), median_abs_error the median of |ratio - 1|.
 * Sorted by kind, engine, class ('*' first), so a regenerated file diffs line by line.
 */
export function bandsFrom(samples: readonly AccuracySample[]): AccuracyBand[] {
  const groups = new Map<string, { kind: AccuracyKind; engine: string; cls: HardwareClass | '*'; ratios: number[] }>();
  const add = (kind: AccuracyKind, engine: string, cls: HardwareClass | '*', ratio: number) => {
    const key = `${kind}\u0000${engine}\u0000${cls}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind, engine, cls, ratios: [] }));
    g.ratios.push(ratio);
  };
  for (const s of samples) {
    if (!(s.predicted > 0) || !(s.measured > 0)) continue;
    const ratio = s.measured / s.predicted;
    add(s.kind, s.engine, s.hardwareClass, ratio);
    add(s.kind, '*', s.hardwareClass, ratio);
    add(s.kind, s.engine, '*', ratio);
    add(s.kind, '*', '*', ratio);
  }
  const bands = [...groups.values()].map((g): AccuracyBand => {
    const sorted = Float64Array.from(g.ratios).sort();
    const errors = Float64Array.from(g.ratios, (r) => Math.abs(r - 1)).sort();
    return { kind: g.kind, engine: g.engine, class: g.cls, measurements: g.ratios.length, low: quantile(sorted, 0.1), high: quantile(sorted, 0.9), medianAbsError: quantile(errors, 0.5) };
  });
  const order = (a: string, b: string) => (a === b ? 0 : a === '*' ? -1 : b === '*' ? 1 : a < b ? -1 : 1);
  return bands.sort((a, b) => ACCURACY_KINDS.indexOf(a.kind) - ACCURACY_KINDS.indexOf(b.kind) || order(a.engine, b.engine) || order(a.class, b.class));
}

/**
 * The band for a figure: (kind, engine, class), else (kind, '*', class), else (kind, engine, '*'),
 * else (kind, '*', '*'), the first with at least MIN_MEASUREMENTS; undefined when none has (the
 * report then says there is no validation data, never a made-up band).
 */
export function bandFor(bands: readonly AccuracyBand[], kind: AccuracyKind, engine: string, hardwareClass: HardwareClass): AccuracyBand | undefined {
  const find = (e: string, c: string) => bands.find((b) => b.kind === kind && b.engine === e && b.class === c && b.measurements >= MIN_MEASUREMENTS);
  return find(engine, hardwareClass) ?? find('*', hardwareClass) ?? find(engine, '*') ?? find('*', '*');
}

/** A band bound to one deployment: its factors and what they rest on, in words. */
export interface ResolvedBand {
  low: number;
  high: number;
  basis: string;
}

/** The bands of an engine on a hardware class, by kind, looked up once (a simulation reuses them every sample). */
export type DeploymentBands = Partial<Record<AccuracyKind, ResolvedBand>>;

export function deploymentBands(bands: readonly AccuracyBand[], engine: string, hardwareClass: HardwareClass): DeploymentBands {
  const out: DeploymentBands = {};
  for (const kind of ACCURACY_KINDS) {
    const band = bandFor(bands, kind, engine, hardwareClass);
    if (band) out[kind] = { low: band.low, high: band.high, basis: bandBasis(band) };
  }
  return out;
}

const CLASS_WORDS: Record<HardwareClass | '*', string> = {
  'datacenter-gpu': 'datacenter GPUs',
  'consumer-gpu': 'consumer GPUs',
  apple: 'Apple silicon',
  cpu: 'CPUs',
  '*': 'all hardware',
};
const ENGINE_WORDS: Record<string, string> = { vllm: 'vLLM', sglang: 'SGLang', 'llama.cpp': 'llama.cpp', '*': 'all engines' };

/** What a band rests on, in words: "vLLM on datacenter GPUs, 41 measurements". */
export function bandBasis(band: AccuracyBand): string {
  return `${ENGINE_WORDS[band.engine] ?? band.engine} on ${CLASS_WORDS[band.class]}, ${band.measurements} measurements`;
}

/** pricing/accuracy.yaml's text for these bands (figures to 3 decimals: the file is read, not fitted). */
export function accuracyYaml(bands: readonly AccuracyBand[], asOf: string, source: string): string {
  const r = (n: number) => Number(n.toFixed(3));
  const lines = [
    '# Generated by `npm run validate -- --write` from test/fixtures/measurements/ (each row predicted by factors fitted',
    '# without it: 10-fold cross-validation). Do not edit by hand.',
    '# low / high: P10 and P90 of measured / predicted; median_abs_error: median of |measured / predicted - 1|.',
    `as_of: ${asOf}`,
    `source: ${source}`,
    'bands:',
    ...bands.map((b) => `  - {kind: ${b.kind}, engine: ${b.engine === '*' ? "'*'" : b.engine}, class: ${b.class === '*' ? "'*'" : b.class}, measurements: ${b.measurements}, low: ${r(b.low)}, high: ${r(b.high)}, median_abs_error: ${r(b.medianAbsError)}}`),
  ];
  return `${lines.join('\n')}\n`;
}
