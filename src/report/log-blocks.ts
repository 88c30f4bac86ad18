import type { JobRow, RowFormat } from '../shared/rows.js';
import { MESSAGE_LIMIT } from '../shared/text.js';
import { element, join, link, preformatted, words, type Html } from './html.js';
import { LOOKS, sizeOf, type Sheet } from './sheet.js';

// The summary's last log lines: each job's in a collapsed block, within the summary's budget.

/** Most bytes of one job's log block: its oldest lines go first. */
export const LOG_BLOCK_BYTES = 16 * 1024;

/** Longest log line shown, in characters before escaping. */
export const LOG_LINE_CHARS = 500;

/** Each shown log in a collapsed block, and the notes on logs not read, within `budget`. */
export function logSection<Row extends JobRow>(
  { format, jobs, context }: Sheet<Row>,
  budget: number,
): Html[] {
  const notes = new Map((context.logNotes ?? []).map((note) => [note.index, note.why]));
  const wanted = jobs.filter(({ row, index }) => row.log !== undefined || notes.has(index));
  if (wanted.length === 0) return [];
  const parts = [element('h3', ['Last log lines'])];
  let left = budget - sizeOf(parts) - 200;
  let dropped = 0;
  for (const { row, index } of wanted) {
    // Past the point where not even a note fits, the rest are only counted.
    const part =
      left < 2048
        ? null
        : row.log
          ? logBlock(format, row)
          : logNote(format, row, notes.get(index) ?? '');
    if (part === null || left - part.bytes - 1 < 0) {
      dropped++;
      continue;
    }
    left -= part.bytes + 1;
    parts.push(part);
  }
  if (dropped > 0) {
    parts.push(
      element('p', [
        `${dropped} more log(s) left out to keep the summary within its size; the rows in `,
        element('code', ['results-file']),
        ' have them.',
      ]),
    );
  }
  return parts;
}

/** One job's log lines, collapsed, the newest kept when they are more than the block holds. */
export function logBlock<Row extends JobRow>(format: RowFormat<Row>, row: Row): Html {
  const lines = row.log ?? [];
  const { block, shown } = preformatted(lines, LOG_LINE_CHARS, LOG_BLOCK_BYTES);
  const count = shown === lines.length ? '' : ` (the last ${shown})`;
  const label = join([
    `${LOOKS[row.outcome].marker} `,
    link(row.page_url, [format.keyOf(row)]),
    `: ${lines.length} log line(s)${count}`,
  ]);
  return element('details', [element('summary', [label]), block]);
}

export function logNote<Row extends JobRow>(format: RowFormat<Row>, row: Row, why: string): Html {
  return element('p', [
    `${LOOKS[row.outcome].marker} `,
    link(row.page_url, [format.keyOf(row)]),
    ': no log: ',
    words(why, MESSAGE_LIMIT),
  ]);
}
