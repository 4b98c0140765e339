// What a command may touch of the outside world, passed in so tests can fake it.

import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from './errors.js';
import { readAs, runFiles } from './run-files.js';

export interface Io {
  /** `columns`: the terminal's width, where stdout is one. */
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Standard input: the wizard's terminal (isTTY), or the data of a `-` argument; absent where a test gives none. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Today's date, YYYY-MM-DD (which dated prices apply, how old they are). */
  today: string;
  /** All of standard input as UTF-8 text, for a `-` argument; absent where there is none. */
  readStdin?: () => Promise<string>;
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}

/**
 * Columns a table may take on standard output (docs/output.md): the terminal's width, else
 * $COLUMNS (a pipe into a pager, a CI log), else 120.
 */
export function outputWidth(io: Io): number {
  const terminal = io.stdout.isTTY === true ? io.stdout.columns : undefined;
  if (terminal !== undefined && terminal > 0) return terminal;
  const columns = Number(io.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : 120;
}

/**
 * A command's last step: renders the whole report, then writes it to `out` (all or nothing) or,
 * without `out`, to standard output. Colour only for a terminal, never into a file; tables fit
 * the output's width, except with --wide (`wide`) and in a file.
 */
export function emit(io: Io, out: string | undefined, render: (options: { color: boolean; width: number | undefined }) => string, wide = false): void {
  const text = render({ color: out === undefined && useColor(io), width: out === undefined && !wide ? outputWidth(io) : undefined });
  if (out !== undefined) writeFileAtomic(out, text);
  else io.stdout.write(text);
}

/**
 * Writes all of `text` or nothing. A regular file (or a new one) gets a temporary file beside it,
 * flushed to disk and renamed into place, with the old file's permission mode kept; a symbolic
 * link is written through, so the file it points at is replaced and the link stays; a FIFO or a
 * device (/dev/stdout) is written directly, since renaming over it would replace it with a plain
 * file. A file this run read (a scenario, a prompt file, a catalogue, a log: src/run-files.ts) is
 * never replaced, except `mayReplace` (the wizard's --from, which it edits). Interrupted by
 * SIGINT or SIGTERM, the run removes its temporary file (src/cli.ts). Every failure is one line
 * naming the file.
 */
export function writeFileAtomic(file: string, text: string, options: { mayReplace?: string } = {}): void {
  let temporary: string | undefined;
  let release: (() => void) | undefined;
  try {
    // stat follows links as the system does, /proc's /dev/stdout -> pipe:[...] included.
    const existing = statOrUndefined(file);
    if (existing?.isDirectory()) throw UserError.plain(file, 'is a folder, not a file');
    if (existing) refuseOverInput(file, existing, options.mayReplace);
    if (existing && !existing.isFile()) {
      writeFileSync(file, text);
      return;
    }
    // /dev/stdout redirected to a file (`-o /dev/stdout >> log`) is an open descriptor, reached
    // through /proc: replacing the file would drop what the shell appends to; write after it.
    if (existing && linkChain(file).some((hop) => hop.startsWith('/proc/'))) {
      writeFileSync(file, text, { flag: 'a' });
      return;
    }
    const target = existing ? realpathSync.native(file) : resolveLinks(file);
    // A short name, whatever the length of the target's: a name near the 255-byte limit still has a temporary one.
    const made = join(dirname(target), `.llm-tco-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    const run = runFiles();
    release = run.guardTemporary?.(() => removeQuietly(made));
    const fd = openSync(made, 'wx');
    temporary = made;
    try {
      writeAll(fd, text);
      if (existing) chmodSync(made, existing.mode & 0o7777);
      // On disk before it replaces the old file: a crash after the rename leaves the new text, not an empty file.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (run.pauseBeforeRenameMs !== undefined) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, run.pauseBeforeRenameMs);
    renameSync(made, target);
    temporary = undefined;
  } catch (error) {
    if (temporary !== undefined) removeQuietly(temporary);
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw UserError.plain(file, `cannot write here: ${WRITE_ERRORS[code] ?? `the system refused (${code})`}`);
  } finally {
    release?.();
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * Refuses an -o path that is a file this run read (`check ck -o ck/a.yaml`): the report would
 * replace its own input. Compared by device and inode, so `./base.yaml`, a symbolic link and a
 * hard link to it count too.
 */
function refuseOverInput(out: string, existing: Stats, mayReplace: string | undefined): void {
  const input = readAs(existing);
  if (input === undefined) return;
  const allowed = mayReplace === undefined ? undefined : statOrUndefined(mayReplace);
  if (allowed && allowed.dev === existing.dev && allowed.ino === existing.ino) return;
  const what = input.file === out ? 'an input of this command' : `${input.file}, an input of this command`;
  throw UserError.plain(out, `is ${what}: the output would replace it`, 'write the output to another file');
}

/** Why a write failed, by error code, as said after `FILE: cannot write here: `. */
const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file would be too large',
  ENAMETOOLONG: 'the file name is too long',
  ELOOP: 'too many symbolic links (a link that points at itself?)',
  EISDIR: 'it is a folder, not a file',
  EXDEV: 'the link points to another file system',
  EIO: 'input/output error',
};

/** Where a new file's path leads: a link to a file not yet there leads to that file. */
function resolveLinks(file: string): string {
  return linkChain(file).at(-1)!;
}

/** Every path a chain of symbolic links passes through, absolute, from `file` to where it ends. */
function linkChain(file: string): string[] {
  const chain = [resolve(file)];
  for (let hops = 0; hops < 40; hops++) {
    const path = chain.at(-1)!;
    let link: string;
    try {
      if (!lstatSync(path).isSymbolicLink()) return chain;
      link = readlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return chain;
      throw error;
    }
    chain.push(resolve(dirname(path), link));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Best-effort clean-up: where the folder is missing or is a file, there is nothing to remove. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // rmSync's force ignores only ENOENT; ENOTDIR means nothing was written either.
  }
}
