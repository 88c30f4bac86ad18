/**
 * What happened to one requested job. Failures are `not-found`, `error` and `timed-out`.
 * `ended` and `timed-out` come only from waiting.
 */
export type Outcome =
  'terminated' | 'not-active' | 'not-found' | 'error' | 'dry-run' | 'ended' | 'timed-out';

export const FAILURES: ReadonlySet<Outcome> = new Set(['not-found', 'error', 'timed-out']);

/** A result row: the vendor's own fields plus `outcome`. */
export interface JobRow {
  outcome: Outcome;
  code: number | null;
  error: string | null;
}

/** One poll of a job being waited on. */
export type PollResult<Row> = { ended: true; row: Row } | { ended: false; row: Row; seen: string };

/** How one vendor's rows are made and read; needs no server. */
export interface RowFormat<Row extends JobRow> {
  /** The vendor's name for people: "Posit Connect". */
  readonly title: string;
  /** An error row for a key: never sent (and why), or no answer could be had. */
  errorRow(key: string, message: string): Row;
  /** The requested key of a row. */
  keyOf(row: Row): string;
  /** The job's status as the vendor words it, for the summary; '' when unknown. */
  statusOf(row: Row): string;
  /** The row with a new outcome (and message): `timed-out` at the wait's deadline. */
  withOutcome(row: Row, outcome: Outcome, error: string): Row;
}

/**
 * One vendor's jobs API, in the vocabulary of its reference. Every method takes the run's
 * signal: when it aborts, no further request is sent.
 */
export interface JobVendor<Row extends JobRow> {
  readonly rows: RowFormat<Row>;
  /** Checks made once before any job is touched (Connect: the server version). */
  prepare(signal: AbortSignal): Promise<void>;
  /** The active jobs of the target, as dry-run rows, in a stable order. */
  activeJobs(signal: AbortSignal): Promise<Row[]>;
  /** Sends the kill order for one job and reports the answer. */
  terminate(key: string, signal: AbortSignal): Promise<Row>;
  /** Reads one job without changing it, for dry-run. */
  inspect(key: string, signal: AbortSignal): Promise<Row>;
  /** Reads one job being waited on. */
  poll(row: Row, signal: AbortSignal): Promise<PollResult<Row>>;
}

/**
 * Stops the whole run: what failed holds for every job (bad key, no permission, missing
 * endpoint). `row` is the requesting job's own row, when there was one.
 */
export class RunStopped<Row extends JobRow = JobRow> extends Error {
  override name = 'RunStopped';
  constructor(
    message: string,
    /** Short reason for the rows of keys not sent, e.g. "authentication failed". */
    readonly reason: string,
    readonly row?: Row,
  ) {
    super(message);
  }
}

/** A JSON object from an answer, or null for anything else (arrays, text, nothing). */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A number from a JSON number or numeric string (Connect sends ids both ways). */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** Ends a message with a full stop, unless the server's text already ends it. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
