// Reads pricing/accuracy.yaml: how far the speed model's predictions fall from published
// measurements, by kind of figure, engine and hardware class. Generated (npm run validate), but
// read with the same care as any catalogue file: every problem at its line, all at once.

import type { Node } from 'yaml';
import { sortProblems, UserError } from '../errors.js';
import { parseYamlStrict } from '../scenario/parse.js';
import { Reader } from '../scenario/reader.js';
import { ACCURACY_KINDS } from '../validation/bands.js';
import { HARDWARE_CLASSES } from './selfhost-file.js';
import type { AccuracyBand, AccuracyCatalogue, AccuracyKind, HardwareClass } from './types.js';

const BAND_KEYS = ['kind', 'engine', 'class', 'measurements', 'low', 'high', 'median_abs_error'] as const;

export function parseAccuracyFile(text: string, file: string): AccuracyCatalogue {
  const { doc, lineCounter } = parseYamlStrict(text, file);
  const r = new Reader(file, lineCounter);
  const top = r.map(doc.contents as Node, '', ['as_of', 'source', 'bands'], 'a mapping of as_of, source and bands');
  if (!top) throw new UserError(r.problems);
  const asOf = r.date(r.need(top, 'as_of', ' (the date the bands were generated, YYYY-MM-DD)'), 'as_of');
  const source = r.string(r.need(top, 'source', ' (the measurements the bands come from)'), 'source');
  const seen = new Set<string>();
  const bands: AccuracyBand[] = [];
  (r.list(r.need(top, 'bands'), 'bands') ?? []).forEach((node, i) => {
    const p = `bands[${i}]`;
    const f = r.map(node, p, BAND_KEYS);
    if (!f) return;
    const kind = r.string(r.need(f, 'kind'), `${p}.kind`, ACCURACY_KINDS) as AccuracyKind | undefined;
    const engine = r.string(r.need(f, 'engine', " (an engine id, or '*' for all)"), `${p}.engine`);
    const cls = r.string(r.need(f, 'class', " (a hardware class, or '*' for all)"), `${p}.class`, [...HARDWARE_CLASSES, '*']) as HardwareClass | '*' | undefined;
    const measurements = r.number(r.need(f, 'measurements'), `${p}.measurements`, 'integer', { min: 1 });
    const low = r.number(r.need(f, 'low'), `${p}.low`, 'positive');
    const high = r.number(r.need(f, 'high'), `${p}.high`, 'positive');
    const error = r.number(r.need(f, 'median_abs_error'), `${p}.median_abs_error`, 'count');
    if (low !== undefined && high !== undefined && low > high) r.problem(f.get('low'), `${p}.low`, `is above high (${low} > ${high})`, 'low is the P10 of measured / predicted, high the P90');
    if (kind === undefined || engine === undefined || cls === undefined || measurements === undefined || low === undefined || high === undefined || error === undefined) return;
    const key = `${kind} ${engine} ${cls}`;
    if (seen.has(key)) r.problem(node, p, `${kind} / ${engine} / ${cls} is listed twice`);
    seen.add(key);
    bands.push({ kind, engine, class: cls, measurements, low, high, medianAbsError: error });
  });
  if (r.problems.length > 0 || asOf === undefined || source === undefined) throw new UserError(sortProblems(r.problems));
  return { asOf, source, bands };
}
