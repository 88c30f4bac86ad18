import type { JobRow } from '../shared/rows.js';
import type { Stop } from '../shared/stop.js';
import type { JobLists } from '../vendors/vendor.js';

// The log's words for what a wait waits on.
export const WORDS = {
  job: { many: 'job(s)', plural: 'jobs', stop: 'stop', stopped: 'stopped', ended: 'ended' },
  cluster: {
    many: 'cluster(s)',
    plural: 'clusters',
    stop: 'be terminated',
    stopped: 'terminated',
    ended: 'terminated',
  },
} as const;

// The wait's one decision, apart from the polling it decides: which due jobs a round reads by
// list and which alone.

export interface Watched<Row> {
  index: number;
  row: Row;
  dueAt: number;
  lastSeen: string;
  stopped: boolean;
  /** List rounds in a row that did not show the job. */
  missed: number;
}

/** The due jobs of one list, read in one list round of `cost` requests. */
export interface ListRound<Row> {
  jobs: Watched<Row>[];
  cost: number;
}

/**
 * A job a list round did not show is read on its own at once. A list can miss a job that is
 * still on it (an offset page that shifted while jobs left the list): after two misses in a
 * row the job is polled on its own from then on, as a wait without lists does.
 */
export const MISSES_TO_GO_ALONE = 2;

/**
 * Which due jobs a list round reads and which are read alone. Per list, the list wins when
 * it costs fewer requests than reading its due jobs one by one (a tie keeps one request per
 * job, as a wait without lists does) and the budget can ever pay for it (`affordable`).
 */
export function splitRound<Row extends JobRow>(
  due: Watched<Row>[],
  vendorLists: JobLists<Row> | null,
  affordable: (cost: number) => boolean,
): { lists: ListRound<Row>[]; alone: Watched<Row>[] } {
  if (vendorLists === null) return { lists: [], alone: due };
  const byList = new Map<string, Watched<Row>[]>();
  for (const job of due.filter((job) => job.missed < MISSES_TO_GO_ALONE)) {
    const list = vendorLists.listOf(job.row);
    byList.set(list, [...(byList.get(list) ?? []), job]);
  }
  const lists: ListRound<Row>[] = [];
  const alone = due.filter((job) => job.missed >= MISSES_TO_GO_ALONE);
  for (const jobs of byList.values()) {
    const cost = vendorLists.cost(jobs.map((job) => job.row));
    if (cost < jobs.length && affordable(cost)) lists.push({ jobs, cost });
    else alone.push(...jobs);
  }
  return { lists, alone };
}

export interface WaitReport<Row> {
  /** The rows, each with what the wait found. */
  rows: Row[];
  /** Why the run stops (the server refused the key while it was polled), if it does. */
  stop: Stop;
}

/** Whole seconds, never below zero. */
export function seconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000));
}
