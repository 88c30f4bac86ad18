import type { ApiResponse } from '../../http/answer.js';
import { isAccepted, type JobRow, type Outcome, type RowFormat } from '../../shared/rows.js';
import { timestampMs } from '../../shared/selection.js';
import { splitKey } from './accounts.js';
import { xplentyMessage } from './answers.js';
import { jobIdOf, jobPage } from './rows.js';

/** The fields of Xplenty's cluster resource, in its order, and `idle_since`. */
export const CLUSTER_FIELDS = [
  'id',
  'name',
  'description',
  'status',
  'owner_id',
  'plan_id',
  'nodes',
  'type',
  'created_at',
  'updated_at',
  'available_since',
  'idle_since',
  'terminated_at',
  'running_jobs_count',
  'terminate_on_idle',
  'time_to_idle',
  'terminated_on_idle',
  'region',
  'zone',
  'master_instance_type',
  'slave_instance_type',
  'url',
] as const;

type ClusterField = (typeof CLUSTER_FIELDS)[number];

/**
 * A cluster as Xplenty reports it, plus `account_id`, `code`, `error`, `outcome` and
 * `page_url` (its `html_url` when that is Xplenty's own page). `id` is a number, except in the
 * row of a listed id that is not one (the server's text).
 */
export type ClusterRow = JobRow & {
  id: number | string;
  status: string | null;
  account_id: string | null;
} & Record<Exclude<ClusterField, 'id' | 'status'>, unknown>;

// Cluster statuses (resources/cluster.md; they are not job statuses).
/** Can be terminated, when no job uses it. */
const FREE = new Set(['available', 'idle']);
/** A termination is under way. */
const GOING = new Set(['pending_terminate', 'terminating']);
export const GONE = 'terminated';

/** The row of a cluster the API reported: its fields (null where absent), `id` as requested. */
export function clusterRow(
  id: number,
  cluster: Record<string, unknown>,
  outcome: Outcome,
  account: string | null,
): ClusterRow {
  const fields = Object.fromEntries(CLUSTER_FIELDS.map((field) => [field, cluster[field] ?? null]));
  return {
    ...fields,
    id,
    status: typeof cluster.status === 'string' ? cluster.status : null,
    account_id: account,
    code: null,
    error: null,
    outcome,
    page_url: jobPage(cluster.html_url),
  } as ClusterRow;
}

export function emptyCluster(id: number | string, account: string | null): ClusterRow {
  return { ...clusterRow(0, {}, 'error', account), id };
}

/** A cluster's row when the API answered with a failure (404: not found). */
export function clusterFailure(
  id: number,
  response: ApiResponse,
  account: string | null,
): ClusterRow {
  return {
    ...emptyCluster(id, account),
    code: response.status,
    error: xplentyMessage(response),
    outcome: response.status === 404 ? 'not-found' : 'error',
  };
}

/** How cluster rows are named and read: `account/id` where the run has several accounts. */
export function clusterRows(accounts: boolean): RowFormat<ClusterRow> {
  return {
    title: 'Xplenty',
    errorRow: (key, message) => {
      const { account, id } = splitKey(key);
      return { ...emptyCluster(jobIdOf(id) ?? id, account || null), error: message };
    },
    keyOf: (row) =>
      accounts ? `${row.account_id ?? ''}/cluster ${String(row.id)}` : `cluster ${String(row.id)}`,
    statusOf: (row) => row.status ?? '',
    withOutcome: (row, outcome, error) => ({ ...row, outcome, error }),
  };
}

/** What the run asks of an account's clusters (`clusters`, `idle-for`). */
export interface ClusterInputs {
  mode: 'emptied' | 'idle';
  /** `idle`: only clusters idle for longer than this (ms); 0: any idle cluster. */
  idleForMs: number;
  /** `idle-for` as written, for messages. */
  idleForText: string | null;
}

/** Whether an idle cluster has been idle long enough: `idle_since` readable and old enough. */
export function idleLongEnough(
  cluster: Record<string, unknown>,
  inputs: ClusterInputs,
  now: number,
): boolean {
  const since = timestampMs(cluster.idle_since);
  return since !== null && now - since >= inputs.idleForMs && now >= since;
}

/**
 * What a cluster read right before its DELETE allows: null to send it, else the outcome it
 * keeps and why. Only `available` and `idle` clusters without a running or waiting job are
 * terminated; a status this code does not know is left alone.
 */
export function verdict(
  cluster: Record<string, unknown>,
  inputs: ClusterInputs,
  /** Whether a waiting job names the cluster; null: its jobs are not asked (a dry run's). */
  busy: ((id: number) => boolean) | null,
  id: number,
  now: number,
): { outcome: Outcome; why: string } | null {
  const status = cluster.status;
  if (status === GONE) return { outcome: 'not-active', why: 'already terminated' };
  if (typeof status === 'string' && GOING.has(status)) {
    return { outcome: 'terminating', why: `already ${status}` };
  }
  if (typeof status !== 'string' || !FREE.has(status)) {
    return {
      outcome: 'not-ready',
      why: `status ${JSON.stringify(status ?? null)}: not terminated`,
    };
  }
  if (inputs.mode === 'idle' && (status !== 'idle' || !idleLongEnough(cluster, inputs, now))) {
    const idle = inputs.idleForText === null ? 'idle' : `idle for ${inputs.idleForText}`;
    return { outcome: 'not-idle', why: `no longer ${idle} when read: left alone` };
  }
  if (busy === null) return null;
  const running = cluster.running_jobs_count;
  if (running !== 0) {
    const said =
      typeof running === 'number' ? `${running} running job(s)` : 'no running_jobs_count';
    return { outcome: 'busy', why: `${said}: left alone` };
  }
  if (busy(id)) {
    return {
      outcome: 'busy',
      why: 'an idle, pending or queued job of the account names it: left alone',
    };
  }
  return null;
}

/** A cluster id from a job row or a listing: a positive safe integer, or null. */
export const clusterIdOf = jobIdOf;

/** The clusters the accepted kill orders' jobs ran on (dry run: the jobs it would stop), once each. */
export function emptiedBy(jobs: readonly JobRow[], dryRun: boolean): number[] {
  const ids = new Set<number>();
  for (const job of jobs) {
    const chosen = dryRun ? job.outcome === 'dry-run' : isAccepted(job.outcome);
    const id = clusterIdOf((job as JobRow & { cluster_id?: unknown }).cluster_id);
    if (chosen && id !== null) ids.add(id);
  }
  return [...ids];
}
