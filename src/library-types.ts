// The library's public types: what `import ... from 'llm-tco'` offers, declared apart from the
// code so that its .d.ts is built from this file and the report types alone (a quick tsc run,
// scripts/build.mjs). src/index.ts implements each declaration, checked by `tsc --noEmit`.

import type { Catalogue, SelfHostCatalogue } from './catalogue/types.js';
import type { BreakevenReport, EstimateReport, ThroughputReport, VramReport } from './report.js';

export type * from './report.js';
export type { Catalogue, SelfHostCatalogue };


/** One problem with the input, as the CLI prints it (`file:line:column: path: message (hint)`). */
export interface InputProblem {
  /** The file as given (options.file), or `command line` for an option. */
  file: string;
  line?: number;
  column?: number;
  /** Dotted key path in the scenario, e.g. `options[1].api`; the option's flag name for an option. */
  path: string;
  message: string;
  hint?: string;
  /** The CLI flag the value stands for (`--context`), for problems with an option rather than a file. */
  flag?: string;
}

/** Bad input: every problem found, the same list the CLI prints before it exits with code 2. */
export declare class LlmTcoInputError extends Error {
  readonly name: 'LlmTcoInputError';
  readonly problems: InputProblem[];
  constructor(problems: InputProblem[], message: string);
}

/** Where prices come from: the bundled catalogue, with these layers over it. */
export interface PricingOptions {
  /** Catalogue files (the format of pricing/*.yaml) layered over the bundled one, in order: `--pricing`. */
  pricing?: string[];
  /** Exchange rates in units per 1 USD, over the catalogue's: `--fx EUR=0.92` is `{ EUR: 0.92 }`. */
  fx?: Record<string, number>;
  /** YYYY-MM-DD: which dated prices apply: `--today`. Default: today (UTC). */
  today?: string;
}

export interface ScenarioOptions extends PricingOptions {
  /** Report currency: `--currency`. Default: the scenario's. */
  currency?: string;
  /**
   * The scenario's file name, for messages and as the folder its prompt files (`{file: ...}`) are
   * read from. Default: `scenario.yaml` in the working directory.
   */
  file?: string;
}

/** A scenario: its YAML (or JSON) text, or the object that text would parse to. */
export type ScenarioInput = string | Record<string, unknown>;

export interface BreakevenOptions extends ScenarioOptions {
  /** Users (or requests a month) to scan: `--range`, e.g. `'1000..1M'`. */
  range?: string;
}

/** The model setup of `vram` and `throughput`; the names are their flags'. */
export interface ModelOptions {
  /** A catalogue model, e.g. `llama-3.1-8b`. */
  model?: string;
  /** A catalogue file with the model's architecture (`--model-file`). */
  modelFile?: string;
  /** Weight quantisation, e.g. `Q4_K_M`, `fp8`. */
  quant: string;
  kvType?: string;
  engine?: string;
  /** Catalogue files layered over the bundled one. */
  pricing?: string[];
}

export interface VramOptions extends ModelOptions {
  /** Tokens of context per sequence. Default 8,192 (or the model's window when shorter). */
  context?: number;
  /** Sequences held at once. Default 1. */
  concurrency?: number;
  /** Hardware to check it against. Default: every GPU of the catalogue. */
  gpu?: string[];
}

export interface ThroughputOptions extends ModelOptions {
  /** A hardware id ('4x nvidia-h100-sxm' for several) or an offer id. */
  hardware: string;
  /** Devices of `hardware` serving one instance (a hardware id only). Default 1. */
  gpus?: number;
  /** Sequences decoded together: concurrent requests. Default 1. */
  batch?: number;
  split?: 'tensor' | 'layer';
  /** Tokens already in context. Default 0. */
  context?: number;
  /** With `output`: each concurrent request's prompt tokens, for the figures under load (`serving`). */
  input?: number;
  /** With `input`: each concurrent request's output tokens. */
  output?: number;
  /** With `input` and `output`, instead of `batch`: requests a second, arriving at random. */
  requestRate?: number;
}

/** What `llm-tco estimate FILE -f json` prints. */
export declare function estimate(scenario: ScenarioInput, options?: ScenarioOptions): Promise<EstimateReport>;
/** What `llm-tco breakeven FILE -f json` prints. */
export declare function breakeven(scenario: ScenarioInput, options?: BreakevenOptions): Promise<BreakevenReport>;
/** What `llm-tco vram -f json` prints. */
export declare function vram(options: VramOptions): Promise<VramReport>;
/** What `llm-tco throughput -f json` prints. */
export declare function throughput(options: ThroughputOptions): Promise<ThroughputReport>;
/** The catalogues an estimate prices with: every API model (with the exchange rates) and the self-hosting parts. */
export declare function loadCatalogue(options?: PricingOptions): Promise<{ api: Catalogue; selfHost: SelfHostCatalogue }>;
