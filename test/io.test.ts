// emit: the last step of every command that renders a report.

import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, writeSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import { emit, writeFileAtomic } from '../src/io.js';
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

  it('writes through a symbolic link: the file it points at changes, the link stays a link', () => {
    const dir = folder();
    writeFileSync(join(dir, 'real.txt'), 'before\n');
    symlinkSync('real.txt', join(dir, 'link.txt'));
    emit(fakeIo(), join(dir, 'link.txt'), () => 'after\n');
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.txt'))).toBe('real.txt');
    expect(readFileSync(join(dir, 'real.txt'), 'utf8')).toBe('after\n');
    expect(readdirSync(dir).sort()).toEqual(['link.txt', 'real.txt']);
  });

  it('creates the file a dangling link points at, and keeps the link', () => {
    const dir = folder();
    symlinkSync('new.txt', join(dir, 'link.txt'));
    emit(fakeIo(), join(dir, 'link.txt'), () => 'fresh\n');
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'new.txt'), 'utf8')).toBe('fresh\n');
  });

  it('writes straight into a FIFO, which stays a FIFO', async () => {
    const dir = folder();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // The reader first: opening a FIFO to write waits for one.
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString()));
    const closed = new Promise((done) => reader.on('close', done));
    emit(fakeIo(), fifo, () => 'through the pipe\n');
    await closed;
    expect(read).toBe('through the pipe\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  it.runIf(existsSync('/dev/full'))('reports a full device (through a link to /dev/full) in one line, and leaves the link', () => {
    const dir = folder();
    const link = join(dir, 'full');
    symlinkSync('/dev/full', link);
    expect(() => writeFileAtomic(link, 'x\n')).toThrow(new UserError([{ location: { file: link }, path: '', message: 'cannot write here: the disk is full' }]));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it.runIf(existsSync('/proc/self/fd'))('writes after an open descriptor reached through /proc (-o /dev/stdout >> log), keeping the file', () => {
    const file = join(folder(), 'log.txt');
    const fd = openSync(file, 'a');
    try {
      writeSync(fd, 'before\n');
      const inode = statSync(file).ino;
      writeFileAtomic(`/proc/self/fd/${fd}`, 'after\n');
      expect(statSync(file).ino).toBe(inode);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('before\nafter\n');
  });

  it("keeps an existing file's permission mode (0600 stays 0600)", () => {
    const file = join(folder(), 'secret.txt');
    writeFileSync(file, 'before\n');
    chmodSync(file, 0o600);
    emit(fakeIo(), file, () => 'after\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('after\n');
  });

  it('writes a file whose name is 250 characters long: the temporary name is short', () => {
    const dir = folder();
    const file = join(dir, `${'r'.repeat(246)}.txt`);
    emit(fakeIo(), file, () => 'long\n');
    expect(readFileSync(file, 'utf8')).toBe('long\n');
    expect(readdirSync(dir)).toEqual([`${'r'.repeat(246)}.txt`]);
  });

  it('reports a file name over the limit in one line naming the file', () => {
    const file = join(folder(), `${'r'.repeat(300)}.txt`);
    expect(() => writeFileAtomic(file, 'x\n')).toThrow(new UserError([{ location: { file }, path: '', message: 'cannot write here: the file name is too long' }]));
  });
});
