import { randomUUID } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageOf } from '../shared/failures.js';
import type { ActionsCore } from '../shared/log.js';
import { countRows, isAccepted, isFailure, type JobRow } from '../shared/rows.js';

/**
 * Most bytes the `results` output may take. GitHub keeps about 1 MB of outputs per job, shared
 * by every step of the job; 800,000 bytes leaves a fifth of it to the other outputs of this
 * step and of the steps around it, and still holds about 3,000 typical rows.
 */
export const RESULTS_BUDGET_BYTES = 800_000;
/** Most bytes of the `clusters` output, taken from the results' budget (about 200 clusters). */
export const CLUSTERS_BUDGET_BYTES = 160_000;
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
  /** Why the file is in the OS temp folder instead of `dir` (RUNNER_TEMP), if it is. */
  fallback: string | null;
}

export interface ResultsOptions<Row> {
  /** Most bytes of `results` (default RESULTS_BUDGET_BYTES). */
  budget?: number;
  /** The row without its bulky parts (its log), tried before rows are left out. */
  lighter?: (row: Row) => Row;
  /** Where the file goes when `dir` cannot take it (default the OS temp folder). */
  tempDir?: string;
  /** Cluster rows: the file is then `{"jobs": [...], "clusters": [...]}` (absent: the job array). */
  clusters?: readonly unknown[];
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
  options: ResultsOptions<Row> = {},
): WrittenResults {
  const { budget = RESULTS_BUDGET_BYTES, lighter = (row: Row) => row } = options;
  const written = writeRowsFile(rows, dir, options.tempDir ?? tmpdir(), options.clusters);
  const { file, fileError, fallback, sizes } = written;
  if (totalOf(sizes) <= budget) {
    return {
      results: JSON.stringify(rows),
      file,
      omitted: 0,
      lightened: false,
      fileError,
      fallback,
    };
  }
  const light = rows.map(lighter);
  const lightSizes = light.map((row, index) =>
    row === rows[index] ? (sizes[index] as number) : Buffer.byteLength(JSON.stringify(row)),
  );
  const kept = keptRows(light, lightSizes, priority, budget);
  const results = `[${light
    .filter((_, index) => kept.has(index))
    .map((row) => JSON.stringify(row))
    .join(',')}]`;
  const lightened = light.some((row, index) => row !== rows[index] && kept.has(index));
  return { results, file, omitted: rows.length - kept.size, lightened, fileError, fallback };
}

/** `[` + rows + `,` between them + `]`. */
function totalOf(sizes: readonly number[]): number {
  return 2 + sizes.reduce((sum, size) => sum + size, 0) + Math.max(0, sizes.length - 1);
}

/** The rows that fit `budget`, taken by priority. */
export function keptRows<Row>(
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

interface RowsFile {
  file: string;
  fileError: string | null;
  fallback: string | null;
  /** Each row's size in bytes as JSON. */
  sizes: number[];
}

/**
 * Every row to a new JSON file under `dir`, in pieces; its path, or '' and why not. With
 * clusters, an object of both arrays.
 */
function writeRowsFile(
  rows: readonly unknown[],
  dir: string | undefined,
  tempDir: string,
  clusters?: readonly unknown[],
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
    pending.push(clusters === undefined ? '[' : '{"jobs": [');
    rows.forEach((row, index) => {
      const text = JSON.stringify(row);
      sizes[index] = Buffer.byteLength(text);
      pending.push(index === 0 ? text : `,\n${text}`);
      pendingBytes += sizes[index];
      if (pendingBytes >= WRITE_CHUNK_BYTES) flush();
    });
    pending.push(clusters === undefined ? ']\n' : `],\n"clusters": ${JSON.stringify(clusters)}}\n`);
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
 * budget, failures first (a later step acts on those), then accepted kill orders, and rows
 * lose their logs before any row is left out. Returns why the outputs could not be written
 * (GITHUB_OUTPUT missing or not a file), or null: the results file and the summary are still
 * written, and the step fails saying so.
 */
export function writeOutputs(
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  rows: readonly JobRow[],
  /** The cluster rows, where the run considered clusters (null: not asked). */
  clusters: readonly JobRow[] | null = null,
): string | null {
  const priority = (row: JobRow): number =>
    isFailure(row.outcome) ? 0 : isAccepted(row.outcome) ? 1 : 2;
  const clusterOutput = clustersOutput(core, clusters ?? [], priority);
  const written = writeResults(rows, env.RUNNER_TEMP, priority, {
    lighter: withoutLog,
    budget: RESULTS_BUDGET_BYTES - Buffer.byteLength(clusterOutput),
    ...(clusters === null ? {} : { clusters }),
  });
  warnAbout(core, written, rows.length);
  const { terminated, failed } = countRows(rows);
  try {
    core.setOutput(Outputs.Results, written.results);
    core.setOutput(Outputs.ResultsFile, written.file);
    core.setOutput(Outputs.Terminated, terminated);
    core.setOutput(Outputs.Failed, failed);
    core.setOutput(Outputs.Clusters, clusterOutput);
    return null;
  } catch (error) {
    return `The step's outputs could not be written (GITHUB_OUTPUT=${env.GITHUB_OUTPUT ?? ''}): ${messageOf(error)}. Every row is in the results file ${written.file || '(not written either)'} and the job summary.`;
  }
}

/**
 * The `clusters` output: every cluster row while they fit CLUSTERS_BUDGET_BYTES (out of the
 * results' budget), failures first past it; the results file has them all.
 */
function clustersOutput(
  core: ActionsCore,
  rows: readonly JobRow[],
  priority: (row: JobRow) => number,
): string {
  // Each row as JSON once: its size, and its text in the output.
  const texts = rows.map((row) => JSON.stringify(row));
  const sizes = texts.map((text) => Buffer.byteLength(text));
  const kept = keptRows(rows, sizes, priority, CLUSTERS_BUDGET_BYTES);
  if (kept.size < rows.length) {
    core.warning(
      `${rows.length - kept.size} of ${rows.length} cluster rows are only in the file of output results-file: \`clusters\` holds what fits in ${CLUSTERS_BUDGET_BYTES.toLocaleString('en')} bytes, failures first.`,
    );
  }
  return `[${texts.filter((_, index) => kept.has(index)).join(',')}]`;
}

function withoutLog(row: JobRow): JobRow {
  if (row.log === undefined) return row;
  const { log: _log, ...rest } = row;
  return rest;
}

/** What the outputs could not hold, and where the file went. */
function warnAbout(core: ActionsCore, written: WrittenResults, count: number): void {
  const where = `the file of output results-file (${written.file || 'not written'})`;
  const budget = RESULTS_BUDGET_BYTES.toLocaleString('en');
  if (written.fallback !== null) {
    core.warning(`The results file is in ${tmpdir()}: ${written.fallback}.`);
  }
  if (written.fileError !== null) {
    core.warning(`Could not write the results file: ${written.fileError}`);
  }
  if (written.lightened) {
    core.warning(
      `The rows in \`results\` have no \`log\`: with their logs they take more than ${budget} bytes. ${where[0]?.toUpperCase()}${where.slice(1)} has them.`,
    );
  }
  if (written.omitted > 0) {
    core.warning(
      `${written.omitted} of ${count} rows are only in ${where}: \`results\` holds what fits in ${budget} bytes, failures first.`,
    );
  }
}

/** Output names, as action.yml declares them. */
export const Outputs = {
  Results: 'results',
  ResultsFile: 'results-file',
  Terminated: 'terminated',
  Failed: 'failed',
  Clusters: 'clusters',
} as const;
