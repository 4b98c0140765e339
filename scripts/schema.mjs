// Writes schema/*.json (JSON Schemas of scenario and catalogue files) from src/schema, which
// builds them from the parsers' own key lists. test/schema.test.ts fails when the committed files
// are not what this writes: run `npm run schema` after changing a parser's keys.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tool = join(root, 'schema', '.schema-tool.mjs');
mkdirSync(join(root, 'schema'), { recursive: true });
await build({ entryPoints: [join(root, 'src/schema/index.ts')], outfile: tool, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', packages: 'external' });
try {
  const { schemaFiles, schemaText } = await import(pathToFileURL(tool).href);
  for (const [name, schema] of Object.entries(schemaFiles())) writeFileSync(join(root, 'schema', name), schemaText(schema));
} finally {
  rmSync(tool, { force: true });
}
