// Start-up benchmark: `llm-tco estimate <bundled scenario>` against `node -e 0`.
// Goal (docs/performance.md): ratio <= 2.0; the library (import + estimate of the same file) no
// slower than the CLI. Informational: it never fails, machines are noisy.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare } from './measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scenario = process.argv[2] ?? join(root, 'scenarios', 'v0-chat-app.yaml');
compare('start-up', {
  'node -e 0': [process.execPath, ['-e', '0']],
  [`llm-tco estimate ${scenario.slice(root.length + 1)}`]: [process.execPath, [join(root, 'bin', 'llm-tco.js'), 'estimate', scenario]],
  // The library's goal: importing it and estimating the same file costs no more than the CLI does.
  [`import('llm-tco') + estimate(same file)`]: [process.execPath, ['--input-type=module', '-e', libraryRun(scenario)]],
  // A start-up is a fifth of a second: at least 21 runs each, whatever BENCH_RUNS asks, because a
  // median of 5 on a loaded machine swung from 1.8x to 2.4x.
}, Math.max(21, Number(process.env.BENCH_RUNS ?? 21)), 2);

function libraryRun(file) {
  const lib = JSON.stringify(join(root, 'dist', 'lib', 'index.js'));
  return `import { readFileSync } from 'node:fs'; const { estimate } = await import(${lib}); await estimate(readFileSync(${JSON.stringify(file)}, 'utf8'), { file: ${JSON.stringify(file)} });`;
}
