// --self-host MODEL / --serverless MODEL with --hardware OFFER (repeatable), --quant, --engine,
// --ops-hours and --ops-rate: the self-hosted and serverless options of `estimate` from flags,
// one option per --hardware, written as the scenario keys a file would hold, so that the
// scenario's own rules check them. Loaded only when one of these flags is given.

import { loadSelfHostCatalogue } from '../catalogue/load.js';
import type { SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import type { Offer } from '../catalogue/types.js';
import { UserError } from '../errors.js';
import { COMMAND_LINE } from '../scenario/reader.js';
import type { DeploymentFlagOption } from '../scenario/flags.js';
import { byName, countedName, hintFor } from './model-setup.js';

export interface DeploymentFlags {
  selfHost?: string;
  serverless?: string;
  hardware?: string[];
  quant?: string;
  engine?: string;
  opsHours?: string;
  opsRate?: string;
  pricing?: string[];
}

/** The weights' quantisation when --quant is not given: llama.cpp's and Ollama's usual 4-bit, as the wizard offers. */
export const DEFAULT_FLAG_QUANT = 'Q4_K_M';

const fail = (flag: string, message: string, hint?: string) => UserError.at({ file: COMMAND_LINE, flag }, flag, message, hint);

export function hasDeploymentFlags(flags: DeploymentFlags): boolean {
  return [flags.selfHost, flags.serverless, flags.quant, flags.engine, flags.opsHours, flags.opsRate].some((v) => v !== undefined) || (flags.hardware ?? []).length > 0;
}

/** The options these flags describe, in the order of --hardware; [] without any of them. Throws UserError. */
export async function deploymentOptions(flags: DeploymentFlags): Promise<DeploymentFlagOption[]> {
  if (!hasDeploymentFlags(flags)) return [];
  const hardware = flags.hardware ?? [];
  if (flags.selfHost === undefined && flags.serverless === undefined) {
    const given = hardware.length > 0 ? '--hardware' : flags.quant !== undefined ? '--quant' : flags.engine !== undefined ? '--engine' : flags.opsHours !== undefined ? '--ops-hours' : '--ops-rate';
    throw fail(given, 'describes a self-hosted or serverless option: give --self-host MODEL or --serverless MODEL too', 'e.g. --self-host llama-3.1-8b --hardware runpod/rtx-4090-secure');
  }
  if (flags.selfHost === undefined && (flags.opsHours !== undefined || flags.opsRate !== undefined)) {
    throw fail(flags.opsHours !== undefined ? '--ops-hours' : '--ops-rate', 'applies to --self-host options (hours of upkeep of your own servers), not to --serverless');
  }
  if (flags.opsHours !== undefined && flags.opsRate === undefined) throw fail('--ops-hours', 'needs --ops-rate: the cost of an hour of upkeep', 'e.g. --ops-hours 4 --ops-rate 60');
  const first = flags.selfHost !== undefined ? '--self-host' : '--serverless';
  if (hardware.length === 0) {
    throw fail(first, 'needs --hardware: an offer to run it on, one option per --hardware', first === '--self-host'
      ? 'e.g. --hardware runpod/rtx-4090-secure; llm-tco pricing list --kind offer lists them'
      : 'e.g. --hardware modal/l4; llm-tco pricing list --kind offer lists them');
  }
  const catalogue = await loadSelfHostCatalogue(flags.pricing ?? []);
  return hardware.map((written) => {
    const offer = findOffer(catalogue, written);
    const kind = offer.kind === 'serverless' ? 'serverless' : 'self_host';
    const model = kind === 'self_host' ? flags.selfHost : flags.serverless;
    if (offer.kind === 'purchase') {
      throw fail('--hardware', `${offer.id} is a purchase price: owned hardware needs its power and write-off (owned: in a scenario file)`,
        `rent instead, e.g. ${rentalsOf(catalogue, offer.hardware, offer.count)[0] ?? 'runpod/rtx-4090-secure'}, or see docs/self-hosting.md`);
    }
    if (model === undefined) {
      throw fail('--hardware', kind === 'serverless' ? `${offer.id} is a serverless offer (billed by the second): give it with --serverless MODEL` : `${offer.id} is rented by the hour or month: give it with --self-host MODEL`);
    }
    const keys: Record<string, string> = { model, quant: flags.quant ?? DEFAULT_FLAG_QUANT };
    const labels: Record<string, string> = { model: kind === 'self_host' ? '--self-host' : '--serverless', quant: '--quant', hardware: '--hardware' };
    if (flags.engine !== undefined) {
      keys.engine = flags.engine;
      labels.engine = '--engine';
    }
    keys.hardware = offer.id;
    if (kind === 'self_host' && flags.opsHours !== undefined) {
      keys.ops_hours = flags.opsHours;
      keys.ops_rate = flags.opsRate!;
      labels.ops_hours = '--ops-hours';
      labels.ops_rate = '--ops-rate';
    }
    return { kind, keys, flags: labels };
  });
}

/**
 * An offer by its exact id; `2x OFFER` is the same provider's offer of that many of its devices
 * (runpod/rtx-4090-secure -> runpod/2x-rtx-4090-secure, lambda/1x-h100-sxm -> lambda/2x-h100-sxm).
 * A GPU's own id names no price: the offers that rent it are suggested.
 */
export function findOffer(catalogue: SelfHostCatalogue, written: string): Offer {
  const text = written.trim();
  if (/^\d+\s*[x×]$/i.test(text)) {
    throw fail('--hardware', `'${text}' needs its offer in the same word`, `quote it: --hardware '${text} runpod/rtx-4090-secure', or name the offer: runpod/2x-rtx-4090-secure`);
  }
  const counted = countedName(text);
  const count = counted?.count ?? 1;
  const name = counted?.name ?? text;
  if (count < 1) throw fail('--hardware', `a count of ${count} runs nothing`, 'e.g. 2x runpod/rtx-4090-secure');
  const offer = catalogue.offers.find((o) => o.id === name);
  if (!offer) {
    const hardware = byName(catalogue.hardware, name);
    if (hardware) {
      const rentals = rentalsOf(catalogue, hardware.id, count);
      throw fail('--hardware', `${name} is a ${hardware.class === 'cpu' ? 'processor' : 'GPU'}, not an offer with a price`,
        rentals.length > 0 ? `give one that rents ${count > 1 ? `${count} of ` : ''}it: ${rentals.join(', ')}` : 'llm-tco pricing list --kind offer lists the offers');
    }
    throw fail('--hardware', `unknown offer '${name}'`, hintFor(name, catalogue.offers.map((o) => o.id)));
  }
  if (count === 1) return offer;
  const slash = offer.id.indexOf('/');
  const wanted = `${offer.id.slice(0, slash + 1)}${count}x-${offer.id.slice(slash + 1).replace(/^\d+x-/, '')}`;
  const bigger = catalogue.offers.find((o) => o.id === wanted && o.hardware === offer.hardware && o.kind === offer.kind && o.count === count * offer.count);
  if (bigger) return bigger;
  const rentals = rentalsOf(catalogue, offer.hardware, count * offer.count);
  throw fail('--hardware', `no offer of ${count} x ${offer.id} in the catalogue`,
    rentals.length > 0 ? `offers of ${count * offer.count} x ${offer.hardware}: ${rentals.join(', ')}` : 'describe the machine inline in a scenario file: hardware: {spec, count, hourly}');
}

/** Rented offers of `count` of this hardware, as ids. */
function rentalsOf(catalogue: SelfHostCatalogue, hardware: string, count: number): string[] {
  return catalogue.offers.filter((o) => o.kind === 'rent' && o.hardware === hardware && o.count === count).map((o) => o.id);
}
