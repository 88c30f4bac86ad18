import type { ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { listPages, PageBudget, type PagedList } from '../../http/pager.js';
import { shownValue } from '../kit.js';
import type { JobLists, ListPoll, PollResult } from '../vendor.js';
import { JOB_FIELDS, jobIdOf, jobRow, type XplentyRow } from './rows.js';
import { ACTIVE, isTerminal, STOPPING } from './statuses.js';

// The statuses a job can have while it is waited on, in the order it goes through them.
const WAITED_ON: readonly string[] = [...ACTIVE, ...STOPPING];
// The API's largest page.
const PAGE_SIZE = 100;

/** A list of the wait that could not be read to its end; its jobs are read on their own. */
class ListUnread extends Error {}

/**
 * The wait's lists on Xplenty: the account's jobs by status (`GET jobs?status=`), each status
 * paged. A waited-on job moves forward only (running, pending_stoppage, stopping, then a
 * terminal status), so a round lists the statuses from the earliest one a due job was last
 * seen in, in that order: a job that moves on while they are listed is found in a later list.
 * A job on none of them has ended (or moved where no list looks): it is read on its own.
 */
export class XplentyJobLists implements JobLists<XplentyRow> {
  /** How many jobs each status listed when last read: the account's, not only those waited on. */
  private readonly sizes = new Map<string, number>();

  constructor(
    private readonly http: HttpClient,
    /** The answer in words, for a list that could not be read. */
    private readonly describe: (response: ApiResponse) => string,
    /** Throws for a refused key (401): it stops the run in the wait too. */
    private readonly check: (response: ApiResponse, call: string) => void,
  ) {}

  listOf(): string {
    return 'jobs';
  }

  cost(rows: readonly XplentyRow[]): number {
    return listedStatuses(rows).reduce((sum, status) => {
      const size = this.sizes.get(status) ?? rows.filter((row) => row.status === status).length;
      return sum + Math.max(1, Math.ceil(size / PAGE_SIZE));
    }, 0);
  }

  async poll(rows: readonly XplentyRow[], signal: AbortSignal): Promise<ListPoll<XplentyRow>> {
    const wanted = new Set(rows.map((row) => String(row.id)));
    const found = new Map<string, Record<string, unknown>>();
    const budget = new PageBudget();
    let unread: string | undefined;
    try {
      for (const status of listedStatuses(rows)) {
        const list = waitList(status, wanted, found, this.describe, this.check);
        await listPages(this.http, list, budget, signal);
        this.sizes.set(status, list.count);
      }
    } catch (error) {
      if (!(error instanceof ListUnread)) throw error;
      // What the lists read before this one showed holds; the other jobs are read alone.
      unread = error.message;
    }
    const polls = rows.map((row) => {
      const job = found.get(String(row.id));
      return job === undefined || typeof row.id !== 'number' ? null : polledJob(row, row.id, job);
    });
    return { polls, requests: budget.pages, ...(unread === undefined ? {} : { unread }) };
  }
}

/** The statuses a round lists for these rows: from the earliest one any was last seen in. */
function listedStatuses(rows: readonly XplentyRow[]): readonly string[] {
  const places = rows.map((row) => WAITED_ON.indexOf(row.status ?? ''));
  // A row last seen in no status of the list (none yet, or one unknown): list them all.
  return WAITED_ON.slice(places.includes(-1) ? 0 : Math.min(...places));
}

/** One status's list, oldest first; keeps the fields of the jobs waited on, counts them all. */
function waitList(
  status: string,
  wanted: ReadonlySet<string>,
  found: Map<string, Record<string, unknown>>,
  describe: (response: ApiResponse) => string,
  check: (response: ApiResponse, call: string) => void,
): PagedList & { count: number } {
  const list = {
    count: 0,
    what: `the ${status} jobs`,
    noun: 'job',
    path: 'jobs',
    query: { status, sort: 'created', direction: 'asc', offset: 0, limit: PAGE_SIZE },
    offset: { param: 'offset', pageSize: PAGE_SIZE },
    // Only a refused key ends the wait (the run stops); no other answer does: what the list
    // could not say is what the jobs were last seen as.
    check,
    describe,
    fail: (why: string) => new ListUnread(`could not list the ${status} jobs: ${why}`),
    idOf: (job: Record<string, unknown>) => String(jobIdOf(job.id) ?? shownValue(job.id)),
    onItem: (job: Record<string, unknown>, id: string) => {
      list.count++;
      // Only the fields a row keeps: a list embeds whole packages and clusters.
      if (wanted.has(id)) found.set(id, Object.fromEntries(JOB_FIELDS.map((f) => [f, job[f]])));
    },
  };
  return list;
}

/** What a Job object says of a waited-on job; null when it carries no status. */
export function polledJob(
  row: XplentyRow,
  id: number,
  job: Record<string, unknown>,
): PollResult<XplentyRow> | null {
  if (typeof job.status !== 'string') return null;
  const fresh = jobRow(id, job, row.outcome);
  // An answer without a page keeps the one seen before.
  const page_url = fresh.page_url ?? row.page_url;
  const polled = {
    ...fresh,
    account_id: row.account_id,
    code: row.code,
    error: row.error,
    page_url,
  };
  return isTerminal(job.status)
    ? { ended: true, row: { ...polled, outcome: 'ended' } }
    : { ended: false, row: polled, seen: `still ${job.status}` };
}
