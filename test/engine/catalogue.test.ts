import { describe, expect, it } from 'vitest';
import { findApiModel, indexApiModels, layerCatalogue, pricesOn, ratesFor, suggestApiModels } from '../../src/catalogue/catalogue.js';
import { convertGenaiProviders, windowHours, type GenaiProvider } from '../../src/catalogue/genai-prices.js';
import { parsePricingFile } from '../../src/catalogue/pricing-file.js';
import type { Catalogue } from '../../src/catalogue/types.js';
import { formatProblem, UserError } from '../../src/errors.js';

// A provider in the package's own shape, written by hand: tiers per price key, a dated change
// and peak-hour windows, as its anthropic and deepseek entries have.
const provider: GenaiProvider = {
  id: 'acme',
  name: 'Acme',
  pricing_urls: ['https://acme.example/pricing'],
  models: [
    {
      id: 'big',
      match: { or: [{ equals: 'big' }, { equals: 'big-2026-01-01' }, { starts_with: 'big-' }] },
      context_window: 1_000_000,
      prices: {
        input_mtok: { base: 3, tiers: [{ start: 200_000, price: 6 }] },
        cache_read_mtok: { base: 0.3, tiers: [{ start: 200_000, price: 0.6 }] },
        output_mtok: { base: 15, tiers: [{ start: 500_000, price: 30 }] },
        requests_kcount: 2,
      },
    },
    {
      id: 'cheap',
      match: { equals: 'cheap' },
      prices: [
        { prices: { input_mtok: 0.4, output_mtok: 0.8 } },
        { constraint: { type: 'start_date', start_date: '2026-08-17' }, prices: { input_mtok: 0.6, output_mtok: 2 } },
        { constraint: { type: 'time_of_date', start_time: '01:00:00Z', end_time: '04:00:00Z' }, prices: { input_mtok: 1.2, output_mtok: 4 } },
        { constraint: { type: 'time_of_date', start_time: '06:00:00Z', end_time: '10:00:00Z' }, prices: { input_mtok: 1.2, output_mtok: 4 } },
      ],
    },
    { id: 'image-only', match: { equals: 'image-only' }, prices: { output_image_mtok: 30 } },
  ],
};
const snapshot = { package: '@pydantic/genai-prices', version: '0.1.8', asOf: '2026-09-23' };

describe('genai-prices conversion', () => {
  const [big, cheap, ...rest] = convertGenaiProviders([provider], snapshot);

  it('names models provider/id, with exact aliases only', () => {
    expect(big!.id).toBe('acme/big');
    expect(big!.aliases).toEqual(['acme/big-2026-01-01']); // starts_with patterns are not names
    expect(big!.source).toBe('https://acme.example/pricing');
    expect(big!.asOf).toBe('2026-09-23');
  });

  it('merges per-key tiers into full rates at each threshold', () => {
    const s = big!.history[0]!.schedule;
    expect(s.tiers.map((t) => t.aboveTokens)).toEqual([200_000, 500_000]);
    expect(ratesFor(s, 100_000)).toMatchObject({ inputPerMtok: 3, cachedInputPerMtok: 0.3, outputPerMtok: 15 });
    expect(ratesFor(s, 300_000)).toMatchObject({ inputPerMtok: 6, cachedInputPerMtok: 0.6, outputPerMtok: 15 });
    expect(ratesFor(s, 600_000)).toMatchObject({ inputPerMtok: 6, cachedInputPerMtok: 0.6, outputPerMtok: 30 });
    expect(s.base.cacheWritePerMtok).toBeUndefined();
    expect(s.perRequestFee).toBe(2 / 1000); // $2 per 1,000 requests
  });

  it('skips models with no token price', () => {
    expect(rest).toEqual([]);
  });

  it('blends peak-hour windows into the latest prices by the hours they cover', () => {
    expect(windowHours('01:00:00Z', '04:00:00Z')).toBe(3);
    expect(windowHours('22:00:00Z', '02:00:00Z')).toBe(4);
    const now = pricesOn(cheap!, '2026-11-25');
    // 17 off-peak hours at 0.6 and 7 peak hours at 1.2: 0.6 x 17/24 + 1.2 x 7/24 = 0.775
    expect(now.schedule.base.inputPerMtok).toBeCloseTo(0.6 * 17 / 24 + 1.2 * 7 / 24, 12);
    expect(now.schedule.base.outputPerMtok).toBeCloseTo(2 * 17 / 24 + 4 * 7 / 24, 12);
    expect(now.effectiveFrom).toBe('2026-08-17');
    // Before the change the flat price held all day: the windows came with the new prices.
    const before = pricesOn(cheap!, '2026-06-30');
    expect(before.schedule.base.inputPerMtok).toBe(0.4);
    expect(before.effectiveFrom).toBeNull();
  });
});

describe('catalogue files and layers', () => {
  const base: Catalogue = {
    apiModels: convertGenaiProviders([provider], snapshot),
    knownIds: ['acme/big', 'acme/cheap'],
    batch: {},
    fx: {},
    bundled: undefined,
  };
  const file = parsePricingFile(
    `models:
  - id: acme/big
    name: Big (corrected)
    input: 2.5
    output: 12
    source: https://acme.example/pricing
    as_of: 2026-11-20
providers:
  acme: {discount: 50%, source: https://acme.example/batch, as_of: 2026-11-20}
rates:
  EUR: {rate: 0.9, source: https://ecb.example, as_of: 2026-11-20}
`,
    'user.yaml',
    'user',
  );

  it('replaces an entry of the same id whole, and adds batch and fx', () => {
    const layered = layerCatalogue(base, file);
    const index = indexApiModels(layered);
    const big = findApiModel(index, 'acme/big')!;
    expect(big.layer).toBe('user');
    expect(big.history[0]!.schedule.base.inputPerMtok).toBe(2.5);
    expect(big.aliases).toEqual([]); // the replacement carries its own names only
    expect(layered.batch.acme?.discount).toBe(0.5);
    expect(layered.fx.EUR?.perUsd).toBe(0.9);
  });

  it('finds exact names only and suggests near ones', () => {
    const index = indexApiModels(base);
    expect(findApiModel(index, 'acme/big-2026-01-01')?.id).toBe('acme/big');
    expect(findApiModel(index, 'acme/big-2026')).toBeUndefined();
    expect(findApiModel(index, 'big')).toBeUndefined();
    expect(suggestApiModels(index, 'big')).toEqual(['acme/big']);
    expect(suggestApiModels(index, 'acme/chaep')).toEqual(['acme/cheap']);
  });

  it('reports YAML slips in a catalogue file at their line and column, as for scenarios', () => {
    const problems = (text: string) => {
      try {
        parsePricingFile(text, 'user.yaml', 'user');
      } catch (error) {
        if (error instanceof UserError) return error.problems.map(formatProblem);
        throw error;
      }
      return [];
    };
    expect(problems('models:\n  - id: acme/a\n    id: acme/b\n')).toEqual([
      "user.yaml:3:5: models[0].id: duplicate key 'id': it is already set on line 2 (keep one)",
    ]);
    expect(problems('rates: {EUR: 0.9\n')).toEqual(['user.yaml:1:8: rates: invalid YAML: this { is never closed (end it with })']);
    // The shape alone is not a date: Date.parse rolls 2026-02-30 over to March 2nd.
    expect(problems('rates:\n  EUR: {rate: 0.9, source: https://ecb.example, as_of: 2026-02-30}\n')).toEqual([
      "user.yaml:2:56: rates.EUR.as_of: must be a date written YYYY-MM-DD, got '2026-02-30'",
    ]);
  });
});
