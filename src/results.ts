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
  /** `results` holds the rows without their bulky parts (`lighter`): those are only in the file. */
  lightened: boolean;
  /** Why the file could not be written, if it could not. */
  fileError: string | null;
}

/**
 * Writes every row to a JSON file under `dir` (RUNNER_TEMP) and makes the `results` output
 * from the rows that fit its budget. Over the budget, the rows first lose what `lighter`
 * takes off (their logs); still over, rows are kept by `priority` (lower first: failures, then
 * accepted kill orders), and the kept rows stay in their order. Each row is turned into JSON
 * once for the file and once more only if it is kept, so the rows are never held as one big
 * string (let alone twice).
 */
export function writeResults<Row>(
  rows: readonly Row[],
  dir: string | undefined,
  priority: (row: Row) => number,
  budget = RESULTS_BUDGET_BYTES,
  lighter: (row: Row) => Row = (row) => row,
): WrittenResults {
  const sizes = writeFile(rows, dir);
  const { file, fileError } = sizes;
  if (totalOf(sizes.full) <= budget) {
    return { results: JSON.stringify(rows), file, omitted: 0, lightened: false, fileError };
  }
  const light = rows.map(lighter);
  const lightSizes = light.map((row, index) =>
    row === rows[index] ? (sizes.full[index] as number) : Buffer.byteLength(JSON.stringify(row)),
  );
  const kept = keptRows(light, lightSizes, priority, budget);
  const results = `[${light
    .filter((_, index) => kept.has(index))
    .map((row) => JSON.stringify(row))
    .join(',')}]`;
  const lightened = light.some((row, index) => row !== rows[index] && kept.has(index));
  return { results, file, omitted: rows.length - kept.size, lightened, fileError };
}

/** `[` + rows + `,` between them + `]`. */
function totalOf(sizes: readonly number[]): number {
  return 2 + sizes.reduce((sum, size) => sum + size, 0) + Math.max(0, sizes.length - 1);
}

/** The rows that fit `budget`, taken by priority. */
function keptRows<Row>(
  rows: readonly Row[],
  sizes: readonly number[],
  priority: (row: Row) => number,
  budget: number,
): Set<number> {
  const kept = new Set<number>();
  if (totalOf(sizes) <= budget) return new Set(rows.map((_, index) => index));
  const order = rows.map((_, index) => index);
  order.sort((a, b) => priority(rows[a] as Row) - priority(rows[b] as Row) || a - b);
  let used = 2;
  for (const index of order) {
    const cost = (sizes[index] as number) + (kept.size > 0 ? 1 : 0);
    if (used + cost > budget) continue;
    kept.add(index);
    used += cost;
  }
  return kept;
}

/** Every row to the file, in pieces; the size of each row's JSON. */
function writeFile<Row>(
  rows: readonly Row[],
  dir: string | undefined,
): { full: number[]; file: string; fileError: string | null } {
  const sizes = new Array<number>(rows.length);
  let file = join(dir || tmpdir(), `terminate-jobs-results-${randomUUID()}.json`);
  let fileError: string | null = null;
  let fd: number | null = null;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    fileError = messageOf(error);
    file = '';
  }
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
  } finally {
    if (fd !== null) closeSync(fd);
  }

  return { full: sizes, file, fileError };
}

/**
 * Every row goes to the file `results-file` names; `results` holds them while they fit its
 * budget, failures first (a later step acts on those), then accepted kill orders.
 */
export function writeOutputs(
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  rows: readonly JobRow[],
): void {
  const { terminated, failed } = countRows(rows);
  const priority = (row: JobRow): number =>
    isFailure(row.outcome) ? 0 : isAccepted(row.outcome) ? 1 : 2;
  const withoutLog = (row: JobRow): JobRow => {
    if (row.log === undefined) return row;
    const { log: _log, ...rest } = row;
    return rest;
  };
  const written = writeResults(rows, env.RUNNER_TEMP, priority, RESULTS_BUDGET_BYTES, withoutLog);
  core.setOutput(Outputs.Results, written.results);
  core.setOutput(Outputs.ResultsFile, written.file);
  core.setOutput(Outputs.Terminated, terminated);
  core.setOutput(Outputs.Failed, failed);
  if (written.fileError !== null) {
    core.warning(`Could not write the results file: ${written.fileError}`);
  }
  if (written.lightened) {
    core.warning(
      `The rows in \`results\` have no \`log\`: with their logs they take more than ${RESULTS_BUDGET_BYTES.toLocaleString('en')} bytes. The file of output results-file (${written.file || 'not written'}) has them.`,
    );
  }
  if (written.omitted > 0) {
    core.warning(
      `${written.omitted} of ${rows.length} rows are only in the file of output results-file (${written.file || 'not written'}): \`results\` holds what fits in ${RESULTS_BUDGET_BYTES.toLocaleString('en')} bytes, failures first.`,
    );
  }
}
