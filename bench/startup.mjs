// Start-up benchmark: `llm-tco estimate <bundled scenario>` against `node -e 0`.
// Goal (README): ratio <= 2.0. Informational: it never fails, machines are noisy.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare } from './measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scenario = process.argv[2] ?? join(root, 'scenarios', 'v0-chat-app.yaml');
compare('start-up', {
  'node -e 0': [process.execPath, ['-e', '0']],
  [`llm-tco estimate ${scenario.slice(root.length + 1)}`]: [process.execPath, [join(root, 'bin', 'llm-tco.js'), 'estimate', scenario]],
}, Number(process.env.BENCH_RUNS ?? 15), 2);
