// Build: bundle the CLI into dist/cli.js and one file per command into dist/commands/, copy the
// token-counting tables, and compile the bundled catalogue into dist/catalogue/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
// chunks (fewer modules to resolve and compile: see the README's start-up figures).
const RUNNERS = ['estimate', 'vram', 'throughput', 'analysis', 'check', 'pricing', 'wizard', 'tokens', 'calibrate'];
const commandsDir = join(root, 'src', 'commands');
/** A dynamic import of a command's code stays an import of its bundle, at `prefix` from the importer. */
const runnersExternal = (prefix) => ({
  name: 'runners-external',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const target = join(args.resolveDir, args.path).replace(/\.js$/, '');
      const name = target.startsWith(`${commandsDir}/`) ? target.slice(commandsDir.length + 1) : '';
      if (!name) return undefined;
      // A command's code imported on demand but not listed would be inlined into its importer
      // (dist/cli.js for a new command): it works, but every start-up pays for it.
      if (!RUNNERS.includes(name)) return { errors: [{ text: `${name}.ts is imported on demand: add '${name}' to RUNNERS in scripts/build.mjs` }] };
      return { path: `${prefix}${name}.js`, external: true };
    });
  },
});
const bundle = {
  ...common,
  minify: !process.env.BUILD_NO_MINIFY,
  sourcemap: false,
  external: ['@pydantic/genai-prices'],
  define: { LLM_TCO_VERSION: JSON.stringify(version) },
};
await build({ ...bundle, entryPoints: { cli: join(root, 'src/cli.ts') }, outdir: dist, plugins: [runnersExternal('./commands/')] });
await build({ ...bundle, entryPoints: Object.fromEntries(RUNNERS.map((r) => [r, join(commandsDir, `${r}.ts`)])), outdir: join(dist, 'commands'), plugins: [runnersExternal('./')] });

// Token counting's rank tables and split patterns (gpt-tokenizer's, pinned in package.json) ship
// in dist/tokens/ and load on first use: the published package then needs no dependency.
mkdirSync(join(dist, 'tokens'), { recursive: true });
const tokenizerFiles = { 'o200k_base.cjs': 'cjs/bpeRanks/o200k_base.js', 'cl100k_base.cjs': 'cjs/bpeRanks/cl100k_base.js', 'constants.cjs': 'cjs/encodingParams/constants.js' };
for (const [name, from] of Object.entries(tokenizerFiles)) copyFileSync(join(root, 'node_modules', 'gpt-tokenizer', from), join(dist, 'tokens', name));

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
