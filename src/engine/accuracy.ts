// The typical error of an estimated figure: the accuracy band of its kind, engine and hardware
// class (pricing/accuracy.yaml) as a low and high beside the value, and the instance count the
// peak would need if the speed were at either end. A measured figure has no band. Pure.

import type { AccuracyBand, AccuracyKind, HardwareClass } from '../catalogue/types.js';
import type { FigureBand } from '../report.js';
import { bandBasis, bandFor, type ResolvedBand } from '../validation/bands.js';
import { sizeInstances, type InstanceSpeed, type Load } from './capacity.js';
import type { SpeedFigures } from './deployment.js';

export const NO_VALIDATION = 'no validation data for this kind';

/** What a simulated sample's report holds instead of bands (simulate reads none of them; one shared object). */
export const NOT_BANDED: FigureBand = Object.freeze({ value: NaN, low: null, high: null, basis: 'not computed in a simulated sample' });

/** Where a figure's band is looked up: the engine and hardware class it was estimated for. */
export interface BandContext {
  bands: readonly AccuracyBand[];
  engine: string;
  hardwareClass: HardwareClass;
}

/** The band of an estimated figure of this kind; of a measured one, none (basis 'measured'). */
export function figureBand(value: number, kind: AccuracyKind, context: BandContext | null): FigureBand {
  if (context === null) return bandOf(value, undefined, true);
  const band = bandFor(context.bands, kind, context.engine, context.hardwareClass);
  return bandOf(value, band && { low: band.low, high: band.high, basis: bandBasis(band) }, false);
}

/** A figure with a band already looked up (none: no validation data), or measured (no band). */
export function bandOf(value: number, band: ResolvedBand | undefined, measured: boolean): FigureBand {
  if (measured) return { value, low: null, high: null, basis: 'measured' };
  if (!band) return { value, low: null, high: null, basis: NO_VALIDATION };
  return { value, low: value * band.low, high: value * band.high, basis: band.basis };
}

/** The kind of a decode figure: one stream alone is `decode`, a batch's total `aggregate`. */
export function decodeKind(batch: number): AccuracyKind {
  return batch > 1 ? 'aggregate' : 'decode';
}

/** Decode speeds times a factor (prompt speed as it was): what an instance does if the estimate is off by it. */
export function scaledSpeed(speed: InstanceSpeed, factor: number): InstanceSpeed {
  return { batch: speed.batch, decodeTokensPerSecond: speed.decodeTokensPerSecond * factor, perSequenceTokensPerSecond: speed.perSequenceTokensPerSecond * factor, prefillTokensPerSecond: speed.prefillTokensPerSecond };
}

/** An instance's whole speed figures times a factor (one stream alone too): a simulated draw. */
export function scaledFigures(speed: SpeedFigures, factor: number): SpeedFigures {
  return {
    source: speed.source,
    bound: speed.bound,
    batch: speed.batch,
    decodeTokensPerSecond: speed.decodeTokensPerSecond * factor,
    perSequenceTokensPerSecond: speed.perSequenceTokensPerSecond * factor,
    singleStreamTokensPerSecond: speed.singleStreamTokensPerSecond * factor,
    prefillTokensPerSecond: speed.prefillTokensPerSecond,
  };
}


/**
 * Instances the peak needs, with the band of the aggregate speed: the count at the speed's high
 * end is the low count, and the other way round. The batch stays as sized.
 */
export function instancesBand(speed: InstanceSpeed, load: Load, targetUtilisation: number, instances: number, band: FigureBand): FigureBand {
  if (band.low === null || band.high === null || speed.decodeTokensPerSecond <= 0) return { value: instances, low: null, high: null, basis: band.basis };
  const at = (factor: number) => sizeInstances(scaledSpeed(speed, factor), load, targetUtilisation).instances;
  return { value: instances, low: at(band.high / speed.decodeTokensPerSecond), high: at(band.low / speed.decodeTokensPerSecond), basis: band.basis };
}
