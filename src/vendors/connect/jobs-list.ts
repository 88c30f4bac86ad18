import type { ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { asRecord, toNumber } from '../kit.js';
import type { JobLists, ListPoll, PollResult } from '../vendor.js';
import { connectCode, describeAnswer } from './answers.js';
import type { ConnectRow } from './rows.js';

/** A job's `status` while it runs; 1 finished, 2 finalized, 3 skipped. */
export const ACTIVE = 0;
// A list answer weighs as much as one request per this many jobs (a Job object is about
// 1 kB): a list of 3,000 jobs is not read to see 2 of them.
const JOBS_PER_REQUEST = 100;

/**
 * The wait's lists on Connect: a content item's jobs (`GET v1/content/{guid}/jobs`). The list
 * holds the jobs that ended too, with their status, so one request shows every waited-on job
 * of the item; a job it does not hold, or every job of a list that could not be read, is
 * polled on its own.
 */
export class ConnectJobLists implements JobLists<ConnectRow> {
  constructor(
    private readonly http: HttpClient,
    /** The content item whose list holds the row's job. */
    readonly listOf: (row: ConnectRow) => string,
    /** How many jobs each item's list held when last read (the kill phase's listing too). */
    private readonly sizes: Map<string, number>,
    /** Throws for a refused key (401): it stops the run in the wait too. */
    private readonly check: (response: ApiResponse, call: string) => void,
  ) {}

  cost(rows: readonly ConnectRow[]): number {
    const first = rows[0];
    if (first === undefined) return 0;
    const size = this.sizes.get(this.listOf(first)) ?? rows.length;
    return Math.max(1, Math.ceil(size / JOBS_PER_REQUEST));
  }

  async poll(rows: readonly ConnectRow[], signal: AbortSignal): Promise<ListPoll<ConnectRow>> {
    const guid = rows[0] === undefined ? '' : this.listOf(rows[0]);
    const path = `v1/content/${guid}/jobs`;
    const response = await this.http.request('GET', path, { signal });
    this.check(response, `GET ${path}`);
    if (response.status === 200 && Array.isArray(response.json)) {
      this.sizes.set(guid, response.json.length);
      const listed = jobsByKey(response.json, new Set(rows.map((row) => row.job_key)));
      const polls = rows.map((row) => {
        const job = listed.get(row.job_key);
        if (job === undefined) return null;
        return polledJob(row, job) ?? { ended: false, row, seen: 'listed without a job status' };
      });
      return { polls, requests: 1 };
    }
    // Connect's own 404: the item is gone; each job's own poll says what became of it.
    if (response.status === 404 && connectCode(response) !== null) {
      return { polls: rows.map(() => null), requests: 1 };
    }
    const unread = `GET ${path} answered ${describeAnswer(response)}`;
    return { polls: rows.map(() => null), requests: 1, unread };
  }
}

/** The listed jobs whose key is one of `keys`, the first of each key. */
function jobsByKey(list: unknown[], keys: Set<string>): Map<string, Record<string, unknown>> {
  const jobs = new Map<string, Record<string, unknown>>();
  for (const job of list.map(asRecord)) {
    if (job === null || typeof job.key !== 'string' || !keys.has(job.key)) continue;
    if (!jobs.has(job.key)) jobs.set(job.key, job);
  }
  return jobs;
}

/**
 * What a Job object says of a waited-on job; null when it has no status (a proxy's page, an
 * error object): only a job with a status says whether it ended.
 */
export function polledJob(
  row: ConnectRow,
  job: Record<string, unknown>,
): PollResult<ConnectRow> | null {
  const status = toNumber(job.status);
  if (status === null || !Number.isInteger(status) || status < ACTIVE) return null;
  return status === ACTIVE
    ? { ended: false, row: { ...row, status }, seen: 'still active (status 0)' }
    : { ended: true, row: { ...row, status, outcome: 'ended' } };
}
