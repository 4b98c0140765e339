// The catalogue commands: list, show, validate (one fixture per defect), layering, importers.
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSelfHostFromSources } from '../src/catalogue/sources.js';
import { runCli, typed } from './helpers.js';

const SNAPSHOTS = typed('test', 'fixtures', 'snapshots');
const LITELLM = `${SNAPSHOTS}/model_prices_and_context_window.json`;
const MODELS_DEV = `${SNAPSHOTS}/api.json`;
// Snapshots are dated by their file's time: pin it, so the tests do not depend on the checkout.
const pin = (file: string) => utimesSync(file, new Date('2026-11-20T12:00:00Z'), new Date('2026-11-20T12:00:00Z'));

describe('bundled hardware', () => {
  const { hardware, offers } = compileSelfHostFromSources(typed());
  const FP8_FAMILIES = ['ada', 'hopper', 'blackwell', 'cdna3'];
  const GPU_FAMILIES = ['pascal', 'turing', 'ampere', 'ada', 'hopper', 'blackwell', 'rdna2', 'rdna3', 'cdna3'];

  it('gives every entry a family that fits its class', () => {
    expect(hardware.filter((h) => h.family === undefined).map((h) => h.id)).toEqual([]);
    const misfiled = hardware.filter((h) =>
      h.class === 'apple' ? !h.family!.startsWith('apple-')
      : h.class === 'cpu' ? !['x86-server', 'x86-desktop', 'x86-mobile', 'arm-server', 'arm-desktop'].includes(h.family!)
      : !GPU_FAMILIES.includes(h.family!) && h.family !== 'apu');
    expect(misfiled.map((h) => `${h.id}: ${h.class} / ${h.family}`)).toEqual([]);
  });

  it('gives every GPU with FP8 tensor cores a dense FP8 rate, and no other part one', () => {
    expect(hardware.filter((h) => FP8_FAMILIES.includes(h.family!) && h.fp8Tflops === undefined).map((h) => h.id)).toEqual([]);
    // GB10 (family apu) is Blackwell and has one too; CPUs, Apple and older GPUs have none.
    const unexpected = hardware.filter((h) => h.fp8Tflops !== undefined && !FP8_FAMILIES.includes(h.family!) && h.id !== 'nvidia-gb10');
    expect(unexpected.map((h) => h.id)).toEqual([]);
  });

  it('never puts FP8 below FP16 or above four times it', () => {
    // Dense FP8 runs at 2x the FP16 rate on Hopper, Blackwell and CDNA3 and on workstation Ada; 1x on
    // GeForce Ada with FP32 accumulate. Anything outside 1x..4x is a sparse figure or a typo.
    const odd = hardware.filter((h) => h.fp8Tflops !== undefined && h.fp16Tflops !== undefined && (h.fp8Tflops < h.fp16Tflops || h.fp8Tflops > 4 * h.fp16Tflops));
    expect(odd.map((h) => `${h.id}: fp16 ${h.fp16Tflops}, fp8 ${h.fp8Tflops}`)).toEqual([]);
  });

  it('lists a part with its FP8 rate and family; a --pricing part without a family shows its class alone', async () => {
    const bundled = await runCli(['pricing', 'list', '--kind', 'hardware', '--search', 'H20 96GB']);
    expect(bundled.stdout).toContain('96 GiB, 4,000 GB/s, 148 TFLOPS (FP8 296) (datacenter-gpu, hopper)');
    // and the FP4 rate of a part with FP4 tensor cores
    const b200 = await runCli(['pricing', 'show', 'nvidia-b200']);
    expect(b200.stdout).toContain('180 GiB, 8,000 GB/s, 2,250 TFLOPS (FP8 4,500, FP4 9,000) (datacenter-gpu, blackwell)');
    const user = await runCli(['pricing', 'list', '--kind', 'hardware', '--search', 'Test GPU', '--pricing', typed('test', 'fixtures', 'pricing', 'test-hardware.yaml')]);
    expect(user.stdout).toContain('24 GiB, 1,000 GB/s, 100 TFLOPS (consumer-gpu)');
  });

  it('prices multi-GPU boxes by their count', () => {
    const boxes = offers.filter((o) => o.count > 1 && hardware.find((h) => h.id === o.hardware)!.class !== 'cpu');
    expect(boxes.map((o) => o.count).sort((a, b) => a - b)).toEqual(expect.arrayContaining([2, 4, 8]));
  });
});

describe('pricing validate', () => {
  const cases: [string, string][] = [
    ['missing-source.yaml', ":2:5: models[0].source: missing required key 'source' (the URL the figure was read from)"],
    ['bad-date.yaml', ":7:12: models[0].as_of: must be a date written YYYY-MM-DD, got '2026-13-01'"],
    ['per-token-price.yaml', ':4:12: models[0].input: 1.5e-7 looks like a price per token (prices are per 1M tokens: multiply by 1,000,000)'],
    ['duplicate-id.yaml', ":3:5: models[1].id: 'acme/model' is listed twice in this file"],
    ['source-not-url.yaml', ":2:33: providers.acme.source: must be a URL, got 'the vendor's website'"],
    ['offer-unknown-hardware.yaml', ":5:15: offers[0].hardware: no hardware is named 'nvidia-rtx-9090' (did you mean 'nvidia-rtx-3090' or 'nvidia-rtx-4090' or 'nvidia-rtx-5090'?)"],
    ['bandwidth-in-mb.yaml', ':6:28: hardware[0].memory_bandwidth_gb_s: 1008000 GB/s is more than any device has (is it in MB/s? give GB/s)'],
    ['unknown-family.yaml', ":5:13: hardware[0].family: must be one of pascal, turing, ampere, ada, hopper, blackwell, rdna2, rdna3, cdna3, x86-server, x86-desktop, x86-mobile, arm-server, arm-desktop, apple-m1, apple-m2, apple-m3, apple-m4, apple-m5, apu, got 'lovelace'"],
    // The YAML parser's own words here named its API (use YAML.parseAllDocuments()).
    ['two-documents.yaml', ':4:1: has more than one YAML document; llm-tco reads one catalogue per file'],
    ['cached-above-input.yaml', ':6:19: models[0].cached_input: 5 is more than input (0.5): a cache read is billed at a discount (are input and cached_input swapped?)'],
    ['unknown-currency.yaml', ': acme/model: prices in XYZ, which no exchange rate converts (add rates: {XYZ: {rate: UNITS_PER_USD, source: URL, as_of: DATE}} or check the code)'],
    // The tests run with today = 2026-11-25 (test/helpers.ts).
    ['future-date.yaml', ': acme/model: as_of 2030-01-01 is after today (2026-11-25): it is the date the figure was read'],
  ];

  it.each(cases)('%s: exit 2 with the position', async (name, line) => {
    const file = typed('test', 'fixtures', 'bad-pricing', name);
    const run = await runCli(['pricing', 'validate', file]);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([`llm-tco: ${file}${line}`]);
  });

  it('reports every problem of a file', async () => {
    const file = typed('test', 'fixtures', 'bad-pricing', 'negative-and-unknown-key.yaml');
    const run = await runCli(['pricing', 'validate', file]);
    expect(run.errorLines).toEqual([
      `llm-tco: ${file}:5:17: hardware[0].memory_gib: must not be negative, got -24`,
      `llm-tco: ${file}:6:5: hardware[0].memory_bandwith_gb_s: unknown key 'memory_bandwith_gb_s' (did you mean 'memory_bandwidth_gb_s'?)`,
    ]);
  });

  it('has a case for every fixture', () => {
    expect(readdirSync(typed('test', 'fixtures', 'bad-pricing')).sort()).toEqual([...cases.map(([n]) => n), 'negative-and-unknown-key.yaml'].sort());
  });

  it('passes the bundled catalogue and the snapshot fixtures', async () => {
    const bundled = await runCli(['pricing', 'validate']);
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toMatch(/^pricing\/hardware\.yaml: valid, \d+ hardware$/m);
    pin(LITELLM);
    const snapshot = await runCli(['pricing', 'validate', LITELLM]);
    // dall-e-3 (images) and sample_spec are not token-priced models
    expect(snapshot.stdout).toBe(`${LITELLM}: valid litellm snapshot, 4 API models\n`);
  });
});

describe('a LiteLLM snapshot with a price that is not one', () => {
  it('is refused, naming the model and field, instead of leaving the bundled price in force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-snapshot-'));
    try {
      const json = JSON.parse(readFileSync(LITELLM, 'utf8'));
      json['gpt-4o-mini'].input_cost_per_token = 'abc';
      // $0.60 per 1M written in the per-token field: $600,000 per 1M
      json['gpt-4o-mini'].output_cost_per_token = 0.6;
      json['gpt-4o-mini'].cache_read_input_token_cost = -1e-7;
      const file = join(dir, 'model_prices_and_context_window.json');
      writeFileSync(file, JSON.stringify(json));
      for (const args of [['pricing', 'validate', file], ['pricing', 'check', file], ['estimate', 'scenarios/v0-chat-app.yaml', '--pricing', file]]) {
        const run = await runCli(args);
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr).toContain(`${file}: 'gpt-4o-mini'.input_cost_per_token: not a price per token (got "abc")`);
        expect(run.stderr).toContain(`${file}: 'gpt-4o-mini'.output_cost_per_token: 0.6 per token is $600,000 per 1M tokens (is it a price per 1M? LiteLLM's fields are per token)`);
        expect(run.stderr).toContain(`${file}: 'gpt-4o-mini'.cache_read_input_token_cost: not a price per token (got -1e-7)`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a models.dev snapshot with a price that is not one, and a LiteLLM batch price above list', () => {
  it('is refused, naming the model and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-snapshot-'));
    try {
      const modelsDev = JSON.parse(readFileSync(MODELS_DEV, 'utf8'));
      modelsDev.openai.models['gpt-4o-mini'].cost.input = '0.15';
      // $0.60 per 1M written per token: 6e-7
      modelsDev.openai.models['gpt-4o-mini'].cost.output = 6e-7;
      const md = join(dir, 'api.json');
      writeFileSync(md, JSON.stringify(modelsDev));
      const run = await runCli(['pricing', 'validate', md]);
      expect(run.code).toBe(2);
      expect(run.errorLines).toEqual([
        `llm-tco: ${md}: 'openai/gpt-4o-mini'.cost.input: not a price per 1M tokens (got "0.15")`,
        `llm-tco: ${md}: 'openai/gpt-4o-mini'.cost.output: 6e-7 looks like a price per token (models.dev's prices are per 1M tokens)`,
      ]);
      // A batch price of 3e-7 against a list price of 1.2e-7 was a discount of 1 - 3/1.2 = -150%.
      const litellm = JSON.parse(readFileSync(LITELLM, 'utf8'));
      litellm['gpt-4o-mini'].input_cost_per_token_batches = 3e-7;
      const ll = join(dir, 'model_prices_and_context_window.json');
      writeFileSync(ll, JSON.stringify(litellm));
      const batch = await runCli(['pricing', 'validate', ll]);
      expect(batch.code).toBe(2);
      expect(batch.errorLines).toEqual([`llm-tco: ${ll}: 'gpt-4o-mini'.input_cost_per_token_batches: 3e-7 is more than the list price 1.2e-7: a batch price is a discount`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('catalogue commands refuse what is not a catalogue name or file', () => {
  it('a scenario given as a catalogue file, a provider typo, an empty name', async () => {
    for (const args of [['pricing', 'validate', 'scenarios/v0-chat-app.yaml'], ['vram', '--model-file', 'scenarios/v0-chat-app.yaml', '--quant', 'Q4_K_M']]) {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      // line 16 holds `traffic:`, the first key only a scenario has
      expect(run.stderr).toBe('llm-tco: scenarios/v0-chat-app.yaml:16:1: is a scenario, not a catalogue file (a catalogue file lists models, providers, rates, hardware, offers or engines; scenarios go to estimate)\n');
    }
    const typo = await runCli(['pricing', 'list', '--provider', 'opnai']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("--provider: no provider is named 'opnai' (did you mean 'openai'?)");
    const empty = await runCli(['pricing', 'show', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('pricing show needs a name');
  });
});

describe('pricing list and show', () => {
  it('filters by kind, provider and text', async () => {
    const run = await runCli(['pricing', 'list', '--kind', 'api', '--provider', 'openai', '--search', '4o-mini', '--format', 'json']);
    const ids = JSON.parse(run.stdout).rows.map((r: { id: string }) => r.id);
    expect(ids).toContain('openai/gpt-4o-mini');
    expect(ids.every((id: string) => id.startsWith('openai/') && id.includes('4o-mini'))).toBe(true);
  });

  it('lists what is older than 90 days', async () => {
    const run = await runCli(['pricing', 'list', '--stale', '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.rows.length).toBeGreaterThan(0);
    // today is 2026-11-25 in the tests: stale means as_of before 2026-08-27
    expect(report.rows.every((r: { as_of: string; stale: boolean }) => r.stale && r.as_of < '2026-08-27')).toBe(true);
  });

  it('shows an API model with tiers, dates, batch rate and source', async () => {
    const run = await runCli(['pricing', 'show', 'anthropic/claude-sonnet-4-6']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('prompts over 200,000 tokens: input 6, output 22.5, cached 0.6, cache write 7.5 per 1M');
    expect(run.stdout).toContain('batch: 50% off (provider-wide, https://platform.claude.com/docs/en/build-with-claude/batch-processing, as of 2026-11-25)');
    expect(run.stdout).toContain('layer: bundled');
  });

  it('suggests a name when nothing matches', async () => {
    const run = await runCli(['pricing', 'show', 'nvidia-rtx-409']);
    expect(run.code).toBe(2);
    expect(run.errorLines[0]).toContain("nothing in the catalogue is named 'nvidia-rtx-409' (did you mean 'nvidia-rtx-4090'");
  });
});

describe('layers', () => {
  it('a later --pricing file wins, and show names the layer', async () => {
    pin(LITELLM);
    pin(MODELS_DEV);
    // LiteLLM says gpt-4o-mini costs $0.12 / $0.48; models.dev, layered after it, $0.15 / $0.60.
    const litellmOnly = JSON.parse((await runCli(['pricing', 'show', 'openai/gpt-4o-mini', '--pricing', LITELLM, '--format', 'json'])).stdout);
    expect(litellmOnly.row.figures.input_per_mtok).toBeCloseTo(0.12, 12); // 1.2e-07 per token x 1M
    expect(litellmOnly.row.layer).toBe('user');
    expect(litellmOnly.row.as_of).toBe('2026-11-20');
    expect(litellmOnly.entry.batchDiscount).toBeCloseTo(0.5, 12); // 6e-08 batch / 1.2e-07 list
    const both = JSON.parse((await runCli(['pricing', 'show', 'openai/gpt-4o-mini', '--pricing', LITELLM, '--pricing', MODELS_DEV, '--format', 'json'])).stdout);
    expect(both.row.figures.input_per_mtok).toBe(0.15);
    const bundled = JSON.parse((await runCli(['pricing', 'show', 'openai/gpt-4o-mini', '--format', 'json'])).stdout);
    expect(bundled.row.layer).toBe('bundled');
  });

  it('imports LiteLLM tiers and provider names, and models.dev long-context prices', async () => {
    pin(LITELLM);
    pin(MODELS_DEV);
    const sonnet = JSON.parse((await runCli(['pricing', 'show', 'anthropic/claude-sonnet-4-6', '--pricing', LITELLM, '--format', 'json'])).stdout);
    const schedule = sonnet.entry.history[0].schedule;
    expect(schedule.tiers).toEqual([{ aboveTokens: 200_000, rates: { inputPerMtok: 6, outputPerMtok: 22.5, cachedInputPerMtok: 0.6, cacheWritePerMtok: 3.75 } }]);
    // LiteLLM's "gemini" provider is the catalogue's "google"
    const flash = await runCli(['pricing', 'show', 'google/gemini-2.5-flash-lite', '--pricing', LITELLM, '--format', 'json']);
    expect(JSON.parse(flash.stdout).row.layer).toBe('user');
    const fromDev = JSON.parse((await runCli(['pricing', 'show', 'anthropic/claude-sonnet-4-6', '--pricing', MODELS_DEV, '--format', 'json'])).stdout);
    expect(fromDev.row.figures.input_per_mtok).toBe(3.3);
    expect(fromDev.entry.history[0].schedule.tiers[0].aboveTokens).toBe(200_000);
  });

  it('prices an estimate with an imported snapshot', async () => {
    pin(LITELLM);
    const run = await runCli(['estimate', '--requests-per-month', '1000', '--input', '1000', '--output', '1000', '--history', 'none', '--model', 'openai/gpt-4o-mini', '--pricing', LITELLM, '--format', 'json']);
    // 1,000 x (1,000 x 0.12 + 1,000 x 0.48) / 1M
    expect(JSON.parse(run.stdout).options[0].monthly_cost).toBeCloseTo(0.6, 12);
  });
});

describe('pricing check', () => {
  it('prints where the bundled prices and a snapshot disagree beyond the tolerance', async () => {
    pin(MODELS_DEV);
    const run = await runCli(['pricing', 'check', MODELS_DEV, '--tolerance', '5%', '--format', 'json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.compared).toBe(2); // gpt-4o-mini and claude-sonnet-4-6 (the third lists no cost)
    // bundled Sonnet input is $3; the fixture says $3.30: +10%, over 5%
    expect(r.disagreements).toEqual([{ id: 'anthropic/claude-sonnet-4-6', field: 'input_per_mtok', ours: 3, theirs: 3.3, difference: expect.closeTo(0.1, 12) }]);
    const loose = JSON.parse((await runCli(['pricing', 'check', MODELS_DEV, '--tolerance', '15%', '--format', 'json'])).stdout);
    expect(loose.disagreements).toEqual([]);
  });
});
