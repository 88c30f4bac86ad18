import { oneLine, someOf } from './text.js';

/**
 * What happened to one requested job, and what each outcome means for the run: the one table
 * the kill phase, the wait, the counts and the exit code ask.
 */
export const OUTCOMES = {
  /** The kill order was accepted. */
  terminated: { failure: false, accepted: true, waitedOn: true },
  /** The job had already ended; nothing to do. */
  'not-active': { failure: false, accepted: false, waitedOn: false },
  /** No such job at the target. */
  'not-found': { failure: true, accepted: false, waitedOn: false },
  /** No answer could be had, or the server refused. */
  error: { failure: true, accepted: false, waitedOn: false },
  /** Dry-run: the job is active and would be terminated. */
  'dry-run': { failure: false, accepted: false, waitedOn: false },
  /** Waiting: the job was seen stopped after its kill order. */
  ended: { failure: false, accepted: true, waitedOn: false },
  /** Waiting: the job was still active at the deadline (or the run was cancelled). */
  'timed-out': { failure: true, accepted: true, waitedOn: false },
  // Clusters only (docs/results.md): left alone, and not a failure of the run.
  /** A running job, or an idle, pending or queued one, uses the cluster. */
  busy: { failure: false, accepted: false, waitedOn: false },
  /** The cluster cannot be terminated yet (pending, creating, error, or a status unknown here). */
  'not-ready': { failure: false, accepted: false, waitedOn: false },
  /** The cluster was already on its way out (pending_terminate, terminating). */
  terminating: { failure: false, accepted: false, waitedOn: false },
  /** `clusters: idle`: read right before its order, the cluster was no longer idle long enough. */
  'not-idle': { failure: false, accepted: false, waitedOn: false },
} as const satisfies Record<string, { failure: boolean; accepted: boolean; waitedOn: boolean }>;

export type Outcome = keyof typeof OUTCOMES;

/** What the row of an order sent but never answered says: it may have been carried out. */
export const MAYBE_REGISTERED = 'the kill order may or may not have been registered';

/**
 * How much of the kill the rows prove: `none` when no order was accepted and none may have
 * been (sent, its answer never read), else the orders accepted (`null`: some may have been).
 */
export function acceptedOrders(rows: readonly JobRow[]): 'none' | number | null {
  const accepted = rows.filter((row) => isAccepted(row.outcome)).length;
  if (accepted > 0) return accepted;
  return rows.some((row) => row.error?.includes(MAYBE_REGISTERED)) ? null : 'none';
}

/** Rows that fail the step (unless `fail-on-error: false`). */
export function isFailure(outcome: Outcome): boolean {
  return OUTCOMES[outcome].failure;
}

/** Rows whose kill order the server accepted, whatever a wait found afterwards. */
export function isAccepted(outcome: Outcome): boolean {
  return OUTCOMES[outcome].accepted;
}

/** Rows a wait polls until the job stops. */
export function isWaitedOn(outcome: Outcome): boolean {
  return OUTCOMES[outcome].waitedOn;
}

/** A result row: the vendor's own fields plus `outcome`, the job's page and its log. */
export interface JobRow {
  outcome: Outcome;
  code: number | null;
  error: string | null;
  /** The job's page a person would open, or null. */
  page_url: string | null;
  /** The job's last log lines, only when they were fetched. */
  log?: string[];
}

/** One fact about a job for people deciding what to do: `host dogfood02`, `started …`. */
export interface JobFact {
  label: string;
  value: string;
}

/** How one vendor's rows are made and read; needs no server. */
export interface RowFormat<Row extends JobRow> {
  /** The vendor's name for people, as its own pages write it. */
  readonly title: string;
  /** An error row for a key: never sent (and why), or no answer could be had. */
  errorRow(key: string, message: string): Row;
  /** The requested key of a row. */
  keyOf(row: Row): string;
  /** The job's status as the vendor words it, for the summary; '' when unknown. */
  statusOf(row: Row): string;
  /** The row with a new outcome (and message): `timed-out` at the wait's deadline. */
  withOutcome(row: Row, outcome: Outcome, error: string): Row;
  /**
   * Where a row's job lives when a target names several places (a content item,
   * with the title read from it, if one was), for the summary's grouping; absent for vendors
   * whose target is one place.
   */
  groupOf?(row: Row): RowGroupName | null;
  /**
   * Every place the run worked in, rows or none, in order (the accounts of a key): each has its
   * line in the summary, a quiet one too. Absent: the places of the rows.
   */
  places?(): readonly RowGroupName[];
  /** What a place is, for the summary ("account"); absent: "item". */
  readonly groupsAre?: string;
}

/** A place rows are grouped by: its id and, when it was read, its title. */
export interface RowGroupName {
  id: string;
  title: string | null;
}

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
 * the rows are of one place (or the vendor's target is always one). A row whose place is not
 * known (a key no list named) belongs to no place: it is not a place of its own.
 */
export function groupRows<Row extends JobRow>(
  format: RowFormat<Row>,
  rows: readonly Row[],
): RowGroup<Row>[] | null {
  if (format.groupOf === undefined) return null;
  const groups = new Map<string, RowGroup<Row>>();
  const places = format.places?.() ?? [];
  for (const place of places) groups.set(place.id, { ...place, rows: [], counts: countRows([]) });
  for (const row of rows) {
    const name = format.groupOf(row);
    if (name === null) continue;
    const group = groups.get(name.id) ?? { ...name, rows: [], counts: countRows([]) };
    group.rows.push(row);
    groups.set(name.id, group);
  }
  if (groups.size < (places.length > 0 ? 1 : 2)) return null;
  for (const group of groups.values()) group.counts = countRows(group.rows);
  return [...groups.values()];
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

/** "2 of 5 job(s) failed: …" for the step, or '' when none of the rows failed. */
export function failureMessage<Row extends JobRow>(
  format: RowFormat<Row>,
  rows: readonly Row[],
  noun: string,
): string {
  const { failed } = countRows(rows);
  if (failed === 0) return '';
  return `${failed} of ${rows.length} ${noun}(s) failed: ${failureList(format, rows)}`;
}

/** One row as one log line; the server's words in it are made safe to print (text.ts). */
export function describeRow<Row extends JobRow>(format: RowFormat<Row>, row: Row): string {
  const status = format.statusOf(row);
  const details = [status && `status ${status}`, row.error].filter(Boolean).join('; ');
  return oneLine(`${format.keyOf(row)}: ${row.outcome}${details ? ` (${details})` : ''}`);
}

/** Why the log of the row at `index` is not shown. */
export interface LogNote {
  index: number;
  why: string;
}

/** The rows counted by outcome, for a phase's result line: "35 terminated, 2 not-active". */
export function outcomeCounts(rows: readonly JobRow[]): string {
  const counts = new Map<Outcome, number>();
  for (const row of rows) counts.set(row.outcome, (counts.get(row.outcome) ?? 0) + 1);
  const said = (Object.keys(OUTCOMES) as Outcome[])
    .filter((outcome) => counts.has(outcome))
    .map((outcome) => `${counts.get(outcome)} ${outcome}`);
  return said.length > 0 ? said.join(', ') : 'no job';
}
