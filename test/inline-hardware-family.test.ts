// Inline hardware that borrows a catalogue part's specs (spec:) keeps its family and FP8 rate only
// while the inline figures do not redefine the part; without a spec it has no family (the class decides).
import { describe, expect, it } from 'vitest';
import { loadCatalogue, loadSelfHostCatalogue } from '../src/catalogue/load.js';
import { parseScenario } from '../src/scenario/parse.js';
import { resolveScenario } from '../src/scenario/resolve.js';

const yaml = (hardware: string) => `traffic: {requests_per_month: 1000}
workload: {kind: chat, input: 100, output: 100, history: none}
options:
  - name: server
    self_host: {hardware: ${hardware}, tokens_per_second: 100}`;

async function spec(hardware: string) {
  const scenario = parseScenario(yaml(hardware), { file: 't.yaml' });
  const context = { catalogue: await loadCatalogue({ providers: [] }), currency: 'USD', today: '2026-11-25', selfHost: await loadSelfHostCatalogue() };
  return resolveScenario(scenario, context).deployments[0]!.hardware.spec!;
}

describe('inline hardware family and FP8', () => {
  it('takes them from its spec', async () => {
    const h = await spec('{spec: nvidia-h100-sxm, monthly: 2000}');
    expect([h.family, h.fp16Tflops, h.fp8Tflops]).toEqual(['hopper', 989, 1979]);
  });

  it('drops the FP8 rate when fp16_tflops is given, and the family when the class changes', async () => {
    const faster = await spec('{spec: nvidia-h100-sxm, monthly: 2000, fp16_tflops: 500}');
    expect([faster.family, faster.fp16Tflops, faster.fp8Tflops]).toEqual(['hopper', 500, undefined]);
    const other = await spec('{spec: nvidia-h100-sxm, monthly: 2000, class: consumer-gpu}');
    expect([other.class, other.family, other.fp8Tflops]).toEqual(['consumer-gpu', undefined, 1979]);
  });

  it('has none without a spec: the class alone describes it', async () => {
    const h = await spec('{name: box, monthly: 300, memory_gib: 24, memory_bandwidth_gb_s: 1000, class: consumer-gpu}');
    expect([h.class, h.family, h.fp8Tflops]).toEqual(['consumer-gpu', undefined, undefined]);
  });
});
