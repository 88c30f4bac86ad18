import { closeSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { messageOf } from './failures.js';
import type { ActionsCore } from './log.js';
import { isAccepted, isFailure } from './outcomes.js';
import { countRows, Outputs } from './report.js';
import type { JobRow } from './vendors/vendor.js';

/**
 * Most bytes the `results` output may take. GitHub keeps about 1 MB of outputs per job, shared
 * by every step of the job; 800,000 bytes leaves a fifth of it to the other outputs of this
 * step and of the steps around it, and still holds about 3,000 typical rows.
 */
export const RESULTS_BUDGET_BYTES = 800_000;
// Rows are written to the file in pieces of about this size, never as one string.
const WRITE_CHUNK_BYTES = 256 * 1024;

export interface WrittenResults {
  /** The `results` output: every row, or those that fit the budget. */
  results: string;
  /** The file with every row; '' when it could not be written. */
  file: string;
  /** Rows only in the file. */
  omitted: number;
  /** Why the file could not be written, if it could not. */
  fileError: string | null;
  /** Why the file is in the OS temp folder instead of `dir` (RUNNER_TEMP), if it is. */
  fallback: string | null;
}

/**
 * Writes every row to a JSON file under `dir` (RUNNER_TEMP) and makes the `results` output
 * from the rows that fit its budget. Over the budget, rows are kept by `priority` (lower
 * first: failures, then accepted kill orders), and the kept rows stay in their order. Each row
 * is turned into JSON once for the file and once more only if it is kept, so the rows are
 * never held as one big string (let alone twice).
 */
export function writeResults<Row>(
  rows: readonly Row[],
  dir: string | undefined,
  priority: (row: Row) => number,
  budget = RESULTS_BUDGET_BYTES,
  tempDir = tmpdir(),
): WrittenResults {
  const written = writeRowsFile(rows, dir, tempDir);
  const { sizes } = written;
  // `[` + rows + `,` between them + `]`.
  const total = 2 + sizes.reduce((sum, size) => sum + size, 0) + Math.max(0, rows.length - 1);
  if (total <= budget) {
    return { ...written, results: JSON.stringify(rows), omitted: 0 };
  }
  const order = rows.map((_, index) => index);
  order.sort((a, b) => priority(rows[a] as Row) - priority(rows[b] as Row) || a - b);
  const kept = new Set<number>();
  let used = 2;
  for (const index of order) {
    const cost = (sizes[index] as number) + (kept.size > 0 ? 1 : 0);
    if (used + cost > budget) continue;
    kept.add(index);
    used += cost;
  }
  const results = `[${rows
    .filter((_, index) => kept.has(index))
    .map((row) => JSON.stringify(row))
    .join(',')}]`;
  return { ...written, results, omitted: rows.length - kept.size };
}

interface RowsFile {
  file: string;
  fileError: string | null;
  fallback: string | null;
  /** Each row's size in bytes as JSON. */
  sizes: number[];
}

/** Every row to a new JSON file under `dir`, in pieces; its path, or '' and why not. */
function writeRowsFile(
  rows: readonly unknown[],
  dir: string | undefined,
  tempDir: string,
): RowsFile {
  const sizes = new Array<number>(rows.length);
  const opened = openResultsFile(dir, tempDir);
  let { file, fileError } = opened;
  const { fd } = opened;
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = (): void => {
    if (fd !== null && pending.length > 0) writeSync(fd, pending.join(''));
    pending = [];
    pendingBytes = 0;
  };
  try {
    pending.push('[');
    rows.forEach((row, index) => {
      const text = JSON.stringify(row);
      sizes[index] = Buffer.byteLength(text);
      pending.push(index === 0 ? text : `,\n${text}`);
      pendingBytes += sizes[index];
      if (pendingBytes >= WRITE_CHUNK_BYTES) flush();
    });
    pending.push(']\n');
    flush();
  } catch (error) {
    fileError = messageOf(error);
    file = '';
    // The sizes are still needed for the `results` budget.
    rows.forEach((row, index) => (sizes[index] ??= Buffer.byteLength(JSON.stringify(row))));
  } finally {
    if (fd !== null) closeSync(fd);
  }
  return { file, fileError, fallback: opened.fallback, sizes };
}

/**
 * A new file for the rows, only this user may read: in `dir` (RUNNER_TEMP), or, when that is
 * not set or cannot be written, in the OS temp folder (the file is promised on every path).
 */
function openResultsFile(dir: string | undefined, tempDir: string) {
  const name = `terminate-jobs-results-${randomUUID()}.json`;
  let fallback: string | null = dir ? null : 'RUNNER_TEMP is not set';
  let fileError: string | null = null;
  for (const place of dir ? [dir, tempDir] : [tempDir]) {
    const file = join(place, name);
    try {
      return { fd: openSync(file, 'wx', 0o600), file, fileError, fallback };
    } catch (error) {
      if (place === dir) fallback = `RUNNER_TEMP (${dir}) cannot be written: ${messageOf(error)}`;
      else fileError = messageOf(error);
    }
  }
  return { fd: null, file: '', fileError, fallback };
}

/**
 * Every row goes to the file `results-file` names; `results` holds them while they fit its
 * budget, failures first (a later step acts on those), then accepted kill orders. Returns why
 * the outputs could not be written (GITHUB_OUTPUT missing or not a file), or null: the
 * results file and the summary are still written, and the step fails saying so.
 */
export function writeOutputs(
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  rows: readonly JobRow[],
): string | null {
  const { terminated, failed } = countRows(rows);
  const priority = (row: JobRow): number =>
    isFailure(row.outcome) ? 0 : isAccepted(row.outcome) ? 1 : 2;
  const written = writeResults(rows, env.RUNNER_TEMP, priority);
  if (written.fallback !== null) {
    core.warning(`The results file is in ${tmpdir()}: ${written.fallback}.`);
  }
  if (written.fileError !== null) {
    core.warning(`Could not write the results file: ${written.fileError}`);
  }
  if (written.omitted > 0) {
    core.warning(
      `${written.omitted} of ${rows.length} rows are only in the file of output results-file (${written.file || 'not written'}): \`results\` holds what fits in ${RESULTS_BUDGET_BYTES.toLocaleString('en')} bytes, failures first.`,
    );
  }
  try {
    core.setOutput(Outputs.Results, written.results);
    core.setOutput(Outputs.ResultsFile, written.file);
    core.setOutput(Outputs.Terminated, terminated);
    core.setOutput(Outputs.Failed, failed);
    return null;
  } catch (error) {
    return `The step's outputs could not be written (GITHUB_OUTPUT=${env.GITHUB_OUTPUT ?? ''}): ${messageOf(error)}. Every row is in the results file ${written.file || '(not written either)'} and the job summary.`;
  }
}
