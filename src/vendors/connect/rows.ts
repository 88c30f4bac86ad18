import type { JobRow, Outcome, RowFormat, RowGroupName } from '../../shared/rows.js';
import { asRecord, toNumber } from '../kit.js';
import { idText } from './answers.js';
import { UUID } from './selection.js';

/** connectapi's `terminate_jobs()` row, plus `outcome` (and `status` when waiting). */
export interface ConnectRow extends JobRow {
  app_id: number | null;
  app_guid: string | null;
  job_key: string;
  /** A string, as connectapi gives it, though the kill order carries a number. */
  job_id: string | null;
  result: string | null;
  status?: number | null;
}

// A Connect job key goes into a URL path: letters, digits, `-` and `_` only, so that no
// `..`, `/`, `%`, `?` or `#` can ever change which resource is addressed. The same rule holds
// for keys the user gives and keys a server lists.
const JOB_KEY = /^[A-Za-z0-9_-]{1,128}$/;

export function isJobKey(key: unknown): key is string {
  return typeof key === 'string' && JOB_KEY.test(key);
}

/**
 * Connect rows; with `wait`, every row has a `status` (null until a poll sees one). `page` is
 * a job's page on the server the run talks to (none without one: rows of invalid inputs), and
 * `itemOf` the content item a key is in, when the run knows it (null: rows of invalid inputs).
 * Rows are grouped by content item, with the `titles` of the items read. The row of a content
 * item that could not be scanned has no job key: its content GUID stands for it.
 */
export function connectRows(
  wait: boolean,
  page: (key: string) => string | null = () => null,
  titles: ReadonlyMap<string, string> = new Map(),
  itemOf: (key: string) => string | null = () => null,
): RowFormat<ConnectRow> {
  return {
    title: 'Posit Connect',
    errorRow: (key, message) =>
      withStatusField(
        {
          ...emptyFields(key),
          app_guid: itemOf(key),
          code: null,
          error: message,
          outcome: 'error',
          page_url: page(key),
        },
        wait,
      ),
    keyOf: (row) => row.job_key || row.app_guid || 'content item',
    groupOf: (row): RowGroupName | null =>
      row.app_guid === null ? null : { id: row.app_guid, title: titles.get(row.app_guid) ?? null },
    statusOf,
    withOutcome: (row, outcome, error) => ({ ...row, outcome, error }),
  };
}

function statusOf(row: ConnectRow): string {
  if (row.status !== undefined && row.status !== null) {
    return STATUS_NAMES[row.status] ?? String(row.status);
  }
  // A dry-run row is a job the server reported with status 0, whether or not rows carry it.
  return row.outcome === 'dry-run' ? (STATUS_NAMES[0] as string) : '';
}

/**
 * The job's log view in the dashboard, the link Posit's own tools give for a job:
 * `{server}/connect/#/apps/{guid}/logs?logKey={key}`, the server without its `/__api__/`.
 */
export function jobPage(apiRoot: string, guid: string, key: string): string {
  return `${contentPage(apiRoot, guid)}/logs?logKey=${encodeURIComponent(key)}`;
}

/** The content's dashboard page. */
export function contentPage(apiRoot: string, guid: string): string {
  return `${apiRoot.replace(/__api__\/$/, '')}connect/#/apps/${encodeURIComponent(guid)}`;
}

export function withStatusField(fields: ConnectRow, wait: boolean): ConnectRow {
  return wait ? { status: null, ...fields } : fields;
}

const STATUS_NAMES: Record<number, string> = {
  0: 'active',
  1: 'finished',
  2: 'finalized',
  3: 'skipped',
};

export function emptyFields(
  key: string,
): Pick<ConnectRow, 'app_id' | 'app_guid' | 'job_key' | 'job_id' | 'result'> {
  return { app_id: null, app_guid: null, job_key: key, job_id: null, result: null };
}

/**
 * The row of an accepted kill order. Any 2xx registers the order (posit-sdk reads it so): its
 * body fills the row where it can, in the fields of old servers (`app_*`) or new ones
 * (`content_*`); `item` is the content item the key was sent to.
 */
export function orderFields(
  body: unknown,
  key: string,
  item: string,
): Omit<ConnectRow, 'page_url'> {
  const order = asRecord(body) ?? {};
  const guid = order.app_guid ?? order.content_guid;
  return {
    app_id: toNumber(order.app_id ?? order.content_id),
    app_guid: typeof guid === 'string' && UUID.test(guid) ? guid : item,
    job_key: key,
    job_id: idText(order.job_id),
    result: typeof order.result === 'string' ? order.result : null,
    code: null,
    error: null,
    outcome: 'terminated',
  };
}

/** A row's fields from a Job object (dry-run and inspection), where ids are strings. */
export function jobFields(
  job: Record<string, unknown>,
  key: string,
  outcome: Outcome,
): Omit<ConnectRow, 'page_url'> {
  return {
    app_id: toNumber(job.app_id ?? job.content_id),
    app_guid: null,
    job_key: key,
    job_id: idText(job.id),
    result: null,
    code: null,
    error: null,
    outcome,
  };
}

// Connect's error code for a kill order to a job that is no longer active.
const NOT_ACTIVE_CODE = 163;

/** The outcome of a refused order or read: not active (409, code 163), not found, or an error. */
export function failureOutcome(status: number, code: number | null): Outcome {
  if (status === 409 && code === NOT_ACTIVE_CODE) return 'not-active';
  return status === 404 ? 'not-found' : 'error';
}
