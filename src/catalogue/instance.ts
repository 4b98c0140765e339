// What one instance of an offer is: its hardware and how many devices. Shared by estimate, vram,
// throughput and the wizard, so that an offer means the same machine everywhere. Pure.

import type { Hardware } from './types.js';

/**
 * GPUs in a box stay separate devices (tensor parallel), each with its share of the offer's memory
 * when it states one. A CPU offer's vCPUs share one memory: they pool into one device with their
 * summed bandwidth, compute, power and cores, and the offer's RAM.
 */
export function instanceOf(spec: Hardware, count: number, memoryGib: number | undefined): { hardware: Hardware; devices: number } {
  // An offer's own memory figure replaces the spec's, and with it the runtime's usable figure.
  if (spec.class !== 'cpu') return { hardware: memoryGib === undefined ? spec : { ...spec, memoryGib: memoryGib / count, usableMemoryGib: undefined }, devices: count };
  return {
    hardware: {
      ...spec,
      // "One vCPU of ..." no longer describes 8 of them pooled.
      name: count === 1 ? spec.name : `${count} x ${spec.name.replace(/^One /, '')}`,
      memoryGib: memoryGib ?? spec.memoryGib * count,
      usableMemoryGib: undefined,
      memoryBandwidthGbPerSecond: spec.memoryBandwidthGbPerSecond * count,
      fp16Tflops: spec.fp16Tflops === undefined ? undefined : spec.fp16Tflops * count,
      watts: spec.watts === undefined ? undefined : spec.watts * count,
      cores: spec.cores === undefined ? undefined : spec.cores * count,
    },
    devices: 1,
  };
}
