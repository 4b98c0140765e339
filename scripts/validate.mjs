// Fits the speed model's factors to the published measurements in test/fixtures/measurements/ and
// reports how well it predicts rows it was not fitted on (leave-one-out), per kind and hardware
// class: the table in docs/accuracy.md.
// Usage: node scripts/validate.mjs [--rows] [--write]
//   --rows   every row: measured, predicted (leave-one-out), error
//   --write  write the fitted factors into pricing/engines.yaml, the table into docs/accuracy.md and
//            its summary into the README's Accuracy section
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, parseDocument } from 'yaml';
import { ACCURACY_PAGE, replaceAccuracyBlock, SUMMARY_BEGIN, SUMMARY_END, SUMMARY_PAGE } from './accuracy-block.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', `.validate-${process.pid}.mjs`);
await build({
  stdin: {
    contents: [
      "export { compileSelfHostFromSources } from './src/catalogue/sources.ts';",
      "export { CURRENT_BUILDS_FROM, speedSamples } from './src/validation/speed-rows.ts';",
      "export { crossValidate, fitAll, predictAll, TOLERANCE } from './src/validation/fit.ts';",
      "export { accuracyYaml, bandsFrom } from './src/validation/bands.ts';",
      "export { memoryValidationSamples } from './src/validation/memory.ts';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning', external: ['@pydantic/genai-prices', 'yaml'],
});
const lib = await import(pathToFileURL(bundle).href);
rmSync(bundle);

const catalogue = lib.compileSelfHostFromSources(root);
const dir = join(root, 'test/fixtures/measurements');
const files = readdirSync(dir).filter((f) => f === 'decode.yaml' || f.startsWith('serving-')).sort();
const rows = files.flatMap((f) => parse(readFileSync(join(dir, f), 'utf8')) ?? []);
const { samples, skipped } = lib.speedSamples(rows, catalogue);
const engines = new Map(catalogue.engines.map((e) => [e.id, e]));
let t0 = Date.now();
const fit = lib.fitAll(samples, engines);
console.error(`fit ${Date.now() - t0} ms`);
const inSample = lib.predictAll(samples.filter((s) => s.fit), fit, engines);
t0 = Date.now();
const loo = process.argv.includes('--no-loo') ? inSample : lib.crossValidate(samples, engines);
console.error(`loo ${Date.now() - t0} ms`);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const pct = (x) => `${Math.round(x * 100)}%`;
// A share as a goal is read against it: rounded down, so 84.9% never shows as 85%.
const share = (n, of) => `${Math.floor((1000 * n) / of) / 10}%`;
const KINDS = ['decode', 'aggregate', 'prefill', 'ttft', 'tpot'];
const CLASSES = ['datacenter-gpu', 'consumer-gpu', 'apple', 'cpu'];
function table(preds) {
  const lines = ['| kind | hardware | rows | median error | within goal |', '|---|---|--:|--:|--:|'];
  for (const kind of KINDS) {
    const tol = lib.TOLERANCE[kind];
    const groups = [...CLASSES.map((c) => [c, preds.filter((p) => p.sample.kind === kind && p.sample.hardware.class === c)]), ['all', preds.filter((p) => p.sample.kind === kind)]];
    for (const [cls, list] of groups) {
      if (list.length === 0) continue;
      const inside = list.filter((p) => Math.abs(p.error) <= tol).length;
      lines.push(`| ${cls === 'all' ? `**${kind}**` : kind} | ${cls === 'all' ? `**all**` : cls} | ${list.length} | ${pct(median(list.map((p) => Math.abs(p.error))))} | ${share(inside, list.length)} (±${Math.round(tol * 100)}%) |`);
    }
  }
  return lines.join('\n');
}
const superseded = samples.filter((s) => s.superseded);
console.log(`${rows.length} rows in ${files.join(', ')}; ${samples.length} figures the catalogue can describe (${samples.filter((s) => !s.fit).length} not fitted: ${superseded.length} of builds before ${lib.CURRENT_BUILDS_FROM}); ${skipped.length} left out.\n`);
console.log('Cross-validated (each row predicted by factors fitted without it, 10 folds):\n');
console.log(table(loo));
console.log('\nIn sample (the factors in pricing/engines.yaml):\n');
console.log(table(inSample));
// Builds from before CURRENT_BUILDS_FROM, against the factors fitted to current ones: reported, not counted.
const supersededPreds = lib.predictAll(superseded, fit, engines);
const supersededLine = `Figures of builds before ${lib.CURRENT_BUILDS_FROM} (kept, not fitted or counted), against these factors: ${KINDS.flatMap((kind) => {
  const list = supersededPreds.filter((p) => p.sample.kind === kind);
  return list.length === 0 ? [] : [`${kind} ${list.filter((p) => Math.abs(p.error) <= lib.TOLERANCE[kind]).length} of ${list.length} within`];
}).join(', ')}.`;
console.log(`\n${supersededLine}`);
console.log('\nFitted factors:');
for (const [k, f] of [...fit.factors].sort()) console.log(`  ${k.padEnd(28)} ${Object.entries(f).map(([n, v]) => `${n} ${+v.toPrecision(3)}`).join(', ')}`);
for (const [k, f] of [...fit.families].sort()) console.log(`  ${k.padEnd(40)} ${Object.entries(f).map(([n, v]) => `${n} ${+v.toPrecision(3)}`).join(', ')}`);
if (process.argv.includes('--rows')) {
  for (const p of [...loo].sort((a, b) => Math.abs(b.error) - Math.abs(a.error))) {
    const s = p.sample;
    console.log(`  ${(p.error * 100).toFixed(0).padStart(5)}%  ${s.kind} ${s.engine} ${s.hardware.id} x${s.devices} ${s.model.id} ${s.quant.id} c${s.concurrency} ${s.promptTokens}/${s.outputTokens}: measured ${+s.measured.toPrecision(4)} predicted ${+p.predicted.toPrecision(4)}`);
  }
}
// Memory: weights, KV capacity and total against published sizes and engine logs (no factor is fitted to them).
const memoryRows = ['memory.yaml', 'memory-weights.yaml', 'memory-engines.yaml'].flatMap((f) => parse(readFileSync(join(dir, f), 'utf8')) ?? []);
const memory = lib.memoryValidationSamples(memoryRows, catalogue);
const MEMORY_GOAL = { weights: 0.05, total_memory: 0.1, kv_capacity: 0.1 };
function memoryTable() {
  const lines = ['| memory | rows | median error | within goal |', '|---|--:|--:|--:|'];
  for (const kind of Object.keys(MEMORY_GOAL)) {
    const list = memory.filter((m) => m.kind === kind).map((m) => m.predicted / m.measured - 1);
    if (list.length === 0) continue;
    const inside = list.filter((e) => Math.abs(e) <= MEMORY_GOAL[kind]).length;
    lines.push(`| ${kind.replace('_', ' ')} | ${list.length} | ${pct(median(list.map(Math.abs)))} | ${share(inside, list.length)} (±${Math.round(MEMORY_GOAL[kind] * 100)}%) |`);
  }
  return lines.join('\n');
}
// The README's summary: every kind over all hardware, cross-validated, beside the project's goal.
const GOALS = { decode: 0.85, aggregate: 0.75, prefill: 0.75, ttft: 0.75, weights: 0.95, total_memory: 0.9 };
const KIND_NAMES = {
  decode: 'single-stream decode', aggregate: 'aggregate output under concurrency', prefill: 'prefill (prompt tokens/s)', ttft: 'time to first token',
  tpot: 'time per output token at load', weights: 'weights in memory', total_memory: 'total memory in use', kv_capacity: 'KV cache capacity',
};
function summaryTable() {
  const lines = ['| estimate | measurements | median error | within | goal |', '|---|--:|--:|--:|--:|'];
  const line = (kind, errors, tol) => {
    if (errors.length === 0) return;
    const inside = errors.filter((e) => Math.abs(e) <= tol).length;
    lines.push(`| ${KIND_NAMES[kind]} | ${errors.length} | ${pct(median(errors.map(Math.abs)))} | ${share(inside, errors.length)} within ±${Math.round(tol * 100)}% | ${GOALS[kind] === undefined ? '-' : `${Math.round(GOALS[kind] * 100)}%`} |`);
  };
  for (const kind of KINDS) line(kind, loo.filter((p) => p.sample.kind === kind).map((p) => p.error), lib.TOLERANCE[kind]);
  for (const kind of Object.keys(MEMORY_GOAL)) line(kind, memory.filter((m) => m.kind === kind).map((m) => m.predicted / m.measured - 1), MEMORY_GOAL[kind]);
  return lines.join('\n');
}
console.log('\nMemory (nothing fitted to these rows):\n');
console.log(memoryTable());
if (process.argv.includes('--rows')) {
  for (const m of memory.filter((x) => x.kind !== 'weights' || x.row.kind === 'weights_loaded')) {
    const r = m.row;
    console.log(`  ${((m.predicted / m.measured - 1) * 100).toFixed(0).padStart(5)}%  ${m.kind} ${r.engine} ${r.hardware ?? '-'} x${r.gpus ?? 1} ${r.model} ${r.quant} ctx ${r.context ?? '-'}: measured ${+m.measured.toPrecision(4)} predicted ${+m.predicted.toPrecision(4)}`);
  }
}
if (skipped.length) console.log(`\nleft out (${skipped.length}):\n  ${[...new Set(skipped)].join('\n  ')}`);

if (process.argv.includes('--write')) {
  // Fitted factors into pricing/engines.yaml, engine by engine and class by class (comments kept).
  const file = join(root, 'pricing/engines.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const list = doc.get('engines');
  const round = (v, digits = 3) => +v.toPrecision(digits);
  for (const [k, f] of fit.factors) {
    const [engine, cls] = k.split('|');
    if (engine === '*') continue;
    const index = list.items.findIndex((item) => item.get('id') === engine);
    if (index < 0) continue;
    const set = (key, value) => doc.setIn(['engines', index, key, cls], round(value));
    set('decode_efficiency', f.decodeEfficiency);
    set('step_overhead_ms', f.stepOverheadMs);
    set('step_overhead_ms_per_sequence', f.stepOverheadMsPerSequence);
    set('moe_decode_efficiency', f.moeDecodeEfficiency);
    set('tensor_parallel_step_ms', f.tensorParallelStepMs);
    set('moe_tensor_parallel_step_ms', f.moeTensorParallelStepMs);
    set('quantised_prefill_factor', f.quantisedPrefillFactor);
    set('moe_prefill_efficiency', f.moePrefillEfficiency);
    if (cls === 'cpu') doc.setIn(['engines', index, 'cpu_prefill_gflops_per_core'], round(f.prefill));
    else if (cls === 'apple') doc.setIn(['engines', index, 'apple_prefill_flops_per_byte'], round(f.prefill));
    else set('prefill_efficiency', f.prefill);
  }
  for (const item of list.items) {
    for (const pair of item.items) if (pair.value && typeof pair.value === 'object' && 'items' in pair.value && !Array.isArray(pair.value)) pair.value.flow = pair.value.items.length <= 6;
  }
  // Family entries are rewritten from this fit alone: one the fit no longer finds (too few rows of
  // its own) must not outlive it, or it would still take precedence over the class's figure.
  const CLASSES = new Set(['datacenter-gpu', 'consumer-gpu', 'apple', 'cpu']);
  for (const item of list.items) {
    for (const key of ['decode_efficiency', 'tensor_parallel_step_ms']) {
      const map = item.get(key);
      if (!map || typeof map !== 'object' || !('items' in map)) continue;
      for (const pair of [...map.items]) if (!CLASSES.has(String(pair.key?.value ?? pair.key))) map.delete(pair.key);
    }
  }
  for (const [k, f] of fit.families) {
    const [engine, , family] = k.split('|');
    const index = list.items.findIndex((item) => item.get('id') === engine);
    if (index < 0) continue;
    if (f.decodeEfficiency !== undefined) doc.setIn(['engines', index, 'decode_efficiency', family], round(f.decodeEfficiency));
    if (f.tensorParallelStepMs !== undefined) doc.setIn(['engines', index, 'tensor_parallel_step_ms', family], round(f.tensorParallelStepMs));
    if (f.prefill !== undefined) {
      // CPUs and Apple GPUs: the rate becomes a mapping, the class's figure kept beside the family's.
      const cls = k.split('|')[1];
      const rateKey = cls === 'cpu' ? 'cpu_prefill_gflops_per_core' : cls === 'apple' ? 'apple_prefill_flops_per_byte' : undefined;
      if (rateKey) {
        const now = doc.getIn(['engines', index, rateKey]);
        if (typeof now === 'number') doc.setIn(['engines', index, rateKey], doc.createNode({ [cls]: now }));
        doc.setIn(['engines', index, rateKey, family], round(f.prefill));
      } else doc.setIn(['engines', index, 'prefill_efficiency', family], round(f.prefill));
    }
  }
  // The accuracy table, between its markers in docs/accuracy.md (checked before anything is written).
  const page = join(root, ACCURACY_PAGE);
  const counts = `${samples.filter((s) => s.fit).length} published figures (${files.join(', ')} in test/fixtures/measurements/, each with its source URL)`;
  const updated = replaceAccuracyBlock(readFileSync(page, 'utf8'), `${counts}; each predicted by factors fitted without it (10-fold cross-validation, the figures of one run kept together):\n\n${table(loo)}\n\n${supersededLine}\n\n${memoryTable()}`);
  if (updated === undefined) throw new Error(`${ACCURACY_PAGE}: no accuracy:begin/end markers to write the table between`);
  const readme = join(root, SUMMARY_PAGE);
  const summary = replaceAccuracyBlock(readFileSync(readme, 'utf8'), `${summaryTable()}\n\n${supersededLine}`, SUMMARY_BEGIN, SUMMARY_END);
  if (summary === undefined) throw new Error(`${SUMMARY_PAGE}: no accuracy-summary:begin/end markers to write the summary between`);
  writeFileSync(file, doc.toString({ lineWidth: 100, flowCollectionPadding: false }));
  writeFileSync(page, updated);
  writeFileSync(readme, summary);
  const bands = lib.bandsFrom(loo.map((p) => ({ kind: p.sample.kind, engine: p.sample.engine, hardwareClass: p.sample.hardware.class, predicted: p.predicted, measured: p.sample.measured })));
  writeFileSync(join(root, 'pricing/accuracy.yaml'), lib.accuracyYaml(bands, new Date().toISOString().slice(0, 10), 'test/fixtures/measurements/ (every row carries its own URL)'));
  console.log(`\nwrote pricing/engines.yaml, pricing/accuracy.yaml, ${ACCURACY_PAGE} and the summary in ${SUMMARY_PAGE}`);
}
