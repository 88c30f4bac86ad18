import { messageOf } from './failures.js';
import type { ActionsCore } from './log.js';
import { isAccepted, isFailure } from './outcomes.js';
import { someOf } from './problems.js';
import { cellSafe, MESSAGE_LIMIT, oneLine } from './text.js';
import type { JobRow, RowFormat } from './vendors/vendor.js';

/** Output names, as action.yml declares them. */
export const Outputs = {
  Results: 'results',
  ResultsFile: 'results-file',
  Terminated: 'terminated',
  Failed: 'failed',
} as const;

export interface Counts {
  /** Kill orders accepted (waited-on jobs included, whatever the wait found). */
  terminated: number;
  /** Rows that are failures: not-found, error, timed-out. */
  failed: number;
}

/** Rows shown in the summary at most; every row is in `results-file`. */
const SUMMARY_ROW_LIMIT = 500;
/**
 * GitHub refuses a step summary over 1 MiB. Cells are capped (text.ts), so 500 rows fit in
 * about 600 kB even when every character needs an entity; this budget is the backstop.
 */
export const SUMMARY_BUDGET_BYTES = 768 * 1024;

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
  /** How the run signed in: "the API key of input `api-key`", never a secret. */
  signIn?: string;
  /** Link to the workflow run, when known. */
  runUrl: string | null;
  /** Why the run stopped early, if it did. */
  stopped: string | null;
}

/**
 * The job summary as HTML. Every piece of outside text is one line, capped and escaped for
 * both HTML and Markdown (text.ts), so it stays inside its cell; the whole stays under
 * SUMMARY_BUDGET_BYTES.
 */
export function summaryHtml<Row extends JobRow>(
  format: RowFormat<Row>,
  rows: readonly Row[],
  context: SummaryContext,
): string {
  const counts = countRows(rows);
  const verb = context.dryRun ? 'Dry run: jobs that would be terminated' : 'Terminated jobs';
  const lines = [
    `<h2>${cellSafe(`${verb} on ${format.title}`)}</h2>`,
    `<p>Target <code>${cellSafe(context.target)}</code>: ${rows.length} job(s), ${counts.terminated} kill order(s) accepted, ${counts.failed} failure(s).${
      context.runUrl ? ` <a href="${escapeHtml(context.runUrl)}">Workflow run</a>.` : ''
    }</p>`,
  ];
  if (context.signIn) lines.push(`<p>Signed in with ${cellSafe(context.signIn)}.</p>`);
  if (context.selection)
    lines.push(`<p>Selection: ${cellSafe(context.selection, MESSAGE_LIMIT)}.</p>`);
  if (context.stopped)
    lines.push(`<p><strong>Stopped:</strong> ${cellSafe(context.stopped, MESSAGE_LIMIT)}</p>`);
  if (rows.length > 0) {
    const header = ['Job', 'Outcome', 'Status', 'Message']
      .map((cell) => `<th>${cell}</th>`)
      .join('');
    lines.push(`<table>`, `<tr>${header}</tr>`);
    let bytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    let shown = 0;
    for (const row of rows.slice(0, SUMMARY_ROW_LIMIT)) {
      const cells = [format.keyOf(row), row.outcome, format.statusOf(row), row.error ?? ''];
      const line = `<tr>${cells.map((cell) => `<td>${cellSafe(cell)}</td>`).join('')}</tr>`;
      bytes += Buffer.byteLength(line) + 1;
      if (bytes > SUMMARY_BUDGET_BYTES) break;
      lines.push(line);
      shown++;
    }
    lines.push('</table>');
    if (rows.length > shown) {
      lines.push(
        `<p>${rows.length - shown} more row(s) are in the <code>results-file</code> output.</p>`,
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

/** The job summary is a courtesy: outside a runner (no summary file) or on a full disk, skip it. */
export async function writeSummary(
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  html: string,
): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(html).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${messageOf(error)}`);
  }
}

/** The failed rows for the step's message: "k1 error (why); k2 not-found; and 3 more". */
export function failureList<Row extends JobRow>(
  format: RowFormat<Row>,
  rows: readonly Row[],
): string {
  const failures = rows
    .filter((row) => isFailure(row.outcome))
    .map(
      (row) =>
        `${format.keyOf(row)} ${row.outcome}${row.error ? ` (${oneLine(row.error, 200)})` : ''}`,
    );
  return someOf(failures, '; ');
}
