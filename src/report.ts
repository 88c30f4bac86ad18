import { isAccepted, isFailure } from './outcomes.js';
import type { JobRow, RowFormat } from './vendors/vendor.js';

/** Output names, as action.yml declares them. */
export const Outputs = {
  Results: 'results',
  Terminated: 'terminated',
  Failed: 'failed',
} as const;

export interface Counts {
  /** Kill orders accepted (waited-on jobs included, whatever the wait found). */
  terminated: number;
  /** Rows that are failures: not-found, error, timed-out. */
  failed: number;
}

/** GitHub refuses step summaries over 1 MiB; the full rows are in the `results` output. */
const SUMMARY_ROW_LIMIT = 500;

export function countRows(rows: readonly JobRow[]): Counts {
  return {
    terminated: rows.filter((row) => isAccepted(row.outcome)).length,
    failed: rows.filter((row) => isFailure(row.outcome)).length,
  };
}
export interface SummaryContext {
  target: string;
  /** Which jobs were chosen ('' when the run stopped before it knew). */
  selection?: string;
  dryRun: boolean;
  /** Link to the workflow run, when known. */
  runUrl: string | null;
  /** Why the run stopped early, if it did. */
  stopped: string | null;
}

/** The job summary as HTML, every piece of server text escaped. */
export function summaryHtml<Row extends JobRow>(
  format: RowFormat<Row>,
  rows: readonly Row[],
  context: SummaryContext,
): string {
  const counts = countRows(rows);
  const verb = context.dryRun ? 'Dry run: jobs that would be terminated' : 'Terminated jobs';
  const lines = [
    `<h2>${escapeHtml(`${verb} on ${format.title}`)}</h2>`,
    `<p>Target <code>${escapeHtml(context.target)}</code>: ${rows.length} job(s), ${counts.terminated} kill order(s) accepted, ${counts.failed} failure(s).${
      context.runUrl ? ` <a href="${escapeHtml(context.runUrl)}">Workflow run</a>.` : ''
    }</p>`,
  ];
  if (context.selection) lines.push(`<p>Selection: ${escapeHtml(context.selection)}.</p>`);
  if (context.stopped)
    lines.push(`<p><strong>Stopped:</strong> ${escapeHtml(context.stopped)}</p>`);
  if (rows.length > 0) {
    const header = ['Job', 'Outcome', 'Status', 'Message']
      .map((cell) => `<th>${cell}</th>`)
      .join('');
    const body = rows
      .slice(0, SUMMARY_ROW_LIMIT)
      .map((row) => {
        const cells = [format.keyOf(row), row.outcome, format.statusOf(row), row.error ?? ''];
        return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
      })
      .join('\n');
    lines.push(`<table>\n<tr>${header}</tr>\n${body}\n</table>`);
    if (rows.length > SUMMARY_ROW_LIMIT) {
      lines.push(
        `<p>${rows.length - SUMMARY_ROW_LIMIT} more row(s) are in the <code>results</code> output.</p>`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
