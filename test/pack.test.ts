// The published package: `npm pack` holds what npx needs and nothing else, and the tarball,
// installed into an empty folder, runs. (Packs the dist/ that `npm test` has just built.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(listed).toEqual(expect.arrayContaining(['bin/llm-tco.js', 'dist/cli.js', 'dist/lib/index.js', 'dist/types/index.d.ts', 'dist/types/library-types.d.ts', 'dist/catalogue/index.json', 'dist/catalogue/self-host.json', 'pricing/models.yaml', 'schema/scenario.schema.json', 'schema/catalogue.schema.json', 'scenarios/v0-chat-app.yaml', 'README.md', 'package.json']));
    expect(listed.filter((p) => /^(src|test|bench|scripts)\//.test(p) || p.startsWith('.'))).toEqual([]);
    expect(listed.filter((p) => p.endsWith('.ts') && !p.startsWith('dist/types/'))).toEqual([]);
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

  it('is a typed library: the tarball installed in a project compiles with tsc and runs with node', () => {
    const app = join(work, 'app');
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [], strict: true, skipLibCheck: false, outDir: 'out' },
      files: ['main.mts'],
    }));
    writeFileSync(join(app, 'main.mts'), [
      "import { estimate, breakeven, vram, LlmTcoInputError, type EstimateReport } from 'llm-tco';",
      "const scenario = { name: 'Chat', traffic: { users: 5000, sessions_per_user: 4, requests_per_session: 5 }, workload: { kind: 'chat', input: 400, output: 600, history: 'none' }, options: [{ api: 'openai/gpt-4o-mini' }, { api: 'openai/gpt-4o' }] };",
      "const report: EstimateReport = await estimate(scenario, { today: '2026-11-25' });",
      "const cheapest: string | null = report.cheapest;",
      "const crossings = (await breakeven(scenario, { today: '2026-11-25' })).pairs.length;",
      "const fits = (await vram({ model: 'llama-3.1-8b', quant: 'Q4_K_M' })).fits.length;",
      "let problems: { path: string; message: string; line?: number }[] = [];",
      "try { await estimate('traffic: {users: 10}\\nworkload: {kind: chat, input: 1, output: 1}\\noptions: [{api: openai/gpt-4o-mimi}]\\n', { file: 'x.yaml' }); } catch (error) { if (error instanceof LlmTcoInputError) problems = error.problems; }",
      'console.log(JSON.stringify({ report, cheapest, crossings, fits, problems }));',
    ].join('\n'));
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    expect(compiled.status, compiled.stdout + compiled.stderr).toBe(0);
    const ran = run(process.execPath, [join('out', 'main.mjs')], app);
    expect(ran.status, ran.stderr).toBe(0);
    const out = JSON.parse(ran.stdout);
    expect(out.report.schema).toBe('llm-tco/report@1');
    expect(out.cheapest).toBe('openai/gpt-4o-mini');
    expect(out.report.options[0].monthly_cost).toBeCloseTo((100_000 * (400 * 0.15 + 600 * 0.6)) / 1e6, 9); // $42
    expect(out.crossings).toBeGreaterThan(0);
    expect(out.fits).toBeGreaterThan(0);
    expect(out.problems).toEqual([expect.objectContaining({ path: 'options[0].api', line: 3, message: "unknown model 'openai/gpt-4o-mimi'" })]);
    // The types are the library's, not any: a wrong argument does not compile.
    writeFileSync(join(app, 'main.mts'), "import { vram } from 'llm-tco';\nawait vram({ model: 'llama-3.1-8b' });\n");
    const wrong = run(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], app);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toContain("Property 'quant' is missing");
  });

  it("the library page's example (docs/library.md) compiles and runs", () => {
    const app = join(work, 'app');
    const example = /# Library\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, 'docs', 'library.md'), 'utf8'))![1]!;
    writeFileSync(join(app, 'readme.mts'), example);
    writeFileSync(join(app, 'tsconfig.readme.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, outDir: 'out', typeRoots: [join(ROOT, 'node_modules', '@types')], types: ['node'] },
      files: ['readme.mts'],
    }));
    const compiled = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.readme.json'], app);
    expect(compiled.status, compiled.stdout + compiled.stderr).toBe(0);
    const ran = run(process.execPath, [join(app, 'out', 'readme.mjs')], join(app, 'node_modules', 'llm-tco'));
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^openai\/gpt-4o-mini \[/);
    expect(ran.stderr).toContain("path: 'workload'"); // the problems of the object without a workload
  });

  it('importing the library loads neither the wizard, the CLI nor the output formats', () => {
    const installed = join(work, 'app', 'node_modules', 'llm-tco', 'dist');
    const lib = readFileSync(join(installed, 'lib', 'index.js'), 'utf8');
    for (const name of ['@inquirer', 'commander', 'runWizard']) expect(lib.includes(name), name).toBe(false);
    // nor the output formats: cli-table3 (its colWidths option) and chalk (FORCE_COLOR) are in a command's bundle only
    const command = readFileSync(join(installed, 'commands', 'estimate.cjs'), 'utf8');
    for (const name of ['colWidths', 'FORCE_COLOR']) expect([command.includes(name), lib.includes(name)], name).toEqual([true, false]);
    // the token tables load on first use (a scenario naming a prompt file), from dist/tokens/
    expect(lib.length).toBeLessThan(readFileSync(join(installed, 'tokens', 'o200k_base.ranks'), 'utf8').length / 4);
  });
});
