// Binds a scenario's model names to catalogue prices in the report currency. Every unknown name or
// currency is a problem at its position, with suggestions; all of them are reported at once.

import { findApiModel, fxFactor, fxUse, indexApiModels, pricesOn, ruleFor, scaleSchedule, serviceTierFor, suggestApiModels, type ApiModelIndex } from '../catalogue/catalogue.js';
import { inlineToEntry } from '../catalogue/pricing-file.js';
import type { ApiModelEntry, Catalogue, PriceSchedule, PromptCacheRule, RateLimitTable } from '../catalogue/types.js';
import { clip, didYouMeanOf, sortProblems, UserError, type Problem } from '../errors.js';
import type { SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import { resolveDeployment, type ResolvedDeployment } from './resolve-deployment.js';
import type { ModelMention } from './reader.js';
import type { ApiModelRef, Scenario, ServiceTierName } from './types.js';

export interface PricedModel {
  entry: ApiModelEntry;
  /** Prices in the report currency. */
  schedule: PriceSchedule;
  batchDiscount: number | undefined;
  /** The provider's prompt-cache minimum for this model, when the catalogue has one. */
  promptCache?: PromptCacheRule | undefined;
  /** The model's published rate-limit tiers, when the catalogue has them. */
  rateLimits?: RateLimitTable | undefined;
  /** Prices of its service tiers other than standard, in the report currency, where known. */
  serviceTiers?: Partial<Record<ServiceTierName, PricedServiceTier>>;
  effectiveFrom: string | null;
  fx: FxUse | undefined;
  notes: string[];
}

/** A service tier's price: a share off the standard token prices, or its own schedule. */
export interface PricedServiceTier {
  discount: number | undefined;
  schedule: PriceSchedule | undefined;
  source: string;
  asOf: string;
  /** Given for the whole provider, not for this model: the provider may not offer it on every model. */
  providerWide: boolean;
}

export interface FxUse {
  from: string;
  to: string;
  rate: number;
  source: string;
  asOf: string;
}

export interface Resolved {
  currency: string;
  today: string;
  /** Per option index: the priced model of api options (and of a hybrid's fallback). */
  models: (PricedModel | undefined)[];
  /** Per option index: what a self_host or serverless option runs on. */
  deployments: (ResolvedDeployment | undefined)[];
  embedding: PricedModel | undefined;
}

export interface ResolveContext {
  catalogue: Catalogue;
  /** Report currency: --currency, else the scenario's. */
  currency: string;
  /** Set when the currency came from --currency, so that a problem names the flag. */
  currencyFlag?: boolean;
  /** YYYY-MM-DD: which dated prices are in force, and how old they are. */
  today: string;
  /** The self-hosting catalogue, needed when the scenario has self_host or serverless options. */
  selfHost?: SelfHostCatalogue;
}

export function resolveScenario(scenario: Scenario, ctx: ResolveContext): Resolved {
  const problems: Problem[] = [];
  const index = indexApiModels(ctx.catalogue);
  const { currency } = ctx;
  if (fxFactor(ctx.catalogue, 'USD', currency) === undefined) {
    problems.push({
      location: ctx.currencyFlag ? { file: 'command line', flag: '--currency' } : (scenario.locations.get('currency') ?? { file: scenario.source }),
      path: 'currency',
      message: `no exchange rate for ${currency}`,
      hint: `give one with --fx ${currency}=RATE (units per 1 USD), or add it to a --pricing file; known: USD, ${Object.keys(ctx.catalogue.fx).sort().join(', ')}`,
    });
    throw new UserError(problems);
  }

  const price = (ref: ApiModelRef, path: string): PricedModel | undefined => {
    let entry: ApiModelEntry | undefined;
    if (ref.kind === 'inline') {
      entry = inlineToEntry(ref.model, { id: ref.model.name, currency: scenario.currency, source: scenario.source, asOf: null, layer: 'inline', notes: [] });
    } else {
      entry = findApiModel(index, ref.id);
      if (!entry) {
        problems.push(unknownModel(index, { id: ref.id, path, location: ref.location }));
        return undefined;
      }
    }
    return priceEntry(entry, ctx, path, problems, scenario);
  };

  const models = scenario.options.map((option, i) => {
    if (option.kind === 'api') return price(option.model, `options[${i}].api`);
    if (option.kind === 'self_host' && option.fallback) return price(option.fallback.api, `options[${i}].fallback.api`);
    return undefined;
  });
  const deployments = scenario.options.map((option, i) => {
    if (option.kind === 'api') return undefined;
    if (!ctx.selfHost) throw new Error('resolveScenario: self-hosted options need the self-hosting catalogue');
    return resolveDeployment(option, `options[${i}]`, { selfHost: ctx.selfHost, catalogue: ctx.catalogue, scenarioCurrency: scenario.currency, currency, locate: (path) => scenario.locations.get(path) }, problems);
  });
  const w = scenario.workload;
  const embedding = w.kind === 'rag' && w.embedding ? price(w.embedding.model, 'workload.embedding.model') : undefined;
  if (problems.length > 0) throw new UserError(sortProblems(problems));
  return { currency, today: ctx.today, models, deployments, embedding };
}

/** Catalogue names that are not in the catalogue, as problems with suggestions. */
export function checkModelMentions(mentions: ModelMention[], catalogue: Catalogue): Problem[] {
  const index = indexApiModels(catalogue);
  return mentions.filter((m) => !findApiModel(index, m.id)).map((m) => unknownModel(index, m));
}

function unknownModel(index: ApiModelIndex, mention: ModelMention): Problem {
  const close = suggestApiModels(index, mention.id);
  return {
    location: mention.location,
    path: mention.path,
    message: `unknown model '${clip(mention.id)}'`,
    hint:
      didYouMeanOf(close) ??
        'name it provider/model as the catalogue lists it, or give inline prices {name, input, output}',
  };
}

function pricedServiceTiers(catalogue: Catalogue, entry: ApiModelEntry, factor: number, perRequestFee: number): PricedModel['serviceTiers'] {
  const out: NonNullable<PricedModel['serviceTiers']> = {};
  for (const tier of ['flex', 'priority'] as const) {
    const price = serviceTierFor(catalogue, entry, tier);
    if (!price) continue;
    // A tier's own prices replace the standard ones (long-context tiers included); the fee stays.
    const schedule = price.rates ? scaleSchedule({ base: price.rates, tiers: [], perRequestFee: perRequestFee }, factor) : undefined;
    out[tier] = { discount: price.discount, schedule, source: price.source, asOf: price.asOf, providerWide: price.providerWide };
  }
  return out;
}

function priceEntry(entry: ApiModelEntry, ctx: ResolveContext, path: string, problems: Problem[], scenario: Scenario): PricedModel | undefined {
  const factor = fxFactor(ctx.catalogue, entry.currency, ctx.currency);
  if (factor === undefined) {
    problems.push({
      location: scenario.locations.get(path) ?? { file: scenario.source },
      path,
      message: `prices of '${clip(entry.id)}' are in ${entry.currency}, and there is no exchange rate for it`,
      hint: `give one with --fx ${entry.currency}=RATE`,
    });
    return undefined;
  }
  const resolved = pricesOn(entry, ctx.today);
  return {
    entry,
    schedule: scaleSchedule(resolved.schedule, factor),
    batchDiscount: entry.batchDiscount ?? ctx.catalogue.batch[entry.provider]?.discount,
    promptCache: ruleFor(ctx.catalogue.promptCache, entry),
    rateLimits: ruleFor(ctx.catalogue.rateLimits, entry),
    serviceTiers: pricedServiceTiers(ctx.catalogue, entry, factor, resolved.schedule.perRequestFee),
    effectiveFrom: resolved.effectiveFrom,
    fx: fxUse(ctx.catalogue, entry.currency, ctx.currency),
    notes: resolved.notes,
  };
}
