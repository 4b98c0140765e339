// Which published figures the validation predicts: a prompt rate needs the prompt's length.
import { describe, expect, it } from 'vitest';
import { loadSelfHostCatalogue } from '../../src/catalogue/load.js';
import { CURRENT_BUILDS_FROM, speedSamples, type MeasurementRow } from '../../src/validation/speed-rows.js';

const base = { model: 'llama-3.1-8b', quant: 'Q4_K_M', hardware: 'nvidia-rtx-4090', engine: 'llama.cpp', source: 'https://example.com/run', batch: 1, context: 0, decode_tokens_per_second: 130 };

describe('speedSamples', () => {
  it('takes a llama-bench prompt rate with its test (ppN, ppN @ dD) and leaves out one whose prompt length is unstated', async () => {
    const cat = await loadSelfHostCatalogue();
    const rows: MeasurementRow[] = [
      { ...base, prefill_tokens_per_second: 7000, prefill_test: 'pp512' },
      { ...base, prefill_tokens_per_second: 5000, prefill_test: 'pp2048 @ d8192' },
      { ...base, prefill_tokens_per_second: 960 }, // "on a short prompt"
    ];
    const { samples, skipped } = speedSamples(rows, cat);
    const prefill = samples.filter((s) => s.kind === 'prefill');
    expect(prefill.map((s) => [s.promptTokens, s.contextTokens, s.measured])).toEqual([[512, 0, 7000], [2048, 8192, 5000]]);
    // the third row's decode figure still counts: only its prompt rate is left out, and said
    expect(samples.filter((s) => s.kind === 'decode')).toHaveLength(3);
    expect(skipped).toEqual(['llama-3.1-8b Q4_K_M on nvidia-rtx-4090: prompt rate of a prompt whose length the source does not state']);
  });

  it('leaves out a serving-format prefill row without input_tokens', async () => {
    const cat = await loadSelfHostCatalogue();
    const row: MeasurementRow = { kind: 'prefill', value: 48.46, unit: 'tokens/s', model: 'llama-3.1-8b', quant: 'Q4_K_M', hardware: 'nvidia-rtx-4090', engine: 'llama.cpp', input_tokens: null, source: 'https://example.com/run' };
    const { samples, skipped } = speedSamples([row, { ...row, input_tokens: 512 }], cat);
    expect(samples.map((s) => s.promptTokens)).toEqual([512]);
    expect(skipped).toHaveLength(1);
  });
});

describe('builds the model no longer describes', () => {
  it('keeps a figure measured before 2024 as a sample but neither fits nor counts it', async () => {
    const cat = await loadSelfHostCatalogue();
    const old = { ...base, as_of: '2023-12-31' };
    const now = { ...base, as_of: '2024-01-01' };
    const { samples } = speedSamples([old, now, { ...base, as_of: '2024-06-01', calibrate: false }], cat);
    expect(samples.map((s) => [s.row.as_of, s.fit, s.superseded])).toEqual([['2023-12-31', false, true], ['2024-01-01', true, false], ['2024-06-01', false, false]]);
    expect(CURRENT_BUILDS_FROM).toBe('2024-01-01');
  });
});
