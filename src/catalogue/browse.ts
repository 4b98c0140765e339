// Browsing the catalogue: one row per entry with its main figures, its source, date and layer.
// Pure: catalogue in, rows out; renderers round.

import type { CatalogueKind, CatalogueRow, PriceDisagreement } from '../report.js';
import { STALE_PRICE_DAYS, daysBetween } from '../units.js';
import { findApiModel, indexApiModels, pricesOn, ratesFor } from './catalogue.js';
import type { SelfHostCatalogue } from './selfhost-file.js';
import type { ApiModelEntry, Catalogue } from './types.js';

function dated(today: string, asOf: string | null): Pick<CatalogueRow, 'as_of' | 'age_days' | 'stale'> {
  const age = asOf ? daysBetween(asOf, today) : null;
  return { as_of: asOf, age_days: age, stale: age !== null && age > STALE_PRICE_DAYS };
}

export function apiRow(m: ApiModelEntry, today: string): CatalogueRow {
  const base = pricesOn(m, today).schedule.base;
  return {
    kind: 'api', id: m.id, name: m.name, provider: m.provider, currency: m.currency, source: m.source, layer: m.layer, ...dated(today, m.asOf),
    figures: {
      input_per_mtok: base.inputPerMtok,
      output_per_mtok: base.outputPerMtok,
      cached_input_per_mtok: base.cachedInputPerMtok ?? null,
      cache_write_per_mtok: base.cacheWritePerMtok ?? null,
      context_window: m.contextWindow ?? null,
    },
  };
}

export function catalogueRows(api: Catalogue, selfHost: SelfHostCatalogue, today: string): CatalogueRow[] {
  const rows: CatalogueRow[] = api.apiModels.map((m) => apiRow(m, today));
  const row = (kind: CatalogueKind, e: { id: string; source: string; asOf: string; layer?: string }, name: string, figures: CatalogueRow['figures'], extra: Partial<CatalogueRow> = {}): CatalogueRow => ({
    kind, id: e.id, name, provider: null, currency: null, figures, source: e.source, layer: e.layer ?? 'pricing', ...dated(today, e.asOf), ...extra,
  });
  for (const m of selfHost.models) rows.push(row('model', m, m.name, { params: m.params, active_params: m.activeParams, layers: m.layers, kv_heads: m.kvHeads, head_dim: m.headDim, context: m.contextTokens, attention: m.attention }));
  for (const q of selfHost.weightQuants) rows.push(row('quant', q, q.id, { bits_per_weight: q.bitsPerWeight }));
  for (const k of selfHost.kvCacheTypes) rows.push(row('kv', k, k.id, { bytes_per_element: k.bytesPerElement }));
  for (const h of selfHost.hardware) rows.push(row('hardware', h, h.name, { class: h.class, family: h.family ?? null, memory_gib: h.memoryGib,
    memory_bandwidth_gb_s: h.memoryBandwidthGbPerSecond, fp16_tflops: h.fp16Tflops ?? null, fp8_tflops: h.fp8Tflops ?? null, fp4_tflops: h.fp4Tflops ?? null, watts: h.watts ?? null }));
  for (const o of selfHost.offers) {
    const price: CatalogueRow['figures'] =
      o.kind === 'serverless' ? { per_second: o.perSecond ?? null } : o.kind === 'purchase' ? { price: o.price ?? null } : { monthly: o.monthly ?? null, hourly: o.hourly ?? null };
    rows.push(row('offer', o, o.name, { kind: o.kind, hardware: o.hardware, count: o.count, ...price }, { provider: o.id.split('/')[0] ?? null, currency: o.currency }));
  }
  for (const e of selfHost.engines) rows.push(row('engine', e, e.id, { memory_overhead_gib: e.memoryOverheadGib, reserves_fraction: e.reservesFraction ?? null }));
  return rows;
}

export interface ListFilters {
  kind?: CatalogueKind;
  provider?: string;
  search?: string;
  stale?: boolean;
}

export function filterRows(rows: CatalogueRow[], f: ListFilters): CatalogueRow[] {
  const search = f.search?.toLowerCase();
  return rows.filter(
    (r) =>
      (!f.kind || r.kind === f.kind) &&
      (!f.provider || r.provider === f.provider) &&
      (!search || r.id.toLowerCase().includes(search) || r.name.toLowerCase().includes(search)) &&
      (!f.stale || r.stale),
  );
}

/**
 * Where our API prices and a snapshot's differ by more than `tolerance` (a share): input, output
 * and cached input at base rates, for models both have by the same provider/model name.
 */
export function comparePrices(ours: Catalogue, theirs: ApiModelEntry[], today: string, tolerance: number): { compared: number; disagreements: PriceDisagreement[]; missing: number } {
  const index = indexApiModels(ours);
  const disagreements: PriceDisagreement[] = [];
  let compared = 0;
  let missing = 0;
  const theirIds = new Set(theirs.map((t) => t.id));
  for (const m of ours.apiModels) if (!theirIds.has(m.id) && !m.aliases.some((a) => theirIds.has(a))) missing++;
  for (const t of theirs) {
    const m = findApiModel(index, t.id);
    if (!m) continue;
    compared++;
    const a = ratesFor(pricesOn(m, today).schedule, 0);
    const b = ratesFor(pricesOn(t, today).schedule, 0);
    const fields = [
      ['input_per_mtok', a.inputPerMtok, b.inputPerMtok],
      ['output_per_mtok', a.outputPerMtok, b.outputPerMtok],
      ['cached_input_per_mtok', a.cachedInputPerMtok, b.cachedInputPerMtok],
    ] as const;
    for (const [field, x, y] of fields) {
      if (x === undefined || y === undefined) continue;
      const difference = x === 0 ? (y === 0 ? 0 : Infinity) : y / x - 1;
      if (Math.abs(difference) > tolerance) disagreements.push({ id: m.id, field, ours: x, theirs: y, difference });
    }
  }
  disagreements.sort((p, q) => Math.abs(q.difference) - Math.abs(p.difference) || p.id.localeCompare(q.id));
  return { compared, disagreements, missing };
}
