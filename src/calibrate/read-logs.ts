// Log files' text -> the calls they record, with every unusable record noted by file and line.
// Pure: the command reads the files.

import { logEntries } from './log-lines.js';
import { readUsage, type LogFormat, type Usage } from './usage.js';

export interface Call extends Usage {
  file: string;
  line: number;
}

export interface Malformed {
  file: string;
  line: number;
  col?: number;
  reason: string;
}

export interface SourceSummary {
  file: string;
  /** Non-blank lines, or items of a JSON array. */
  records: number;
  calls: number;
  malformed: number;
  skipped: number;
  formats: Partial<Record<LogFormat, number>>;
}

export interface LogReading {
  calls: Call[];
  malformed: Malformed[];
  /** Records left out on purpose (embeddings, failed calls), by reason. */
  skipped: Record<string, number>;
  sources: SourceSummary[];
}

export function readLogs(files: { file: string; text: string }[]): LogReading {
  const reading: LogReading = { calls: [], malformed: [], skipped: {}, sources: [] };
  for (const { file, text } of files) {
    const source: SourceSummary = { file, records: 0, calls: 0, malformed: 0, skipped: 0, formats: {} };
    for (const entry of logEntries(text)) {
      source.records++;
      if ('problem' in entry) {
        source.malformed++;
        reading.malformed.push({ file, line: entry.line, ...(entry.col === undefined ? {} : { col: entry.col }), reason: entry.problem });
        continue;
      }
      const read = readUsage(entry.value);
      if ('problem' in read) {
        source.malformed++;
        reading.malformed.push({ file, line: entry.line, reason: read.problem });
      } else if ('skip' in read) {
        source.skipped++;
        reading.skipped[read.skip] = (reading.skipped[read.skip] ?? 0) + 1;
      } else {
        source.calls++;
        source.formats[read.usage.format] = (source.formats[read.usage.format] ?? 0) + 1;
        reading.calls.push({ ...read.usage, file, line: entry.line });
      }
    }
    reading.sources.push(source);
  }
  return reading;
}
