#!/usr/bin/env node
// What a new price snapshot changes, as markdown for the weekly pull request: every API model whose
// prices moved (before, after, by how much), and the models added and removed. Reads two reports of
// `llm-tco pricing list --kind api --format json`, taken before and after the bump.
//
//   node scripts/prices/diff.mjs BEFORE.json AFTER.json

import { readFileSync } from 'node:fs';

/** The figures compared, and how the pull request names them. */
const FIGURES = {
  input_per_mtok: 'input',
  output_per_mtok: 'output',
  cached_input_per_mtok: 'cached input',
  cache_write_per_mtok: 'cache write',
};
/** Rows in the table at most: a pull request's body holds 65,536 characters. */
const MAX_ROWS = 300;

export function priceChanges(before, after) {
  const index = (report) => new Map(report.rows.filter((r) => r.kind === 'api').map((r) => [r.id, r]));
  const old = index(before);
  const now = index(after);
  const changed = [];
  for (const [id, row] of now) {
    const was = old.get(id);
    if (!was) continue;
    for (const [key, name] of Object.entries(FIGURES)) {
      const a = was.figures?.[key] ?? null;
      const b = row.figures?.[key] ?? null;
      if (a === b) continue;
      changed.push({ id, figure: name, currency: row.currency, before: a, after: b, share: a && b !== null ? (b - a) / a : null });
    }
  }
  // The largest moves first; a price that appeared or went away before any share.
  changed.sort((x, y) => (y.share === null ? Infinity : Math.abs(y.share)) - (x.share === null ? Infinity : Math.abs(x.share)) || x.id.localeCompare(y.id));
  const added = [...now.keys()].filter((id) => !old.has(id)).sort();
  const removed = [...old.keys()].filter((id) => !now.has(id)).sort();
  return { changed, added, removed, models: new Set(changed.map((c) => c.id)).size };
}

const price = (n, currency) => (n === null ? '-' : `${n.toLocaleString('en-US', { maximumFractionDigits: 6 })} ${currency}`);
const percent = (share) => (share === null ? '-' : `${share > 0 ? '+' : ''}${(share * 100).toFixed(1).replace(/\.0$/, '')}%`);
const code = (text) => `\`${String(text).replace(/`/g, "'").replace(/\|/g, '\\|')}\``;

export function changesMarkdown({ changed, added, removed, models }) {
  const lines = [`${models} API model${models === 1 ? '' : 's'} with changed prices, ${added.length} added, ${removed.length} removed (prices per 1M tokens).`];
  if (changed.length > 0) {
    lines.push('', '| Model | Price | Before | After | Change |', '| --- | --- | ---: | ---: | ---: |');
    for (const c of changed.slice(0, MAX_ROWS)) lines.push(`| ${code(c.id)} | ${c.figure} | ${price(c.before, c.currency)} | ${price(c.after, c.currency)} | ${percent(c.share)} |`);
    if (changed.length > MAX_ROWS) lines.push('', `… and ${changed.length - MAX_ROWS} more changes, smaller than those above.`);
  }
  const list = (title, ids) => {
    if (ids.length === 0) return;
    const shown = ids.slice(0, MAX_ROWS).map(code).join(', ');
    lines.push('', `**${title}:** ${shown}${ids.length > MAX_ROWS ? `, and ${ids.length - MAX_ROWS} more` : ''}`);
  };
  list('Added', added);
  list('Removed', removed);
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [beforePath, afterPath] = process.argv.slice(2);
  if (!beforePath || !afterPath) {
    process.stderr.write('usage: node scripts/prices/diff.mjs BEFORE.json AFTER.json\n');
    process.exit(2);
  }
  const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
  process.stdout.write(changesMarkdown(priceChanges(read(beforePath), read(afterPath))));
}
