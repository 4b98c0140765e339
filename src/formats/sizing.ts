// Renderers of the vram and throughput reports, one per format. They round; they never compute.

import { Chalk } from 'chalk';
import type { ThroughputReport, VramReport } from '../report.js';
import { fitLines, fittedTable, type Column } from './compact-table.js';
import { csvRecords } from './csv.js';
import type { RenderOptions } from './index.js';
import { reportJson } from './json.js';
import { mdRow, mdRule, mdText } from './markdown-text.js';
import type { Format } from './names.js';
import { banded, formatCount, formatCountOf, formatRate } from './numbers.js';
import { displayed } from './terminal-text.js';

const gib = (bytes: number) => `${formatRate(bytes / 2 ** 30)} GiB`;

function vramSummary(r: VramReport): string[] {
  const share = r.engine.reserves_fraction === null ? null : `${Math.round(r.engine.reserves_fraction * 100)}%`;
  const reserve = share === null ? ''
    : r.engine.memory_fraction_of === 'free' ? `; ${r.engine.id} gives ${share} of the memory left after loading to the KV cache`
    : `; ${r.engine.id} reserves ${share} of each GPU up front`;
  return [
    `${r.model.id} ${r.quant.id} (${formatRate(r.quant.bits_per_weight)} bits/weight), ${formatCount(r.context_tokens)} tokens x ${formatCountOf(r.concurrency, 'sequence')}, KV cache ${r.kv_type.id}, engine ${r.engine.id}`,
    `weights ${gib(r.weights_bytes)} + KV cache ${gib(r.kv_cache_bytes)} (${formatCount(r.kv_cache_bytes_per_token / 1024)} KiB/token) + engine ${gib(r.overhead_bytes)} = ${gib(r.total_bytes)}${reserve}`,
    ...(r.oldest_as_of ? [`catalogue figures as of ${r.oldest_as_of} (llm-tco pricing show <name> gives each source)`] : []),
  ];
}

function vramRows(r: VramReport): string[][] {
  return r.fits.map((f) => [
    f.hardware,
    `${formatRate(f.memory_gib)} GiB`,
    f.devices === null ? 'no (8 not enough)' : f.devices === 1 ? 'yes' : `${f.devices} in parallel`,
    f.devices === null ? '-' : gib(f.headroom_bytes),
    f.devices === null ? '-' : formatCount(f.max_context_tokens),
    f.devices === null ? '-' : formatCount(f.max_concurrency),
  ]);
}

const VRAM_HEAD = ['Hardware', 'Memory', 'Fits', 'Headroom', 'Max context', 'Max sequences'];
const VRAM_COLUMNS: Column[] = [
  { head: 'Hardware', priority: 0, wrap: 16 },
  { head: 'Memory', priority: 0 },
  { head: 'Fits', priority: 0 },
  { head: 'Headroom', priority: 2 },
  { head: 'Max context', priority: 1 },
  { head: 'Max sequences', priority: 3 },
];

export const vramRenderers = displayed<Format, VramReport, RenderOptions>({
  table: (r, o) => {
    const c = new Chalk({ level: o.color ? 1 : 0 });
    const lines = [...vramSummary(r), fittedTable(VRAM_COLUMNS, vramRows(r), o), ...r.warnings.map((w) => c.yellow(`! ${w}`))];
    return `${fitLines(lines.join('\n'), o.width)}\n`;
  },
  json: reportJson,
  markdown: (r) => {
    const lines = [...vramSummary(r).map((l) => `${mdText(l)}  `), '', mdRow(VRAM_HEAD), mdRule([false, true, false, true, true, true])];
    for (const row of vramRows(r)) lines.push(mdRow(row.map(mdText)));
    return `${[...lines, ...r.warnings.map((w) => `- ${mdText(w)}`)].join('\n')}\n`;
  },
  csv: (r) =>
    csvRecords([
      ['hardware', 'memory_gib', 'devices', 'usable_bytes', 'headroom_bytes', 'max_context_tokens', 'max_concurrency', 'kv_capacity_tokens', 'total_bytes'],
      ...r.fits.map((f) => [f.hardware, f.memory_gib, f.devices, f.usable_bytes, f.headroom_bytes, f.max_context_tokens, f.max_concurrency, f.kv_capacity_tokens, r.total_bytes]),
    ]),
});

const ms = (seconds: number | null) => (seconds === null ? null : seconds * 1000);

/** "64 concurrent requests", or "2.5 requests a second (about 12.4 running at once)". */
function servingLoad(s: NonNullable<ThroughputReport['serving']>): string {
  if (s.request_rate === null) return `${formatCount(s.concurrency)} concurrent request${s.concurrency === 1 ? '' : 's'}`;
  return `${formatRate(s.request_rate)} request${s.request_rate === 1 ? '' : 's'} a second (${s.overloaded ? `past the ${formatRate(s.max_request_rate!)} it keeps up with` : `about ${formatRate(s.running)} running at once`})`;
}

function throughputLines(r: ThroughputReport): string[] {
  const devices = r.hardware.devices > 1 ? `${r.hardware.devices} x ` : '';
  const prefill = r.prefill_tokens_per_second_band === null ? 'unknown (no compute figure for this hardware)' : banded(r.prefill_tokens_per_second_band, 'tokens/s');
  return [
    `${r.model.id} ${r.quant.id} on ${devices}${r.hardware.name}, engine ${r.engine.id}, batch ${r.batch}, context ${formatCount(r.context_tokens)}`,
    `decode: ${banded(r.decode_tokens_per_second_band, 'tokens/s')} in all, ${formatRate(r.per_sequence_tokens_per_second)} per sequence (${r.bound}-bound)`,
    `prefill: ${prefill}`,
    ...(r.serving
      ? [
          `under load: ${servingLoad(r.serving)} of ${formatCount(r.serving.input_tokens)} tokens in, ` +
            `${formatCount(r.serving.output_tokens)} out${r.serving.request_rate === null && r.serving.running < r.serving.concurrency ? ` (${formatCount(r.serving.running)} running at once, the rest waiting)` : ''}: ` +
            `${banded(r.serving.output_tokens_per_second_band, 'output tokens/s')}`,
          `  first token ${r.serving.ttft_seconds_band === null ? 'never steady (overloaded: the queue grows)' : banded(r.serving.ttft_seconds_band, 's')}, then ${banded({ ...r.serving.tpot_seconds_band, value: r.serving.tpot_seconds * 1000, low: ms(r.serving.tpot_seconds_band.low), high: ms(r.serving.tpot_seconds_band.high) }, 'ms a token')}; ` +
            `a request ${formatRate(r.serving.request_seconds)} s`,
        ]
      : []),
    r.compute_bound_from_batch === null ? 'batching: memory-bound at every batch tried' : `batching: compute starts to bind from a batch of ${r.compute_bound_from_batch}`,
    `estimated from ${formatRate(r.hardware.memory_bandwidth_gb_s)} GB/s at ${Math.round(r.engine.decode_efficiency * 100)}% efficiency` +
      `${r.engine.step_overhead_ms > 0 ? ` + ${formatRate(r.engine.step_overhead_ms)} ms a step` : ''}` +
      ` (${r.engine.fitted ? 'fitted to published measurements' : 'a default: nothing fitted for this engine and hardware'}); a measured tokens_per_second overrides it in a scenario`,
    ...(r.oldest_as_of ? [`catalogue figures as of ${r.oldest_as_of}`] : []),
  ];
}

export const throughputRenderers = displayed<Format, ThroughputReport, RenderOptions>({
  table: (r, o) => {
    const c = new Chalk({ level: o.color ? 1 : 0 });
    return `${[...throughputLines(r), ...r.warnings.map((w) => c.yellow(`! ${w}`))].join('\n')}\n`;
  },
  json: reportJson,
  markdown: (r) => `${[...throughputLines(r), ...r.warnings].map((l) => `- ${mdText(l)}`).join('\n')}\n`,
  csv: (r) =>
    csvRecords([
      ['model', 'quant', 'hardware', 'devices', 'engine', 'batch', 'context_tokens', 'decode_tokens_per_second', 'per_sequence_tokens_per_second', 'prefill_tokens_per_second', 'bound',
        'decode_tokens_per_second_low', 'decode_tokens_per_second_high', 'decode_band_basis', 'prefill_tokens_per_second_low', 'prefill_tokens_per_second_high', 'prefill_band_basis',
        // Under load (--input/--output): empty without them.
        'serving_concurrency', 'serving_running', 'serving_request_rate', 'serving_max_request_rate', 'serving_overloaded', 'serving_input_tokens', 'serving_output_tokens', 'serving_output_tokens_per_second', 'serving_output_tokens_per_second_low', 'serving_output_tokens_per_second_high',
        'serving_ttft_seconds', 'serving_ttft_seconds_low', 'serving_ttft_seconds_high', 'serving_tpot_seconds', 'serving_tpot_seconds_low', 'serving_tpot_seconds_high'],
      [r.model.id, r.quant.id, r.hardware.id, r.hardware.devices, r.engine.id, r.batch, r.context_tokens, r.decode_tokens_per_second, r.per_sequence_tokens_per_second, r.prefill_tokens_per_second, r.bound,
        r.decode_tokens_per_second_band.low, r.decode_tokens_per_second_band.high, r.decode_tokens_per_second_band.basis,
        r.prefill_tokens_per_second_band?.low, r.prefill_tokens_per_second_band?.high, r.prefill_tokens_per_second_band?.basis,
        r.serving?.concurrency, r.serving?.running, r.serving?.request_rate, r.serving?.max_request_rate, r.serving?.overloaded, r.serving?.input_tokens, r.serving?.output_tokens,
        r.serving?.output_tokens_per_second, r.serving?.output_tokens_per_second_band.low, r.serving?.output_tokens_per_second_band.high,
        r.serving?.ttft_seconds, r.serving?.ttft_seconds_band?.low, r.serving?.ttft_seconds_band?.high,
        r.serving?.tpot_seconds, r.serving?.tpot_seconds_band.low, r.serving?.tpot_seconds_band.high],
    ]),
});
