// The weekly price workflow's scripts (.github/workflows/prices.yml): the bump of the genai-prices
// snapshot, and the pull request's table of what changed and by how much.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
// @ts-expect-error: a plain script, without types
import { changesMarkdown, priceChanges } from '../scripts/prices/diff.mjs';

const api = (id: string, figures: Record<string, number | null>, currency = 'USD') => ({
  kind: 'api', id, currency,
  figures: { input_per_mtok: null, output_per_mtok: null, cached_input_per_mtok: null, cache_write_per_mtok: null, context_window: null, ...figures },
});
const report = (rows: unknown[]) => ({ schema: 'llm-tco/report@1', command: 'pricing list', rows });

describe('the table of price changes', () => {
  it('lists every moved price with its change, the largest first, and the models added and removed', () => {
    const before = report([
      api('acme/big', { input_per_mtok: 1, output_per_mtok: 2 }),
      api('acme/small', { input_per_mtok: 0.4, output_per_mtok: 1.6 }),
      api('acme/cache', { input_per_mtok: 3 }),
      api('acme/gone', { input_per_mtok: 1 }),
      { kind: 'hardware', id: 'gpu', figures: { memory_gib: 80 } },
    ]);
    const after = report([
      api('acme/big', { input_per_mtok: 1.5, output_per_mtok: 2 }), // 1.5 / 1 - 1 = +50%
      api('acme/small', { input_per_mtok: 0.3, output_per_mtok: 1.6 }), // 0.3 / 0.4 - 1 = -25%
      api('acme/cache', { input_per_mtok: 3, cached_input_per_mtok: 0.3 }), // a new price: no share
      api('acme/new', { input_per_mtok: 5 }),
    ]);
    const changes = priceChanges(before, after);
    const shares = changes.changed.map((c: { id: string; share: number | null }) => [c.id, c.share]);
    expect(shares.map(([id]: [string]) => id)).toEqual(['acme/cache', 'acme/big', 'acme/small']);
    expect(shares[0][1]).toBeNull();
    expect(shares[1][1]).toBeCloseTo(0.5, 12);
    expect(shares[2][1]).toBeCloseTo(-0.25, 12);
    expect(changesMarkdown(changes)).toBe([
      '3 API models with changed prices, 1 added, 1 removed (prices per 1M tokens).',
      '',
      '| Model | Price | Before | After | Change |',
      '| --- | --- | ---: | ---: | ---: |',
      '| `acme/cache` | cached input | - | 0.3 USD | - |',
      '| `acme/big` | input | 1 USD | 1.5 USD | +50% |',
      '| `acme/small` | input | 0.4 USD | 0.3 USD | -25% |',
      '',
      '**Added:** `acme/new`',
      '',
      '**Removed:** `acme/gone`',
      '',
    ].join('\n'));
  });

  it('says nothing changed when nothing did', () => {
    const same = report([api('acme/big', { input_per_mtok: 1 })]);
    expect(changesMarkdown(priceChanges(same, same))).toBe('0 API models with changed prices, 0 added, 0 removed (prices per 1M tokens).\n');
  });

  it('keeps a | in a model id inside its table cell', () => {
    const md = changesMarkdown(priceChanges(report([api('a|b', { input_per_mtok: 1 })]), report([api('a|b', { input_per_mtok: 2 })])));
    expect(md).toContain('| `a\\|b` | input | 1 USD | 2 USD | +100% |');
  });
});

describe('the bump of the genai-prices snapshot', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const RECORD = '# how to refresh\npackage: "@pydantic/genai-prices"\nversion: 0.1.8\nas_of: 2026-09-23\nsource: https://github.com/pydantic/genai-prices\n';
  function root(pinned = '0.1.8') {
    const dir = mkdtempSync(join(tmpdir(), 'llm-tco-bump-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'pricing'));
    writeFileSync(join(dir, 'package.json'), `{\n  "devDependencies": {\n    "@eslint/js": "^10.0.1",\n    "@pydantic/genai-prices": "${pinned}",\n    "ajv": "^8.20.0"\n  }\n}\n`);
    writeFileSync(join(dir, 'pricing', 'genai-prices.yaml'), RECORD);
    return dir;
  }
  const bump = (dir: string, ...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'scripts', 'prices', 'bump.mjs'), ...args, '--root', dir], { encoding: 'utf8' });

  it('sets the pin and the record, and keeps the rest of both files', () => {
    const dir = root();
    const run = bump(dir, '0.1.9', '2026-12-01');
    expect([run.status, run.stdout]).toEqual([0, '@pydantic/genai-prices 0.1.8 -> 0.1.9 (published 2026-12-01)\n']);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('{\n  "devDependencies": {\n    "@eslint/js": "^10.0.1",\n    "@pydantic/genai-prices": "0.1.9",\n    "ajv": "^8.20.0"\n  }\n}\n');
    expect(readFileSync(join(dir, 'pricing', 'genai-prices.yaml'), 'utf8')).toBe(RECORD.replace('version: 0.1.8', 'version: 0.1.9').replace('as_of: 2026-09-23', 'as_of: 2026-12-01'));
  });

  it('changes nothing at the version it has', () => {
    const dir = root();
    const run = bump(dir, '0.1.8', '2026-09-23');
    expect([run.status, run.stdout]).toEqual([0, '@pydantic/genai-prices is at 0.1.8 already\n']);
    expect(readFileSync(join(dir, 'pricing', 'genai-prices.yaml'), 'utf8')).toBe(RECORD);
  });

  it('refuses a bad version or date, and a pin the record disagrees with (exit 2)', () => {
    expect(bump(root(), 'latest', '2026-12-01').stderr).toBe("bump: expected a version such as 0.1.9, got 'latest'\n");
    expect(bump(root(), '0.1.9', '1 Dec').stderr).toBe("bump: expected the publication date as YYYY-MM-DD, got '1 Dec'\n");
    const run = bump(root('0.1.7'), '0.1.9', '2026-12-01');
    expect([run.status, run.stderr]).toEqual([2, 'bump: package.json pins 0.1.7 but pricing/genai-prices.yaml records 0.1.8: fix that first\n']);
  });
});
