// What one run may read, and what it has read: the size limit on every file (--max-file-size),
// whether a scenario's prompt files may lie outside its folder tree (--allow-outside-files), and
// the files read so far, which -o must never replace. src/cli.ts starts each run with its own;
// readers and the writer find it here, however deep in a command they are.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Stats } from 'node:fs';

/** 32 MiB: far above any scenario, catalogue or prompt, far below what would exhaust memory. */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface ReadFile {
  /** As the user named it (the path shown in messages). */
  file: string;
  /** The real path, every symbolic link resolved. */
  real: string;
  dev: number;
  ino: number;
}

export interface RunFiles {
  maxFileBytes: number;
  allowOutsideFiles: boolean;
  /** Every file read in this run, by `dev:ino`. */
  reads: Map<string, ReadFile>;
  /**
   * Set by the process entry: keeps `remove` to be called if the run is interrupted (SIGINT,
   * SIGTERM) while a temporary file exists; the returned function forgets it.
   */
  guardTemporary?: (remove: () => void) => () => void;
  /** Tests only: how long the writer holds its temporary file before renaming it. */
  pauseBeforeRenameMs?: number;
}

export function newRunFiles(options: Partial<Omit<RunFiles, 'reads'>> = {}): RunFiles {
  return { maxFileBytes: DEFAULT_MAX_FILE_BYTES, allowOutsideFiles: false, ...options, reads: new Map() };
}

// Each command is bundled on its own (scripts/build.mjs), each with a copy of this module: one
// store, kept under a registry symbol, serves them all.
const STORE = Symbol.for('llm-tco.run-files');
const storage = ((globalThis as Record<symbol, unknown>)[STORE] ??= new AsyncLocalStorage<RunFiles>()) as AsyncLocalStorage<RunFiles>;

/** Runs `task` with `files` as its run's. */
export function withRunFiles<T>(files: RunFiles, task: () => T): T {
  return storage.run(files, task);
}

/** This run's; outside a run (the library, a unit test), the defaults, recording nothing for later. */
export function runFiles(): RunFiles {
  return storage.getStore() ?? newRunFiles();
}

/** Notes a file read, under the first name it was read by (a link to it read later is the same file). */
export function recordRead(file: string, real: string, stats: Pick<Stats, 'dev' | 'ino'>): void {
  const { reads } = runFiles();
  const key = `${stats.dev}:${stats.ino}`;
  if (!reads.has(key)) reads.set(key, { file, real, dev: stats.dev, ino: stats.ino });
}

/** The file this run read that is the file `stats` describes (same device and inode), if any. */
export function readAs(stats: Pick<Stats, 'dev' | 'ino'>): ReadFile | undefined {
  return runFiles().reads.get(`${stats.dev}:${stats.ino}`);
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?$/i;
const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3, tb: 1e12, tib: 1024 ** 4 };

/** `64MiB`, `100MB`, `1GB`, `4096` (bytes) as a number of bytes; undefined for anything else or 0. */
export function parseByteSize(text: string): number | undefined {
  const m = SIZE.exec(text.trim());
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * UNIT_BYTES[(m[2] ?? 'b').toLowerCase()]!);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** A size for reading: `212 bytes`, `1 KiB`, `40.2 MiB` (binary units, one decimal where it tells). */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}

/** `the 32 MiB limit`, `the 100-byte limit`. */
export function limitPhrase(bytes: number): string {
  return bytes < 1024 ? `the ${bytes}-byte limit` : `the ${formatByteSize(bytes)} limit`;
}

/** The message for a file (or standard input) larger than the limit; `size` undefined when unknown. */
export function overLimit(size: number | undefined, limit: number): string {
  const shown = size === undefined ? undefined : formatByteSize(size);
  // 32.01 MiB shown as "32 MiB, over the 32 MiB limit" would read as a contradiction: say the bytes.
  const exact = shown !== undefined && shown === formatByteSize(limit) ? `${size} bytes` : shown;
  return `${exact === undefined ? 'is over' : `is ${exact}, over`} ${limitPhrase(limit)}: raise it with --max-file-size`;
}
