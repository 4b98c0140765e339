// The grid of every table format: cli-table3 with no rule between rows; in colour a bold header
// and grey borders, without colour no escape codes at all.

import Table from 'cli-table3';

export function compactTable(head: string[], color: boolean, colAligns?: Table.HorizontalAlignment[]): Table.Table {
  return new Table({
    head,
    ...(colAligns ? { colAligns } : {}),
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] },
  });
}
