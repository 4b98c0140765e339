// Reads the inputs of the bundled catalogue (the installed genai-prices package and pricing/*.yaml).
// Used by the build, and by the loader when running from source.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ACCURACY_FILE, compileBundledCatalogue, compileSelfHostCatalogue, PRICING_FILES, SELF_HOST_FILES } from './bundled.js';
import type { SelfHostCatalogue } from './selfhost-file.js';

export { splitCatalogue } from './bundled.js';
import type { GenaiProvider } from './genai-prices.js';
import type { Catalogue } from './types.js';

const PACKAGE = '@pydantic/genai-prices';

export async function compileFromSources(root: string): Promise<Catalogue> {
  const dir = join(root, 'node_modules', PACKAGE);
  const packageJson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const entry = join(dir, 'dist', 'index.js');
  const genai = (await import(pathToFileURL(entry).href)) as { findProvider: (o: { providerId: string }) => GenaiProvider | undefined };
  // The package exports look-ups, not its list; its provider ids are read off the bundled data.
  const bundle = readFileSync(entry, 'utf8');
  const ids = [...bundle.matchAll(/^ {2}\{\n {4}id: "([^"]+)"/gm)].map((m) => m[1]!);
  const providers = ids.map((id) => genai.findProvider({ providerId: id })).filter((p): p is GenaiProvider => p !== undefined);
  if (providers.length < 10) throw new Error(`${PACKAGE}: found only ${providers.length} providers; its bundle layout may have changed`);
  const files: Record<string, string> = { 'genai-prices.yaml': readFileSync(join(root, 'pricing', 'genai-prices.yaml'), 'utf8') };
  for (const name of PRICING_FILES) files[name] = readFileSync(join(root, 'pricing', name), 'utf8');
  return compileBundledCatalogue({ providers, installedVersion: packageJson.version, files });
}

export function compileSelfHostFromSources(root: string): SelfHostCatalogue {
  const files: Record<string, string> = {};
  for (const name of [...SELF_HOST_FILES, ACCURACY_FILE]) {
    try {
      files[name] = readFileSync(join(root, 'pricing', name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return compileSelfHostCatalogue(files);
}
