import type { Outcome } from '../../outcomes.js';
import type { JobRow, RowFormat } from '../vendor.js';

/** The job fields of Xplenty's "Terminate Job" answer, in its order. */
export const JOB_FIELDS = [
  'id',
  'status',
  'variables',
  'owner_id',
  'progress',
  'outputs_count',
  'started_at',
  'created_at',
  'updated_at',
  'failed_at',
  'cluster_id',
  'package_id',
  'errors',
  'url',
  'runtime_in_seconds',
  'completed_at',
] as const;

type JobField = (typeof JOB_FIELDS)[number];

/**
 * The job as Xplenty reports it, plus `code` (HTTP status on error), `error` and `outcome`.
 * `id` is a number, except in the error row of a listed id that is not a safe integer: that
 * one keeps the server's digits as text, so it cannot be mistaken for the id it rounds to.
 */
export type XplentyRow = JobRow & { id: number | string; status: string | null } & Record<
    Exclude<JobField, 'id' | 'status'>,
    unknown
  >;

export const xplentyRows: RowFormat<XplentyRow> = {
  title: 'Xplenty',
  errorRow: (key, message) => ({
    ...emptyJob(jobIdOf(key) ?? key),
    code: null,
    error: message,
    outcome: 'error',
  }),
  keyOf: (row) => String(row.id),
  statusOf: (row) => row.status ?? '',
  withOutcome: (row, outcome, error) => ({ ...row, outcome, error }),
};

/**
 * A job id from a JSON number or a string of digits ("305" is 305): a positive safe integer,
 * or null. Unsafe integers reach here as their digits (http/json.ts) and are refused.
 */
export function jobIdOf(value: unknown): number | null {
  const id =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,16}$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function emptyJob(id: number | string): Omit<XplentyRow, keyof JobRow> {
  const job = Object.fromEntries(JOB_FIELDS.map((field) => [field, null]));
  return { ...job, id, status: null } as Omit<XplentyRow, keyof JobRow>;
}

/** The row of a job Xplenty reported: its fields (null where absent), `id` as requested. */
export function jobRow(id: number, job: Record<string, unknown>, outcome: Outcome): XplentyRow {
  const fields = Object.fromEntries(JOB_FIELDS.map((field) => [field, job[field] ?? null]));
  return {
    ...fields,
    id,
    status: typeof job.status === 'string' ? job.status : null,
    code: null,
    error: null,
    outcome,
  } as XplentyRow;
}
