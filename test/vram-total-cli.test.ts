// `vram` prints the total memory the validation compares with published figures
// (test/fixtures/measurements/memory.yaml): one MLX row, by hand.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const GIB = 2 ** 30;

describe('vram total memory against a published figure', () => {
  it('Qwen3-4B at 4 bits on MLX, 2,048 + 128 tokens: the total the mlx-lm benchmark table is checked against', async () => {
    const run = await runCli(['vram', '--model', 'qwen3-4b', '--quant', 'mlx-4bit', '--engine', 'mlx', '--context', '2176', '--gpu', 'apple-m4-max', '--format', 'json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    const weights = (4.0e9 * 4.5) / 8; // 4.0B parameters x 4.5 bits (4-bit codes + a 16-bit scale and bias per 64)
    const kv = 2 * 36 * 8 * 128 * 2 * 2176; // K and V x 36 layers x 8 KV heads x 128 dims x 2 bytes x 2,176 tokens
    const engine = 0.5 * GIB; // MLX's flat allowance (pricing/engines.yaml)
    expect(r.weights_bytes).toBe(weights);
    expect(r.kv_cache_bytes).toBe(kv);
    expect(r.total_bytes).toBe(weights + kv + engine); // 3,107,735,168 bytes
    // mlx-lm BENCHMARKS.md (M4 Max, mlx-lm 0.28.2): q4 peak memory 3.35 GB; within the 10% goal.
    expect(Math.abs(r.total_bytes / 3.35e9 - 1)).toBeLessThanOrEqual(0.1);
  });
});
