// llm-tco throughput: how fast a model decodes and reads prompts on given hardware.

import { throughputReport, type ServingRequest } from '../engine/sizing.js';
import { throughputRenderers } from '../formats/sizing.js';
import type { Format } from '../formats/names.js';
import { emit, type Io } from '../io.js';
import type { ThroughputReport } from '../report.js';
import { defaultEngineId } from '../scenario/resolve-deployment.js';
import { countFlag } from './flag-values.js';
import { checkContext, countedName, findHardware, loadModelSetup, type ModelFlags } from './model-setup.js';
import { didYouMeanOf, suggest, UserError } from '../errors.js';
import { SPLIT_MODES, type SplitMode } from '../engine/speed.js';

/** --input and --output: the prompt and reply of each request, for figures under load; --request-rate: requests a second. */
function servingFlags(flags: Pick<ThroughputFlags, 'input' | 'output' | 'requestRate' | 'batch' | 'concurrency'>): ServingRequest | undefined {
  if (flags.requestRate !== undefined) {
    if (flags.input === undefined || flags.output === undefined) {
      throw UserError.at({ file: 'command line', flag: '--request-rate' }, '--request-rate', 'needs --input and --output: the prompt and reply of each request');
    }
    if (flags.batch !== undefined || flags.concurrency !== undefined) {
      const other = flags.concurrency !== undefined ? '--concurrency' : '--batch';
      throw UserError.at({ file: 'command line', flag: other }, other, 'or --request-rate: a load is clients that wait for their replies, or requests arriving at a rate, not both');
    }
  }
  if (flags.input === undefined && flags.output === undefined) return undefined;
  if (flags.input === undefined || flags.output === undefined) {
    const missing = flags.input === undefined ? '--input' : '--output';
    throw UserError.at({ file: 'command line', flag: missing }, missing, 'is needed too: figures under load take both the prompt (--input) and the reply (--output) of each request');
  }
  return {
    inputTokens: countFlag(flags.input, '--input', { integer: true, min: 0 }),
    outputTokens: countFlag(flags.output, '--output', { integer: true, min: 1 }),
    requestRate: flags.requestRate === undefined ? undefined : positiveRate(flags.requestRate),
  };
}

function positiveRate(value: string): number {
  const rate = countFlag(value, '--request-rate', { min: 0, example: '2.5 requests a second' });
  if (rate === 0) throw UserError.at({ file: 'command line', flag: '--request-rate' }, '--request-rate', 'must be above 0 requests a second');
  return rate;
}

/** --split tensor | layer: how the devices of a multi-GPU instance share the model. */
export function splitFlag(value: string | undefined): SplitMode | undefined {
  if (value === undefined) return undefined;
  if ((SPLIT_MODES as readonly string[]).includes(value)) return value as SplitMode;
  throw UserError.at({ file: 'command line', flag: '--split' }, '--split', `must be tensor or layer, got '${value}'`, didYouMeanOf(suggest(value, [...SPLIT_MODES])) ?? undefined);
}

/** --gpus N: that many of --hardware serve one instance, written as `N x HARDWARE` for findHardware. */
function gpusOf(gpus: string | undefined, hardware: string): string {
  if (gpus === undefined) return hardware;
  const n = countFlag(gpus, '--gpus', { integer: true, min: 1 });
  if (countedName(hardware)) throw UserError.at({ file: 'command line', flag: '--gpus' }, '--gpus', `gives the count that '${hardware}' already gives: use one of them`);
  return n === 1 ? hardware : `${n}x ${hardware}`;
}

export interface ThroughputFlags extends ModelFlags {
  hardware?: string;
  gpus?: string;
  requestRate?: string;
  batch?: string;
  concurrency?: string;
  input?: string;
  output?: string;
  split?: string;
  context?: string;
  format: Format;
  out?: string;
}

export async function runThroughput(flags: ThroughputFlags, io: Io): Promise<number> {
  const report = await throughputFromFlags(flags);
  emit(io, flags.out, (options) => throughputRenderers[flags.format](report, options));
  return 0;
}

/** The report `throughput` prints, from its flags (the library's throughput() too). Throws UserError. */
export async function throughputFromFlags(flags: Omit<ThroughputFlags, 'format' | 'out'>): Promise<ThroughputReport> {
  if (flags.hardware === undefined) throw UserError.at({ file: 'command line', flag: '--hardware' }, '--hardware', 'is required: a hardware id such as nvidia-rtx-4090, or an offer such as hetzner/gex44');
  if (flags.batch !== undefined && flags.concurrency !== undefined) {
    throw UserError.at({ file: 'command line', flag: '--concurrency' }, '--concurrency', 'is --batch by another name: give one of them');
  }
  const batch = flags.concurrency !== undefined ? countFlag(flags.concurrency, '--concurrency', { integer: true, min: 1 })
    : flags.batch === undefined ? 1 : countFlag(flags.batch, '--batch', { integer: true, min: 1 });
  const request = servingFlags(flags);
  const contextTokens = flags.context === undefined ? 0 : countFlag(flags.context, '--context', { integer: true, min: 0 });
  const hardwareName = flags.hardware;
  const { setup, catalogue } = await loadModelSetup(flags, (cat) => defaultEngineId(findHardware(cat, gpusOf(flags.gpus, hardwareName), '--hardware').hardware));
  checkContext(setup.model, contextTokens, flags.context ?? '0');
  const { hardware, devices } = findHardware(catalogue, gpusOf(flags.gpus, hardwareName), '--hardware');
  const split = splitFlag(flags.split);
  return throughputReport(setup, hardware, devices, batch, contextTokens, split, request);
}
