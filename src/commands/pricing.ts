// llm-tco pricing list | show | validate | check: what the catalogue assumes, where each figure
// comes from, whether a catalogue file is sound, and how the bundled prices compare with a snapshot.

import { readdirSync } from 'node:fs';
import { parseAccuracyFile } from '../catalogue/accuracy-file.js';
import { ACCURACY_FILE } from '../catalogue/bundled.js';
import { join } from 'node:path';
import { apiRow, catalogueRows, comparePrices, filterRows, type ListFilters } from '../catalogue/browse.js';
import { findApiModel, indexApiModels, pricesOn, suggestApiModels } from '../catalogue/catalogue.js';
import { detectSnapshot } from '../catalogue/importers.js';
import { loadCatalogue, loadSelfHostCatalogue, packageRoot, readUserPricing } from '../catalogue/load.js';
import { parsePricingFile, type PricingFile } from '../catalogue/pricing-file.js';
import type { Catalogue } from '../catalogue/types.js';
import { checkReferences, mergeSelfHost, parseSelfHostFile } from '../catalogue/selfhost-file.js';
import { didYouMean, didYouMeanOf, suggest, UserError, type Problem } from '../errors.js';
import { formatCountOf } from '../formats/numbers.js';
import type { Format } from '../formats/names.js';
import { pricingCheckRenderers, pricingListRenderers, pricingShowRenderers } from '../formats/pricing.js';
import { terminalText } from '../formats/terminal-text.js';
import { emit, type Io } from '../io.js';
import { REPORT_SCHEMA, type CatalogueKind, type PricingCheckReport, type PricingListReport, type PricingShowReport } from '../report.js';
import { readText } from '../text-file.js';
import { countFlag } from './flag-values.js';

const KINDS: CatalogueKind[] = ['api', 'model', 'quant', 'kv', 'hardware', 'offer', 'engine'];

export interface PricingFlags {
  format: Format;
  out?: string;
  /** --wide: every column of a table, whatever the width (docs/output.md). */
  wide?: boolean;
  pricing?: string[];
  today?: string;
}

async function everything(flags: PricingFlags) {
  const [api, selfHost] = await Promise.all([loadCatalogue({ userFiles: flags.pricing ?? [] }), loadSelfHostCatalogue((flags.pricing ?? []).filter((f) => !f.endsWith('.json')))]);
  return { api, selfHost };
}

export async function runPricingList(flags: PricingFlags & { kind?: string; provider?: string; search?: string; stale?: boolean }, io: Io): Promise<number> {
  if (flags.kind !== undefined && !KINDS.includes(flags.kind as CatalogueKind)) {
    throw UserError.at({ file: 'command line', flag: '--kind' }, '--kind', `must be one of ${KINDS.join(', ')}, got '${flags.kind}'`);
  }
  const today = flags.today ?? io.today;
  const { api, selfHost } = await everything(flags);
  const filters: ListFilters = {
    ...(flags.kind ? { kind: flags.kind as CatalogueKind } : {}),
    ...(flags.provider ? { provider: flags.provider } : {}),
    ...(flags.search ? { search: flags.search } : {}),
    ...(flags.stale ? { stale: true } : {}),
  };
  const all = catalogueRows(api, selfHost, today);
  // A provider the catalogue does not have is a typo more often than a filter that matches nothing.
  const providers = [...new Set(all.map((r) => r.provider).filter((p): p is string => p !== null))];
  if (flags.provider !== undefined && !providers.includes(flags.provider)) {
    throw UserError.at({ file: 'command line', flag: '--provider' }, '--provider', `no provider is named '${flags.provider}'`, didYouMean(flags.provider, providers) ?? `providers: ${providers.sort().join(', ')}`);
  }
  const rows = filterRows(all, filters).sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.id.localeCompare(b.id));
  const dates = rows.map((r) => r.as_of).filter((d): d is string => d !== null).sort();
  const report: PricingListReport = {
    schema: REPORT_SCHEMA,
    command: 'pricing list',
    today,
    filters: { kind: flags.kind ?? null, provider: flags.provider ?? null, search: flags.search ?? null, stale: flags.stale === true },
    rows,
    oldest_as_of: dates[0] ?? null,
  };
  emit(io, flags.out, (options) => pricingListRenderers[flags.format](report, options), flags.wide);
  return 0;
}

export async function runPricingShow(name: string, flags: PricingFlags, io: Io): Promise<number> {
  if (name.trim() === '') throw UserError.at({ file: 'command line' }, '', 'pricing show needs a name', 'e.g. llm-tco pricing show openai/gpt-4o-mini; llm-tco pricing list lists them');
  const today = flags.today ?? io.today;
  const { api, selfHost } = await everything(flags);
  const index = indexApiModels(api);
  const model = findApiModel(index, name);
  let report: PricingShowReport | undefined;
  if (model) {
    const inForce = pricesOn(model, today);
    const providerBatch = api.batch[model.provider];
    report = {
      schema: REPORT_SCHEMA, command: 'pricing show', today, row: apiRow(model, today), entry: model,
      in_force: { effective_from: inForce.effectiveFrom, notes: inForce.notes },
      batch: model.batchDiscount !== undefined
        ? { discount: model.batchDiscount, source: model.source, as_of: model.asOf ?? '', from: 'model' }
        : providerBatch ? { discount: providerBatch.discount, source: providerBatch.source, as_of: providerBatch.asOf, from: 'provider' } : null,
    };
  } else {
    const row = catalogueRows({ ...api, apiModels: [] }, selfHost, today).find((r) => r.id === name);
    if (row) {
      const lists = [selfHost.models, selfHost.weightQuants, selfHost.kvCacheTypes, selfHost.hardware, selfHost.offers, selfHost.engines] as { id: string }[][];
      const entry = lists.flatMap((l) => l).find((e) => e.id === name);
      report = { schema: REPORT_SCHEMA, command: 'pricing show', today, row, entry, in_force: null, batch: null };
    }
  }
  if (!report) {
    const others = [...selfHost.models, ...selfHost.hardware, ...selfHost.offers, ...selfHost.weightQuants, ...selfHost.engines].map((e) => e.id);
    const close = [...suggestApiModels(index, name), ...suggest(name, others)].slice(0, 3);
    throw UserError.at({ file: 'command line' }, '', `nothing in the catalogue is named '${name}'`, didYouMeanOf(close) ?? 'see `llm-tco pricing list --search TEXT`');
  }
  emit(io, flags.out, (options) => pricingShowRenderers[flags.format](report, options));
  return 0;
}

/** Checks a catalogue file (or, with none, every file in pricing/); prints what it holds. */
/**
 * What a catalogue file's own checks cannot see: a currency no rate converts (estimate would
 * refuse every scenario that uses the model), and a figure read on a date still to come.
 */
function implausibleEntries(part: PricingFile, file: string, today: string, bundledFx: Catalogue['fx']): Problem[] {
  const problems: Problem[] = [];
  for (const m of part.apiModels) {
    if (m.currency !== 'USD' && !bundledFx[m.currency] && !part.fx[m.currency]) {
      problems.push({ location: { file }, path: '', message: `${m.id}: prices in ${m.currency}, which no exchange rate converts`, hint: `add rates: {${m.currency}: {rate: UNITS_PER_USD, source: URL, as_of: DATE}} or check the code` });
    }
    if (m.asOf !== null && m.asOf > today) problems.push({ location: { file }, path: '', message: `${m.id}: as_of ${m.asOf} is after today (${today}): it is the date the figure was read` });
  }
  return problems;
}

export async function runPricingValidate(file: string | undefined, flags: PricingFlags, io: Io): Promise<number> {
  const files = file !== undefined ? [file] : readdirSync(join(packageRoot(), 'pricing')).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(packageRoot(), 'pricing', f));
  const lines: string[] = [];
  const problems = [];
  let bundledSelfHost = file === undefined ? undefined : await loadSelfHostCatalogue();
  let bundledFx: Catalogue['fx'] | undefined;
  for (const path of files) {
    const shown = file ?? `pricing/${path.slice(path.lastIndexOf('/') + 1)}`;
    try {
      if (path.toLowerCase().endsWith('.json')) {
        const imported = readUserPricing(path);
        lines.push(`${shown}: valid ${detectSnapshot(JSON.parse(readText(path)))} snapshot, ${formatCountOf(imported.apiModels.length, 'API model')}`);
        continue;
      }
      const text = readText(path);
      if (shown.endsWith('genai-prices.yaml')) {
        lines.push(`${shown}: records the bundled @pydantic/genai-prices snapshot (checked at build)`);
        continue;
      }
      if (shown.endsWith(ACCURACY_FILE)) {
        lines.push(`${shown}: valid, ${formatCountOf(parseAccuracyFile(text, shown).bands.length, 'accuracy band')}`);
        continue;
      }
      const apiPart = parsePricingFile(text, shown, 'user');
      problems.push(...implausibleEntries(apiPart, shown, flags.today ?? io.today, bundledFx ??= (await loadCatalogue({ providers: [] })).fx));
      const known = new Set((bundledSelfHost?.hardware ?? []).map((h) => h.id));
      const selfPart = parseSelfHostFile(text, shown, 'user', known);
      bundledSelfHost = bundledSelfHost ? mergeSelfHost(bundledSelfHost, selfPart) : selfPart;
      const counts = [
        [apiPart.apiModels.length, 'API models'], [Object.keys(apiPart.batch).length, 'batch discounts'], [Object.keys(apiPart.fx).length, 'exchange rates'],
        [Object.keys(apiPart.promptCache ?? {}).length, 'prompt-cache rules'], [Object.keys(apiPart.rateLimits ?? {}).length, 'rate-limit tables'],
        [Object.values(apiPart.serviceTiers ?? {}).reduce((n, t) => n + Object.keys(t).length, 0), 'service-tier prices'],
        [selfPart.models.length, 'architectures'], [selfPart.weightQuants.length + selfPart.kvCacheTypes.length, 'quantisation types'],
        [selfPart.hardware.length, 'hardware'], [selfPart.offers.length, 'offers'], [selfPart.engines.length, 'engines'],
      ].filter(([n]) => (n as number) > 0).map(([n, what]) => `${n} ${what}`);
      lines.push(`${shown}: valid${counts.length ? `, ${counts.join(', ')}` : ' (no entries)'}`);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (bundledSelfHost && problems.length === 0) {
    try {
      checkReferences(bundledSelfHost, file ?? 'pricing/offers.yaml');
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new UserError(problems);
  // Each line names a file: shown as text, as the renderers show names.
  io.stdout.write(`${lines.map(terminalText).join('\n')}\n`);
  return 0;
}

export async function runPricingCheck(file: string, flags: PricingFlags & { tolerance?: string }, io: Io): Promise<number> {
  const tolerance = flags.tolerance === undefined ? 0.05 : countFlag(flags.tolerance, '--tolerance', { min: 0, example: 'a share such as 5% or 0.05' });
  const today = flags.today ?? io.today;
  if (!file.toLowerCase().endsWith('.json')) throw UserError.plain(file, 'expected a LiteLLM model_prices_and_context_window.json or a models.dev api.json');
  const snapshot = readUserPricing(file);
  const ours = await loadCatalogue({ userFiles: flags.pricing ?? [] });
  const result = comparePrices(ours, snapshot.apiModels, today, tolerance);
  const report: PricingCheckReport = {
    schema: REPORT_SCHEMA,
    command: 'pricing check',
    snapshot: { file, format: detectSnapshot(JSON.parse(readText(file))) ?? 'unknown', as_of: snapshot.apiModels[0]?.asOf ?? today, models: snapshot.apiModels.length },
    compared: result.compared,
    tolerance,
    disagreements: result.disagreements,
    missing_from_snapshot: result.missing,
  };
  emit(io, flags.out, (options) => pricingCheckRenderers[flags.format](report, options), flags.wide);
  return 0;
}
