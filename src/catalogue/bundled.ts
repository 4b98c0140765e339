// Assembles the bundled catalogue from the genai-prices providers and the files in pricing/.
// Pure: the caller (the build script, or the loader when running from source) does the reading.

import { UserError } from '../errors.js';
import { layerCatalogue } from './catalogue.js';
import { convertGenaiProviders, type GenaiProvider } from './genai-prices.js';
import { parseAccuracyFile } from './accuracy-file.js';
import { parsePricingFile } from './pricing-file.js';
import { checkReferences, EMPTY_SELF_HOST, mergeSelfHost, parseSelfHostFile, type SelfHostCatalogue } from './selfhost-file.js';
import type { Catalogue } from './types.js';

export interface BundledInputs {
  providers: GenaiProvider[];
  /** Installed version of the package, checked against pricing/genai-prices.yaml. */
  installedVersion: string;
  /** pricing/*.yaml as { file name: text }. */
  files: Record<string, string>;
}

export const PRICING_FILES = ['api-models.yaml', 'batch.yaml', 'fx.yaml', 'prompt-cache.yaml', 'rate-limits.yaml', 'service-tiers.yaml'] as const;
/** The self-hosting catalogue, in the order its parts refer to each other. */
export const SELF_HOST_FILES = ['models.yaml', 'quants.yaml', 'hardware.yaml', 'offers.yaml', 'engines.yaml'] as const;

/** The accuracy bands of the speed model, generated from the measurements (its own format). */
export const ACCURACY_FILE = 'accuracy.yaml';

export function compileSelfHostCatalogue(files: Record<string, string>): SelfHostCatalogue {
  let catalogue = EMPTY_SELF_HOST;
  for (const name of SELF_HOST_FILES) {
    if (files[name] === undefined) continue;
    const known = new Set(catalogue.hardware.map((h) => h.id));
    catalogue = mergeSelfHost(catalogue, parseSelfHostFile(files[name]!, `pricing/${name}`, 'pricing', known));
  }
  const accuracy = files[ACCURACY_FILE];
  if (accuracy !== undefined) catalogue = { ...catalogue, accuracy: parseAccuracyFile(accuracy, `pricing/${ACCURACY_FILE}`) };
  return checkReferences(catalogue, 'pricing/offers.yaml');
}

export function compileBundledCatalogue(inputs: BundledInputs): Catalogue {
  const meta = parseSnapshotMeta(inputs.files['genai-prices.yaml'] ?? '');
  if (meta.version !== inputs.installedVersion) {
    throw UserError.plain(
      'pricing/genai-prices.yaml',
      `records version ${meta.version}, but @pydantic/genai-prices ${inputs.installedVersion} is installed`,
      'update version and as_of there (as_of: the version’s publication date) and pin the same version in package.json',
    );
  }
  const apiModels = convertGenaiProviders(inputs.providers, { package: meta.package, version: meta.version, asOf: meta.asOf });
  let catalogue: Catalogue = {
    apiModels,
    knownIds: apiModels.map((m) => m.id),
    batch: {},
    fx: {},
    bundled: meta,
  };
  for (const name of PRICING_FILES) {
    const text = inputs.files[name];
    if (text !== undefined) catalogue = layerCatalogue(catalogue, parsePricingFile(text, `pricing/${name}`, 'pricing'));
  }
  return catalogue;
}

function parseSnapshotMeta(text: string): { package: string; version: string; asOf: string; source: string } {
  const field = (key: string) => new RegExp(`^${key}:\\s*"?([^"\\n#]+?)"?\\s*(?:#.*)?$`, 'm').exec(text)?.[1];
  const pkg = field('package');
  const version = field('version');
  const asOf = field('as_of');
  const source = field('source');
  if (!pkg || !version || !asOf || !source) {
    throw UserError.plain('pricing/genai-prices.yaml', 'needs package, version, as_of and source');
  }
  return { package: pkg, version, asOf, source };
}

/** The compiled bundle on disk: an index, and one file of API models per provider. */
export interface CatalogueIndex {
  bundled: Catalogue['bundled'];
  batch: Catalogue['batch'];
  fx: Catalogue['fx'];
  promptCache?: Catalogue['promptCache'];
  rateLimits?: Catalogue['rateLimits'];
  serviceTiers?: Catalogue['serviceTiers'];
  /** provider -> model ids */
  providers: Record<string, string[]>;
}

export function splitCatalogue(catalogue: Catalogue): { index: CatalogueIndex; providers: Record<string, Catalogue['apiModels']> } {
  const providers: Record<string, Catalogue['apiModels']> = {};
  for (const m of catalogue.apiModels) (providers[m.provider] ??= []).push(m);
  const ids = Object.fromEntries(Object.entries(providers).map(([p, models]) => [p, models.map((m) => m.id)]));
  return { index: { bundled: catalogue.bundled, batch: catalogue.batch, fx: catalogue.fx, promptCache: catalogue.promptCache, rateLimits: catalogue.rateLimits, serviceTiers: catalogue.serviceTiers, providers: ids }, providers };
}
