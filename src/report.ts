import { messageOf } from './failures.js';
import type { ActionsCore } from './log.js';
import { isAccepted, isFailure } from './outcomes.js';
import { someOf } from './problems.js';
import { oneLine } from './text.js';
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

export function countRows(rows: readonly JobRow[]): Counts {
  return {
    terminated: rows.filter((row) => isAccepted(row.outcome)).length,
    failed: rows.filter((row) => isFailure(row.outcome)).length,
  };
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
