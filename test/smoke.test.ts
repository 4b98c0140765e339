// The installed shape end to end: `node bin/llm-tco.js`, a real process, the built dist/ (with the
// version the build injects). `npm test` builds first; run `node scripts/build.mjs` before a bare
// `npx vitest run`.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';

function llmTco(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.LLM_TCO_DEBUG;
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'llm-tco.js'), ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 15_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

it('runs from bin/: an estimate, --version and a bad input', () => {
  expect(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/ is missing: run `node scripts/build.mjs` (npm test does)').toBe(true);

  const estimate = llmTco('estimate', 'scenarios/v0-chat-app.yaml');
  expect(estimate.stderr).toBe('');
  expect(estimate.code).toBe(0);
  expect(estimate.stdout).toContain('Support chat in a v0 app');
  expect(estimate.stdout).toContain('5,000 users x 4 sessions x 5 requests = 100,000 requests/month');
  expect(estimate.stdout).toMatch(/openai\/gpt-4o-mini.*\$42\.00/); // 100,000 x (400 x 0.15 + 600 x 0.60) / 1M
  expect(estimate.stdout).toMatch(/openai\/gpt-4o .*\$700\.00/); //     100,000 x (400 x 2.50 + 600 x 10) / 1M
  expect(estimate.stdout).not.toMatch(/\u001b\[/); // eslint-disable-line no-control-regex

  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const printed = llmTco('--version');
  expect(printed).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });

  const bad = llmTco('estimate', 'test/fixtures/bad/negative-users/scenario.yaml');
  expect(bad.code).toBe(2);
  expect(bad.stdout).toBe('');
  expect(bad.stderr).toBe('llm-tco: test/fixtures/bad/negative-users/scenario.yaml:4:10: traffic.users: must not be negative, got -5\n');
  expect(bad.stderr).not.toContain('    at ');
});

it('ends quietly when the reader closes the pipe early (| head)', () => {
  const script = `"${process.execPath}" bin/llm-tco.js pricing list | head -c 10 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`;
  const result = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 15_000 });
  expect(result.stderr).toBe('');
  expect(result.stdout.trim()).toBe('exit=0');
});
