// Reading a file the user names (a scenario, a catalogue, a log, a prompt): the one place that
// turns the system's errors into one-line reasons, and that refuses what is not UTF-8 text (a
// binary, a Latin-1 or UTF-16 file) instead of echoing its bytes or counting them as characters.
// Every command reads its input files here.

import { readFileSync } from 'node:fs';
import { UserError } from './errors.js';

/** Why a file cannot be read as text, said after its name: `x.yaml: no such file`. */
export interface Unreadable {
  kind: 'missing' | 'folder' | 'denied' | 'not-text';
  message: string;
  hint?: string;
  /** Where in the file the text stops being UTF-8. */
  line?: number;
  col?: number;
}

export type TextRead = { text: string; bytes: Uint8Array } | { unreadable: Unreadable };

/** A file's text, or why it cannot be read. */
export function readTextFile(file: string): TextRead {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { unreadable: unreadableBecause(error) };
  }
  return decodeText(bytes);
}

/** A file's text; a UserError naming the file when it cannot be read. */
export function readText(file: string): string {
  const read = readTextFile(file);
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

/** The reasons a user can act on; anything else is not the input's fault and stays an error. */
function unreadableBecause(error: unknown): Unreadable {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { kind: 'missing', message: 'no such file' };
  if (code === 'ENOTDIR') return { kind: 'missing', message: 'no such file', hint: 'a part of the path is a file, not a folder' };
  if (code === 'EISDIR') return { kind: 'folder', message: 'is a folder, not a file' };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'denied', message: 'cannot be read (permission denied)' };
  throw error;
}
