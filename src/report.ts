import { messageOf } from './failures.js';
import type { ActionsCore } from './log.js';
import { isAccepted, isFailure } from './outcomes.js';
import { someOf } from './problems.js';
import { cellSafe, MESSAGE_LIMIT, oneLine } from './text.js';
import type { JobRow, RowFormat, RowGroupName } from './vendors/vendor.js';

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
  if (context.selection)
    lines.push(`<p>Selection: ${cellSafe(context.selection, MESSAGE_LIMIT)}.</p>`);
  if (context.stopped)
    lines.push(`<p><strong>Stopped:</strong> ${cellSafe(context.stopped, MESSAGE_LIMIT)}</p>`);
  const groups = groupRows(format, rows);
  if (groups !== null) lines.push(...groupTable(groups));
  if (rows.length > 0) {
    const header = ['Job', 'Outcome', 'Status', 'Message']
      .map((cell) => `<th>${cell}</th>`)
      .join('');
    lines.push(`<table>`, `<tr>${header}</tr>`);
    let bytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    let shown = 0;
    const ordered = groups?.flatMap((group) => group.rows) ?? rows;
    for (const row of ordered.slice(0, SUMMARY_ROW_LIMIT)) {
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

/** The rows of one place of the target (a content item), and their counts. */
export interface RowGroup<Row> extends RowGroupName {
  rows: Row[];
  counts: Counts;
}

/** Places shown in the summary's table of them at most. */
const GROUP_LIMIT = 100;

/**
 * The rows by the place they belong to, places in the order of their first row; null when
 * the rows are of one place (or the vendor's target is always one).
 */
export function groupRows<Row extends JobRow>(
  format: RowFormat<Row>,
  rows: readonly Row[],
): RowGroup<Row>[] | null {
  if (format.groupOf === undefined) return null;
  const groups = new Map<string, RowGroup<Row>>();
  for (const row of rows) {
    const name = format.groupOf(row) ?? { id: '', title: null };
    const group = groups.get(name.id) ?? { ...name, rows: [], counts: countRows([]) };
    group.rows.push(row);
    groups.set(name.id, group);
  }
  if (groups.size < 2) return null;
  for (const group of groups.values()) group.counts = countRows(group.rows);
  return [...groups.values()];
}

/** The summary's table of places: each with its title and counts. */
function groupTable<Row>(groups: readonly RowGroup<Row>[]): string[] {
  const header = ['Item', 'Title', 'Jobs', 'Kill orders accepted', 'Failures'];
  const lines = [
    `<p>${groups.length} item(s):</p>`,
    `<table>`,
    `<tr>${header.map((cell) => `<th>${cell}</th>`).join('')}</tr>`,
  ];
  for (const { id, title, rows, counts } of groups.slice(0, GROUP_LIMIT)) {
    const cells = [id, title ?? '', rows.length, counts.terminated, counts.failed];
    lines.push(`<tr>${cells.map((cell) => `<td>${cellSafe(String(cell))}</td>`).join('')}</tr>`);
  }
  lines.push('</table>');
  if (groups.length > GROUP_LIMIT) {
    lines.push(
      `<p>${groups.length - GROUP_LIMIT} more item(s); every row is in the <code>results-file</code> output.</p>`,
    );
  }
  return lines;
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
