// The speed model's rules one by one, on round numbers: an 8B model at 4 bits (4e9 bytes), a card
// with 1000 GB/s, 100 TFLOPS FP16 and 200 TFLOPS FP8. KV cache: 2 x 32 layers x 8 heads x 128 dims
// x 2 bytes = 131,072 bytes a token. Every expectation is worked by hand beside it.
import { describe, expect, it } from 'vitest';
import type { Engine, Hardware, ModelArchitecture } from '../../src/catalogue/types.js';
import { promptQueueSeconds, serveAt, serveAtRate, serveWithSlots } from '../../src/engine/serving.js';
import { computeFormatOf, estimateSpeed, factorFor, fixedStepMs, prefillFlopsPerToken, prefillRate, type SpeedInputs } from '../../src/engine/speed.js';

const dated = { source: 'https://example.com/test', asOf: '2026-11-01' };
const model8b: ModelArchitecture = {
  id: 'test-8b', name: 'Test 8B', params: 8e9, activeParams: 8e9, layers: 32, hiddenSize: 4096, heads: 32, kvHeads: 8, headDim: 128, contextTokens: 131_072,
  attention: 'gqa', slidingWindowTokens: undefined, slidingLayers: undefined, kvLoraRank: undefined, qkRopeHeadDim: undefined, experts: undefined, expertsPerToken: undefined, ...dated,
};
const engine = (over: Partial<Engine> = {}): Engine => ({
  id: 'test-engine', aliases: [], memoryOverheadGib: 1, reservesFraction: undefined, decodeEfficiency: { 'consumer-gpu': 0.5 }, prefillEfficiency: { 'consumer-gpu': 0.4 },
  stepOverheadMs: {}, cpuPrefillGflopsPerCore: undefined, applePrefillFlopsPerByte: undefined, ...dated, ...over,
});
const card: Hardware = {
  id: 'gpu', name: 'gpu', class: 'consumer-gpu', memoryGib: 24, memoryBandwidthGbPerSecond: 1000, fp16Tflops: 100, fp8Tflops: 200, int8Tops: 400,
  watts: 400, cores: undefined, ...dated,
};
const inputs = (over: Partial<SpeedInputs> = {}): SpeedInputs => ({ model: model8b, bitsPerWeight: 4, kvBytesPerElement: 2, hardware: card, devices: 1, engine: engine(), ...over });

describe('a decode step', () => {
  it('costs a fixed time and a time per sequence in the batch', () => {
    const e = engine({ stepOverheadMs: { 'consumer-gpu': 2 }, stepOverheadMsPerSequence: { 'consumer-gpu': 0.1 } });
    // batch 16 at context 0: memory 4e9 / 5e11 = 0.008 s, compute 2 x 8e9 x 16 / 4e13 = 0.0064 s;
    // overhead 2 ms + 16 x 0.1 ms = 3.6 ms: step 0.0116 s, 16 / 0.0116 = 1,379.3 tokens/s.
    const s = estimateSpeed(inputs({ engine: e }), 16, 0);
    expect(s.stepSeconds).toBeCloseTo(0.0116, 12);
    expect(s.decodeTokensPerSecond).toBeCloseTo(16 / 0.0116, 9);
    expect(s.bound).toBe('memory');
  });

  it('costs a fixed time that goes with the model’s depth: the engine’s figure is for 32 layers', () => {
    const e = engine({ stepOverheadMs: { 'consumer-gpu': 2 } });
    // The same weights in 22 layers (TinyLlama's depth) and in 80 (a 70B's): 2 ms x 22 / 32 =
    // 1.375 ms and 2 ms x 80 / 32 = 5 ms. Memory 4e9 / 5e11 = 0.008 s either way, at context 0.
    expect(fixedStepMs({ engine: e, hardware: card, model: { ...model8b, layers: 22 } })).toBeCloseTo(1.375, 12);
    expect(estimateSpeed(inputs({ engine: e, model: { ...model8b, layers: 22 } }), 1, 0).stepSeconds).toBeCloseTo(0.008 + 0.001375, 12);
    expect(estimateSpeed(inputs({ engine: e, model: { ...model8b, layers: 80 } }), 1, 0).stepSeconds).toBeCloseTo(0.008 + 0.005, 12);
    // no fitted figure: no fixed time
    expect(fixedStepMs({ engine: engine(), hardware: card, model: model8b })).toBe(0);
    // a CPU's threads meet at a barrier after every operation: 64 cores pay sqrt(64 / 16) = 2 times
    // the 16-core figure, 4 cores half of it (32 layers: 2 ms x 2 = 4 ms, 2 ms x 0.5 = 1 ms)
    const cpu = (cores: number): Hardware => ({ ...card, class: 'cpu', cores, fp16Tflops: undefined });
    const onCpu = engine({ stepOverheadMs: { cpu: 2 } });
    expect(fixedStepMs({ engine: onCpu, hardware: cpu(64), model: model8b })).toBeCloseTo(4, 12);
    expect(fixedStepMs({ engine: onCpu, hardware: cpu(4), model: model8b })).toBeCloseTo(1, 12);
    expect(fixedStepMs({ engine: onCpu, hardware: cpu(16), model: { ...model8b, layers: 80 } })).toBeCloseTo(5, 12);
  });

  it('adds up bandwidth in tensor parallel, with a time to exchange activations, but not split by layer', () => {
    const e = engine({ tensorParallelStepMs: { 'consumer-gpu': 1.5 } });
    // tensor, 2 devices: 4e9 / (2 x 5e11) = 0.004 s + 1.5 ms = 0.0055 s
    expect(estimateSpeed(inputs({ engine: e, devices: 2, split: 'tensor' }), 1, 0).stepSeconds).toBeCloseTo(0.0055, 12);
    // layer, 2 devices: the devices take turns: 4e9 / 5e11 = 0.008 s, no exchange time
    expect(estimateSpeed(inputs({ engine: e, devices: 2, split: 'layer' }), 1, 0).stepSeconds).toBeCloseTo(0.008, 12);
    // the engine's default split decides when none is given: llama.cpp-like engines split by layer
    expect(estimateSpeed(inputs({ engine: engine({ split: 'layer' }), devices: 2 }), 1, 0).stepSeconds).toBeCloseTo(0.008, 12);
  });

  it('sends each layer’s activations over the interconnect in tensor parallel', () => {
    const e = engine({ tensorParallelStepMs: { 'consumer-gpu': 1.5 } });
    const linked: Hardware = { ...card, interconnectGbPerSecond: 32 };
    // 4 devices, batch 64: 2 all-reduces x 32 layers x 64 tokens x 4,096 x 2 bytes = 33,554,432
    // bytes, of which a ring sends 2 x 3 / 4 = 1.5 x from each device: 50,331,648 bytes at 32e9 B/s
    // = 0.00157286 s. Memory (4e9 + 0) / (4 x 5e11) = 0.002 s; compute 2 x 8e9 x 64 / (4 x 4e13)
    // = 0.0064 s binds; + 1.5 ms fitted exchange time.
    const exchange = (2 * 32 * 64 * 4096 * 2 * 1.5) / 32e9;
    expect(exchange).toBeCloseTo(0.00157286, 8);
    const s = estimateSpeed(inputs({ engine: e, hardware: linked, devices: 4, split: 'tensor' }), 64, 0);
    expect(s.stepSeconds).toBeCloseTo(0.0064 + 0.0015 + exchange, 12);
    // split by layer nothing crosses per layer, and a card without the figure has the fitted time alone
    expect(estimateSpeed(inputs({ engine: e, hardware: linked, devices: 4, split: 'layer' }), 64, 0).stepSeconds).toBeCloseTo(2 * 8e9 * 64 / 4e13, 12);
    expect(estimateSpeed(inputs({ engine: e, devices: 4, split: 'tensor' }), 64, 0).stepSeconds).toBeCloseTo(0.0064 + 0.0015, 12);
    // a prompt token sends its own: 2 x 32 x 4,096 x 2 x 1.5 / 32e9 = 24.576 us on top of
    // 16e9 / (4 x 4e13) = 100 us of compute: 1 / 124.576 us = 8,027.2 tokens/s
    const perToken = 16e9 / 1.6e14 + (2 * 32 * 4096 * 2 * 1.5) / 32e9;
    expect(prefillRate(inputs({ engine: e, hardware: linked, devices: 4, split: 'tensor' }), 0)).toBeCloseTo(1 / perToken, 9);
    expect(1 / perToken).toBeCloseTo(8027.2, 1);
    expect(estimateSpeed(inputs({ engine: e, hardware: linked, devices: 4, split: 'tensor' }), 1, 0).prefillTokensPerSecond).toBeCloseTo(1 / perToken, 9);
  });

  it('gives a mixture of experts its own tensor-parallel step time, the dense one where it has none', () => {
    // 40B total, 10B active, 8 experts of which 2 a token (expert params 40B, shared 0): batch 1 reads
    // 10B x 0.5 bytes = 5e9 bytes over 2 devices at 2 x 5e11 B/s = 0.005 s.
    const moe = { ...model8b, params: 40e9, activeParams: 10e9, experts: 8, expertsPerToken: 2 };
    const e = engine({ tensorParallelStepMs: { 'consumer-gpu': 1.5 }, moeTensorParallelStepMs: { 'consumer-gpu': 6 } });
    // MoE: 0.005 s + 6 ms = 0.011 s
    expect(estimateSpeed(inputs({ model: moe, engine: e, devices: 2, split: 'tensor' }), 1, 0).stepSeconds).toBeCloseTo(0.011, 12);
    // dense 8B: 4e9 / (2 x 5e11) = 0.004 s + 1.5 ms = 0.0055 s, whatever the MoE figure
    expect(estimateSpeed(inputs({ engine: e, devices: 2, split: 'tensor' }), 1, 0).stepSeconds).toBeCloseTo(0.0055, 12);
    // an engine without a MoE figure charges the MoE the dense one: 0.005 s + 1.5 ms = 0.0065 s
    const denseOnly = engine({ tensorParallelStepMs: { 'consumer-gpu': 1.5 } });
    expect(estimateSpeed(inputs({ model: moe, engine: denseOnly, devices: 2, split: 'tensor' }), 1, 0).stepSeconds).toBeCloseTo(0.0065, 12);
    // one device exchanges nothing: 5e9 / 5e11 = 0.01 s
    expect(estimateSpeed(inputs({ model: moe, engine: e }), 1, 0).stepSeconds).toBeCloseTo(0.01, 12);
  });

  it('keeps a share of the efficiency for a mixture of experts', () => {
    // 40B total, 10B active, 8 experts of which 2 a token: expert params (40 - 10) / (1 - 2/8) = 40B, shared 0.
    // Batch 1 reads the active 10B x 0.5 bytes = 5e9 bytes at 5e11 x 0.8 (MoE share) = 4e11 B/s: 0.0125 s.
    const moe = { ...model8b, params: 40e9, activeParams: 10e9, experts: 8, expertsPerToken: 2 };
    const e = engine({ moeDecodeEfficiency: { 'consumer-gpu': 0.8 } });
    expect(estimateSpeed(inputs({ model: moe, engine: e }), 1, 0).stepSeconds).toBeCloseTo(0.0125, 12);
    // a dense model is untouched by it: 4e9 / 5e11 = 0.008 s
    expect(estimateSpeed(inputs({ engine: e }), 1, 0).stepSeconds).toBeCloseTo(0.008, 12);
  });
});

describe('factors by hardware family', () => {
  it('take the family before the class', () => {
    const e = engine({ decodeEfficiency: { 'consumer-gpu': 0.5, ada: 0.7 } });
    const ada: Hardware = { ...card, family: 'ada' };
    expect(factorFor(e.decodeEfficiency, ada)).toBe(0.7);
    expect(factorFor(e.decodeEfficiency, { ...card, family: 'ampere' })).toBe(0.5);
    expect(factorFor(e.decodeEfficiency, card)).toBe(0.5);
    // 4e9 / (1e12 x 0.7) = 0.0057143 s
    expect(estimateSpeed(inputs({ engine: e, hardware: ada }), 1, 0).stepSeconds).toBeCloseTo(4e9 / 7e11, 12);
  });
});

describe('prefill', () => {
  it('counts attention over the prompt on top of the matrix products', () => {
    // 2 x 8e9 + 2 x 32 layers x 32 heads x 128 x 4,096 tokens = 16e9 + 1,073,741,824
    expect(prefillFlopsPerToken(model8b, 4096)).toBe(16e9 + 1_073_741_824);
    // at 100 TFLOPS x 0.4: 4e13 / 17,073,741,824 = 2,342.8 tokens/s
    expect(prefillRate(inputs(), 4096)).toBeCloseTo(4e13 / 17_073_741_824, 9);
  });

  it('runs FP8 checkpoints at the FP8 rate and W8A8 at the INT8 rate', () => {
    expect(computeFormatOf({ id: 'fp8' })).toBe('fp8');
    expect(computeFormatOf({ id: 'W8A8' })).toBe('int8');
    expect(computeFormatOf({ id: 'awq-int4' })).toBe('fp16');
    // 200 TFLOPS x 0.4 / 16e9 = 5,000 tokens/s; INT8: 400 x 0.4 / 16e9 = 10,000
    expect(prefillRate(inputs({ computeFormat: 'fp8' }), 0)).toBeCloseTo(5000, 9);
    expect(prefillRate(inputs({ computeFormat: 'int8' }), 0)).toBeCloseTo(10_000, 9);
    // a card with no FP8 figure computes FP8 at its FP16 rate: 4e13 / 16e9 = 2,500
    expect(prefillRate(inputs({ computeFormat: 'fp8', hardware: { ...card, fp8Tflops: undefined } }), 0)).toBeCloseTo(2500, 9);
  });

  it('runs NVFP4 at the FP4 rate where the device has one, else dequantised at the FP16 rate', () => {
    expect(computeFormatOf({ id: 'nvfp4' })).toBe('fp4');
    expect(computeFormatOf({ id: 'NVFP4' })).toBe('fp4');
    expect(computeFormatOf({ id: 'MXFP4' })).toBe('fp16');
    const e = engine({ quantisedPrefillFactor: { 'consumer-gpu': 0.8 } });
    const blackwell: Hardware = { ...card, fp4Tflops: 800 };
    // 800 TFLOPS x 0.4 / 16e9 = 20,000 tokens/s; W4A4 is no dequantising kernel: no 0.8 factor
    expect(prefillRate(inputs({ engine: e, hardware: blackwell, bitsPerWeight: 4.5, computeFormat: 'fp4' }), 0)).toBeCloseTo(20_000, 9);
    // no FP4 figure: FP16, not FP8 (200), and through the dequantising kernel: 100 x 0.4 x 0.8 / 16e9 = 2,000
    expect(prefillRate(inputs({ engine: e, bitsPerWeight: 4.5, computeFormat: 'fp4' }), 0)).toBeCloseTo(2000, 9);
  });

  it('counts attention over the tokens already in the cache too', () => {
    // 512 prompt tokens after 8,192 cached: each token attends on average to 8,192 + 256 earlier
    // tokens: 2 x 8e9 + 4 x 32 x 32 x 128 x 8,448 = 16e9 + 4,429,185,024 = 20,429,185,024 FLOPs
    expect(prefillFlopsPerToken(model8b, 512, 8192)).toBe(20_429_185_024);
    // 4e13 / 20,429,185,024 = 1,958.0 tokens/s
    expect(prefillRate(inputs(), 512, 8192)).toBeCloseTo(4e13 / 20_429_185_024, 9);
  });

  it('keeps the quantised-weights factor for weight-only formats and the MoE share for a mixture of experts', () => {
    const e = engine({ quantisedPrefillFactor: { 'consumer-gpu': 0.8 }, moePrefillEfficiency: { 'consumer-gpu': 0.75 } });
    // 4-bit weights computed in FP16: 100 TFLOPS x 0.4 x 0.8 / 16e9 = 2,000 tokens/s
    expect(prefillRate(inputs({ engine: e }), 0)).toBeCloseTo(2000, 9);
    // 16-bit weights are what the rate is measured on: 4e13 / 16e9 = 2,500
    expect(prefillRate(inputs({ engine: e, bitsPerWeight: 16 }), 0)).toBeCloseTo(2500, 9);
    // an FP8 checkpoint computes in FP8, not through a dequantising kernel: 200 x 0.4 / 16e9 = 5,000
    expect(prefillRate(inputs({ engine: e, bitsPerWeight: 8, computeFormat: 'fp8' }), 0)).toBeCloseTo(5000, 9);
    // a MoE at 16 bits, 10B active of 40B: 4e13 x 0.75 / (2 x 10e9) = 1,500 tokens/s; at 4 bits
    // both factors: 4e13 x 0.8 x 0.75 / 2e10 = 1,200
    const moe = { ...model8b, params: 40e9, activeParams: 10e9, experts: 8, expertsPerToken: 2 };
    expect(prefillRate(inputs({ engine: e, model: moe, bitsPerWeight: 16 }), 0)).toBeCloseTo(1500, 9);
    expect(prefillRate(inputs({ engine: e, model: moe }), 0)).toBeCloseTo(1200, 9);
    // the same kernels run a batched decode step's compute: batch 64 of the dense 4-bit model
    // computes 2 x 8e9 x 64 / (4e13 x 0.8) = 0.032 s against 4e9 / 5e11 = 0.008 s of memory
    const s = estimateSpeed(inputs({ engine: e }), 64, 0);
    expect(s.bound).toBe('compute');
    expect(s.stepSeconds).toBeCloseTo((2 * 8e9 * 64) / 3.2e13, 12);
    // the share of the tensor rate a report shows is the one reached: 0.4 x 0.8 = 0.32
    expect(s.prefillEfficiency).toBeCloseTo(0.32, 12);
  });
});

describe('prompt rates of CPUs and Apple GPUs, by family', () => {
  it('take the family’s own rate where the engine has one, else the class’s', () => {
    const e = engine({ cpuPrefillGflopsPerCore: { cpu: 90, 'x86-desktop': 120 }, applePrefillFlopsPerByte: 20 });
    const cpu: Hardware = { ...card, class: 'cpu', family: 'x86-desktop', fp16Tflops: undefined, fp8Tflops: undefined, int8Tops: undefined, cores: 16 };
    // 16 cores x 120 GFLOPS / (2 x 8e9 FLOPs a token) = 120 tokens/s
    expect(prefillRate(inputs({ engine: e, hardware: cpu }), 0)).toBeCloseTo((16 * 120e9) / 16e9, 9);
    // an Arm server has no rate of its own: the class's 90 GFLOPS a core, 90 tokens/s
    expect(prefillRate(inputs({ engine: e, hardware: { ...cpu, family: 'arm-server' } }), 0)).toBeCloseTo((16 * 90e9) / 16e9, 9);
    // one number for Apple GPUs: 1000 GB/s x 20 FLOPs a byte / 16e9 = 1,250 tokens/s
    const apple: Hardware = { ...card, class: 'apple', family: 'apple-m3', fp16Tflops: undefined, fp8Tflops: undefined, int8Tops: undefined };
    expect(prefillRate(inputs({ engine: e, hardware: apple }), 0)).toBeCloseTo((1e12 * 20) / 16e9, 9);
  });
});

describe('a server under load', () => {
  it('serves concurrent clients: their prompts take GPU time from every stream', () => {
    // 8 clients, 1,000-token prompts, 200-token replies. Prefill: 16e9 + 2 x 32 x 32 x 128 x 1,000
    // = 16,262,144,000 FLOPs a token -> 4e13 / that = 2,459.7 tokens/s; a prompt 0.4065536 s.
    const prefill = 1000 / (4e13 / 16_262_144_000);
    expect(prefill).toBeCloseTo(0.4065536, 9);
    // Decode at batch 8 over a context of 1,000 + 100 = 1,100 tokens: memory (4e9 + 8 x 1,100 x
    // 131,072) / 5e11 = (4e9 + 1,153,433,600) / 5e11 = 0.0103068672 s; compute 2 x 8e9 x 8 / 4e13
    // = 0.0032 s: memory binds.
    const step = (4e9 + 8 * 1100 * 131_072) / 5e11;
    const f = serveAt(inputs(), { concurrency: 8, promptTokens: 1000, outputTokens: 200 });
    expect(f.stepSeconds).toBeCloseTo(step, 12);
    // TTFT = prefill + one step; the request's life adds 199 more steps and 7 others' prompts.
    expect(f.ttftSeconds).toBeCloseTo(prefill + step, 12);
    const life = prefill + step + 199 * step + 7 * prefill;
    expect(f.requestSeconds).toBeCloseTo(life, 12);
    expect(f.tpotSeconds).toBeCloseTo((life - prefill - step) / 199, 12);
    // 8 x 200 tokens every `life` seconds: 1,600 / 5.31374 = 301.1 tokens/s
    expect(f.outputTokensPerSecond).toBeCloseTo(1600 / life, 9);
  });

  it('makes a prompt arriving at a request rate wait for the prompts ahead of it', () => {
    // 2 requests a second, 1,000-token prompts of 0.4065536 s each (above): the prefills keep the
    // GPU busy rho = 2 x 0.4065536 = 0.8131072 of the time; M/D/1 mean wait rho x s / (2 (1 - rho))
    // = 0.33057168 / 0.3737856 = 0.884388 s, added to the time to first token.
    const prefill = 0.4065536;
    const wait = (0.8131072 * prefill) / (2 * (1 - 0.8131072));
    expect(wait).toBeCloseTo(0.884388, 6);
    expect(promptQueueSeconds(2, prefill)).toBeCloseTo(wait, 12);
    const closed = serveAt(inputs(), { concurrency: 8, promptTokens: 1000, outputTokens: 200 });
    const open = serveAt(inputs(), { concurrency: 8, promptTokens: 1000, outputTokens: 200, requestRate: 2 });
    expect(open.ttftSeconds).toBeCloseTo(closed.ttftSeconds + wait, 12);
    // 3 a second need 1.22 s of prefill every second: the queue has no steady state
    expect(promptQueueSeconds(3, prefill)).toBe(Infinity);
  });

  it('keeps requests beyond what memory holds waiting for a slot: the wait is in their first token', () => {
    // 8 clients, 1,000-token prompts, 200-token replies, room for 4 at once: the engine serves 4 as
    // it would 4 clients. A request among 4 lives L4 = prefill + step + 199 steps + 3 others'
    // prompts; 4 slots finish a request every L4 / 4, so each of the 8 clients waits 8 x L4 / 4 =
    // 2 x L4 for its reply, L4 of it for a slot before its first token.
    const four = serveAt(inputs(), { concurrency: 4, promptTokens: 1000, outputTokens: 200 });
    const prefill = 0.4065536;
    const step = (4e9 + 4 * 1100 * 131_072) / 5e11;
    const life4 = prefill + step + 199 * step + 3 * prefill;
    expect(four.requestSeconds).toBeCloseTo(life4, 12);
    const f = serveWithSlots(inputs(), { concurrency: 8, promptTokens: 1000, outputTokens: 200 }, 4);
    expect(f.running).toBe(4);
    expect(f.requestSeconds).toBeCloseTo(2 * life4, 12);
    expect(f.ttftSeconds).toBeCloseTo(prefill + step + life4, 12);
    expect(f.outputTokensPerSecond).toBeCloseTo((4 * 200) / life4, 9);
    expect(f.tpotSeconds).toBeCloseTo(four.tpotSeconds, 12);
    // within the slots nothing waits
    expect(serveWithSlots(inputs(), { concurrency: 4, promptTokens: 1000, outputTokens: 200 }, 16)).toEqual({ ...four, running: 4 });
  });

  it('takes requests arriving at a rate: as many run as Little’s law says, and past what it keeps up with the queue has no end', () => {
    const load = { promptTokens: 1000, outputTokens: 200 };
    // Full, 16 slots: step (4e9 + 16 x 1,100 x 131,072) / 5e11 = 0.0126136 s (compute 2 x 8e9 x 16
    // / 4e13 = 0.0064 s is less); a request lives prefill + 200 steps + 15 others' prompts =
    // 16 x 0.4065536 + 200 x 0.0126136 = 9.0276 s: 16 / 9.0276 = 1.7724 requests a second; the
    // prompts alone would allow 1 / 0.4065536 = 2.4597.
    const prefill = 0.4065536;
    const step16 = (4e9 + 16 * 1100 * 131_072) / 5e11;
    const life16 = 16 * prefill + 200 * step16;
    expect(life16).toBeCloseTo(9.02759, 4);
    const over = serveAtRate(inputs(), { ...load, requestRate: 2 }, 16);
    expect(over.maxRequestRate).toBeCloseTo(16 / life16, 9);
    expect([over.overloaded, over.ttftSeconds, over.running]).toEqual([true, Infinity, 16]);
    // 1 a second keeps up: the running sequences n satisfy n = 1 x (a request's time at n), and the
    // first token waits for the prompts ahead (rho = 1 x 0.4065536).
    const f = serveAtRate(inputs(), { ...load, requestRate: 1 }, 16);
    expect(f.overloaded).toBe(false);
    const at = serveAt(inputs(), { ...load, concurrency: f.running });
    expect(f.running).toBeCloseTo(1 * at.requestSeconds, 5);
    expect(f.ttftSeconds).toBeCloseTo(at.ttftSeconds + (0.4065536 * prefill) / (2 * (1 - 0.4065536)), 9);
    expect(f.outputTokensPerSecond).toBe(200);
  });

  it('is one stream alone at concurrency 1: no one else prefills', () => {
    const f = serveAt(inputs(), { concurrency: 1, promptTokens: 0, outputTokens: 100 });
    // no prompt: 100 steps of 4e9 / 5e11... at a context of 50: (4e9 + 50 x 131,072) / 5e11
    const step = (4e9 + 50 * 131_072) / 5e11;
    expect(f.outputTokensPerSecond).toBeCloseTo(100 / (100 * step), 9);
  });
});
