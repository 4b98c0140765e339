// The built CLI loads each command through src/load-runner.ts with the V8 code cache the build
// wrote. A cache is only a speed-up: with it missing, or not one this V8 accepts, the output is
// the same. (Run on a copy of the build, so that other tests' runs are not disturbed.)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const copy = mkdtempSync(join(tmpdir(), 'llm-tco-cache-'));
for (const part of ['bin', 'dist', 'pricing', 'scenarios', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** The JSON report, with the copy's folder written as the repository's (the report names its file). */
const estimate = (root: string) => {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'llm-tco.js'), 'estimate', join(root, 'scenarios', 'v0-chat-app.yaml'), '--today', '2026-11-25', '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { ...run, stdout: run.stdout.replaceAll(root, '<root>') };
};

describe('code cache', () => {
  const cache = join(copy, 'dist', 'commands', 'estimate.cjs.cache');
  const expected = estimate(ROOT);

  it('the build writes one beside each command it could run', () => {
    expect(existsSync(join(ROOT, 'dist', 'commands', 'estimate.cjs.cache'))).toBe(true);
    expect(expected.status).toBe(0);
  });

  it('gives the same report with the cache, without it, and with one V8 rejects', () => {
    expect(estimate(copy).stdout).toBe(expected.stdout);
    writeFileSync(cache, 'not a code cache');
    const rejected = estimate(copy);
    expect([rejected.status, rejected.stderr]).toEqual([0, '']);
    expect(rejected.stdout).toBe(expected.stdout);
    rmSync(cache);
    expect(estimate(copy).stdout).toBe(expected.stdout);
  });
});
