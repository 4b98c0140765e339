// llm-tco vram: how much memory a model needs, and what it fits on.

import { vramReport } from '../engine/sizing.js';
import { vramRenderers } from '../formats/sizing.js';
import type { Format } from '../formats/names.js';
import { emit, type Io } from '../io.js';
import type { VramReport } from '../report.js';
import { checkContext, countedName, findHardware, loadModelSetup, type ModelFlags } from './model-setup.js';
import { countFlag } from './flag-values.js';
import { UserError } from '../errors.js';

export interface VramFlags extends ModelFlags {
  context?: string;
  concurrency?: string;
  gpu?: string[];
  format: Format;
  out?: string;
  /** --wide: every column of a table, whatever the width (docs/output.md). */
  wide?: boolean;
}

export const DEFAULT_CONTEXT_TOKENS = 8192;

export async function runVram(flags: VramFlags, io: Io): Promise<number> {
  const report = await vramFromFlags(flags);
  emit(io, flags.out, (options) => vramRenderers[flags.format](report, options), flags.wide);
  return 0;
}

/** The report `vram` prints, from its flags (the library's vram() too). Throws UserError. */
export async function vramFromFlags(flags: Omit<VramFlags, 'format' | 'out'>): Promise<VramReport> {
  const givenContext = flags.context === undefined ? undefined : countFlag(flags.context, '--context', { integer: true, min: 1 });
  const concurrency = flags.concurrency === undefined ? 1 : countFlag(flags.concurrency, '--concurrency', { integer: true, min: 1 });
  const { setup, catalogue } = await loadModelSetup(flags, () => 'llama.cpp');
  if (givenContext !== undefined) checkContext(setup.model, givenContext, flags.context!);
  // The default, for a model whose window is shorter than it (Llama 2: 4,096), is the window.
  const contextTokens = givenContext ?? Math.min(DEFAULT_CONTEXT_TOKENS, setup.model.contextTokens);
  const hardware = flags.gpu?.length
    ? flags.gpu.map((g) => {
      // vram finds how many devices each part needs; a count given here would be dropped unsaid.
      if (countedName(g)) throw UserError.at({ file: 'command line', flag: '--gpu' }, '--gpu', `'${g}': vram works out how many devices the model needs`, `give the hardware alone: --gpu ${countedName(g)!.name}`);
      return findHardware(catalogue, g, '--gpu').hardware;
    })
    : catalogue.hardware.filter((h) => h.class !== 'cpu');
  return vramReport(setup, contextTokens, concurrency, hardware);
}
