// The engines' memory-share settings (flags and scenario keys), each valid with its own engine
// only, and TensorRT-LLM's fp8 KV cache default, through the CLI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const GIB = 2 ** 30;
const vram = (...extra: string[]) => runCli(['vram', '--model', 'llama-3.1-8b', '--quant', 'F16', '--gpu', 'nvidia-h100-sxm', ...extra]);

describe('memory-share flags', () => {
  it('--gpu-memory-utilization sets vLLM’s share of the runtime’s 79.22 GiB of an 80 GB H100', async () => {
    const run = await vram('--engine', 'vllm', '--gpu-memory-utilization', '0.5', '--format', 'json');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.engine).toMatchObject({ id: 'vllm', reserves_fraction: 0.5, memory_fraction_key: 'gpu_memory_utilization', memory_basis: 'fitted' });
    expect(r.fits[0]).toMatchObject({ hardware: 'nvidia-h100-sxm', usable_memory_gib: 79.22, devices: 1 });
    // 79.22 GiB x 0.5 on one device
    expect(r.fits[0].usable_bytes).toBeCloseTo(79.22 * GIB * 0.5, 0);
    // the default is 0.9
    const plain = JSON.parse((await vram('--engine', 'vllm', '--format', 'json')).stdout);
    expect(plain.fits[0].usable_bytes).toBeCloseTo(79.22 * GIB * 0.9, 0);
  });

  it('accepts a percentage', async () => {
    const r = JSON.parse((await vram('--engine', 'vllm', '--gpu-memory-utilization', '80%', '--format', 'json')).stdout);
    expect(r.engine.reserves_fraction).toBe(0.8);
  });

  it('refuses a share outside 0 < x <= 1, and a setting of another engine, naming the right one', async () => {
    const cases: [string[], string][] = [
      [['--engine', 'vllm', '--gpu-memory-utilization', '0'], "llm-tco: command line: --gpu-memory-utilization: must be a share above 0 and at most 1, got '0' (e.g. 0.9 or 90%)"],
      [['--engine', 'vllm', '--gpu-memory-utilization', '1.5'], "llm-tco: command line: --gpu-memory-utilization: must be a share above 0 and at most 1, got '1.5' (e.g. 0.9 or 90%)"],
      [['--engine', 'sglang', '--gpu-memory-utilization', '0.8'], "llm-tco: command line: --gpu-memory-utilization: is vllm's setting, and the engine here is sglang (sglang's is --mem-fraction-static)"],
      [['--engine', 'vllm', '--mem-fraction-static', '0.8'], "llm-tco: command line: --mem-fraction-static: is sglang's setting, and the engine here is vllm (vllm's is --gpu-memory-utilization)"],
      [['--engine', 'llama.cpp', '--kv-cache-free-gpu-mem-fraction', '0.8'],
        "llm-tco: command line: --kv-cache-free-gpu-mem-fraction: is tensorrt-llm's setting, and the engine here is llama.cpp (llama.cpp reserves no share of memory up front: leave it out)"],
    ];
    for (const [flags, line] of cases) {
      const run = await vram(...flags);
      expect(run.code).toBe(2);
      expect(run.errorLines).toEqual([line]);
    }
  });
});

describe('TensorRT-LLM', () => {
  it('uses an fp8 KV cache with fp8 weights unless --kv-type says otherwise, and says so', async () => {
    const fp8 = JSON.parse((await runCli(['vram', '--model', 'llama-3.1-70b', '--quant', 'fp8', '--engine', 'tensorrt-llm', '--gpu', 'nvidia-h100-sxm', '--format', 'json'])).stdout);
    expect(fp8.kv_type).toEqual({ id: 'fp8', bytes_per_element: 1 });
    expect(fp8.warnings).toContain("KV cache fp8: tensorrt-llm's default with fp8 weights (give --kv-type to change)");
    // 2 x 80 layers x 8 KV heads x 128 x 1 byte x 8,192 tokens
    expect(fp8.kv_cache_bytes).toBe(2 * 80 * 8 * 128 * 1 * 8192);
    const f16 = JSON.parse((await runCli(['vram', '--model', 'llama-3.1-70b', '--quant', 'fp8', '--engine', 'tensorrt-llm', '--kv-type', 'f16', '--gpu', 'nvidia-h100-sxm', '--format', 'json'])).stdout);
    expect(f16.kv_type.id).toBe('f16');
    const vllm = JSON.parse((await runCli(['vram', '--model', 'llama-3.1-70b', '--quant', 'fp8', '--engine', 'vllm', '--gpu', 'nvidia-h100-sxm', '--format', 'json'])).stdout);
    expect(vllm.kv_type.id).toBe('f16');
  });
});

describe('scenario keys', () => {
  const scenario = (selfHost: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-mem-'));
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, [
      'name: memory share',
      'traffic: {users: 1000, sessions_per_user: 4, requests_per_session: 5}',
      'workload: {kind: chat, system_prompt: 0, input: 400, output: 300, history: none}',
      'options:',
      '  - self_host:',
      '      model: llama-3.1-8b',
      '      quant: F16',
      '      hardware: {spec: nvidia-h100-sxm, hourly: 2}',
      selfHost,
      '',
    ].join('\n'));
    return file;
  };

  it('gpu_memory_utilization under an sglang option is refused at its line, naming sglang’s key', async () => {
    const file = scenario('      engine: sglang\n      gpu_memory_utilization: 0.8');
    const run = await runCli(['estimate', file]);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual([
      `llm-tco: ${file}:10:7: options[0].self_host.gpu_memory_utilization: gpu_memory_utilization is vllm's setting, and this option runs sglang (sglang's memory share is mem_fraction_static)`,
    ]);
  });

  it('a share of 0 is refused', async () => {
    const run = await runCli(['estimate', scenario('      engine: vllm\n      gpu_memory_utilization: 0')]);
    expect(run.code).toBe(2);
    expect(run.errorLines[0]).toMatch(/options\[0\]\.self_host\.gpu_memory_utilization: must be above 0 and at most 1, got 0/);
  });

  it('--gpu-memory-utilization on estimate sets every self-hosted option’s share', async () => {
    const file = scenario('      engine: vllm');
    const plain = await runCli(['estimate', file, '--format', 'json']);
    const half = await runCli(['estimate', file, '--format', 'json', '--gpu-memory-utilization', '0.5']);
    expect(plain.code).toBe(0);
    expect(half.code).toBe(0);
    const option = (json: string) => JSON.parse(json).options[0];
    expect(option(half.stdout)).not.toEqual(option(plain.stdout));
    const wrong = await runCli(['estimate', file, '--mem-fraction-static', '0.5']);
    expect(wrong.code).toBe(2);
    expect(wrong.errorLines[0]).toContain("mem_fraction_static is sglang's setting, and this option runs vllm");
  });
});

describe('shape fields of a model no catalogue has', () => {
  const inline = ['vram', '--params', '7.61B', '--layers', '28', '--heads', '28', '--kv-heads', '4', '--head-dim', '128', '--quant', 'awq-int4', '--gpu', 'nvidia-rtx-4090', '--format', 'json'];

  it('without them: the quant’s whole-model bits, and a warning that says so', async () => {
    const r = JSON.parse((await runCli(inline)).stdout);
    expect(r.quant.basis).toBe('whole-model');
    expect(r.weights_bytes).toBeCloseTo((7.61e9 * 4.156) / 8, 0);
    expect(r.warnings[0]).toMatch(/^inline model has no vocab_size \/ tie_word_embeddings \/ intermediate_size: its weights use awq-int4's whole-model 4.156 bits a weight/);
  });

  it('with --vocab-size, --tie-word-embeddings and --intermediate-size: 16-bit embeddings and head', async () => {
    const r = JSON.parse((await runCli([...inline, '--vocab-size', '152064', '--tie-word-embeddings', 'false', '--intermediate-size', '18944'])).stdout);
    expect(r.quant.basis).toBe('tensor-groups');
    // embeddings and head: 152,064 x 3,584 parameters each at 16 bits
    expect(r.weights_groups.find((g: { group: string }) => g.group === 'output')).toEqual({ group: 'output', params: 152064 * 3584, bytes: 152064 * 3584 * 2 });
    expect(r.warnings).toEqual([]);
  });

  it('refuses a --tie-word-embeddings that is not true or false', async () => {
    const run = await runCli([...inline, '--tie-word-embeddings', 'maybe']);
    expect(run.code).toBe(2);
    expect(run.errorLines).toEqual(["llm-tco: command line: --tie-word-embeddings: must be true or false, got 'maybe'"]);
  });
});
