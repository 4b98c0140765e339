// Renderers of the pricing reports. They round; they never compute.

import type { CatalogueRow, PricingCheckReport, PricingListReport, PricingShowReport } from '../report.js';
import { fitLines, fittedTable, type Column } from './compact-table.js';
import { csvRecords } from './csv.js';
import type { RenderOptions } from './index.js';
import { reportJson } from './json.js';
import { mdRow, mdRule, mdText } from './markdown-text.js';
import type { Format } from './names.js';
import { formatCount, formatCountOf, formatRate, formatShare, groupDigits } from './numbers.js';
import { displayed } from './terminal-text.js';


/** "in 0.15 / out 0.6 / cached 0.075 USD per 1M" and the like. */
export function figuresText(r: CatalogueRow): string {
  const f = r.figures;
  const n = (v: unknown) => (typeof v === 'number' ? formatRate(v) : String(v));
  switch (r.kind) {
    case 'api': {
      const cached = f.cached_input_per_mtok === null ? '' : ` / cached ${n(f.cached_input_per_mtok)}`;
      return `in ${n(f.input_per_mtok)} / out ${n(f.output_per_mtok)}${cached} ${r.currency} per 1M`;
    }
    case 'model':
      return `${n(Number(f.params) / 1e9)}B params${f.active_params !== f.params ? ` (${n(Number(f.active_params) / 1e9)}B active)` : ''}, ${f.layers} layers, ${f.attention}`;
    case 'quant':
      return `${n(f.bits_per_weight)} bits/weight`;
    case 'kv':
      return `${n(f.bytes_per_element)} bytes/element`;
    case 'hardware':
      return `${n(f.memory_gib)} GiB, ${n(f.memory_bandwidth_gb_s)} GB/s${f.fp16_tflops === null ? '' : `, ${n(f.fp16_tflops)} TFLOPS`}${f.fp8_tflops === null || f.fp8_tflops === undefined ? '' : ` (FP8 ${n(f.fp8_tflops)}${f.fp4_tflops === null || f.fp4_tflops === undefined ? '' : `, FP4 ${n(f.fp4_tflops)}`})`} (${f.class}${f.family === null || f.family === undefined ? '' : `, ${f.family}`})`;
    case 'offer': {
      const price = f.monthly !== undefined && f.monthly !== null ? `${n(f.monthly)}/month` : f.hourly !== undefined && f.hourly !== null ? `${n(f.hourly)}/hour` : f.per_second !== undefined ? `${n(f.per_second)}/s` : `${n(f.price)} to buy`;
      return `${f.kind}, ${Number(f.count) > 1 ? `${f.count} x ` : ''}${f.hardware}, ${price} ${r.currency}`;
    }
    case 'engine':
      return `${n(f.memory_overhead_gib)} GiB overhead${f.reserves_fraction === null ? '' : `, reserves ${formatShare(Number(f.reserves_fraction))}`}`;
  }
}

const age = (r: CatalogueRow) => (r.as_of === null ? '-' : `${r.as_of}${r.stale ? ' (stale)' : ''}`);

const LIST_COLUMNS: Column[] = [
  { head: 'Kind', priority: 2 },
  { head: 'Name', priority: 0, wrap: 20 },
  { head: 'Figures', priority: 0, wrap: 20 },
  { head: 'As of', priority: 1 },
  { head: 'Layer', priority: 3 },
];

export const pricingListRenderers = displayed<Format, PricingListReport, RenderOptions>({
  table: (r, o) => {
    const table = fittedTable(LIST_COLUMNS, r.rows.map((row) => [row.kind, row.id, figuresText(row), age(row), row.layer]), { color: false, width: o.width });
    const stale = r.rows.filter((x) => x.stale).length;
    return `${fitLines(`${table}\n${formatCountOf(r.rows.length, 'entry', 'entries')}; oldest as of ${r.oldest_as_of ?? '-'}${stale ? `; ${formatCount(stale)} older than 90 days (--stale lists them)` : ''}`, o.width)}\n`;
  },
  json: reportJson,
  markdown: (r) =>
    `${[mdRow(['Kind', 'Name', 'Figures', 'As of', 'Layer', 'Source']), mdRule([false, false, false, false, false, false]), ...r.rows.map((x) => mdRow([x.kind, x.id, figuresText(x), age(x), x.layer, x.source].map(mdText)))].join('\n')}\n`,
  csv: (r) => {
    const keys = [...new Set(r.rows.flatMap((x) => Object.keys(x.figures)))];
    return csvRecords([['kind', 'id', 'name', 'provider', 'currency', ...keys, 'as_of', 'stale', 'layer', 'source'], ...r.rows.map((x) => [x.kind, x.id, x.name, x.provider, x.currency, ...keys.map((k) => x.figures[k]), x.as_of, x.stale, x.layer, x.source])]);
  },
});

function showLines(r: PricingShowReport): string[] {
  const row = r.row;
  const lines = [`${row.id} (${row.kind}): ${row.name}`, `  ${figuresText(row)}`, `  source: ${row.source}`, `  as of: ${age(row)}; layer: ${row.layer}`];
  const entry = r.entry as Record<string, unknown>;
  if (row.kind === 'api') {
    const history = entry.history as { from: string | null; schedule: { base: Record<string, number | undefined>; tiers: { aboveTokens: number; rates: Record<string, number | undefined> }[]; perRequestFee: number } }[];
    for (const h of history) {
      lines.push(`  prices ${h.from ? `from ${h.from}` : 'on record'}: ${ratesText(h.schedule.base)}${h.schedule.perRequestFee ? `; ${formatRate(h.schedule.perRequestFee)} a request` : ''}`);
      for (const t of h.schedule.tiers) lines.push(`    prompts over ${groupDigits(t.aboveTokens, 0)} tokens: ${ratesText(t.rates)}`);
    }
    for (const t of entry.timeOfDay as { windows: string[]; schedule: { base: Record<string, number | undefined> } }[]) lines.push(`  during ${t.windows.join(', ')} UTC: ${ratesText(t.schedule.base)}`);
    if (r.in_force) lines.push(`  in force on ${r.today}: ${r.in_force.effective_from ? `since ${r.in_force.effective_from}` : 'the prices on record'}`);
    if (r.batch) lines.push(`  batch: ${formatShare(r.batch.discount)} off (${r.batch.from === 'provider' ? 'provider-wide, ' : ''}${r.batch.source}, as of ${r.batch.as_of})`);
    else lines.push('  batch: no discount known');
    if ((entry.aliases as string[]).length) lines.push(`  also named: ${(entry.aliases as string[]).join(', ')}`);
    for (const note of entry.notes as string[]) lines.push(`  note: ${note}`);
  } else {
    for (const [key, value] of Object.entries(entry)) {
      if (['id', 'name', 'source', 'asOf', 'layer'].includes(key) || value === undefined) continue;
      lines.push(`  ${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
    }
  }
  return lines;
}

function ratesText(rates: Record<string, number | undefined>): string {
  const part = (label: string, v: number | undefined) => (v === undefined ? [] : [`${label} ${formatRate(v)}`]);
  return [...part('input', rates.inputPerMtok), ...part('output', rates.outputPerMtok), ...part('cached', rates.cachedInputPerMtok), ...part('cache write', rates.cacheWritePerMtok)].join(', ') + ' per 1M';
}

export const pricingShowRenderers = displayed<Format, PricingShowReport, RenderOptions>({
  table: (r) => `${showLines(r).join('\n')}\n`,
  json: reportJson,
  markdown: (r) => `${showLines(r).map((l) => (l.startsWith('  ') ? `- ${mdText(l.trim())}` : `**${mdText(l)}**\n`)).join('\n')}\n`,
  csv: (r) => csvRecords([['id', 'kind', 'figures', 'as_of', 'layer', 'source'], [r.row.id, r.row.kind, figuresText(r.row), r.row.as_of, r.row.layer, r.row.source]]),
});

const CHECK_COLUMNS: Column[] = [
  { head: 'Model', priority: 0, wrap: 20 },
  { head: 'Price', priority: 0 },
  { head: 'Ours', priority: 1 },
  { head: 'Theirs', priority: 1 },
  { head: 'Difference', priority: 0 },
];

export const pricingCheckRenderers = displayed<Format, PricingCheckReport, RenderOptions>({
  table: (r, o) => {
    const head = `${r.snapshot.file} (${r.snapshot.format}, ${formatCountOf(r.snapshot.models, 'model')}, as of ${r.snapshot.as_of}): ${formatCountOf(r.compared, 'model')} compared, ` +
      `${formatCount(r.disagreements.length)} ${r.disagreements.length === 1 ? 'price differs' : 'prices differ'} by more than ${formatShare(r.tolerance)}`;
    if (r.disagreements.length === 0) return `${fitLines(head, o.width)}\n`;
    const rows = r.disagreements.map((d) => [d.id, d.field, formatRate(d.ours), formatRate(d.theirs), Number.isFinite(d.difference) ? `${d.difference > 0 ? '+' : ''}${formatShare(d.difference)}` : 'new']);
    return `${fitLines(`${head}\n${fittedTable(CHECK_COLUMNS, rows, { color: false, width: o.width })}`, o.width)}\n`;
  },
  json: reportJson,
  markdown: (r) =>
    `${[mdRow(['Model', 'Price', 'Ours', 'Theirs', 'Difference']), mdRule([false, false, true, true, true]), ...r.disagreements.map((d) => mdRow([mdText(d.id), mdText(d.field), formatRate(d.ours), formatRate(d.theirs), formatShare(d.difference)]))].join('\n')}\n`,
  csv: (r) => csvRecords([['id', 'field', 'ours', 'theirs', 'difference'], ...r.disagreements.map((d) => [d.id, d.field, d.ours, d.theirs, d.difference])]),
});
