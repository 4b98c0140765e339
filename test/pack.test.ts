// The published package: `npm pack` holds what npx needs and nothing else, and the tarball,
// installed into an empty folder, runs. (Packs the dist/ that `npm test` has just built.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'llm-tco-pack-'));
let tarball = '';
const run = (command: string, args: string[], cwd: string) =>
  spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' }, timeout: 120_000 });

beforeAll(() => {
  // --ignore-scripts: pack the build the test run made, without rebuilding under other tests' feet.
  const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--json'], ROOT);
  expect(packed.status, packed.stderr).toBe(0);
  tarball = join(work, JSON.parse(packed.stdout)[0].filename);
  const app = join(work, 'app');
  run('mkdir', ['-p', app], work);
  writeFileSync(join(app, 'package.json'), '{"name": "app", "private": true}\n');
  const installed = run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], app);
  expect(installed.status, installed.stderr).toBe(0);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack', () => {
  it('ships the built code, the catalogue and the examples, and no sources or tests', () => {
    const listed = run('tar', ['tzf', tarball], work).stdout.split('\n').filter(Boolean).map((p) => p.replace(/^package\//, ''));
    expect(listed).toEqual(expect.arrayContaining(['bin/llm-tco.js', 'dist/cli.js', 'dist/catalogue/index.json', 'dist/catalogue/self-host.json', 'pricing/models.yaml', 'schema/scenario.schema.json', 'schema/catalogue.schema.json', 'scenarios/v0-chat-app.yaml', 'README.md', 'package.json']));
    expect(listed.filter((p) => /^(src|test|bench|scripts)\//.test(p) || p.startsWith('.'))).toEqual([]);
    expect(listed.filter((p) => p.endsWith('.ts'))).toEqual([]);
  });

  it('installs with no dependencies and runs from the installed folder', () => {
    const app = join(work, 'app');
    expect(readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['llm-tco']);
    const version = run('npx', ['--no', '--', 'llm-tco', '--version'], app);
    expect(version.stdout.trim()).toBe(JSON.parse(run('cat', ['package.json'], ROOT).stdout).version);
    const help = run('npx', ['--no', '--', 'llm-tco', '--help'], app);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('estimate');
    const estimate = run('npx', ['--no', '--', 'llm-tco', 'estimate', 'node_modules/llm-tco/scenarios/v0-chat-app.yaml'], app);
    expect(estimate.status, estimate.stderr).toBe(0);
    expect(estimate.stdout).toContain('openai/gpt-4o-mini *');
    // token counting's tables ship in the package too
    const tokens = run('npx', ['--no', '--', 'llm-tco', 'tokens', 'node_modules/llm-tco/README.md', '--format', 'json'], app);
    expect(tokens.status, tokens.stderr).toBe(0);
    expect(JSON.parse(tokens.stdout).total_tokens).toBeGreaterThan(1000);
  });
});
