// Binds a self_host or serverless option to the self-hosting catalogue: the model's architecture,
// the quantisation, the engine, the hardware's specs and its price in the report currency. Every
// unknown name is a problem at its position with suggestions.

import { fxFactor, fxUse } from '../catalogue/catalogue.js';
import { instanceOf } from '../catalogue/instance.js';
import type { SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import type { Catalogue, Engine, Hardware, KvCacheType, ModelArchitecture, Offer, WeightQuant } from '../catalogue/types.js';
import { deploymentBands, type DeploymentBands } from '../validation/bands.js';
import { clip, didYouMeanOf, suggest, type Location, type Problem } from '../errors.js';
import { defaultSplit, type SplitMode } from '../engine/speed.js';
import type { FxUse } from './resolve.js';
import type { Deployment, HardwareRef, MemoryFraction, SelfHostOption, ServerlessOption } from './types.js';
import { variableBitsQuant } from '../engine/quant-weights.js';

/** What one instance is: its devices' specs (a CPU offer's vCPUs pooled into one device). */
export interface InstanceHardware {
  name: string;
  /** Specs of one device; undefined when the scenario gave only a price (measured speeds needed). */
  spec: Hardware | undefined;
  devices: number;
  /** Power of one device: the spec's, or the watts the scenario gives for hardware it only prices. */
  wattsPerDevice: number | undefined;
  price:
    | { kind: 'rent'; monthlyPerInstance: number }
    | { kind: 'owned'; purchasePerInstance: number }
    | { kind: 'serverless'; perSecond: number; billingIncrementSeconds: number | undefined; coldStartSeconds: number | undefined };
  offer: Offer | undefined;
  source: string;
  asOf: string | null;
  /** The price as the catalogue or the scenario writes it, before any conversion. */
  listed?: { amount: number; currency: string; per: 'month' | 'hour' | 'second' | 'purchase' } | undefined;
  /** The currency conversion the price needed (undefined: none). */
  fx?: FxUse | undefined;
}

export interface ResolvedDeployment {
  model: ModelArchitecture | undefined;
  quant: WeightQuant | undefined;
  kv: KvCacheType | undefined;
  engine: Engine | undefined;
  /** How the instance's devices share the model. */
  split?: SplitMode;
  /** The engine's memory share as the scenario sets it (gpu_memory_utilization, ...); undefined: the engine's default. */
  memoryFraction?: number | undefined;
  hardware: InstanceHardware;
  notes: string[];
  /**
   * The accuracy bands (pricing/accuracy.yaml) of this engine on this hardware class, by kind;
   * undefined without an engine or hardware specs (nothing is estimated then).
   */
  bands?: DeploymentBands;
}

export interface DeploymentContext {
  selfHost: SelfHostCatalogue;
  /** Where a key path was written, to point problems at the key rather than the option. */
  locate: (path: string) => Location | undefined;
  catalogue: Catalogue;
  /** The scenario's currency (inline prices) and the report's. */
  scenarioCurrency: string;
  currency: string;
}

const byId = <T extends { id: string; aliases?: string[] }>(list: T[], name: string, caseInsensitive = false): T | undefined => {
  const match = (a: string) => (caseInsensitive ? a.toLowerCase() === name.toLowerCase() : a === name);
  return list.find((x) => match(x.id)) ?? list.find((x) => (x.aliases ?? []).some(match));
};

function unknown(location: Location, path: string, what: string, name: string, candidates: string[]): Problem {
  const close = suggest(name, candidates);
  return {
    location,
    path,
    message: `unknown ${what} '${clip(name)}'`,
    hint: didYouMeanOf(close) ?? `known: ${candidates.slice(0, 12).join(', ')}${candidates.length > 12 ? ', ...' : ''}`,
  };
}

/** The default engine for a class: vLLM on datacenter GPUs, llama.cpp elsewhere. */
export function defaultEngineId(hardware: Hardware | undefined): string {
  return hardware?.class === 'datacenter-gpu' ? 'vllm' : 'llama.cpp';
}

export function resolveDeployment(
  option: SelfHostOption | ServerlessOption,
  path: string,
  ctx: DeploymentContext,
  problems: Problem[],
): ResolvedDeployment | undefined {
  const cat = ctx.selfHost;
  const p = `${path}.${option.kind}`;
  const at = (key: string) => ctx.locate(`${p}.${key}`) ?? option.location;
  const notes: string[] = [];
  let model: ModelArchitecture | undefined;
  if (option.model?.kind === 'inline') model = option.model.model;
  else if (option.model) {
    model = byId(cat.models, option.model.id);
    if (!model) problems.push(unknown(option.model.location, `${p}.model`, 'model', option.model.id, cat.models.map((m) => m.id)));
  }
  let quant: WeightQuant | undefined;
  if (option.quant !== undefined) {
    quant = byId(cat.weightQuants, option.quant, true) ?? variableBitsQuant(cat.weightQuants, option.quant);
    if (!quant) problems.push(unknown(at('quant'), `${p}.quant`, 'quantisation', option.quant, cat.weightQuants.map((q) => q.id)));
  }
  let kv = byId(cat.kvCacheTypes, option.kvType, true);
  if (!kv) problems.push(unknown(at('kv_type'), `${p}.kv_type`, 'KV cache type', option.kvType, cat.kvCacheTypes.map((k) => k.id)));
  const hardware = resolveHardware(option, option.hardware, `${p}.hardware`, ctx, problems);
  const engineId = option.engine ?? defaultEngineId(hardware?.spec);
  const engine = byId(cat.engines, engineId, true);
  if (!engine) problems.push(unknown(at('engine'), `${p}.engine`, 'engine', engineId, cat.engines.flatMap((e) => [e.id, ...e.aliases])));
  const memoryFraction = engine ? checkMemoryFraction(option.memoryFraction, engine, cat.engines, at, p, problems) : undefined;
  const engineKv = engine && quant ? engineKvDefault(engine, quant, option.kvTypeSet === true, cat.kvCacheTypes) : undefined;
  if (engineKv) {
    kv = engineKv;
    notes.push(`KV cache ${engineKv.id} (${engine!.id}'s default with ${quant!.id} weights; set kv_type to change)`);
  }
  // An option made by --self-host / --serverless is changed with a flag, not a key.
  const fromFlags = option.location.line === undefined;
  if (option.engine === undefined && engine && model) notes.push(`engine ${engine.id} (the default on ${hardware?.spec?.class ?? 'this hardware'}; ${fromFlags ? 'give --engine' : 'set engine:'} to change)`);
  if (!hardware) return undefined;
  if (option.kind === 'serverless' && option.coldStartsPerDay > 0 && option.coldStartSeconds === undefined &&
    (hardware.price.kind !== 'serverless' || hardware.price.coldStartSeconds === undefined)) {
    problems.push({ location: at('cold_starts_per_day'), path: `${p}.cold_start_seconds`, message: 'cold_starts_per_day needs cold_start_seconds: the offer states no cold-start time' });
  }
  if (option.kind === 'self_host' && option.owned && option.owned.powerLoad !== 0 && hardware.wattsPerDevice === undefined) {
    problems.push({ location: option.hardware.location, path: `${p}.hardware.watts`, message: 'owned hardware needs its power draw to cost electricity', hint: 'add watts: to the inline hardware' });
  }
  const needsSpecs = option.tokensPerSecond === undefined && !(option.kind === 'serverless' && option.secondsPerRequest !== undefined);
  if (needsSpecs && !hardware.spec) {
    problems.push({
      location: option.hardware.location,
      path: `${p}.hardware`,
      message: 'has no specs to estimate speed from',
      hint: 'add spec: <hardware id> (or memory_gib and memory_bandwidth_gb_s), or give a measured tokens_per_second',
    });
  }
  const split = option.split ?? (engine ? defaultSplit(engine) : 'tensor');
  if (hardware.devices > 1 && option.split === undefined && engine && model) {
    notes.push(`${hardware.devices} devices ${split === 'layer' ? 'split by layer (they run one after another: memory adds up, speed does not)' : 'in tensor parallel'}, ${engine.id}'s default (set split: to change)`);
  }
  const spec = hardware.spec;
  return { model, quant, kv, engine, split, memoryFraction, hardware, notes, ...(engine && spec ? { bands: deploymentBands(cat.accuracy?.bands ?? [], engine.id, spec.class) } : {}) };
}

/** The share is valid only under the key of the engine that reads it. */
function checkMemoryFraction(
  fraction: MemoryFraction | undefined,
  engine: Engine,
  engines: Engine[],
  at: (key: string) => Location,
  p: string,
  problems: Problem[],
): number | undefined {
  if (!fraction) return undefined;
  if (engine.memoryFractionKey === fraction.key) return fraction.value;
  const owner = engines.find((e) => e.memoryFractionKey === fraction.key);
  problems.push({
    location: at(fraction.key),
    path: `${p}.${fraction.key}`,
    message: `${fraction.key} is ${owner ? `${owner.id}'s` : 'another engine\'s'} setting, and this option runs ${engine.id}`,
    hint: engine.memoryFractionKey ? `${engine.id}'s memory share is ${engine.memoryFractionKey}` : `${engine.id} reserves no share of memory up front: leave it out`,
  });
  return undefined;
}

/** An engine's own KV cache default, where it has one and kv_type is not written. */
export function engineKvDefault(engine: Engine, quant: WeightQuant, kvTypeSet: boolean, kvTypes: KvCacheType[]): KvCacheType | undefined {
  if (kvTypeSet || !engine.fp8KvWithFp8Weights || !isFp8(quant)) return undefined;
  return byId(kvTypes, 'fp8', true);
}

const isFp8 = (quant: WeightQuant) => [quant.id, ...quant.aliases].some((n) => /^fp8/i.test(n));

function resolveHardware(
  option: SelfHostOption | ServerlessOption,
  ref: HardwareRef,
  path: string,
  ctx: DeploymentContext,
  problems: Problem[],
): InstanceHardware | undefined {
  const cat = ctx.selfHost;
  let fx: FxUse | undefined;
  const convert = (amount: number, from: string) => {
    const k = fxFactor(ctx.catalogue, from, ctx.currency);
    if (k === undefined) {
      problems.push({ location: ref.location, path, message: `is priced in ${from}, and there is no exchange rate for it`, hint: `give one with --fx ${from}=RATE` });
      return undefined;
    }
    fx = fxUse(ctx.catalogue, from, ctx.currency);
    return amount * k;
  };
  const owned = option.kind === 'self_host' ? option.owned : undefined;

  if (ref.kind === 'catalogue') {
    const offer = byId(cat.offers, ref.id);
    if (!offer) {
      const hardware = byId(cat.hardware, ref.id);
      if (hardware) {
        const offers = cat.offers.filter((o) => o.hardware === hardware.id).map((o) => o.id);
        problems.push({
          location: ref.location,
          path,
          message: `'${clip(ref.id)}' is hardware, not an offer: it has no price`,
          hint: offers.length > 0
            ? `name an offer of it (${offers.slice(0, 4).join(', ')}), or give inline {spec: ${ref.id}, monthly | hourly | price}`
            : `give inline {spec: ${ref.id}, monthly | hourly | price}`,
        });
      } else problems.push(unknown(ref.location, path, 'offer', ref.id, cat.offers.map((o) => o.id)));
      return undefined;
    }
    const spec = byId(cat.hardware, offer.hardware);
    const kindWanted = option.kind === 'serverless' ? 'serverless' : owned ? 'purchase' : 'rent';
    if (offer.kind !== kindWanted) {
      const message =
        option.kind === 'serverless' ? `'${offer.id}' is a ${offer.kind} offer, not a serverless one`
        : offer.kind === 'serverless' ? `'${offer.id}' is a serverless offer: list it under serverless:`
        : owned ? `'${offer.id}' is rented, but this option says owned:` : `'${offer.id}' is a purchase: add owned: {electricity_per_kwh} to own it`;
      problems.push({ location: ref.location, path, message });
      return undefined;
    }
    const instance = pool(spec, offer.count, offer.memoryGib);
    let price: InstanceHardware['price'] | undefined;
    if (offer.kind === 'serverless') {
      const perSecond = convert(offer.perSecond!, offer.currency);
      if (perSecond !== undefined) price = { kind: 'serverless', perSecond, billingIncrementSeconds: offer.billingIncrementSeconds, coldStartSeconds: offer.coldStartSeconds };
    } else if (offer.kind === 'purchase') {
      const each = convert(offer.price!, offer.currency);
      if (each !== undefined) price = { kind: 'owned', purchasePerInstance: each };
    } else {
      const monthly = convert(offer.monthly ?? offer.hourly! * 730, offer.currency);
      if (monthly !== undefined) price = { kind: 'rent', monthlyPerInstance: monthly };
    }
    if (!price) return undefined;
    const listed = offerPrice(offer);
    return { name: offer.name, spec: instance.spec, devices: instance.devices, wattsPerDevice: instance.spec?.watts, price, offer, source: offer.source, asOf: offer.asOf, listed, fx };
  }

  const h = ref.hardware;
  let base: Hardware | undefined;
  if (h.spec !== undefined) {
    base = byId(cat.hardware, h.spec);
    if (!base) problems.push(unknown(ref.location, `${path}.spec`, 'hardware', h.spec, cat.hardware.map((x) => x.id)));
  }
  const memoryGib = h.memoryGib ?? base?.memoryGib;
  const bandwidth = h.memoryBandwidthGbPerSecond ?? base?.memoryBandwidthGbPerSecond;
  const spec: Hardware | undefined =
    memoryGib !== undefined && bandwidth !== undefined
      ? {
          id: base?.id ?? h.name,
          name: base?.name ?? h.name,
          class: h.class ?? base?.class ?? 'datacenter-gpu',
          // The spec's family and FP8 rate hold only while the inline figures do not redefine the part.
          family: h.class === undefined || h.class === base?.class ? base?.family : undefined,
          memoryGib,
          memoryBandwidthGbPerSecond: bandwidth,
          fp16Tflops: h.fp16Tflops ?? base?.fp16Tflops,
          fp8Tflops: h.fp16Tflops === undefined ? base?.fp8Tflops : undefined,
          fp4Tflops: h.fp16Tflops === undefined ? base?.fp4Tflops : undefined,
          int8Tops: base?.int8Tops,
          interconnectGbPerSecond: base?.interconnectGbPerSecond,
          watts: h.watts ?? base?.watts,
          cores: base?.cores,
          source: base?.source ?? 'scenario',
          asOf: base?.asOf ?? '',
        }
      : undefined;
  const inScenario = (amount: number) => convert(amount, ctx.scenarioCurrency);
  let price: InstanceHardware['price'] | undefined;
  if (option.kind === 'serverless') {
    const perSecond = h.perSecond === undefined ? undefined : inScenario(h.perSecond);
    if (perSecond !== undefined) price = { kind: 'serverless', perSecond, billingIncrementSeconds: h.billingIncrementSeconds, coldStartSeconds: undefined };
  } else if (owned) {
    const each = h.price === undefined ? undefined : inScenario(h.price * h.count);
    if (each !== undefined) price = { kind: 'owned', purchasePerInstance: each };
  } else {
    const monthly = h.monthly ?? (h.hourly === undefined ? undefined : h.hourly * 730);
    const converted = monthly === undefined ? undefined : inScenario(monthly);
    if (converted !== undefined) price = { kind: 'rent', monthlyPerInstance: converted };
  }
  if (!price) return undefined;
  const instance = pool(spec, h.count, undefined);
  const watts = instance.spec?.watts ?? (h.watts === undefined ? undefined : h.watts);
  const currency = ctx.scenarioCurrency;
  const listed: InstanceHardware['listed'] =
    option.kind === 'serverless' ? (h.perSecond === undefined ? undefined : { amount: h.perSecond, currency, per: 'second' })
    : owned ? (h.price === undefined ? undefined : { amount: h.price * h.count, currency, per: 'purchase' })
    : h.monthly !== undefined ? { amount: h.monthly, currency, per: 'month' }
    : h.hourly !== undefined ? { amount: h.hourly, currency, per: 'hour' } : undefined;
  return { name: h.name, spec: instance.spec, devices: instance.devices, wattsPerDevice: watts, price, offer: undefined, source: 'scenario', asOf: null, listed, fx };
}

/** An offer's price as the catalogue lists it: by the month where it has one, else by the hour. */
function offerPrice(offer: Offer): InstanceHardware['listed'] {
  const currency = offer.currency;
  if (offer.kind === 'serverless') return offer.perSecond === undefined ? undefined : { amount: offer.perSecond, currency, per: 'second' };
  if (offer.kind === 'purchase') return offer.price === undefined ? undefined : { amount: offer.price, currency, per: 'purchase' };
  if (offer.monthly !== undefined) return { amount: offer.monthly, currency, per: 'month' };
  return offer.hourly === undefined ? undefined : { amount: offer.hourly, currency, per: 'hour' };
}

function pool(spec: Hardware | undefined, count: number, memoryGib: number | undefined): { spec: Hardware | undefined; devices: number } {
  if (!spec) return { spec, devices: count };
  const { hardware, devices } = instanceOf(spec, count, memoryGib);
  return { spec: hardware, devices };
}

export type { Deployment };
