// One instance of an offer, as estimate, vram, throughput and the wizard all build it.
import { describe, expect, it } from 'vitest';
import { instanceOf } from '../../src/catalogue/instance.js';
import type { Hardware } from '../../src/catalogue/types.js';

const spec = (over: Partial<Hardware>): Hardware => ({
  id: 'x', name: 'X', class: 'datacenter-gpu', memoryGib: 80, memoryBandwidthGbPerSecond: 2000, fp16Tflops: 300, int8Tops: undefined, watts: 400, cores: undefined,
  source: 'https://example.com', asOf: '2026-11-25', ...over,
});

describe('an offer as one instance', () => {
  it('keeps GPUs as separate devices, each with its share of the memory the offer states', () => {
    // 2 GPUs sold with 160 GiB between them: 80 GiB each; bandwidth and compute stay per device.
    const { hardware, devices } = instanceOf(spec({ memoryGib: 94 }), 2, 160);
    expect(devices).toBe(2);
    expect(hardware).toMatchObject({ memoryGib: 80, memoryBandwidthGbPerSecond: 2000, fp16Tflops: 300, watts: 400 });
    expect(instanceOf(spec({}), 4, undefined)).toMatchObject({ devices: 4, hardware: { memoryGib: 80 } });
  });

  it('pools a CPU offer’s vCPUs into one device with summed bandwidth, compute, power and cores', () => {
    // 8 vCPUs of 2 GiB, 5 GB/s, 0.1 TFLOPS, 10 W and 1 core each; the offer says 32 GiB of RAM.
    const cpu = spec({ class: 'cpu', memoryGib: 2, memoryBandwidthGbPerSecond: 5, fp16Tflops: 0.1, watts: 10, cores: 1 });
    const { hardware, devices } = instanceOf(cpu, 8, 32);
    expect(devices).toBe(1);
    expect(hardware.memoryGib).toBe(32);
    expect(hardware.memoryBandwidthGbPerSecond).toBe(8 * 5);
    expect(hardware.fp16Tflops).toBeCloseTo(8 * 0.1, 12);
    expect(hardware.watts).toBe(8 * 10);
    expect(hardware.cores).toBe(8);
    expect(instanceOf({ ...cpu, name: 'One vCPU (SMT thread) of an AMD EPYC' }, 8, 32).hardware.name).toBe('8 x vCPU (SMT thread) of an AMD EPYC');
    // No RAM stated: 8 x 2 GiB; no cores known: still unknown (not 0).
    expect(instanceOf({ ...cpu, cores: undefined }, 8, undefined).hardware).toMatchObject({ memoryGib: 16, cores: undefined });
  });
});
