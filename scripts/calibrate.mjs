// Fits the engines' decode and prefill factors (pricing/engines.yaml) to the published measurements
// in test/fixtures/measurements/decode.yaml, and prints how well they then predict.
// Decode: a step takes bytes / (bandwidth x efficiency) + a fixed overhead. For each engine and
// hardware class, every overhead on a grid is tried, the efficiency set to the median that
// overhead leaves, and the pair kept that predicts the most rows within 25% (ties: the smaller
// median error). Prefill: efficiency = median of measured / ideal (compute-bound) tokens/s.
// Rows marked `calibrate: false` in the fixture (known outliers) are reported but not fitted.
// With --bands, the leave-one-out predictions (decode rows at batch 1: kind decode; at a larger
// batch: aggregate; prefill rows: prefill) become the accuracy bands of pricing/accuracy.yaml.
// Usage: node scripts/calibrate.mjs [--rows] [--bands]
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', '.calibrate.mjs');
await build({
  stdin: {
    contents: "export { compileSelfHostFromSources } from './src/catalogue/sources.ts'; export { estimateSpeed } from './src/engine/speed.ts'; export { accuracyYaml, bandsFrom } from './src/validation/bands.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning', external: ['@pydantic/genai-prices', 'yaml'],
});
const { accuracyYaml, bandsFrom, compileSelfHostFromSources, estimateSpeed } = await import(pathToFileURL(bundle).href);
rmSync(bundle);

const catalogue = compileSelfHostFromSources(root);
const rows = parse(readFileSync(join(root, 'test/fixtures/measurements/decode.yaml'), 'utf8'));
const find = (list, id) => list.find((x) => x.id === id || (x.aliases ?? []).some((a) => a.toLowerCase() === String(id).toLowerCase()) || x.id.toLowerCase() === String(id).toLowerCase());
const ENGINE_OF = { ollama: 'llama.cpp' };
const ideal = { id: 'ideal', aliases: [], memoryOverheadGib: 0, reservesFraction: undefined, decodeEfficiency: {}, prefillEfficiency: {}, stepOverheadMs: {}, source: '', asOf: '' };
for (const cls of ['datacenter-gpu', 'consumer-gpu', 'apple', 'cpu']) { ideal.decodeEfficiency[cls] = 1; ideal.prefillEfficiency[cls] = 1; }

const samples = [];
const skipped = [];
const rates = [];
for (const row of rows) {
  const model = find(catalogue.models, row.model);
  const quant = find(catalogue.weightQuants, row.quant);
  const hardware = find(catalogue.hardware, row.hardware);
  if (!model || !quant || !hardware) { skipped.push(`${row.model} ${row.quant} ${row.hardware}: ${!model ? 'model' : !quant ? 'quant' : 'hardware'} not in the catalogue`); continue; }
  const devices = row.gpus ?? 1;
  const inputs = { model, bitsPerWeight: quant.bitsPerWeight, kvBytesPerElement: 2, hardware, devices, engine: ideal };
  const batch = row.batch ?? 1;
  const speed = estimateSpeed(inputs, batch, row.context ?? 0);
  // vLLM-style rows give time per output token; prefer it (the throughput figure includes the prompt).
  const measured = row.tpot_ms ? (1000 / row.tpot_ms) * batch : row.decode_tokens_per_second;
  const engine = ENGINE_OF[row.engine] ?? row.engine;
  // Seconds a step takes at full efficiency and no overhead, and as measured.
  if (measured) samples.push({ kind: 'decode', engine, cls: hardware.class, ratio: measured / speed.decodeTokensPerSecond, row, predictedIdeal: speed.decodeTokensPerSecond, measured, idealStep: speed.stepSeconds, measuredStep: batch / measured, fit: row.calibrate !== false });
  // CPUs and Apple GPUs have no rated FP16: fit the compute they achieve per core, or per byte/s of
  // bandwidth, directly (FLOPs a prompt token = 2 x active parameters).
  if (row.prefill_tokens_per_second && !hardware.fp16Tflops && (hardware.class === 'cpu' ? hardware.cores : hardware.class === 'apple')) {
    const flops = row.prefill_tokens_per_second * 2 * model.activeParams;
    const rate = hardware.class === 'cpu' ? flops / hardware.cores / 1e9 : flops / (hardware.memoryBandwidthGbPerSecond * 1e9);
    rates.push({ engine, cls: hardware.class, rate, row });
  }
  if (row.prefill_tokens_per_second && speed.prefillTokensPerSecond) {
    samples.push({ kind: 'prefill', engine, cls: hardware.class, ratio: row.prefill_tokens_per_second / speed.prefillTokensPerSecond, row, predictedIdeal: speed.prefillTokensPerSecond, measured: row.prefill_tokens_per_second });
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const groups = new Map();
for (const s of samples) { const k = `${s.kind} ${s.engine} ${s.cls}`; groups.set(k, [...(groups.get(k) ?? []), s]); }
const OVERHEADS_MS = Array.from({ length: 201 }, (_, i) => i * 0.1);
// No engine moves more than 90% of a device's rated bandwidth; a group too small to separate an
// overhead from an efficiency (under 5 rows) gets an efficiency alone.
const MAX_EFFICIENCY = 0.9;
const MIN_ROWS_FOR_OVERHEAD = 5;
const fits = new Map();
const predict = (s, fit) => (s.kind === 'prefill' ? s.predictedIdeal * fit.efficiency : (s.row.batch ?? 1) / (s.idealStep / fit.efficiency + fit.overheadMs / 1000));
const errorOf = (s, fit) => predict(s, fit) / s.measured - 1;
function fitGroup(used) {
  let best;
  for (const overheadMs of used[0].kind === 'prefill' || used.length < MIN_ROWS_FOR_OVERHEAD ? [0] : OVERHEADS_MS) {
    const effs = used.map((s) => (s.kind === 'prefill' ? s.ratio : s.idealStep / (s.measuredStep - overheadMs / 1000))).filter((e) => e > 0);
    if (effs.length < used.length) continue;
    const fit = { efficiency: Math.min(MAX_EFFICIENCY, median(effs)), overheadMs };
    const within = used.filter((s) => Math.abs(errorOf(s, fit)) <= 0.25).length;
    const spread = median(used.map((s) => Math.abs(errorOf(s, fit))));
    if (!best || within > best.within || (within === best.within && spread < best.spread)) best = { ...fit, within, spread };
  }
  return best;
}
console.log('fitted factors by kind, engine and hardware class:');
for (const [k, list] of [...groups].sort()) {
  const used = list.filter((s) => s.fit !== false);
  const best = fitGroup(used);
  fits.set(k, best);
  console.log(`  ${k.padEnd(36)} efficiency ${best.efficiency.toFixed(3)}${list[0].kind === 'decode' ? `, step overhead ${best.overheadMs.toFixed(1)} ms` : ''}  (${used.length} rows, ${best.within} within 25%)`);
}
const decode = samples.filter((s) => s.kind === 'decode' && s.fit !== false);
const ok = decode.filter((s) => Math.abs(errorOf(s, fits.get(`decode ${s.engine} ${s.cls}`))) <= 0.25).length;
console.log(`decode within 25%: ${ok} of ${decode.length} (${((100 * ok) / decode.length).toFixed(0)}%)`);
// Leave-one-out: each row predicted by factors fitted without it (an honest out-of-sample figure).
let held = 0;
let heldOk = 0;
for (const s of decode) {
  const others = groups.get(`decode ${s.engine} ${s.cls}`).filter((x) => x !== s && x.fit !== false);
  if (others.length === 0) continue;
  held++;
  if (Math.abs(errorOf(s, fitGroup(others))) <= 0.25) heldOk++;
}
console.log(`decode within 25%, leave-one-out: ${heldOk} of ${held} (${((100 * heldOk) / held).toFixed(0)}%)`);
if (process.argv.includes('--bands')) {
  // Every fitted row predicted by factors fitted without it: the errors a user's figure can expect.
  const heldOut = [];
  for (const s of samples.filter((x) => x.fit !== false)) {
    const others = groups.get(`${s.kind} ${s.engine} ${s.cls}`).filter((x) => x !== s && x.fit !== false);
    if (others.length === 0) continue;
    const kind = s.kind === 'prefill' ? 'prefill' : (s.row.batch ?? 1) > 1 ? 'aggregate' : 'decode';
    heldOut.push({ kind, engine: s.engine, hardwareClass: s.cls, predicted: predict(s, fitGroup(others)), measured: s.measured });
  }
  const file = join(root, 'pricing', 'accuracy.yaml');
  writeFileSync(file, accuracyYaml(bandsFrom(heldOut), new Date().toISOString().slice(0, 10), 'test/fixtures/measurements/ (every row carries its own URL)'));
  console.log(`wrote ${file}: bands from ${heldOut.length} leave-one-out predictions`);
}
if (process.argv.includes('--rows')) {
  for (const s of samples) {
    const fit = fits.get(`${s.kind} ${s.engine} ${s.cls}`);
    console.log(`  ${s.kind} ${s.row.model} ${s.row.quant} ${s.row.hardware} ${s.engine} b${s.row.batch ?? 1}${s.fit === false ? ' (not fitted)' : ''}: measured ${s.measured.toFixed(1)} predicted ${predict(s, fit).toFixed(1)} (${(errorOf(s, fit) * 100).toFixed(0)}%)`);
  }
}
for (const cls of ['cpu', 'apple']) {
  for (const engine of [...new Set(rates.filter((r) => r.cls === cls).map((r) => r.engine))]) {
    const list = rates.filter((r) => r.cls === cls && r.engine === engine);
    const m = median(list.map((r) => r.rate));
    const within = list.filter((r) => Math.abs(m / r.rate - 1) <= 0.25).length;
    const what = cls === 'cpu' ? 'cpu_prefill_gflops_per_core' : 'apple_prefill_flops_per_byte';
    console.log(`  prefill ${engine} ${cls}: ${what} ${m.toFixed(cls === 'cpu' ? 1 : 4)}  (${list.length} rows, ${within} within 25%)`);
  }
}
if (skipped.length) console.log(`skipped ${skipped.length} rows:\n  ${[...new Set(skipped)].join('\n  ')}`);
