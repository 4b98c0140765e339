// Hardware and quantisations public benchmarks use, through the CLI: NVFP4 at Blackwell's FP4 rate
// (and dequantised to 16 bits elsewhere), and a one-vCPU share of a cloud server socket.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const json = async (args: string[]) => {
  const run = await runCli([...args, '--format', 'json']);
  expect(run.errorLines).toEqual([]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
};

describe('nvfp4', () => {
  const base = ['throughput', '--model', 'llama-3.3-70b', '--engine', 'vllm'];

  it('computes prompts at the FP4 rate on a B200, with no dequantising factor', async () => {
    const r = await json([...base, '--quant', 'nvfp4', '--hardware', 'nvidia-b200']);
    // 4.5 bits on the 68.5B linear parameters, 16 on the 2 x 128,256 x 8,192 embedding and head
    // (norms at 16 are a rounding error): (68.5e9 x 4.5 + 2.10e9 x 16) / 70.6e9 = 4.84 bits a weight
    expect(r.quant).toMatchObject({ id: 'nvfp4', catalogue_bits_per_weight: 4.84, basis: 'tensor-groups' });
    expect(r.quant.bits_per_weight).toBeCloseTo(4.84, 2);
    // B200: 9,000 dense FP4 TFLOPS (hardware.yaml) x the engine's prompt share / (2 x 70.6e9 FLOPs a
    // token, at context 0 no attention term)
    expect(r.prefill_tokens_per_second).toBeCloseTo((9000e12 * r.engine.prefill_efficiency) / (2 * 70.6e9), 3);
    // W4A4 is not a weight-only format: the share is the one 16-bit weights get
    const f16 = await json([...base, '--quant', 'F16', '--hardware', 'nvidia-b200']);
    expect(r.engine.prefill_efficiency).toBe(f16.engine.prefill_efficiency);
  });

  it('falls back to the FP16 rate through a dequantising kernel where the GPU has no FP4 rate', async () => {
    const r = await json([...base, '--quant', 'nvfp4', '--hardware', 'nvidia-h100-sxm']);
    const awq = await json([...base, '--quant', 'awq-int4', '--hardware', 'nvidia-h100-sxm']);
    // the same share as another weight-only 4-bit format, on H100's 989 dense FP16 TFLOPS
    expect(r.engine.prefill_efficiency).toBe(awq.engine.prefill_efficiency);
    expect(r.prefill_tokens_per_second).toBeCloseTo((989e12 * r.engine.prefill_efficiency) / (2 * 70.6e9), 3);
  });
});

describe('one vCPU of a cloud socket', () => {
  it('is a hardware id throughput takes, with its share of the socket', async () => {
    const r = await json(['throughput', '--model', 'llama-3.2-3b', '--quant', 'Q8_0', '--hardware', 'aws-m7a-vcpu']);
    // Genoa's 460.8 GB/s over 96 cores, one core a vCPU on M7a
    expect(r.hardware).toMatchObject({ id: 'aws-m7a-vcpu', class: 'cpu', devices: 1, memory_bandwidth_gb_s: 4.8 });
    // a step reads the weights once at 4.8 GB/s x the fitted efficiency, plus the fitted step time
    // (fixed, and one sequence's)
    const bytes = (3.21e9 * r.quant.bits_per_weight) / 8;
    const stepSeconds = bytes / (4.8e9 * r.engine.decode_efficiency) + (r.engine.step_overhead_ms + r.engine.step_overhead_ms_per_sequence) / 1000;
    expect(r.decode_tokens_per_second).toBeCloseTo(1 / stepSeconds, 9);
  });

  it('is left out of vram with a line saying why, not dropped without a word', async () => {
    const run = await runCli(['vram', '--model', 'llama-3.2-3b', '--quant', 'Q8_0', '--gpu', 'aws-m7a-vcpu', '--gpu', 'apple-m5-max', '--format', 'json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.fits.map((f: { hardware: string }) => f.hardware)).toEqual(['apple-m5-max']);
    expect(r.warnings).toContain(
      'aws-m7a-vcpu is left out: one vCPU has no memory of its own (its instance brings the RAM); name an offer of it, or inline hardware {spec: aws-m7a-vcpu, count, memory_gib} in a scenario',
    );
  });

  it('says what the ids near a mistyped one are', async () => {
    const run = await runCli(['throughput', '--model', 'llama-3.2-3b', '--quant', 'Q8_0', '--hardware', 'aws-m7a-vpcu']);
    expect(run.code).toBe(2);
    expect(run.errorLines[0]).toContain("unknown hardware 'aws-m7a-vpcu'");
    expect(run.errorLines.join('\n')).toContain('aws-m7a-vcpu');
  });
});
