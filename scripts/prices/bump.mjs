#!/usr/bin/env node
// Moves the bundled API prices to another release of @pydantic/genai-prices: the pin in
// package.json and the record in pricing/genai-prices.yaml (version, and as_of: the release's
// publication date on the npm registry), as that file says a refresh is done. Offline: the caller
// says which version and when it was published (the weekly workflow asks `npm view`), then runs
// `npm install` to update the lock file, rebuilds and tests.
//
//   node scripts/prices/bump.mjs VERSION YYYY-MM-DD [--root DIR]

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@pydantic/genai-prices';
const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? args.splice(rootAt, 2)[1] : join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [version, published] = args;

function fail(message) {
  process.stderr.write(`bump: ${message}\n`);
  process.exit(2);
}

if (!version || !/^\d+\.\d+\.\d+$/.test(version)) fail(`expected a version such as 0.1.9, got '${version ?? ''}'`);
if (!published || !/^\d{4}-\d{2}-\d{2}$/.test(published) || Number.isNaN(Date.parse(published))) fail(`expected the publication date as YYYY-MM-DD, got '${published ?? ''}'`);

const packagePath = join(root, 'package.json');
const packageText = readFileSync(packagePath, 'utf8');
const pin = new RegExp(`("${PACKAGE.replace('/', '\\/')}": ")([^"]+)(")`);
const was = pin.exec(packageText)?.[2];
if (was === undefined) fail(`package.json has no ${PACKAGE} dependency`);

const recordPath = join(root, 'pricing', 'genai-prices.yaml');
const record = readFileSync(recordPath, 'utf8');
if (!/^version: .*$/m.test(record) || !/^as_of: .*$/m.test(record)) fail('pricing/genai-prices.yaml needs version and as_of lines');
const recorded = /^version: (.*)$/m.exec(record)[1].trim();
if (recorded !== was) fail(`package.json pins ${was} but pricing/genai-prices.yaml records ${recorded}: fix that first`);

if (was === version) {
  process.stdout.write(`${PACKAGE} is at ${version} already\n`);
} else {
  // Line edits: the file's comments and the order of keys stay as they are.
  writeFileSync(packagePath, packageText.replace(pin, `$1${version}$3`));
  writeFileSync(recordPath, record.replace(/^version: .*$/m, `version: ${version}`).replace(/^as_of: .*$/m, `as_of: ${published}`));
  process.stdout.write(`${PACKAGE} ${was} -> ${version} (published ${published})\n`);
}
