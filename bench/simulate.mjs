// Simulation benchmark: `llm-tco simulate` with 10,000 samples on a five-option scenario, against
// `node -e 0`. Goal (docs/performance.md): ratio <= 10 (about a second on a 2-core machine). Informational.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare } from './measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
compare('simulate', {
  'node -e 0': [process.execPath, ['-e', '0']],
  'llm-tco simulate bench/five-options.yaml --samples 10000': [
    process.execPath,
    [join(root, 'bin', 'llm-tco.js'), 'simulate', join(root, 'bench', 'five-options.yaml'), '--samples', '10000', '--format', 'json', '--today', '2026-11-25'],
  ],
}, Number(process.env.BENCH_RUNS ?? 5), 10);
