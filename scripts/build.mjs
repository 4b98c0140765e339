// Build: bundle the CLI into dist/cli.js and one file per command into dist/commands/, the library
// into dist/lib/index.js with its types in dist/types/, copy the token-counting tables, and compile
// the bundled catalogue into dist/catalogue/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dist = join(root, 'dist');
// Start clean: stale chunks from an earlier build would otherwise ship.
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // Bundled CommonJS dependencies (cli-table3) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __llmTcoRequire } from 'node:module'; const require = __llmTcoRequire(import.meta.url);" },
};

// dist/cli.js holds the argument parsing of every command; each command's code is its own bundle
// in dist/commands/, loaded when it runs. One file per command loads faster than a tree of shared
// chunks (fewer modules to resolve and compile: see the start-up figures in docs/performance.md).
const RUNNERS = ['estimate', 'vram', 'throughput', 'analysis', 'check', 'pricing', 'wizard', 'tokens', 'calibrate'];
const commandsDir = join(root, 'src', 'commands');
/**
 * A dynamic import of a command's code becomes a load of its bundle through src/load-runner.ts
 * (dist/commands/<name>.cjs, with the V8 code cache beside it).
 */
const loader = join(root, 'src', 'load-runner.ts');
const runnersThroughLoader = {
  name: 'runners-through-loader',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const target = join(args.resolveDir, args.path).replace(/\.js$/, '');
      const name = target.startsWith(`${commandsDir}/`) ? target.slice(commandsDir.length + 1) : '';
      if (!name) return undefined;
      // A command's code imported on demand but not listed would be inlined into its importer
      // (dist/cli.js for a new command): it works, but every start-up pays for it.
      if (!RUNNERS.includes(name)) return { errors: [{ text: `${name}.ts is imported on demand: add '${name}' to RUNNERS in scripts/build.mjs` }] };
      return { path: name, namespace: 'llm-tco-runner' };
    });
    b.onLoad({ filter: /.*/, namespace: 'llm-tco-runner' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(loader)}).loadRunner(${JSON.stringify(args.path)});`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};
const bundle = {
  ...common,
  minify: !process.env.BUILD_NO_MINIFY,
  sourcemap: false,
  external: ['@pydantic/genai-prices'],
  define: { LLM_TCO_VERSION: JSON.stringify(version) },
};
// The library's types (dist/types), from src/library-types.ts and the report types alone: a
// quick tsc run, started now and awaited at the end, so that it costs the build no time.
const { spawn } = await import('node:child_process');
const types = new Promise((done, fail) => {
  const tsc = spawn(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.types.json')], { stdio: 'inherit' });
  tsc.on('error', fail);
  tsc.on('exit', (code) => (code === 0 ? done() : fail(new Error(`build: tsc (the library's types) exited with ${code}`))));
});
await build({ ...bundle, entryPoints: { cli: join(root, 'src/cli.ts') }, outdir: dist, plugins: [runnersThroughLoader] });
// The library (package.json "exports"): dist/lib/index.js, an ES module. In dist/lib/ so that
// the token tables (../tokens) and the catalogue are found as from a command's bundle.
// The library calls no renderer: the output formats (src/formats, chalk, cli-table3) have no
// effect on import, so said to esbuild, what the library does not use of them is left out.
const formatsDir = join(root, 'src', 'formats');
const outputOnly = {
  name: 'output-only',
  setup(b) {
    b.onResolve({ filter: /^(chalk|cli-table3)$|\/formats\/|^\.\/[a-z-]+\.js$/ }, async (args) => {
      if (args.pluginData === 'output-only') return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'output-only' });
      if (found.errors.length > 0) return undefined;
      const output = /^(chalk|cli-table3)$/.test(args.path) || found.path.startsWith(`${formatsDir}/`);
      return output ? { ...found, sideEffects: false } : undefined;
    });
  },
};
await build({ ...bundle, entryPoints: { index: join(root, 'src/index.ts') }, outdir: join(dist, 'lib'), plugins: [runnersThroughLoader, outputOnly] });
// Commands are CommonJS, so that src/load-runner.ts can compile them with a code cache (Node 20
// caches no ES module). import.meta.url, which finds dist/catalogue, is the bundle's own file.
await build({
  ...bundle,
  format: 'cjs',
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { ...bundle.define, 'import.meta.url': '__importMetaUrl' },
  entryPoints: Object.fromEntries(RUNNERS.map((r) => [r, join(commandsDir, `${r}.ts`)])),
  outdir: join(dist, 'commands'),
  outExtension: { '.js': '.cjs' },
  plugins: [runnersThroughLoader],
});

// Token counting's rank tables and split patterns (gpt-tokenizer's, pinned in package.json) ship
// in dist/tokens/ and load on first use: the published package then needs no dependency.
// The rank tables go in as text, one token a line (src/tokens/rank-file.ts): they load several
// times faster than the package's array literals.
mkdirSync(join(dist, 'tokens'), { recursive: true });
copyFileSync(join(root, 'node_modules', 'gpt-tokenizer', 'cjs/encodingParams/constants.js'), join(dist, 'tokens', 'constants.cjs'));
const rankTool = join(dist, '.rank-file.mjs');
await build({ ...common, entryPoints: [join(root, 'src/tokens/rank-file.ts')], outfile: rankTool });
try {
  const { encodeRanks } = await import(pathToFileURL(rankTool).href);
  const require = createRequire(import.meta.url);
  for (const encoding of ['o200k_base', 'cl100k_base']) {
    const ranks = require(join(root, 'node_modules', 'gpt-tokenizer', 'cjs/bpeRanks', `${encoding}.js`)).default;
    writeFileSync(join(dist, 'tokens', `${encoding}.ranks`), encodeRanks(ranks));
  }
} finally {
  rmSync(rankTool, { force: true });
}

// The catalogue compiler runs once here, so the CLI reads plain JSON at start-up.
const tool = join(dist, '.compile-catalogue.mjs');
await build({ ...common, entryPoints: [join(root, 'src/catalogue/sources.ts')], outfile: tool, external: ['@pydantic/genai-prices'] });
try {
  const { compileFromSources, compileSelfHostFromSources, splitCatalogue } = await import(pathToFileURL(tool).href);
  const { index, providers } = splitCatalogue(await compileFromSources(root));
  const selfHost = compileSelfHostFromSources(root);
  // Written beside, then swapped in whole, so a failed build never leaves half a catalogue.
  const staging = join(dist, 'catalogue.tmp');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'api'), { recursive: true });
  writeFileSync(join(staging, 'index.json'), JSON.stringify(index));
  writeFileSync(join(staging, 'self-host.json'), JSON.stringify(selfHost));
  for (const [provider, models] of Object.entries(providers)) writeFileSync(join(staging, 'api', `${provider}.json`), JSON.stringify(models));
  rmSync(join(dist, 'catalogue'), { recursive: true, force: true });
  renameSync(staging, join(dist, 'catalogue'));
} catch (error) {
  if (error?.name === 'UserError') {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
} finally {
  rmSync(tool, { force: true });
}

await types;
writeFileSync(join(dist, 'types', 'index.d.ts'), "export * from './library-types.js';\n");

// V8 code caches for the command bundles (src/load-runner.ts), written by running each command
// once as a user would, so that they hold the functions a run compiles, not just the top level.
// A cache is only ever a speed-up: a Node whose V8 rejects it compiles the bundle as usual.
const { spawnSync } = await import('node:child_process');
const cli = join(root, 'bin', 'llm-tco.js');
const scenario = join(root, 'scenarios', 'v0-chat-app.yaml');
const warmUps = [
  ['estimate', scenario],
  ['breakeven', join(root, 'scenarios', 'v0-chat-app-self-hosted.yaml')],
  ['check', scenario],
  ['vram', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M'],
  ['throughput', '--model', 'llama-3.1-8b', '--quant', 'Q4_K_M', '--hardware', 'nvidia-rtx-4090'],
  ['pricing', 'list', '--provider', 'openai'],
  ['tokens', join(root, 'README.md')],
];
for (const args of warmUps) {
  const run = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, LLM_TCO_WRITE_CODE_CACHE: '1', NO_COLOR: '1' }, stdio: 'ignore', timeout: 60_000 });
  if (run.status !== 0) process.stderr.write(`build: no code cache from 'llm-tco ${args[0]}' (exit ${run.status}); that command compiles at each start\n`);
}
