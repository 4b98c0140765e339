// Reading a file the user names (a scenario, a catalogue, a log, a prompt): the one place that
// turns the system's errors into one-line reasons, and that refuses what is not UTF-8 text (a
// binary, a Latin-1 or UTF-16 file) instead of echoing its bytes or counting them as characters.
// Every command reads its input files here. Files may come from people the user does not control
// (a pull request's scenarios in CI): only regular files are read, up to the run's size limit,
// through the descriptor that was checked, and each file read is recorded so that -o never
// replaces it (src/run-files.ts).

import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { sep } from 'node:path';
import { UserError } from './errors.js';
import { overLimit, recordRead, runFiles } from './run-files.js';

/** Why a file cannot be read as text, said after its name: `x.yaml: no such file`. */
export interface Unreadable {
  kind: 'missing' | 'folder' | 'denied' | 'not-text' | 'not-regular' | 'too-large' | 'outside' | 'error';
  message: string;
  hint?: string;
  /** Where in the file the text stops being UTF-8. */
  line?: number;
  col?: number;
}

export type TextRead = { text: string; bytes: Uint8Array; modified?: Date } | { unreadable: Unreadable };

export interface ReadOptions {
  /** A folder the file must be inside once every symbolic link is resolved (a real path). */
  within?: string;
}

/** A file's text, or why it cannot be read. */
export function readTextFile(file: string, options: ReadOptions = {}): TextRead {
  const read = readRegularFile(file, options);
  if ('unreadable' in read) return read;
  const decoded = decodeText(read.bytes);
  return 'unreadable' in decoded ? decoded : { ...decoded, modified: read.modified };
}

/**
 * A regular file's bytes, at most the run's limit. The checks are made on the opened descriptor
 * (fstat), and the bytes read through it: what was checked is what is read. O_NONBLOCK keeps the
 * open of a FIFO from waiting for a writer; the FIFO is then refused as not a regular file.
 */
function readRegularFile(file: string, options: ReadOptions = {}): { bytes: Uint8Array; modified: Date } | { unreadable: Unreadable } {
  // The system would say "invalid argument"; a NUL byte in a name is worth naming.
  if (file.includes('\0')) return { unreadable: { kind: 'error', message: 'cannot be read: the path holds a NUL byte' } };
  const { maxFileBytes } = runFiles();
  let fd: number | undefined;
  try {
    const real = realpathSync.native(file);
    if (options.within !== undefined && !isInside(real, options.within)) return { unreadable: { kind: 'outside', message: `is outside ${options.within}` } };
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { unreadable: { kind: 'folder', message: 'is a folder, not a file' } };
    if (!stats.isFile()) return { unreadable: { kind: 'not-regular', message: `not a regular file (${fileType(stats)})` } };
    if (stats.size > maxFileBytes) return { unreadable: { kind: 'too-large', message: overLimit(stats.size, maxFileBytes) } };
    // A link swapped between the check of the real path and the open would give another file.
    if (options.within !== undefined && !sameFile(statSync(real), stats)) return { unreadable: { kind: 'error', message: 'cannot be read: it changed while it was being read' } };
    recordRead(file, real, stats);
    const bytes = readAtMost(fd, stats.size, maxFileBytes);
    if (bytes === undefined) return { unreadable: { kind: 'too-large', message: overLimit(undefined, maxFileBytes) } };
    return { bytes, modified: stats.mtime };
  } catch (error) {
    return { unreadable: unreadableBecause(error, file) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Everything in the file, or undefined past `limit` bytes. `size` is where reading starts
 * expecting the end; a file that grows, or reports no size (/proc), is read on up to the limit.
 */
function readAtMost(fd: number, size: number, limit: number): Uint8Array | undefined {
  let buffer = Buffer.allocUnsafe(Math.min(limit, size) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) return undefined;
      const grown = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(64 * 1024, buffer.length * 2)));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return length > limit ? undefined : buffer.subarray(0, length);
}

function sameFile(a: Pick<Stats, 'dev' | 'ino'>, b: Pick<Stats, 'dev' | 'ino'>): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Whether the real path `path` is `folder` or below it. */
function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}

function fileType(stats: Stats): string {
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a file of data';
}

/** A file's text; a UserError naming the file when it cannot be read. */
export function readText(file: string, options: ReadOptions = {}): string {
  const read = readTextFile(file, options);
  if ('unreadable' in read) throw unreadableError(file, read.unreadable);
  return read.text;
}

/** The reason as one phrase: `no such file (a part of the path is a file, not a folder)`. */
export function unreadableReason(unreadable: Unreadable): string {
  return unreadable.hint ? `${unreadable.message} (${unreadable.hint})` : unreadable.message;
}

export function unreadableError(file: string, unreadable: Unreadable): UserError {
  const { line, col } = unreadable;
  return UserError.at({ file, ...(line === undefined ? {} : { line, col }) }, '', unreadable.message, unreadable.hint);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes as UTF-8 text, without a byte-order mark (an editor's, never sent as part of a prompt;
 * the decoder drops it); or, for bytes that are not UTF-8 text, where they stop being it. A NUL
 * byte is valid UTF-8 but no text file holds one: it marks a binary file (or UTF-16).
 */
export function decodeText(bytes: Uint8Array): TextRead {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return notText(bytes, 0, 'a UTF-16 byte-order mark', 'save it as UTF-8');
  }
  const nul = bytes.indexOf(0);
  const hint = nul >= 0 ? 'it looks like a binary file' : 'save it as UTF-8';
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const invalid = Math.max(0, firstInvalidSequence(bytes));
    if (nul < 0 || invalid < nul) return notText(bytes, invalid, `byte 0x${bytes[invalid]!.toString(16).toUpperCase().padStart(2, '0')}`, hint);
    text = '';
  }
  if (nul >= 0) return notText(bytes, nul, 'a NUL byte', hint);
  return { text, bytes };
}

/** The reason, placed: line and column count the characters before `offset` (all valid UTF-8). */
function notText(bytes: Uint8Array, offset: number, what: string, hint: string): { unreadable: Unreadable } {
  const before = UTF8.decode(bytes.subarray(0, offset));
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.slice(0, lineStart).split('\n').length;
  const col = [...before.slice(lineStart)].length + 1;
  return { unreadable: { kind: 'not-text', message: `is not UTF-8 text: ${what} at byte offset ${offset}`, hint, line, col } };
}

/**
 * Where the first byte sequence that is not UTF-8 starts (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF); -1 when there is none. The decoder says whether; this says
 * where, pointing at the sequence's first byte (in Latin-1 "café", the é).
 */
function firstInvalidSequence(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range is narrower after these leads: it rules out the forbidden forms.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * Why the system refused, in plain words, for every error code: a file that cannot be read is
 * the input's problem (exit 2, named), never a crash. Only an error with no code is a bug.
 */
export function unreadableBecause(error: unknown, file: string): Unreadable {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { kind: 'missing', message: 'no such file', ...danglingLink(file) };
  if (code === 'ENOTDIR') return { kind: 'missing', message: 'no such file', hint: 'a part of the path is a file, not a folder' };
  if (code === 'EISDIR') return { kind: 'folder', message: 'is a folder, not a file' };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'denied', message: 'cannot be read (permission denied)' };
  if (code === 'EMFILE' || code === 'ENFILE') return { kind: 'error', message: 'cannot be read: too many files are open', hint: 'raise the limit with ulimit -n' };
  if (code === undefined) throw error;
  return { kind: 'error', message: `cannot be read: ${READ_ERRORS[code] ?? `the system refused (${code})`}` };
}

/** Why a read failed, by error code, as said after `FILE: cannot be read: `. */
const READ_ERRORS: Record<string, string> = {
  ELOOP: 'too many symbolic links (a link that leads back to itself?)',
  ENAMETOOLONG: 'the name is too long',
  ENXIO: 'no such device (a socket, or a device that is not there)',
  ENODEV: 'no such device',
  EIO: 'input/output error',
  EAGAIN: 'it is busy (try again)',
  EWOULDBLOCK: 'it is busy (try again)',
  EINVAL: 'the system calls the path invalid',
  EOVERFLOW: 'it is too large for this system',
  ESTALE: 'a stale network file handle',
};

/** The hint for a name that is a symbolic link to nothing: where it points. */
function danglingLink(file: string): { hint?: string } {
  try {
    if (!lstatSync(file).isSymbolicLink()) return {};
    return { hint: `a symbolic link to ${readlinkSync(file)}, which does not exist` };
  } catch {
    return {};
  }
}
