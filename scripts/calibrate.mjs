// Fits the engines' decode and prefill efficiency factors (pricing/engines.yaml) to the published
// measurements in test/fixtures/measurements/decode.yaml, and prints how well they then predict.
// Efficiency = measured tokens/s / the ideal (bandwidth-bound decode, compute-bound prefill) the
// engine code computes with efficiency 1. The factor per engine and hardware class is the median.
// Usage: node scripts/calibrate.mjs [--rows]
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', '.calibrate.mjs');
await build({
  stdin: {
    contents: "export { compileSelfHostFromSources } from './src/catalogue/sources.ts'; export { estimateSpeed } from './src/engine/speed.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning', external: ['@pydantic/genai-prices', 'yaml'],
});
const { compileSelfHostFromSources, estimateSpeed } = await import(pathToFileURL(bundle).href);
rmSync(bundle);

const catalogue = compileSelfHostFromSources(root);
const rows = parse(readFileSync(join(root, 'test/fixtures/measurements/decode.yaml'), 'utf8'));
const find = (list, id) => list.find((x) => x.id === id || (x.aliases ?? []).some((a) => a.toLowerCase() === String(id).toLowerCase()) || x.id.toLowerCase() === String(id).toLowerCase());
const ENGINE_OF = { ollama: 'llama.cpp' };
const ideal = { id: 'ideal', aliases: [], memoryOverheadGib: 0, reservesFraction: undefined, decodeEfficiency: {}, prefillEfficiency: {}, source: '', asOf: '' };
for (const cls of ['datacenter-gpu', 'consumer-gpu', 'apple', 'cpu']) { ideal.decodeEfficiency[cls] = 1; ideal.prefillEfficiency[cls] = 1; }

const samples = [];
const skipped = [];
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
  if (measured) samples.push({ kind: 'decode', engine, cls: hardware.class, ratio: measured / speed.decodeTokensPerSecond, row, predictedIdeal: speed.decodeTokensPerSecond, measured });
  if (row.prefill_tokens_per_second && speed.prefillTokensPerSecond) {
    samples.push({ kind: 'prefill', engine, cls: hardware.class, ratio: row.prefill_tokens_per_second / speed.prefillTokensPerSecond, row, predictedIdeal: speed.prefillTokensPerSecond, measured: row.prefill_tokens_per_second });
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const groups = new Map();
for (const s of samples) { const k = `${s.kind} ${s.engine} ${s.cls}`; groups.set(k, [...(groups.get(k) ?? []), s]); }
console.log('factor (median of measured / ideal), by kind, engine and hardware class:');
const factors = new Map();
for (const [k, list] of [...groups].sort()) {
  const f = median(list.map((s) => s.ratio));
  factors.set(k, f);
  const within = list.filter((s) => Math.abs(s.ratio / f - 1) <= 0.25).length;
  console.log(`  ${k.padEnd(40)} ${f.toFixed(3)}  (${list.length} rows, ${within} within 25% after fitting)`);
}
const decode = samples.filter((s) => s.kind === 'decode');
const ok = decode.filter((s) => Math.abs(s.ratio / factors.get(`decode ${s.engine} ${s.cls}`) - 1) <= 0.25).length;
console.log(`decode within 25%: ${ok} of ${decode.length} (${((100 * ok) / decode.length).toFixed(0)}%)`);
if (process.argv.includes('--rows')) {
  for (const s of samples) {
    const f = factors.get(`${s.kind} ${s.engine} ${s.cls}`);
    console.log(`  ${s.kind} ${s.row.model} ${s.row.quant} ${s.row.hardware} ${s.engine} b${s.row.batch ?? 1}: measured ${s.measured.toFixed(1)} predicted ${(s.predictedIdeal * f).toFixed(1)} (${((s.ratio / f - 1) * 100).toFixed(0)}%)`);
  }
}
if (skipped.length) console.log(`skipped ${skipped.length} rows:\n  ${[...new Set(skipped)].join('\n  ')}`);
