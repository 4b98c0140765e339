// Reading a file the user names (a scenario, a catalogue, a log, a prompt): the one place that
// turns the system's errors into one-line reasons. Every command reads its input files here.

import { readFileSync } from 'node:fs';
import { UserError } from './errors.js';

/** Why a file cannot be read as text, said after its name: `x.yaml: no such file`. */
export interface Unreadable {
  kind: 'missing' | 'folder' | 'denied';
  message: string;
  hint?: string;
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
  return UserError.plain(file, unreadable.message, unreadable.hint);
}

/**
 * Bytes as UTF-8 text, without a byte-order mark (an editor's, never sent as part of a prompt;
 * the decoder drops it).
 */
export function decodeText(bytes: Uint8Array): TextRead {
  return { text: new TextDecoder('utf-8').decode(bytes), bytes };
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
