// Fits the speed model's factors to the published measurements in test/fixtures/measurements/ and
// reports how well it predicts rows it was not fitted on (leave-one-out), per kind and hardware
// class: the table in README.md's "Accuracy" section.
// Usage: node scripts/validate.mjs [--rows] [--write]
//   --rows   every row: measured, predicted (leave-one-out), error
//   --write  write the fitted factors into pricing/engines.yaml and the table into README.md
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, parseDocument } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', `.validate-${process.pid}.mjs`);
await build({
  stdin: {
    contents: [
      "export { compileSelfHostFromSources } from './src/catalogue/sources.ts';",
      "export { speedSamples } from './src/validation/speed-rows.ts';",
      "export { fitAll, leaveOneOut, predictAll, TOLERANCE } from './src/validation/fit.ts';",
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
const fit = lib.fitAll(samples, engines);
const inSample = lib.predictAll(samples.filter((s) => s.fit), fit, engines);
const loo = lib.leaveOneOut(samples, engines);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const pct = (x) => `${Math.round(x * 100)}%`;
const KINDS = ['decode', 'aggregate', 'prefill', 'ttft', 'tpot'];
const CLASSES = ['datacenter-gpu', 'consumer-gpu', 'apple', 'cpu'];
function table(preds) {
  const lines = ['| kind | hardware | rows | median error | within goal |', '|---|---|--:|--:|--:|'];
  for (const kind of KINDS) {
    const tol = lib.TOLERANCE[kind];
    const groups = [...CLASSES.map((c) => [c, preds.filter((p) => p.sample.kind === kind && p.sample.hardware.class === c)]), ['all', preds.filter((p) => p.sample.kind === kind)]];
    for (const [cls, list] of groups) {
      if (list.length === 0) continue;
      const within = list.filter((p) => Math.abs(p.error) <= tol).length / list.length;
      lines.push(`| ${cls === 'all' ? `**${kind}**` : kind} | ${cls === 'all' ? `**all**` : cls} | ${list.length} | ${pct(median(list.map((p) => Math.abs(p.error))))} | ${pct(within)} (±${Math.round(tol * 100)}%) |`);
    }
  }
  return lines.join('\n');
}
console.log(`${rows.length} rows in ${files.join(', ')}; ${samples.length} figures the catalogue can describe (${samples.filter((s) => !s.fit).length} not fitted); ${skipped.length} left out.\n`);
console.log('Leave-one-out (each row predicted by factors fitted without it):\n');
console.log(table(loo));
console.log('\nIn sample (the factors in pricing/engines.yaml):\n');
console.log(table(inSample));
console.log('\nFitted factors:');
for (const [k, f] of [...fit.factors].sort()) console.log(`  ${k.padEnd(28)} ${Object.entries(f).map(([n, v]) => `${n} ${+v.toPrecision(3)}`).join(', ')}`);
if (process.argv.includes('--rows')) {
  for (const p of [...loo].sort((a, b) => Math.abs(b.error) - Math.abs(a.error))) {
    const s = p.sample;
    console.log(`  ${(p.error * 100).toFixed(0).padStart(5)}%  ${s.kind} ${s.engine} ${s.hardware.id} x${s.devices} ${s.model.id} ${s.quant.id} c${s.concurrency} ${s.promptTokens}/${s.outputTokens}: measured ${+s.measured.toPrecision(4)} predicted ${+p.predicted.toPrecision(4)}`);
  }
}
if (skipped.length) console.log(`\nleft out (${skipped.length}):\n  ${[...new Set(skipped)].join('\n  ')}`);
