// What a command may touch of the outside world, passed in so tests can fake it.

import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { UserError } from './errors.js';

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
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
 * A command's last step: renders the whole report, then writes it to `out` (all or nothing) or,
 * without `out`, to standard output. Colour only for a terminal, never into a file.
 */
export function emit(io: Io, out: string | undefined, render: (options: { color: boolean }) => string): void {
  const text = render({ color: out === undefined && useColor(io) });
  if (out !== undefined) writeFileAtomic(out, text);
  else io.stdout.write(text);
}

/** Writes all of `text` or nothing: a temporary file renamed into place. */
export function writeFileAtomic(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    removeQuietly(temporary);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw UserError.plain(file, 'cannot write here: the folder does not exist');
    if (code === 'ENOTDIR') throw UserError.plain(file, 'cannot write here: part of the path is a file, not a folder');
    if (code === 'EACCES' || code === 'EROFS') throw UserError.plain(file, 'cannot write here (permission denied)');
    if (code === 'EISDIR') throw UserError.plain(file, 'is a folder, not a file');
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
