// vram and throughput through the CLI: the JSON contract, the flags for a model no catalogue has,
import { fileURLToPath } from 'node:url';
// and bad flags.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const GIB = 2 ** 30;

describe('vram', () => {
  it('gives weights, KV cache, overhead and what fits, as JSON', async () => {
    const run = await runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'F16', '--context', '8192', '--gpu', 'nvidia-rtx-4090', '--gpu', 'nvidia-t4', '--format', 'json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    // 8.03e9 parameters x 16 bits; F16's whole-file figure in quants.yaml is 16 bits a weight
    expect(r.weights_bytes).toBeCloseTo((8.03e9 * r.quant.bits_per_weight) / 8, 0);
    expect(r.kv_cache_bytes).toBe(GIB); // 2 x 32 x 8 x 128 x 2 bytes x 8,192 tokens
    expect(r.overhead_bytes).toBe(0.5 * GIB); // llama.cpp
    expect(r.total_bytes).toBeCloseTo(r.weights_bytes + GIB + 0.5 * GIB, 0);
    const byId = Object.fromEntries(r.fits.map((f: { hardware: string }) => [f.hardware, f]));
    expect(byId['nvidia-rtx-4090'].devices).toBe(1); // 24 GiB holds 16.06 GB + 1.5 GiB
    expect(byId['nvidia-t4'].devices).toBe(2); // 16 GiB does not
  });

  it('counts sequences in its summary with grouped digits and a singular for one', async () => {
    const one = await runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--context', '8192', '--gpu', 'nvidia-rtx-4090']);
    expect(one.stdout.split('\n')[0]).toContain('8,192 tokens x 1 sequence, KV cache');
    const many = await runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--context', '8192', '--concurrency', '1000000000', '--gpu', 'nvidia-rtx-4090']);
    expect(many.stdout.split('\n')[0]).toContain('8,192 tokens x 1,000,000,000 sequences, KV cache');
  });

  it('takes a model the catalogue lacks from flags, and its errors name the flags', async () => {
    const ok = await runCli(['vram', '--params', '8.03B', '--layers', '32', '--kv-heads', '8', '--head-dim', '128', '--quant', 'Q8_0', '--context', '8192', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).kv_cache_bytes).toBe(GIB);
    const bad = await runCli(['vram', '--params', '-8B', '--layers', '32', '--kv-heads', '8', '--quant', 'Q8_0']);
    expect(bad.code).toBe(2);
    expect(bad.errorLines).toEqual([
      'llm-tco: command line: --params: must be greater than 0, got -8B',
      "llm-tco: command line: --head-dim: is required",
    ]);
  });

  it('reads a model from a file in the catalogue format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-'));
    const file = join(dir, 'my-model.yaml');
    writeFileSync(file, `architectures:
  - id: my-fine-tune
    params: 8.03B
    layers: 32
    hidden_size: 4096
    heads: 32
    kv_heads: 8
    head_dim: 128
    context: 131072
    attention: gqa
    source: https://example.com/my-model
    as_of: 2026-11-01
`);
    const run = await runCli(['vram', '--model-file', file, '--quant', 'Q4_K_M', '--format', 'json']);
    rmSync(dir, { recursive: true });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).model.id).toBe('my-fine-tune');
  });

  // These flags used to replace the catalogue model with an inline one missing every other field
  // (--kv-heads is required, or --head-dim...), instead of overriding the one field.
  it('an architecture flag with --model overrides just that field of the catalogue model', async () => {
    const vram = async (...extra: string[]) => JSON.parse((await runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'F16', '--context', '8192', '--format', 'json', ...extra])).stdout);
    const plain = await vram();
    const deeper = await vram('--layers', '40');
    // 2 x 40 layers x 8 KV heads x 128 x 2 bytes x 8,192 tokens: 40/32 of the catalogue's 1 GiB
    expect(deeper.kv_cache_bytes).toBe((2 * 40 * 8 * 128 * 2 * 8192));
    // Weights stay the catalogue's params at 16 bits (the deeper shape is scaled to them; float rounding aside).
    expect(deeper.weights_bytes).toBeCloseTo(plain.weights_bytes, 0);
    expect(deeper.model).toEqual({ ...plain.model, id: 'llama-3.1-8b (--layers 40)' });
    // A dense model's active parameters follow --params; the rest stays the catalogue's.
    const bigger = await vram('--params', '10B');
    expect(bigger.model).toMatchObject({ params: expect.closeTo(10e9, 0), active_params: expect.closeTo(10e9, 0) });
    expect(bigger.kv_cache_bytes).toBe(GIB);
    // The other fields stay too: DeepSeek V3 read as GQA caches all 128 KV heads of 192 values,
    // 2 x 61 layers x 128 x 192 x 2 bytes for its one token, not MLA's compressed latent.
    const gqa = await vram('--model', 'deepseek-v3', '--attention', 'gqa', '--context', '1');
    expect(gqa.model).toMatchObject({ id: 'deepseek-v3 (--attention gqa)', attention: 'gqa', params: expect.closeTo(671e9, 0), active_params: expect.closeTo(37e9, 0) });
    expect(gqa.kv_cache_bytes).toBe(2 * 61 * 128 * 192 * 2);
  });

  it('an override is checked as an inline model is, naming the flag', async () => {
    const run = await runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'F16', '--kv-heads', '0', '--attention', 'mqa']);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([
      'llm-tco: command line: --kv-heads: must be greater than 0, got 0',
      "llm-tco: command line: --attention: must be one of gqa, mla, sliding, got 'mqa' (did you mean 'gqa' or 'mla'?)",
    ]);
  });

  it('throughput: --model with --params is the catalogue model at another size', async () => {
    const run = await runCli(['throughput', '--model', 'llama-3.1-8b', '--quant', 'F16', '--hardware', 'nvidia-h100-sxm', '--params', '16.06B', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).model).toMatchObject({ id: 'llama-3.1-8b (--params 16.06B)', params: expect.closeTo(16.06e9, 0), active_params: expect.closeTo(16.06e9, 0) });
  });

  // --context 1e12 used to be sized (122 million GiB of KV cache) as if the model could hold it.
  it('refuses a --context beyond the model’s window, naming the window', async () => {
    const run = await runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--context', '1e12']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.errorLines).toEqual([
      "llm-tco: command line: --context: 1e12 tokens is beyond llama-3.1-8b's context window of 131,072 tokens (give at most 131,072, or --context-window N for a model run with a longer window)",
    ]);
    // The window itself is fine; --context-window raises it (a model run with RoPE scaling).
    expect((await runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--context', '131072'])).code).toBe(0);
    const scaled = await runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'F16', '--context', '256k', '--context-window', '256k', '--format', 'json']);
    expect(scaled.code).toBe(0);
    expect(JSON.parse(scaled.stdout).kv_cache_bytes).toBe(256_000 * 128 * 1024); // 128 KiB a token (2 x 32 x 8 x 128 x 2 bytes)
  });

  it('sizes a model whose window is under 8,192 tokens at its window by default', async () => {
    const run = await runCli(['vram', '--model', 'llama-2-7b', '--quant', 'F16', '--format', 'json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.context_tokens).toBe(4096);
    expect(r.warnings).toEqual([]);
  });

  it('throughput says when the weights alone do not fit, not "1 sequences of 0 tokens"', async () => {
    const run = await runCli(['throughput', '--model', 'llama-3.1-405b', '--quant', 'F16', '--hardware', 'nvidia-rtx-3070', '--format', 'json']);
    expect(run.code).toBe(0);
    // 405B parameters x 16 bits / 8 = 810e9 bytes = 754.4 GiB, on a card of 8 GiB (llama.cpp keeps all of it usable)
    expect((405e9 * 16 / 8 / 2 ** 30).toFixed(1)).toBe('754.4');
    expect(JSON.parse(run.stdout).warnings).toContain('the weights (754.4 GiB) and engine overhead do not fit in the 8.0 GiB usable on 1 x nvidia-rtx-3070: it cannot run this model at all');
  });

  it('throughput refuses a --context beyond the window too', async () => {
    const run = await runCli(['throughput', '--model', 'llama-2-7b', '--quant', 'Q4_K_M', '--hardware', 'nvidia-rtx-4090', '--context', '5000']);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([
      "llm-tco: command line: --context: 5000 tokens is beyond llama-2-7b's context window of 4,096 tokens (give at most 4,096, or --context-window N for a model run with a longer window)",
    ]);
  });

  it('names unknown models and quantisations with suggestions', async () => {
    const run = await runCli(['vram', '--model', 'llama-3.1-8', '--quant', 'q4km']);
    expect(run.code).toBe(2);
    expect(run.errorLines[0]).toBe("llm-tco: command line: --model: unknown model 'llama-3.1-8' (did you mean 'llama-3.1-8b'?)");
    expect(run.errorLines[1]).toMatch(/^llm-tco: command line: --quant: unknown quantisation 'q4km'/);
  });
});

describe('throughput on several devices', () => {
  it('takes --gpus N, or N x HARDWARE, as that many devices serving one instance', async () => {
    const flags = ['throughput', '--model', 'llama-3.1-70b', '--quant', 'BF16', '--engine', 'vllm', '--format', 'json'];
    const byFlag = JSON.parse((await runCli([...flags, '--hardware', 'nvidia-h100-sxm', '--gpus', '4'])).stdout);
    const byName = JSON.parse((await runCli([...flags, '--hardware', '4x nvidia-h100-sxm'])).stdout);
    const one = JSON.parse((await runCli([...flags, '--hardware', 'nvidia-h100-sxm'])).stdout);
    expect(byFlag.hardware.devices).toBe(4);
    expect(byName).toEqual(byFlag);
    expect(one.hardware.devices).toBe(1);
    // Tensor parallel (vLLM's split): the four read a quarter of the weights each, so a step's reads
    // take a quarter of one device's; the exchange between them is added on top.
    const reads = (s: { memory_bandwidth_gb_s: number }, devices: number) => (70.6e9 * byFlag.quant.bits_per_weight) / 8 / (s.memory_bandwidth_gb_s * 1e9 * devices * byFlag.engine.decode_efficiency);
    expect(1 / byFlag.per_sequence_tokens_per_second).toBeGreaterThan(reads(byFlag.hardware, 4));
    expect(1 / byFlag.per_sequence_tokens_per_second).toBeLessThan(reads(one.hardware, 1));
  });

  it('runs under load only the requests memory holds; the others wait, and it says so', async () => {
    const run = await runCli(['throughput', '--model', 'llama-3.1-70b', '--quant', 'Q4_K_M', '--hardware', '2x nvidia-rtx-4090', '--concurrency', '64', '--input', '2000', '--output', '500', '-f', 'json']);
    const r = JSON.parse(run.stdout);
    // What the KV cache holds: the memory left after the weights and both devices' engine memory
    // (the total at --context 0, which holds no KV cache), over 2,500 tokens of KV cache a sequence
    // (80 layers x 8 KV heads x 128 x 2 (K and V) x 2 bytes = 327,680 bytes a token).
    const perSequence = 2500 * 80 * 8 * 128 * 2 * 2;
    expect(perSequence).toBe(819_200_000);
    expect(r.context_tokens).toBe(0);
    expect(r.serving.concurrency).toBe(64);
    expect(r.serving.running).toBe(Math.floor((r.memory.usable_bytes - r.memory.total_bytes) / perSequence));
    expect(r.serving.running).toBeLessThan(64);
    expect(r.warnings.join('\n')).toContain(`64 concurrent requests of 2,500 tokens do not fit in memory at once: the engine runs ${r.serving.running} and the others wait for a slot`);
  });

  it('takes requests at a rate, and says when one instance cannot keep up', async () => {
    const flags = ['throughput', '--model', 'llama-3.1-70b', '--quant', 'BF16', '--hardware', 'nvidia-h100-sxm', '--gpus', '4', '--engine', 'tensorrt-llm', '--input', '467', '--output', '256', '-f', 'json'];
    const calm = JSON.parse((await runCli([...flags, '--request-rate', '2'])).stdout);
    // at a rate the instance outputs what arrives: 2 x 256 = 512 tokens/s
    expect(calm.serving).toMatchObject({ request_rate: 2, overloaded: false });
    expect(calm.serving.output_tokens_per_second).toBe(512);
    // Little's law: running = 2 a second x a request's time on the GPU; the request's whole time
    // also holds its wait for the prompts ahead (a few ms at this rate)
    const wait = calm.serving.request_seconds - calm.serving.running / 2;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThan(0.01);
    const rush = await runCli([...flags, '--request-rate', '1000']);
    const r = JSON.parse(rush.stdout);
    expect(r.serving).toMatchObject({ request_rate: 1000, overloaded: true, ttft_seconds: null, ttft_seconds_band: null });
    expect(r.serving.max_request_rate).toBeCloseTo(calm.serving.max_request_rate, 9);
    expect(r.warnings.join('\n')).toContain('at 1,000 requests a second it falls behind');
    const text = (await runCli(flags.slice(0, -2).concat(['--request-rate', '1000']))).stdout;
    expect(text).toContain('first token never steady (overloaded: the queue grows)');
    const both = await runCli([...flags, '--request-rate', '2', '--concurrency', '8']);
    expect([both.code, both.stderr.trim()]).toEqual([2, 'llm-tco: command line: --concurrency: or --request-rate: a load is clients that wait for their replies, or requests arriving at a rate, not both']);
    const zero = await runCli([...flags, '--request-rate', '0']);
    expect([zero.code, zero.stderr.trim()]).toEqual([2, 'llm-tco: command line: --request-rate: must be above 0 requests a second']);
  });

  it('refuses a count twice, a count of an offer, and a count below 1 (exit 2, one line)', async () => {
    const base = ['throughput', '--model', 'llama-3.1-8b', '--quant', 'BF16'];
    const twice = await runCli([...base, '--hardware', '2x nvidia-h100-sxm', '--gpus', '2']);
    expect([twice.code, twice.stderr.trim()]).toEqual([2, "llm-tco: command line: --gpus: gives the count that '2x nvidia-h100-sxm' already gives: use one of them"]);
    const offer = await runCli([...base, '--hardware', '2x lambda/1x-h100-sxm']);
    expect(offer.code).toBe(2);
    expect(offer.stderr).toContain("an offer has its own number of devices (name an offer of that many, or its hardware: '2x nvidia-h100-sxm')");
    // vram works the device count out itself: a count in --gpu would be dropped, so it is refused
    const vram = await runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'BF16', '--gpu', '2x nvidia-rtx-3090']);
    expect([vram.code, vram.stderr.trim()]).toEqual([2, "llm-tco: command line: --gpu: '2x nvidia-rtx-3090': vram works out how many devices the model needs (give the hardware alone: --gpu nvidia-rtx-3090)"]);
    const zero = await runCli([...base, '--hardware', 'nvidia-h100-sxm', '--gpus', '0']);
    expect([zero.code, zero.stderr.trim()]).toEqual([2, 'llm-tco: command line: --gpus: must be at least 1, got 0']);
  });
});

describe('throughput', () => {
  it('gives decode and prefill speed as JSON, from hardware or an offer', async () => {
    const run = await runCli(['throughput', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--hardware', 'nvidia-rtx-4090', '--format', 'json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r).toMatchObject({ schema: 'llm-tco/report@1', command: 'throughput', batch: 1, bound: 'memory' });
    // The RTX 4090 is a consumer GPU of the Ada family: 1,008 GB/s, 330.3 FP16 TFLOPS
    // (hardware.yaml); its default engine is llama.cpp, fitted at 96% of bandwidth on Ada cards,
    // 47% of compute and 2.6 ms a step for a 32-layer model on consumer GPUs (Llama 3.1 8B has 32:
    // 2.6 x 32 / 32 = 2.6 ms), no time per sequence, and weight-only quantised weights at 0.84 of the
    // 16-bit prompt rate (engines.yaml): 0.47 x 0.84 = 39.48% of compute; Q4_K_M is llama.cpp's
    // per-tensor mix, 4.8944 bits a weight on this model (worked out tensor by tensor in
    // test/engine/quant-weights.test.ts).
    expect(r.engine).toMatchObject({ id: 'llama.cpp', decode_efficiency: 0.96, step_overhead_ms: 2.6, fitted: true });
    expect(r.engine.prefill_efficiency).toBeCloseTo(0.47 * 0.84, 12);
    expect(r.quant.bits_per_weight).toBeCloseTo(4.8944, 4);
    // A step reads the weights once: 8.03e9 x 4.8944 / 8 bytes at 1,008 GB/s x 96%, + 2.6 ms.
    const memorySeconds = (8.03e9 * r.quant.bits_per_weight) / 8 / (1008e9 * 0.96); // 5.078 ms
    expect(r.decode_tokens_per_second).toBeCloseTo(1 / (memorySeconds + 0.0026), 6);
    const flops = 330.3e12 * 0.47 * 0.84;
    expect(r.prefill_tokens_per_second).toBeCloseTo(flops / (2 * 8.03e9), 3);
    // Compute per sequence, 2 x 8.03e9 / flops = 0.1232 ms, passes the 5.078 ms of reads above a
    // batch of 41.2: of the batches tried (1, 2, 4 ... 4,096) compute binds from 64.
    expect(memorySeconds / ((2 * 8.03e9) / flops)).toBeCloseTo(41.2, 1);
    expect(r.compute_bound_from_batch).toBe(64);

    const offer = await runCli(['throughput', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--hardware', 'runpod/rtx-4090-community', '--format', 'json']);
    expect(JSON.parse(offer.stdout).hardware.id).toBe('nvidia-rtx-4090');
  });

  it('estimates CPU prompt speed from cores (CPUs publish no FP16 figure)', async () => {
    const run = await runCli(['throughput', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--hardware', 'amd-epyc-9654', '--format', 'json']);
    const r = JSON.parse(run.stdout);
    // 96 cores x 44.7 GFLOPS achieved (engines.yaml: llama.cpp's figure for x86 server CPUs, the
    // EPYC 9654's family; quantised weights keep a factor of 1 on CPUs) / (2 x 8.03e9 FLOPs a token)
    expect(r.prefill_tokens_per_second).toBeCloseTo((96 * 44.7e9) / (2 * 8.03e9), 6);
  });

  it('requires --hardware and checks --batch', async () => {
    expect((await runCli(['throughput', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M'])).errorLines).toEqual([
      'llm-tco: command line: --hardware: is required: a hardware id such as nvidia-rtx-4090, or an offer such as hetzner/gex44',
    ]);
    expect((await runCli(['throughput', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--hardware', 'nvidia-rtx-4090', '--batch', '0'])).errorLines).toEqual([
      'llm-tco: command line: --batch: must be at least 1, got 0',
    ]);
  });
});

describe('throughput under load (--input, --output)', () => {
  const testHardware = fileURLToPath(new URL('./fixtures/pricing/test-hardware.yaml', import.meta.url));

  it('gives output tokens/s, first-token time and time per token of concurrent requests, worked by hand', async () => {
    // test-hardware.yaml: an 8B model at 4 bits (4e9 bytes), a card of 1,000 GB/s and 100 TFLOPS,
    // an engine at 50% of bandwidth and 40% of compute, no step overhead. KV: 131,072 bytes a token.
    const run = await runCli(['throughput', '--pricing', testHardware, '--model', 'test-8b', '--quant', 'test-4bit', '--hardware', 'test-gpu',
      '--engine', 'test-engine', '--concurrency', '8', '--input', '1000', '--output', '200', '--format', 'json']);
    expect(run.code).toBe(0);
    const s = JSON.parse(run.stdout).serving;
    // A prompt of 1,000 tokens: 16e9 + 2 x 32 x 32 x 128 x 1,000 = 16,262,144,000 FLOPs a token at
    // 4e13 FLOP/s: 0.4065536 s. A decode step at batch 8 over 1,000 + 100 tokens of context:
    // (4e9 + 8 x 1,100 x 131,072) / 5e11 = 0.0103068672 s (memory-bound).
    const prefill = 1000 / (4e13 / 16_262_144_000);
    const step = (4e9 + 8 * 1100 * 131_072) / 5e11;
    // A request's life: its prompt, 200 steps, and the 7 other clients' prompts.
    const life = prefill + 200 * step + 7 * prefill;
    expect(s).toMatchObject({ concurrency: 8, input_tokens: 1000, output_tokens: 200 });
    expect(s.ttft_seconds).toBeCloseTo(prefill + step, 12);
    expect(s.request_seconds).toBeCloseTo(life, 12);
    expect(s.tpot_seconds).toBeCloseTo((life - prefill - step) / 199, 12);
    expect(s.output_tokens_per_second).toBeCloseTo((8 * 200) / life, 9);
    expect(s.output_tokens_per_second_band.value).toBe(s.output_tokens_per_second);
  });

  it('needs both lengths, and takes --concurrency or --batch but not both', async () => {
    const base = ['throughput', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--hardware', 'nvidia-rtx-4090'];
    const one = await runCli([...base, '--input', '1000']);
    expect([one.code, one.stderr.trim()]).toEqual([2, 'llm-tco: command line: --output: is needed too: figures under load take both the prompt (--input) and the reply (--output) of each request']);
    const both = await runCli([...base, '--batch', '2', '--concurrency', '2']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--concurrency: is --batch by another name: give one of them');
    expect(JSON.parse((await runCli([...base, '--format', 'json'])).stdout).serving).toBeNull();
  });
});
