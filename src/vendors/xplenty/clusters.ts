import { isSuccess, type ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { listPages, PageBudget } from '../../http/pager.js';
import { RunStopped } from '../../shared/failures.js';
import type { JobRow } from '../../shared/rows.js';
import { sentence } from '../../shared/text.js';
import { asRecord, shownValue } from '../kit.js';
import type { PollResult } from '../vendor.js';
import { describeAnswer, xplentyMessage } from './answers.js';
import {
  clusterFailure,
  clusterIdOf,
  clusterRow,
  emptiedBy,
  emptyCluster,
  GONE,
  idleLongEnough,
  verdict,
  type ClusterInputs,
  type ClusterRow,
} from './cluster-rows.js';

// The API's largest page.
const PAGE_SIZE = 100;
// How much earlier than the phase's start the wait's lists begin: the server's clock may be
// behind this machine's (a cluster the list misses is read on its own).
const SINCE_MARGIN_MS = 60_000;
// The job statuses that wait for a cluster: a cluster they name is not free (running jobs
// are counted in the cluster's own `running_jobs_count`).
const WAITING = ['idle', 'pending', 'queued'] as const;
// In the waiting set: a waiting job names a cluster by something that is not a cluster id.
const ANY = 0;

/** A list of the wait that could not be read to its end; its clusters are read on their own. */
class ListUnread extends Error {}

/** What the phase takes from the account's client (client.ts), so clusters and jobs agree. */
export interface AccountHooks {
  /** Throws for a refused key (401): the run stops, as on a job request. */
  check(response: ApiResponse, call: string): void;
  /** Why a 2xx answer is not the API's word (a portal's page), or null (VendorJobs). */
  foreign(response: ApiResponse): string | null;
  log(line: string): void;
}

/**
 * One account's clusters (`{account_id}/api/clusters`): which to consider, each read fresh
 * right before its DELETE, the DELETE, and the polls of a wait. The counts of a listing are
 * never the decision; the account's waiting jobs are listed once per phase, not per cluster.
 */
export class AccountClusters {
  constructor(
    private readonly http: HttpClient,
    private readonly inputs: ClusterInputs,
    readonly account: string | null,
    private readonly hooks: AccountHooks,
  ) {}

  /** The clusters the account's waiting jobs name, once `choose` has listed them. */
  private waiting = new Set<number>();
  /** When the phase began: the wait's lists show the clusters updated since. */
  private readonly began = Date.now();
  /** How many clusters the wait's last list showed. */
  private listed: number | null = null;

  /**
   * `emptied`: the clusters of the jobs this run stopped (`dry-run`: would stop); `idle`:
   * every cluster the account lists as idle (for longer than `idle-for`). With any, the
   * account's waiting jobs are listed once (not in an emptied dry run: its jobs still run).
   */
  async choose(jobs: readonly JobRow[], dryRun: boolean, signal: AbortSignal): Promise<number[]> {
    const ids =
      this.inputs.mode === 'emptied'
        ? emptiedBy(jobs, dryRun)
        : await this.idleClusters(Date.now(), signal);
    if (ids.length > 0 && !this.jobsUnasked(dryRun)) this.waiting = await this.waitingOn(signal);
    return ids;
  }

  /** An emptied dry run's clusters still run the jobs it would stop: their jobs are not asked. */
  private jobsUnasked(dryRun: boolean): boolean {
    return dryRun && this.inputs.mode === 'emptied';
  }

  /** `GET clusters?status=idle`, paged: those idle long enough; the others are said in the log. */
  private async idleClusters(now: number, signal: AbortSignal): Promise<number[]> {
    const ids: number[] = [];
    const left = { young: 0, other: 0 };
    await listPages(
      this.http,
      this.list('clusters', { status: 'idle' }, 'cluster', (cluster) => {
        const id = clusterIdOf(cluster.id);
        // What the list was not asked for (a proxy that drops `status`), or an id that is not
        // one, names no URL.
        if (id === null || cluster.status !== 'idle') left.other++;
        else if (idleLongEnough(cluster, this.inputs, now)) ids.push(id);
        else left.young++;
      }),
      new PageBudget(),
      signal,
    );
    const since =
      this.inputs.idleForText === null
        ? 'since no known past time'
        : `for ${this.inputs.idleForText} or less, or since no known past time`;
    if (left.young > 0) {
      this.hooks.log(`${this.where()}${left.young} idle cluster(s) idle ${since}: left alone.`);
    }
    if (left.other > 0) {
      this.hooks.log(
        `${this.where()}${left.other} listed cluster(s) not idle or under an id that is not a whole number: left alone.`,
      );
    }
    return ids;
  }

  /** The clusters the account's idle, pending and queued jobs name (one listing per status). */
  private async waitingOn(signal: AbortSignal): Promise<Set<number>> {
    const named = new Set<number>();
    const budget = new PageBudget();
    for (const status of WAITING) {
      const query = { status, sort: 'created', direction: 'asc' };
      const list = this.list('jobs', query, 'job', (job) => {
        const cluster = clusterIdOf(job.cluster_id);
        if (cluster !== null) named.add(cluster);
        // A cluster named by an id that is not one could be any: none is proved free.
        else if (job.cluster_id !== null && job.cluster_id !== undefined) named.add(ANY);
      });
      await listPages(this.http, list, budget, signal);
    }
    return named;
  }

  private list(
    path: string,
    query: Record<string, string>,
    noun: string,
    onItem: (item: Record<string, unknown>) => void,
  ) {
    const what = `the ${query.status} ${noun}s`;
    return {
      what,
      noun,
      path,
      query: { ...query, offset: 0, limit: PAGE_SIZE },
      offset: { param: 'offset', pageSize: PAGE_SIZE },
      check: (response: ApiResponse, call: string) => this.hooks.check(response, call),
      describe: describeAnswer,
      fail: (why: string) =>
        new RunStopped(
          sentence(`${this.where()}Could not list ${what}: ${why}; no cluster was terminated`),
          `listing ${what} failed`,
        ),
      idOf: (item: Record<string, unknown>) => shownValue(item.id),
      onItem,
    };
  }

  /** Reads the cluster; terminates it when that read allows (dry-run: says it would). */
  async settle(id: number, dryRun: boolean, signal: AbortSignal): Promise<ClusterRow> {
    const read = await this.read(id, signal);
    if ('row' in read) return read.row;
    const busy = this.jobsUnasked(dryRun)
      ? null
      : (cluster: number) => this.waiting.has(cluster) || this.waiting.has(ANY);
    const no = verdict(read.cluster, this.inputs, busy, id, Date.now());
    if (no !== null)
      return { ...clusterRow(id, read.cluster, no.outcome, this.account), error: no.why };
    if (dryRun) return clusterRow(id, read.cluster, 'dry-run', this.account);
    return this.terminate(id, signal);
  }

  /** `GET clusters/{id}`: the cluster, or the row of the answer that did not show it. */
  private async read(
    id: number,
    signal: AbortSignal,
  ): Promise<{ cluster: Record<string, unknown> } | { row: ClusterRow }> {
    const path = clusterPath(id);
    const response = await this.http.request('GET', path, { signal });
    this.hooks.check(response, `GET ${path}`);
    const cluster = asRecord(response.json);
    if (response.status === 200 && cluster !== null) return { cluster };
    return { row: clusterFailure(id, response, this.account) };
  }

  /**
   * `DELETE clusters/{id}`: `pending_terminate` on success. A refusal (the API refuses while
   * a cluster is being created) is followed by a read that tells what the cluster is.
   */
  private async terminate(id: number, signal: AbortSignal): Promise<ClusterRow> {
    const path = clusterPath(id);
    const response = await this.http.request('DELETE', path, { signal });
    this.hooks.check(response, `DELETE ${path}`);
    const cluster = asRecord(response.json);
    if (isSuccess(response)) {
      // A portal's or a proxy's page is not the API's word: the order is not claimed.
      const foreign = this.hooks.foreign(response);
      if (foreign !== null)
        return { ...clusterFailure(id, response, this.account), error: foreign };
      if (cluster === null) return { ...emptyCluster(id, this.account), outcome: 'terminated' };
      const outcome = cluster.status === GONE ? 'ended' : 'terminated';
      return clusterRow(id, cluster, outcome, this.account);
    }
    const refused = response.status >= 400 && response.status < 500;
    if (!refused || response.status === 404 || response.status === 429) {
      return clusterFailure(id, response, this.account);
    }
    const now = await this.read(id, signal);
    if ('row' in now) return clusterFailure(id, response, this.account);
    const no = verdict(now.cluster, { ...this.inputs, mode: 'emptied' }, null, id, Date.now());
    const outcome = no === null ? 'error' : no.outcome;
    return {
      ...clusterRow(id, now.cluster, outcome, this.account),
      code: response.status,
      error: xplentyMessage(response),
    };
  }

  /**
   * One list round of the wait: `GET clusters?since=` (clusters updated since this phase
   * began, a minute early for the server's clock, newest first, paged). A watched cluster the
   * list does not show is polled on its own.
   */
  async listPoll(rows: readonly ClusterRow[], signal: AbortSignal) {
    const since = new Date(this.began - SINCE_MARGIN_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const found = new Map<string, Record<string, unknown>>();
    const budget = new PageBudget();
    let count = 0;
    let unread: string | undefined;
    const query = { status: 'all', sort: 'updated', direction: 'desc', since };
    try {
      const list = this.list('clusters', query, 'cluster', (cluster) => {
        count++;
        found.set(shownValue(cluster.id), cluster);
      });
      const fail = (why: string) => new ListUnread(`could not list the clusters: ${why}`);
      await listPages(this.http, { ...list, fail }, budget, signal);
      this.listed = count;
    } catch (error) {
      // What the list could not say is what the clusters were last seen as.
      if (!(error instanceof ListUnread)) throw error;
      unread = error.message;
    }
    const polls = rows.map((row) => {
      const cluster = found.get(shownValue(row.id));
      return cluster === undefined ? null : this.polled(row, cluster);
    });
    return { polls, requests: budget.pages, ...(unread === undefined ? {} : { unread }) };
  }

  /** What a list round costs: a page per 100 clusters the last one listed (or watched). */
  listCost(rows: readonly ClusterRow[]): number {
    return Math.max(1, Math.ceil((this.listed ?? rows.length) / PAGE_SIZE));
  }

  /** One poll of a cluster being terminated: ended once it reads `terminated`. */
  async poll(row: ClusterRow, signal: AbortSignal): Promise<PollResult<ClusterRow>> {
    const id = clusterIdOf(row.id);
    if (id === null) throw new Error(`not a cluster id: ${shownValue(row.id)}`);
    const path = clusterPath(id);
    const response = await this.http.request('GET', path, { signal });
    this.hooks.check(response, `GET ${path}`);
    const cluster = asRecord(response.json);
    if (response.status === 200 && cluster !== null && typeof cluster.status === 'string') {
      const fresh = {
        ...clusterRow(id, cluster, row.outcome, this.account),
        page_url: row.page_url,
      };
      return cluster.status === GONE
        ? { ended: true, row: { ...fresh, outcome: 'ended' } }
        : { ended: false, row: fresh, seen: `still ${cluster.status}` };
    }
    // Only the API's own 404 (a JSON body) says the cluster is gone; a gateway's page does not.
    if (response.status === 404 && cluster !== null) {
      return { ended: true, row: { ...row, outcome: 'ended' } };
    }
    return { ended: false, row, seen: xplentyMessage(response) };
  }

  /** What a cluster's answer says of a watched one; null when it carries no status. */
  private polled(row: ClusterRow, cluster: Record<string, unknown>): PollResult<ClusterRow> | null {
    const id = clusterIdOf(row.id);
    if (id === null || typeof cluster.status !== 'string') return null;
    const fresh = { ...clusterRow(id, cluster, row.outcome, this.account), page_url: row.page_url };
    return cluster.status === GONE
      ? { ended: true, row: { ...fresh, outcome: 'ended' } }
      : { ended: false, row: fresh, seen: `still ${cluster.status}` };
  }

  private where(): string {
    return this.account === null ? '' : `Account ${this.account}: `;
  }
}

function clusterPath(id: number): string {
  return `clusters/${id}`;
}
