// Shared by the benchmarks: time commands interleaved run by run (so both sides see the same
// machine noise), and report medians and their ratio against a baseline command.
import { spawnSync } from 'node:child_process';

export function time([command, args]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Runs every case `runs` times after one warm-up each; prints medians and each case's ratio to the
 * first. `goal` applies to the second case; a third and later case is reported beside it.
 */
export function compare(title, cases, runs, goal) {
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const spec of Object.values(cases)) time(spec);
  for (let i = 0; i < runs; i++) for (const [name, spec] of Object.entries(cases)) samples[name].push(time(spec));
  const [baseName, toolName, ...others] = Object.keys(cases);
  const base = median(samples[baseName]);
  const tool = median(samples[toolName]);
  console.log(`${title}, median of ${runs} interleaved runs each`);
  console.log(`  ${baseName.padEnd(60)} ${base.toFixed(1)} ms`);
  console.log(`  ${toolName.padEnd(60)} ${tool.toFixed(1)} ms`);
  for (const name of others) console.log(`  ${name.padEnd(60)} ${median(samples[name]).toFixed(1)} ms`);
  console.log(`  ratio ${(tool / base).toFixed(2)}x (goal <= ${goal.toFixed(2)}x)`);
  for (const name of others) console.log(`  ${name}: ${(median(samples[name]) / base).toFixed(2)}x node -e 0, ${(median(samples[name]) / tool).toFixed(2)}x the CLI`);
}
