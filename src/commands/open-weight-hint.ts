// `estimate --model llama-3.1-8b`: an open-weight model is run on hardware, not bought by the
// token. Its unknown-model error becomes one that says how to run it, with the rented GPUs it
// fits on (by the same memory rule as `llm-tco vram`), cheapest first.

import { fxFactor } from '../catalogue/catalogue.js';
import type { SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import type { Catalogue, Offer } from '../catalogue/types.js';
import { vramReport } from '../engine/sizing.js';
import type { Problem } from '../errors.js';
import type { ModelMention } from '../scenario/reader.js';
import { HOURS_PER_MONTH } from '../units.js';
import { DEFAULT_FLAG_QUANT } from './deployment-flags.js';
import { byName } from './model-setup.js';

/** Context the fit is checked at: `vram`'s default. */
const HINT_CONTEXT_TOKENS = 8192;
/** Offers named in the hint, at most. */
const HINT_OFFERS = 4;

/** The problems, with each unknown --model that is an open-weight model told how to self-host it. */
export function openWeightHints(problems: Problem[], mentions: ModelMention[], catalogue: Catalogue, selfHost: SelfHostCatalogue): Problem[] {
  return problems.map((problem) => {
    if (problem.location.flag !== '--model') return problem;
    const mention = mentions.find((m) => m.path === problem.path);
    const model = mention && selfHost.models.find((m) => m.id === mention.id);
    if (!model) return problem;
    const rented = fittingOffers(model.id, selfHost, catalogue, 'rent');
    const serverless = fittingOffers(model.id, selfHost, catalogue, 'serverless');
    const example = rented[0] ?? 'runpod/rtx-4090-secure';
    const parts = [
      `add --self-host ${model.id} --hardware ${example}`,
      ...(rented.length > 0 ? [`at ${DEFAULT_FLAG_QUANT} it fits ${rented.join(', ')}`] : []),
      ...(serverless.length > 0 ? [`or --serverless ${model.id} --hardware ${serverless[0]}`] : []),
    ];
    // The API look-alike the catalogue suggested (cerebras/llama3.1-8b) stays a choice.
    const api = /did you mean '([^']+)'/.exec(problem.hint ?? '')?.[1];
    if (api) parts.push(`or the API ${api}`);
    return { ...problem, message: `${model.id} is an open-weight model, not a per-token API`, hint: parts.join('; ') };
  });
}

/** GPU offers of this kind whose machine holds the model at the default quant, cheapest first. */
function fittingOffers(modelId: string, selfHost: SelfHostCatalogue, catalogue: Catalogue, kind: 'rent' | 'serverless'): string[] {
  const model = selfHost.models.find((m) => m.id === modelId);
  const quant = byName(selfHost.weightQuants, DEFAULT_FLAG_QUANT);
  const kv = byName(selfHost.kvCacheTypes, 'f16');
  const engine = byName(selfHost.engines, 'llama.cpp');
  if (!model || !quant || !kv || !engine) return [];
  const offers = selfHost.offers.filter((o) => o.kind === kind);
  const hardware = selfHost.hardware.filter((h) => h.class !== 'cpu' && offers.some((o) => o.hardware === h.id));
  const report = vramReport({ model, quant, kv, engine }, Math.min(HINT_CONTEXT_TOKENS, model.contextTokens), 1, hardware);
  const devicesNeeded = new Map(report.fits.map((f) => [f.hardware, f.devices]));
  return offers
    .filter((o) => {
      const devices = devicesNeeded.get(o.hardware);
      return devices !== undefined && devices !== null && devices <= o.count;
    })
    .map((o) => ({ id: o.id, usd: priceUsd(o, catalogue) }))
    .filter((o): o is { id: string; usd: number } => o.usd !== undefined)
    .sort((a, b) => a.usd - b.usd || a.id.localeCompare(b.id))
    .slice(0, HINT_OFFERS)
    .map((o) => o.id);
}

/** What ranks offers: a month of rent, or a second of serverless time, in USD. */
function priceUsd(offer: Offer, catalogue: Catalogue): number | undefined {
  const price = offer.kind === 'serverless' ? offer.perSecond : offer.monthly ?? (offer.hourly === undefined ? undefined : offer.hourly * HOURS_PER_MONTH);
  const toUsd = fxFactor(catalogue, offer.currency, 'USD');
  return price === undefined || toUsd === undefined ? undefined : price * toUsd;
}
