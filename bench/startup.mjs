// Start-up benchmark: `llm-tco estimate <bundled scenario>` against `node -e 0`, interleaved run
// by run so both see the same machine noise; medians of RUNS each and their ratio.
// Goal (README): ratio <= 2.0. Informational: it never fails, machines are noisy.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const scenario = process.argv[2] ?? join(root, 'scenarios', 'v0-chat-app.yaml');
const cases = {
  'node -e 0': [process.execPath, ['-e', '0']],
  [`llm-tco estimate ${scenario.slice(root.length + 1)}`]: [process.execPath, [join(root, 'bin', 'llm-tco.js'), 'estimate', scenario]],
};

function time([command, args]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const spec of Object.values(cases)) time(spec); // warm the file cache
for (let i = 0; i < RUNS; i++) for (const [name, spec] of Object.entries(cases)) samples[name].push(time(spec));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const [baseName, toolName] = Object.keys(cases);
const base = median(samples[baseName]);
const tool = median(samples[toolName]);
console.log(`start-up, median of ${RUNS} interleaved runs each`);
console.log(`  ${baseName.padEnd(60)} ${base.toFixed(1)} ms`);
console.log(`  ${toolName.padEnd(60)} ${tool.toFixed(1)} ms`);
console.log(`  ratio ${(tool / base).toFixed(2)}x (goal <= 2.00x)`);
