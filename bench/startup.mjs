// Start-up benchmark: `llm-tco estimate <bundled scenario>` against `node -e 0`.
// Goal (docs/performance.md): ratio <= 2.0. Informational: it never fails, machines are noisy.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare } from './measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scenario = process.argv[2] ?? join(root, 'scenarios', 'v0-chat-app.yaml');
compare('start-up', {
  'node -e 0': [process.execPath, ['-e', '0']],
  [`llm-tco estimate ${scenario.slice(root.length + 1)}`]: [process.execPath, [join(root, 'bin', 'llm-tco.js'), 'estimate', scenario]],
  // A start-up is a fifth of a second: at least 21 runs each, whatever BENCH_RUNS asks, because a
  // median of 5 on a loaded machine swung from 1.8x to 2.4x.
}, Math.max(21, Number(process.env.BENCH_RUNS ?? 21)), 2);
