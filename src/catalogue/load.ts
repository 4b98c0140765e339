// Loads the catalogue: the compiled bundle (dist/catalogue.json, written by the build), then each
// --pricing file on top. Running from source without a build compiles the bundle in memory.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { layerCatalogue } from './catalogue.js';
import { parsePricingFile } from './pricing-file.js';
import type { Catalogue } from './types.js';

/** The package root: the nearest folder above this module with pricing/ in it. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'pricing')) && existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('llm-tco: cannot find the package root (pricing/ is missing from the installation)');
}

export const COMPILED_CATALOGUE = 'dist/catalogue.json';

export async function loadCatalogue(userFiles: string[] = []): Promise<Catalogue> {
  const root = packageRoot();
  const compiled = join(root, COMPILED_CATALOGUE);
  let catalogue: Catalogue;
  if (existsSync(compiled)) {
    catalogue = JSON.parse(readFileSync(compiled, 'utf8')) as Catalogue;
  } else {
    const { compileFromSources } = await import('./sources.js');
    catalogue = await compileFromSources(root);
  }
  for (const file of userFiles) {
    catalogue = layerCatalogue(catalogue, parsePricingFile(readText(file), file, 'user'));
  }
  return catalogue;
}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw UserError.plain(file, 'no such file');
    if (code === 'EISDIR') throw UserError.plain(file, 'is a folder, not a file');
    if (code === 'EACCES') throw UserError.plain(file, 'cannot be read (permission denied)');
    throw error;
  }
}
