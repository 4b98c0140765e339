// Fits the engines' speed factors to published measurements, and measures how well factors fitted
// WITHOUT a row predict it (leave-one-out). Factors are fitted per engine and hardware class: first
// pooled over every engine of the class (the fallback for whatever an engine's own rows cannot
// pin down), then per engine. Each factor is searched on a grid, one at a time, minimising the sum
// of |ln(predicted / measured)| capped at CAP, so one odd row cannot drag a factor. Pure.

import type { ClassFactors, Engine, HardwareClass } from '../catalogue/types.js';
import { quantWeights } from '../engine/quant-weights.js';
import { computeFormatOf, isMoe, isWeightOnlyQuantised } from '../engine/speed.js';
import { predictSample, type SpeedKind, type SpeedSample } from './speed-rows.js';

/** An error past this (in ln) counts the same: about a factor of 1.65. */
const CAP = 0.5;
/** Fewer rows than this that a factor acts on: the pooled fit's value stands. */
export const MIN_ROWS_PER_FACTOR = 3;
export const TOLERANCE: Record<SpeedKind, number> = { decode: 0.25, aggregate: 0.35, prefill: 0.35, ttft: 0.35, tpot: 0.35 };

export interface GroupFactors {
  decodeEfficiency: number;
  stepOverheadMs: number;
  stepOverheadMsPerSequence: number;
  /** GPUs: share of the tensor rate; CPUs: GFLOPS per core; Apple: FLOPs per byte/s of bandwidth. */
  prefill: number;
  moeDecodeEfficiency: number;
  /** Dense models; MoE ones have moeTensorParallelStepMs. */
  tensorParallelStepMs: number;
  moeTensorParallelStepMs: number;
  /** Prompt rate of weight-only quantised weights relative to 16-bit ones. */
  quantisedPrefillFactor: number;
  moePrefillEfficiency: number;
}

type Param = keyof GroupFactors;

const range = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => +(from + i * step).toFixed(6));
const geometric = (from: number, to: number, n: number) => Array.from({ length: n }, (_, i) => +(from * (to / from) ** (i / (n - 1))).toPrecision(4));

const GRID: Record<Param, (cls: HardwareClass) => number[]> = {
  decodeEfficiency: () => range(0.1, 0.95, 0.02),
  stepOverheadMs: () => [...range(0, 10, 0.2), ...range(11, 40, 1)],
  stepOverheadMsPerSequence: () => [0, ...geometric(0.001, 2, 100)],
  prefill: (cls) => (cls === 'cpu' ? geometric(2, 1000, 45) : cls === 'apple' ? geometric(1, 200, 45) : range(0.05, 1, 0.02)),
  moeDecodeEfficiency: () => range(0.2, 1, 0.04),
  tensorParallelStepMs: () => range(0, 15, 0.25),
  moeTensorParallelStepMs: () => range(0, 15, 0.25),
  // CPUs: one 16-bit prompt row against thirteen quantised ones cannot tell the factor from the
  // per-core rate, so it stays 1 there.
  quantisedPrefillFactor: (cls) => (cls === 'cpu' ? [1] : range(0.3, 1.5, 0.02)),
  // Not below one half: Mixtral's first llama.cpp kernels (Dec 2023, 3.5-5x under the rate) are
  // not what a current build does (Qwen3-30B-A3B, Aug 2025, within 40% before the factor).
  moePrefillEfficiency: () => range(0.5, 1, 0.02),
};

export const STARTING: GroupFactors = { decodeEfficiency: 0.6, stepOverheadMs: 2, stepOverheadMsPerSequence: 0, prefill: 0.3, moeDecodeEfficiency: 1, tensorParallelStepMs: 0, moeTensorParallelStepMs: 0, quantisedPrefillFactor: 1, moePrefillEfficiency: 1 };

/** Which rows a factor acts on, so a factor with no rows is left alone. */
function actsOn(param: Param, s: SpeedSample): boolean {
  switch (param) {
    case 'decodeEfficiency':
    case 'stepOverheadMs':
      return s.kind !== 'prefill';
    case 'stepOverheadMsPerSequence':
      return s.kind !== 'prefill' && s.concurrency > 1;
    case 'prefill':
      return s.kind === 'prefill' || s.kind === 'ttft' || (!s.decodeOnly && s.promptTokens > 0);
    case 'moeDecodeEfficiency':
      return s.kind !== 'prefill' && isMoe(s.model);
    case 'tensorParallelStepMs':
      return s.kind !== 'prefill' && s.devices > 1 && s.split !== 'layer' && !isMoe(s.model);
    case 'moeTensorParallelStepMs':
      return s.kind !== 'prefill' && s.devices > 1 && s.split !== 'layer' && isMoe(s.model);
    case 'quantisedPrefillFactor':
      return actsOn('prefill', s) && isWeightOnlyQuantised({ bitsPerWeight: quantWeights(s.model, s.quant).bitsPerWeight, computeFormat: computeFormatOf(s.quant), hardware: s.hardware });
    case 'moePrefillEfficiency':
      // Fitted to prompt rates alone: the MoE serving rows are tensor-parallel runs whose error
      // belongs to the exchange between devices, not to the prompt kernels.
      return s.kind === 'prefill' && isMoe(s.model);
  }
}

/**
 * An engine with none of the fitted speed factors: what the fit starts from, so that it depends on
 * the measurements alone and not on the factors a previous fit wrote into the catalogue.
 */
export function unfitted(engine: Engine): Engine {
  return {
    ...engine, decodeEfficiency: {}, stepOverheadMs: {}, stepOverheadMsPerSequence: {}, prefillEfficiency: {}, moeDecodeEfficiency: {},
    tensorParallelStepMs: {}, moeTensorParallelStepMs: {}, quantisedPrefillFactor: {}, moePrefillEfficiency: {}, cpuPrefillGflopsPerCore: undefined, applePrefillFlopsPerByte: undefined,
  };
}

/** The engine with a group's factors in place for one hardware class. */
export function withFactors(engine: Engine, cls: HardwareClass, f: GroupFactors): Engine {
  const set = (factors: ClassFactors | undefined, value: number): ClassFactors => ({ ...factors, [cls]: value });
  return {
    ...engine,
    decodeEfficiency: set(engine.decodeEfficiency, f.decodeEfficiency),
    stepOverheadMs: set(engine.stepOverheadMs, f.stepOverheadMs),
    stepOverheadMsPerSequence: set(engine.stepOverheadMsPerSequence, f.stepOverheadMsPerSequence),
    moeDecodeEfficiency: set(engine.moeDecodeEfficiency, f.moeDecodeEfficiency),
    tensorParallelStepMs: set(engine.tensorParallelStepMs, f.tensorParallelStepMs),
    moeTensorParallelStepMs: set(engine.moeTensorParallelStepMs, f.moeTensorParallelStepMs),
    quantisedPrefillFactor: set(engine.quantisedPrefillFactor, f.quantisedPrefillFactor),
    moePrefillEfficiency: set(engine.moePrefillEfficiency, f.moePrefillEfficiency),
    prefillEfficiency: cls === 'cpu' || cls === 'apple' ? engine.prefillEfficiency : set(engine.prefillEfficiency, f.prefill),
    cpuPrefillGflopsPerCore: cls === 'cpu' ? f.prefill : engine.cpuPrefillGflopsPerCore,
    applePrefillFlopsPerByte: cls === 'apple' ? f.prefill : engine.applePrefillFlopsPerByte,
  };
}

const lossOf = (samples: SpeedSample[], engine: Engine) => {
  let loss = 0;
  for (const s of samples) {
    const e = Math.abs(Math.log(predictSample(s, engine) / s.measured));
    loss += Number.isFinite(e) ? Math.min(e, CAP) : CAP;
  }
  return loss;
};

/** Coordinate search of one group's factors, from `start`; factors acting on too few rows keep start's. */
export function fitGroup(samples: SpeedSample[], base: Engine, cls: HardwareClass, start: GroupFactors, sweeps = 3): GroupFactors {
  const params = (Object.keys(GRID) as Param[]).filter((p) => samples.filter((s) => actsOn(p, s)).length >= MIN_ROWS_PER_FACTOR);
  let best = { ...start };
  let bestLoss = lossOf(samples, withFactors(base, cls, best));
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let moved = false;
    for (const p of params) {
      const rows = samples.filter((s) => actsOn(p, s));
      // Only the rows this factor acts on change with it.
      const others = bestLoss - lossOf(rows, withFactors(base, cls, best));
      for (const v of GRID[p](cls)) {
        if (v === best[p]) continue;
        const trial = { ...best, [p]: v };
        const loss = others + lossOf(rows, withFactors(base, cls, trial));
        if (loss < bestLoss - 1e-9) {
          best = trial;
          bestLoss = loss;
          moved = true;
        }
      }
      // The MoE prompt factor is fitted to prompt rates alone but moves the MoE serving rows too.
      if (p === 'moePrefillEfficiency') bestLoss = lossOf(samples, withFactors(base, cls, best));
    }
    if (!moved) break;
  }
  return best;
}

export interface Fit {
  /** Factors per engine and class; the pooled fit per class under engine '*'. */
  factors: Map<string, GroupFactors>;
  /**
   * Per engine, class and family, where a family has rows enough of its own: its decode efficiency,
   * and its tensor-parallel exchange time (NVLink boxes and PCIe cards of one class differ).
   */
  families: Map<string, FamilyFactors>;
}

export type FamilyFactor = 'decodeEfficiency' | 'tensorParallelStepMs' | 'prefill';
export type FamilyFactors = Partial<Record<FamilyFactor, number>>;

/** A family (apple-m1, arm-server...) gets a decode efficiency of its own from this many rows. */
export const MIN_ROWS_PER_FAMILY = 4;

const key = (engine: string, cls: string) => `${engine}|${cls}`;

/** Fits every group the samples have: pooled per class, then per engine from the pooled values. */
export function fitAll(samples: SpeedSample[], catalogueEngines: Map<string, Engine>): Fit {
  const engines = new Map([...catalogueEngines].map(([id, e]) => [id, unfitted(e)]));
  const factors = new Map<string, GroupFactors>();
  const families = new Map<string, FamilyFactors>();
  const used = samples.filter((s) => s.fit);
  for (const cls of new Set(used.map((s) => s.hardware.class))) {
    const inClass = used.filter((s) => s.hardware.class === cls);
    // Pooled: each row predicted with its own engine's other settings but the shared factors.
    const pooled = fitPooled(inClass, engines, cls);
    factors.set(key('*', cls), pooled);
    for (const engine of new Set(inClass.map((s) => s.engine))) {
      const base = engines.get(engine);
      if (!base) continue;
      const own = inClass.filter((s) => s.engine === engine);
      const group = fitGroup(own, base, cls, pooled);
      factors.set(key(engine, cls), group);
      // Within a class, families differ (an M1 Max moves a smaller share of its bandwidth than an M3 Max).
      for (const family of new Set(own.map((s) => s.hardware.family).filter((f) => f !== undefined))) {
        const inFamily = own.filter((s) => s.hardware.family === family);
        let engineNow = withFactors(base, cls, group);
        const found: FamilyFactors = {};
        for (const [param, acts] of FAMILY_FACTORS) {
          // GPUs' prompt rates follow their rated tensor FLOPs, family by family already; CPUs and
          // Apple GPUs, which publish none, have a fitted rate, and families differ (AVX-512, Arm, M-generations).
          if (param === 'prefill' && cls !== 'cpu' && cls !== 'apple') continue;
          const rows = inFamily.filter((s) => acts(s));
          if (rows.length < MIN_ROWS_PER_FAMILY) continue;
          found[param] = fitFamily(rows, engineNow, family!, param, group[param], cls);
          engineNow = withFamily(engineNow, family!, found, cls);
        }
        if (Object.keys(found).length > 0) families.set(`${key(engine, cls)}|${family}`, found);
      }
    }
    if (cls === 'cpu' || cls === 'apple') fitPooledFamilyPrefill(inClass, engines, factors, families, cls);
  }
  return { factors, families };
}

/** A family's prompt rates pooled over engines, when no engine has rows enough of its own. */
export const MIN_ROWS_PER_POOLED_FAMILY = 3;

/**
 * A family whose prompt rate differs from its class's (an M5's GPU has a matrix unit in every core;
 * CPU families differ in vector units) but whose rows are spread over engines, too few for some
 * engine's own fit: one multiplier of the class's rate, fitted to the family's rows of every
 * engine (each predicted with its engine's own class factors x the multiplier), given to each
 * engine of the class that has no family figure of its own, as its class rate x the multiplier.
 */
function fitPooledFamilyPrefill(inClass: SpeedSample[], engines: Map<string, Engine>, factors: Map<string, GroupFactors>, families: Map<string, FamilyFactors>, cls: HardwareClass): void {
  const enginesOfClass = [...new Set(inClass.map((s) => s.engine))].filter((e) => engines.has(e) && factors.has(key(e, cls)));
  for (const family of new Set(inClass.map((s) => s.hardware.family).filter((f) => f !== undefined))) {
    const lacking = enginesOfClass.filter((e) => families.get(`${key(e, cls)}|${family}`)?.prefill === undefined);
    if (lacking.length === 0) continue;
    // Every engine's rows of the family tell the multiplier; those with a figure of their own keep it.
    const rows = inClass.filter((s) => s.hardware.family === family && enginesOfClass.includes(s.engine) && actsOn('prefill', s));
    if (rows.length < MIN_ROWS_PER_POOLED_FAMILY) continue;
    const engineAt = (engine: string, multiplier: number) => {
      const group = factors.get(key(engine, cls))!;
      const own = families.get(`${key(engine, cls)}|${family}`) ?? {};
      return withFamily(withFactors(unfitted(engines.get(engine)!), cls, group), family!, { ...own, prefill: group.prefill * multiplier }, cls);
    };
    const byEngine = [...new Set(rows.map((s) => s.engine))].map((e) => [e, rows.filter((s) => s.engine === e)] as const);
    const loss = (m: number) => byEngine.reduce((sum, [engine, own]) => sum + lossOf(own, engineAt(engine, m)), 0);
    let best = 1;
    let bestLoss = loss(1);
    for (const m of POOLED_FAMILY_MULTIPLIERS) {
      const l = loss(m);
      if (l < bestLoss - 1e-9) {
        best = m;
        bestLoss = l;
      }
    }
    if (best === 1) continue;
    for (const engine of lacking) {
      const own = families.get(`${key(engine, cls)}|${family}`) ?? {};
      families.set(`${key(engine, cls)}|${family}`, { ...own, prefill: factors.get(key(engine, cls))!.prefill * best });
    }
  }
}

const POOLED_FAMILY_MULTIPLIERS = geometric(0.2, 5, 57);

const FAMILY_FACTORS: [FamilyFactor, (s: SpeedSample) => boolean][] = [
  ['decodeEfficiency', (s) => actsOn('decodeEfficiency', s)],
  ['tensorParallelStepMs', (s) => actsOn('tensorParallelStepMs', s)],
  ['prefill', (s) => actsOn('prefill', s)],
];

/** The engine with a family's own factors in place (they take precedence over the class's). */
export function withFamily(engine: Engine, family: string, f: FamilyFactors, cls?: HardwareClass): Engine {
  const byFamily = (rate: number | ClassFactors | undefined, value: number): ClassFactors =>
    typeof rate === 'object' ? { ...rate, [family]: value } : { ...(rate === undefined ? {} : { [cls!]: rate }), [family]: value };
  const prefill = f.prefill === undefined ? {}
    : cls === 'cpu' ? { cpuPrefillGflopsPerCore: byFamily(engine.cpuPrefillGflopsPerCore, f.prefill) }
    : cls === 'apple' ? { applePrefillFlopsPerByte: byFamily(engine.applePrefillFlopsPerByte, f.prefill) }
    : { prefillEfficiency: { ...engine.prefillEfficiency, [family]: f.prefill } };
  return {
    ...engine,
    ...prefill,
    ...(f.decodeEfficiency === undefined ? {} : { decodeEfficiency: { ...engine.decodeEfficiency, [family]: f.decodeEfficiency } }),
    ...(f.tensorParallelStepMs === undefined ? {} : { tensorParallelStepMs: { ...engine.tensorParallelStepMs, [family]: f.tensorParallelStepMs } }),
  };
}

function fitFamily(rows: SpeedSample[], engine: Engine, family: string, param: FamilyFactor, start: number, cls: HardwareClass): number {
  const at = (v: number) => withFamily(engine, family, { [param]: v }, cls);
  let best = start;
  let bestLoss = lossOf(rows, at(start));
  for (const v of GRID[param](cls)) {
    const loss = lossOf(rows, at(v));
    if (loss < bestLoss - 1e-9) {
      best = v;
      bestLoss = loss;
    }
  }
  return best;
}

function fitPooled(samples: SpeedSample[], engines: Map<string, Engine>, cls: HardwareClass): GroupFactors {
  // One engine stands for all: the factors are the same for every row, the rest of each engine
  // (memory settings) does not enter the speed.
  const any = engines.get(samples[0]!.engine) ?? [...engines.values()][0]!;
  return fitGroup(samples, any, cls, STARTING);
}

export function factorsFor(fit: Fit, engine: string, cls: HardwareClass): GroupFactors | undefined {
  return fit.factors.get(key(engine, cls)) ?? fit.factors.get(key('*', cls));
}

export interface Prediction {
  sample: SpeedSample;
  predicted: number;
  /** predicted / measured - 1 */
  error: number;
}

export function predictAll(samples: SpeedSample[], fit: Fit, engines: Map<string, Engine>): Prediction[] {
  return samples.flatMap((s) => {
    const f = factorsFor(fit, s.engine, s.hardware.class);
    const found = engines.get(s.engine);
    if (!f || !found) return [];
    const base = unfitted(found);
    let engine = withFactors(base, s.hardware.class, f);
    const family = s.hardware.family && fit.families.get(`${key(s.engine, s.hardware.class)}|${s.hardware.family}`);
    if (family) engine = withFamily(engine, s.hardware.family!, family, s.hardware.class);
    const predicted = predictSample(s, engine);
    // NaN: nothing to predict from (no compute figure); Infinity (an overloaded queue) is a miss.
    return Number.isNaN(predicted) ? [] : [{ sample: s, predicted, error: predicted / s.measured - 1 }];
  });
}

/** Folds of the cross-validation: every row is predicted by factors fitted on the other nine tenths. */
export const FOLDS = 10;

/**
 * Every fitted row predicted by factors fitted WITHOUT it: the rows are dealt into FOLDS folds
 * (the figures of one run always together, so a run's TTFT cannot tell the fit its throughput),
 * and each fold is predicted by a fit of all the others. Stricter than leaving one row out.
 */
export function crossValidate(samples: SpeedSample[], engines: Map<string, Engine>): Prediction[] {
  const used = samples.filter((s) => s.fit);
  const foldOf = (s: SpeedSample) => hash(runKey(s)) % FOLDS;
  const out: Prediction[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = used.filter((s) => foldOf(s) === fold);
    if (held.length === 0) continue;
    const fit = fitAll(used.filter((s) => foldOf(s) !== fold), engines);
    out.push(...predictAll(held, fit, engines));
  }
  return out;
}

function runKey(s: SpeedSample): string {
  const x = s.row;
  return [x.source, x.model, x.quant, x.hardware, x.engine, x.gpus ?? 1, x.concurrency ?? x.batch, x.request_rate, x.input_tokens, x.output_tokens].join('|');
}

/** FNV-1a: a fold that does not move when rows are added elsewhere. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
