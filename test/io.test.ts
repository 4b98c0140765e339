// emit: the last step of every command that renders a report.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emit } from '../src/io.js';
import { fakeIo } from './helpers.js';

describe('emit', () => {
  const folders: string[] = [];
  const folder = () => {
    const made = mkdtempSync(join(tmpdir(), 'llm-tco-io-'));
    folders.push(made);
    return made;
  };
  afterEach(() => {
    for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
  });

  it('writes to standard output without -o, in colour where the terminal takes it', () => {
    const io = fakeIo({ FORCE_COLOR: '1' });
    emit(io, undefined, (o) => `colour ${o.color}\n`);
    expect(io.stdout.text).toBe('colour true\n');
  });

  it('writes to the -o file, never in colour, and nothing to standard output', () => {
    const io = fakeIo({ FORCE_COLOR: '1' });
    const file = join(folder(), 'report.txt');
    emit(io, file, (o) => `colour ${o.color}\n`);
    expect(readFileSync(file, 'utf8')).toBe('colour false\n');
    expect(io.stdout.text).toBe('');
  });

  it('leaves the -o file as it was when rendering fails, and no temporary file behind', () => {
    const dir = folder();
    const file = join(dir, 'report.txt');
    writeFileSync(file, 'before\n');
    expect(() =>
      emit(fakeIo(), file, () => {
        throw new Error('render failed');
      }),
    ).toThrow('render failed');
    expect(readFileSync(file, 'utf8')).toBe('before\n');
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('creates no -o file when rendering fails', () => {
    const file = join(folder(), 'report.txt');
    expect(() =>
      emit(fakeIo(), file, () => {
        throw new Error('render failed');
      }),
    ).toThrow();
    expect(existsSync(file)).toBe(false);
  });
});
