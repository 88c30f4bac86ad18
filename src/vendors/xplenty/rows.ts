import type { JobFact, JobRow, Outcome, RowFormat } from '../../shared/rows.js';
import { durationText } from '../../shared/text.js';
import { httpUrl, startedFact, textFact } from '../kit.js';

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
 * The job as Xplenty reports it, plus `account_id` (the account whose API it came from, as URLs
 * name it: the account's `account_id`), `code` (HTTP status on error), `error` and `outcome`.
 * `id` is a number, except in the error row of a listed id that is not a safe integer: that
 * one keeps the server's digits as text, so it cannot be mistaken for the id it rounds to.
 */
export type XplentyRow = JobRow & {
  id: number | string;
  status: string | null;
  account_id: string | null;
} & Record<Exclude<JobField, 'id' | 'status'>, unknown>;

export const xplentyRows: RowFormat<XplentyRow> = {
  title: 'Xplenty',
  errorRow: (key, message) => ({
    ...emptyJob(jobIdOf(key) ?? key),
    code: null,
    error: message,
    outcome: 'error',
    page_url: null,
  }),
  keyOf: (row) => String(row.id),
  statusOf: (row) => row.status ?? '',
  withOutcome: (row, outcome, error) => ({ ...row, outcome, error }),
};

/**
 * The rows of one account: those made for a key alone (an order not sent) name it too; null,
 * the rows of no account (`xplentyRows`).
 */
export function accountRows(account: string | null): RowFormat<XplentyRow> {
  if (account === null) return xplentyRows;
  return {
    ...xplentyRows,
    errorRow: (key, message) => ({ ...xplentyRows.errorRow(key, message), account_id: account }),
  };
}

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
  return { ...job, account_id: null, id, status: null } as Omit<XplentyRow, keyof JobRow>;
}

/** The row of a job Xplenty reported: its fields (null where absent), `id` as requested. */
export function jobRow(id: number, job: Record<string, unknown>, outcome: Outcome): XplentyRow {
  const fields = Object.fromEntries(JOB_FIELDS.map((field) => [field, job[field] ?? null]));
  return {
    ...fields,
    account_id: null,
    id,
    status: typeof job.status === 'string' ? job.status : null,
    code: null,
    error: null,
    outcome,
    page_url: jobPage(job.html_url),
  } as XplentyRow;
}

// The hosts of Xplenty's (Integrate.io's) own pages; a job's `html_url` elsewhere is no link.
const PAGE_HOSTS = ['xplenty.com', 'integrate.io'];

/**
 * The job's page from its `html_url`: an http(s) URL on xplenty.com or integrate.io or one of
 * their subdomains, without credentials, whatever `server` is; null for anything else (a
 * look-alike such as `xplenty.com.evil.example` included). The URL as the parser writes it,
 * so its path and query are encoded.
 */
export function jobPage(value: unknown): string | null {
  const url = httpUrl(value);
  if (url === null || url.username || url.password) return null;
  const host = url.hostname.toLowerCase();
  return PAGE_HOSTS.some((own) => host === own || host.endsWith(`.${own}`)) ? url.href : null;
}

/** The names of a job's package and cluster, when a list embedded them. */
export interface JobNames {
  package: string | null;
  cluster: string | null;
}

/** Package, cluster, start (and age) and runtime, as the row (and the list's names) say. */
export function jobFacts(row: XplentyRow, names: JobNames | undefined, now: number): JobFact[] {
  const runtime = row.runtime_in_seconds;
  return [
    named('package', row.package_id, names?.package),
    named('cluster', row.cluster_id, names?.cluster),
    startedFact(row.started_at, now),
    typeof runtime === 'number' && runtime >= 0
      ? { label: 'runtime', value: durationText(runtime * 1000) }
      : null,
  ].filter((fact): fact is JobFact => fact !== null);
}

/** `103 (Nightly load 103)`, or the id alone. */
function named(label: string, id: unknown, name: string | null | undefined): JobFact | null {
  const fact = textFact(label, id);
  return fact && name ? { label, value: `${fact.value} (${name})` } : fact;
}
