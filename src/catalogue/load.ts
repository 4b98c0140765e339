// Loads the catalogue: the compiled bundle (dist/catalogue.json, written by the build), then each
// --pricing file on top. Running from source without a build compiles the bundle in memory.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { parseJson } from '../json-text.js';
import { readText, readTextFile, unreadableError } from '../text-file.js';
import { layerCatalogue } from './catalogue.js';
import { importSnapshot } from './importers.js';
import { parsePricingFile, type PricingFile } from './pricing-file.js';
import { checkReferences, mergeSelfHost, parseSelfHostFile, type SelfHostCatalogue } from './selfhost-file.js';
import type { CatalogueIndex } from './bundled.js';
import type { ApiModelEntry, Catalogue } from './types.js';

/** The package root: the nearest folder above this module with pricing/ in it. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'pricing')) && existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('llm-tco: cannot find the package root (pricing/ is missing from the installation)');
}

export const COMPILED_CATALOGUE = 'dist/catalogue';

export interface LoadOptions {
  /** --pricing files, layered in order over the bundle. */
  userFiles?: string[];
  /** Providers whose models to load (all when absent); the rest are known by id only. */
  providers?: Iterable<string>;
  /**
   * What this run has read and parsed so far: a command that loads the catalogue for every
   * scenario (check) passes one map to every load, and reads each file once.
   */
  files?: Map<string, unknown>;
}

export async function loadCatalogue(options: LoadOptions = {}): Promise<Catalogue> {
  const once = <T>(key: string, read: () => T): T => readOnce(options.files, key, read);
  const readJson = <T>(path: string): T => once(path, () => JSON.parse(readFileSync(path, 'utf8')) as T);
  const root = packageRoot();
  const compiled = join(root, COMPILED_CATALOGUE);
  let catalogue: Catalogue;
  if (existsSync(join(compiled, 'index.json'))) {
    const index = readJson<CatalogueIndex>(join(compiled, 'index.json'));
    const wanted = options.providers ? [...new Set(options.providers)] : Object.keys(index.providers);
    const apiModels = wanted
      .filter((p) => Object.hasOwn(index.providers, p))
      .flatMap((p) => readJson<ApiModelEntry[]>(join(compiled, 'api', `${p}.json`)));
    const knownIds = once(`${join(compiled, 'index.json')} ids`, () => Object.values(index.providers).flat());
    catalogue = { apiModels, knownIds, batch: index.batch, fx: index.fx, promptCache: index.promptCache, rateLimits: index.rateLimits, serviceTiers: index.serviceTiers, bundled: index.bundled };
  } else {
    const { compileFromSources } = await import('./sources.js');
    catalogue = await once(join(root, 'pricing'), () => compileFromSources(root));
  }
  for (const file of options.userFiles ?? []) catalogue = layerCatalogue(catalogue, once(`--pricing ${file}`, () => readUserPricing(file)));
  return catalogue;
}

/** The self-hosting catalogue (architectures, quantisation, hardware, offers, engines) with --pricing layers. */
export async function loadSelfHostCatalogue(userFiles: string[] = []): Promise<SelfHostCatalogue> {
  const root = packageRoot();
  const compiled = join(root, COMPILED_CATALOGUE, 'self-host.json');
  let catalogue: SelfHostCatalogue;
  if (existsSync(compiled)) catalogue = JSON.parse(readFileSync(compiled, 'utf8')) as SelfHostCatalogue;
  else {
    const { compileSelfHostFromSources } = await import('./sources.js');
    catalogue = compileSelfHostFromSources(root);
  }
  for (const file of userFiles) {
    if (!isJson(file)) catalogue = mergeSelfHost(catalogue, parseSelfHostFile(readText(file), file, 'user', new Set(catalogue.hardware.map((h) => h.id))));
  }
  return checkReferences(catalogue, userFiles.at(-1) ?? 'pricing/offers.yaml');
}

/** What `read` returns for `key`: read once into `files`, or every time without it. A read that fails fails again each time. */
function readOnce<T>(files: Map<string, unknown> | undefined, key: string, read: () => T): T {
  if (files === undefined) return read();
  if (!files.has(key)) files.set(key, read());
  return files.get(key) as T;
}

const isJson = (file: string) => file.toLowerCase().endsWith('.json');

/** A --pricing file: our YAML, or a LiteLLM / models.dev JSON snapshot dated by the file's mtime. */
export function readUserPricing(file: string): PricingFile {
  const read = readTextFile(file);
  if ('unreadable' in read) throw unreadableError(file, read.unreadable);
  if (!isJson(file)) return parsePricingFile(read.text, file, 'user');
  const json = parseJson(read.text);
  if (!('value' in json)) throw UserError.at({ file, line: json.line, col: json.col }, '', `invalid JSON: ${json.reason}`);
  // The date of the file that was read (the descriptor's), not of whatever the name leads to now.
  const modified = read.modified ?? statSync(file).mtime;
  return importSnapshot(json.value, { file, asOf: modified.toISOString().slice(0, 10), layer: 'user' });
}
