// How the built CLI loads a command's code: dist/commands/<name>.cjs, compiled with the V8 code
// cache the build wrote beside it (<name>.cjs.cache). Node 20 keeps no compile cache of its own,
// and compiling the command bundle (and the functions a run calls) was about 40 ms of the 180 ms
// an `estimate` takes (bench/startup.mjs). A cache that this Node's V8 does not accept (another
// version, another file) is ignored by V8 and the bundle compiled as usual, so the cache can only
// make a run faster, never different. Nothing is written at run time: the build writes the caches
// (LLM_TCO_WRITE_CODE_CACHE, set by scripts/build.mjs only).
//
// Only the bundles use this (scripts/build.mjs routes `import('./commands/x.js')` here); from
// source, commands are imported as modules.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const loaded = new Map<string, unknown>();

/** dist/commands, from dist/cli.js or from a command bundle inside it. */
function commandsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return basename(here) === 'commands' ? here : join(here, 'commands');
}

export function loadRunner(name: string): unknown {
  const done = loaded.get(name);
  if (done) return done;
  const file = join(commandsDir(), `${name}.cjs`);
  // The loader for import() inside the bundle, in recent Node 20 releases; without it, require.
  const importer = (vm as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: unknown } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  let exports: unknown;
  if (importer === undefined) {
    exports = createRequire(file)(file);
  } else {
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      cachedData = undefined;
    }
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
    const script = new vm.Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}), importModuleDynamically: importer as never });
    const module = { exports: {} as unknown };
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
    exports = module.exports;
    // At build time: the cache after the run holds the functions the run compiled too.
    if (process.env.LLM_TCO_WRITE_CODE_CACHE) {
      process.once('exit', () => {
        try {
          writeFileSync(`${file}.cache`, script.createCachedData());
        } catch {
          // A read-only install: the run is not the build's, and nothing needed writing.
        }
      });
    }
  }
  loaded.set(name, exports);
  return exports;
}
