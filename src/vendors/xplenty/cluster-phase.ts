import { mapLimited } from '../../shared/pool.js';
import type { JobRow, RowFormat } from '../../shared/rows.js';
import { quote } from '../../shared/text.js';
import type { ClusterPhase, JobLists, ListPoll, PollResult } from '../vendor.js';
import { splitKey } from './accounts.js';
import { clusterIdOf, clusterRows, type ClusterRow } from './cluster-rows.js';
import type { AccountClusters } from './clusters.js';

/**
 * The clusters of the run's accounts (one, or every account of `target`): each account's
 * clusters are chosen from its own jobs' rows and listings, and a cluster's key names its
 * account where there are several (`account/176`).
 */
export class XplentyClusterPhase implements ClusterPhase<ClusterRow> {
  readonly rows: RowFormat<ClusterRow>;
  /** The wait's lists: each account's clusters updated since the phase began. */
  readonly lists: JobLists<ClusterRow> = {
    listOf: (row) => row.account_id ?? '',
    cost: (rows) => (rows[0] === undefined ? 0 : this.ofRow(rows[0]).listCost(rows)),
    poll: (rows, signal): Promise<ListPoll<ClusterRow>> =>
      rows[0] === undefined
        ? Promise.resolve({ polls: [], requests: 0 })
        : this.ofRow(rows[0]).listPoll(rows, signal),
  };
  readonly afterJobsStopped: boolean;

  constructor(
    /** The accounts worked in, known once the run has listed them. */
    private readonly accounts: () => readonly AccountClusters[],
    emptied: boolean,
    private readonly several: boolean,
    private readonly concurrency: number,
    private readonly budget: (signal: AbortSignal) => Promise<void>,
  ) {
    this.rows = clusterRows(several);
    this.afterJobsStopped = emptied;
  }

  async choose(jobs: readonly JobRow[], dryRun: boolean, signal: AbortSignal): Promise<string[]> {
    const ofAccount = (account: string | null) =>
      jobs.filter((row) => (row as JobRow & { account_id?: unknown }).account_id === account);
    const chosen = await mapLimited(this.accounts(), this.concurrency, async (clusters) => {
      const ids = await clusters.choose(ofAccount(clusters.account), dryRun, signal);
      return ids.map((id) => (this.several ? `${clusters.account ?? ''}/${id}` : String(id)));
    });
    return chosen.flat();
  }

  settle(key: string, dryRun: boolean, signal: AbortSignal): Promise<ClusterRow> {
    const { account, id } = this.split(key);
    return this.of(account).settle(id, dryRun, signal);
  }

  poll(row: ClusterRow, signal: AbortSignal): Promise<PollResult<ClusterRow>> {
    return this.ofRow(row).poll(row, signal);
  }

  private ofRow(row: ClusterRow): AccountClusters {
    return this.of(this.several ? (row.account_id ?? '') : null);
  }

  readRateBudget(signal: AbortSignal): Promise<void> {
    return this.budget(signal);
  }

  private split(key: string): { account: string | null; id: number } {
    const { account, id } = splitKey(key);
    const cluster = clusterIdOf(id);
    if (cluster === null || (account === '') === this.several) {
      throw new Error(`not a cluster key of this run: ${quote(key)}`);
    }
    return { account: this.several ? account : null, id: cluster };
  }

  /** Keys and rows come from these accounts; a bug that brings another stops here. */
  private of(account: string | null): AccountClusters {
    const found = this.accounts().find((clusters) =>
      this.several ? clusters.account === account : true,
    );
    if (found === undefined) throw new Error(`not an account of this run: ${quote(account ?? '')}`);
    return found;
  }
}
