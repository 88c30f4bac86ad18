import { messageOf } from './failures.js';
import type { ActionsCore } from './log.js';
import { isAccepted, isFailure } from './outcomes.js';
import { someOf } from './problems.js';
import { oneLine } from './text.js';
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

export function countRows(rows: readonly JobRow[]): Counts {
  return {
    terminated: rows.filter((row) => isAccepted(row.outcome)).length,
    failed: rows.filter((row) => isFailure(row.outcome)).length,
  };
}
/** The rows of one place of the target (a content item), and their counts. */
export interface RowGroup<Row> extends RowGroupName {
  rows: Row[];
  counts: Counts;
}

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
