// The accuracy bands through the CLI, from the bundled pricing/accuracy.yaml: throughput and
// estimate give low, high and basis beside each estimated speed, in every format.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAccuracyFile } from '../src/catalogue/accuracy-file.js';
import { bandBasis, bandFor } from '../src/validation/bands.js';
import { runCli } from './helpers.js';

const bands = parseAccuracyFile(readFileSync(new URL('../pricing/accuracy.yaml', import.meta.url), 'utf8'), 'pricing/accuracy.yaml').bands;

describe('throughput', () => {
  const args = ['throughput', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--hardware', 'nvidia-rtx-4090'];

  it('json: the one-stream decode band of llama.cpp on consumer GPUs, the value times its low and high', async () => {
    const r = JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
    const band = bandFor(bands, 'decode', 'llama.cpp', 'consumer-gpu')!;
    expect(r.decode_tokens_per_second_band).toEqual({ value: r.decode_tokens_per_second, low: r.decode_tokens_per_second * band.low, high: r.decode_tokens_per_second * band.high, basis: bandBasis(band) });
    const prefill = bandFor(bands, 'prefill', 'llama.cpp', 'consumer-gpu')!;
    expect(r.prefill_tokens_per_second_band.low).toBeCloseTo(r.prefill_tokens_per_second * prefill.low, 9);
  });

  it('table, markdown and csv say how far the figure typically is off, and from what', async () => {
    const band = bandFor(bands, 'decode', 'llama.cpp', 'consumer-gpu')!;
    for (const format of ['table', 'markdown']) {
      const out = (await runCli([...args, '--format', format])).stdout.replace(/\\/g, ''); // markdown escapes
      expect(out).toMatch(/decode: ~[\d,.]+ tokens\/s \(typically [^)]*: llama\.cpp on consumer GPUs, \d+ measurements\) in all/);
      expect(out).toContain(`${band.measurements} measurements`);
    }
    const csv = (await runCli([...args, '--format', 'csv'])).stdout.split('\r\n');
    expect(csv[0]).toContain('decode_tokens_per_second_low,decode_tokens_per_second_high,decode_band_basis');
    expect(csv[1]).toContain(`,"${bandBasis(band)}",`); // quoted: the basis holds a comma
  });
});

describe('estimate', () => {
  it('gives a self-hosted option its bands and instance band in JSON, and the phrase in the table', async () => {
    const file = new URL('./fixtures/viability/cpu-vps.yaml', import.meta.url).pathname;
    const json = JSON.parse((await runCli(['estimate', file, '--format', 'json'])).stdout);
    const vps = json.options.find((o: { name: string }) => o.name === 'cpu-vps');
    const band = bandFor(bands, 'decode', 'llama.cpp', 'cpu')!;
    expect(vps.speed.single_stream_tokens_per_second_band.basis).toBe(bandBasis(band));
    expect(vps.instances_band.value).toBe(vps.instances);
    expect(vps.viable).toBe(false);
    expect(json.cheapest).toBe('premium-api');
    const table = (await runCli(['estimate', file])).stdout;
    expect(table).toContain(`(typically`);
    expect(table).toContain('[1] cpu-vps is not viable: a stream decodes at');
  });
});
