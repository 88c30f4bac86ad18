import type { ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { RunStopped } from '../../shared/failures.js';
import { mapLimited } from '../../shared/pool.js';
import type { JobFact, RowFormat } from '../../shared/rows.js';
import type { JobFilter, Listed } from '../../shared/selection.js';
import { quote, someOf } from '../../shared/text.js';
import { VendorJobs } from '../base.js';
import type {
  ClientPlan,
  ClusterPhase,
  JobLists,
  JobLog,
  ListPoll,
  Notice,
  PollResult,
} from '../vendor.js';
import { listAccounts, splitKey, type Account, type XplentyTarget } from './accounts.js';
import { describeAnswer } from './answers.js';
import { XplentyClusterPhase } from './cluster-phase.js';
import { XplentyJobs } from './client.js';
import { xplentyRows, type XplentyRow } from './rows.js';
import { jobFilters, type XplentyInputs } from './selection.js';

/**
 * Several accounts of one key (`target: all`, or several account IDs): an XplentyJobs per
 * account, each under its account's API root (`{account_id}/api/`) in a view of the one HTTP
 * client, so the key's one rate budget, a 429's hold-off and the wait's reserve count across
 * them. This fans the selection out and routes each kill order, poll and log to the job's
 * account; the wait keeps its one deadline and reads each account's lists.
 * A row's key is `account/job id`: job IDs are not known to be unique across accounts.
 */
export class XplentyAccounts extends VendorJobs<XplentyRow> {
  readonly rows: RowFormat<XplentyRow>;
  override readonly lists: JobLists<XplentyRow>;
  protected readonly keyAdvice = 'Check `api-key` or XPLENTY_API_KEY.';
  /** Every account worked in, in the order of `target` or of the listing. */
  private readonly accounts = new Map<string, { account: Account; jobs: XplentyJobs }>();
  private readonly unusable: string[] = [];
  readonly clusters?: ClusterPhase;

  constructor(
    http: HttpClient,
    plan: ClientPlan,
    private readonly inputs: XplentyInputs,
    private readonly target: XplentyTarget,
  ) {
    super(http, plan);
    if (target.kind === 'ids') {
      for (const id of target.ids) this.open({ id, name: null, running: null });
    }
    const places = () =>
      [...this.accounts.values()].map(({ account }) => ({ id: account.id, title: account.name }));
    this.rows = {
      ...xplentyRows,
      errorRow: (key, message) => {
        const { account, id } = splitKey(key);
        return { ...xplentyRows.errorRow(id, message), account_id: account || null };
      },
      keyOf: (row) => `${row.account_id ?? ''}/${String(row.id)}`,
      groupOf: (row) =>
        row.account_id === null
          ? null
          : {
              id: row.account_id,
              title: this.accounts.get(row.account_id)?.account.name ?? null,
            },
      places,
      groupsAre: 'account',
    };
    this.lists = new AccountLists((row) => this.of(row));
    const asked = inputs.clusters ?? null;
    if (asked !== null) {
      const each = () =>
        [...this.accounts.values()].flatMap(({ jobs }) => jobs.accountClusters ?? []);
      const budget = (signal: AbortSignal) => this.readRateBudget(signal);
      const emptied = asked.mode === 'emptied';
      const concurrency = plan.concurrency ?? 8;
      this.clusters = new XplentyClusterPhase(each, emptied, true, concurrency, budget);
    }
  }

  private open(account: Account): void {
    const http = this.http.under(`${encodeURIComponent(account.id)}/api/`);
    const jobs = new XplentyJobs(http, this.plan, this.inputs, account.id, false);
    this.accounts.set(account.id, { account, jobs });
  }

  /** With `target: all`, the accounts of the key (`GET accounts`); the log says which. */
  override async prepare(signal: AbortSignal): Promise<void> {
    if (this.target.kind === 'all') {
      const call = (response: ApiResponse, what: string) => this.stopOnRefusedKey(response, what);
      const listed = await listAccounts(this.http, call, signal);
      for (const account of listed.accounts) this.open(account);
      this.unusable.push(...listed.unusable);
    }
    const shown = [...this.accounts.values()].map(({ account }) => accountText(account));
    const source = this.target.kind === 'all' ? 'of the key' : 'in target';
    this.plan.log?.info(
      shown.length === 0
        ? 'The key is a member of no account: no job to look at.'
        : `Accounts ${source} (${shown.length}): ${someOf(shown, ', ')}.`,
    );
  }

  override async filters(): Promise<JobFilter[]> {
    return jobFilters(this.inputs);
  }

  /**
   * Each account's active jobs, in the accounts' order (a few at once, each account's
   * statuses in their order). `running_jobs_count` counts running jobs only: a quiet account
   * can still hold idle, pending or queued ones, so every account is listed.
   */
  async activeJobs(signal: AbortSignal): Promise<Listed<XplentyRow>[]> {
    const accounts = [...this.accounts.values()];
    const lists = await mapLimited(accounts, this.plan.concurrency ?? 8, async (entry) => {
      try {
        return await entry.jobs.activeJobs(signal);
      } catch (error) {
        throw inAccount(entry.account.id, error);
      }
    });
    return lists.flat();
  }

  async terminate(key: string, signal: AbortSignal): Promise<XplentyRow> {
    const { account, id } = splitKey(key);
    return this.jobsOf(account).terminate(id, signal);
  }

  async inspect(key: string, signal: AbortSignal): Promise<XplentyRow> {
    const { account, id } = splitKey(key);
    return this.jobsOf(account).inspect(id, signal);
  }

  async poll(row: XplentyRow, signal: AbortSignal): Promise<PollResult<XplentyRow>> {
    return this.of(row).poll(row, signal);
  }

  /** The budget is the key's user's, not an account's: one read tells it for all. */
  override async readRateBudget(signal: AbortSignal): Promise<void> {
    const [first] = this.accounts.values();
    if (first !== undefined) await first.jobs.readRateBudget(signal);
  }

  override async log(row: XplentyRow, lines: number, signal: AbortSignal): Promise<JobLog> {
    return this.of(row).log(row, lines, signal);
  }

  override facts(row: XplentyRow, now: number): JobFact[] {
    return this.accounts.get(row.account_id ?? '')?.jobs.facts(row, now) ?? [];
  }

  override notices(): readonly Notice[] {
    if (this.unusable.length === 0) return [];
    const count = this.unusable.length;
    const text = `GET accounts listed ${count} ${count === 1 ? 'entry' : 'entries'} under no account ID (${someOf(this.unusable)}): no request names ${count === 1 ? 'it' : 'them'}, so any job of ${count === 1 ? 'it' : 'theirs'} keeps running.`;
    return [{ text, warning: true }];
  }

  protected describeAnswer(response: ApiResponse): string {
    return describeAnswer(response);
  }

  private of(row: XplentyRow): XplentyJobs {
    return this.jobsOf(row.account_id ?? '');
  }

  /** Keys and rows come from these accounts' lists; a bug that brings another stops here. */
  private jobsOf(account: string): XplentyJobs {
    const entry = this.accounts.get(account);
    if (entry === undefined) throw new Error(`not an account of this run: ${quote(account)}`);
    return entry.jobs;
  }
}

/** The wait's lists: each account's own (its jobs by status); a round reads one account's. */
class AccountLists implements JobLists<XplentyRow> {
  constructor(private readonly of: (row: XplentyRow) => XplentyJobs) {}

  listOf(row: XplentyRow): string {
    return row.account_id ?? '';
  }

  cost(rows: readonly XplentyRow[]): number {
    const [first] = rows;
    return first === undefined ? 0 : this.of(first).lists.cost(rows);
  }

  async poll(rows: readonly XplentyRow[], signal: AbortSignal): Promise<ListPoll<XplentyRow>> {
    const [first] = rows;
    if (first === undefined) return { polls: [], requests: 0 };
    return this.of(first).lists.poll(rows, signal);
  }
}

/** `sample-account-1 ("Xplenty Admin", 2 running)`, for the log. */
function accountText({ id, name, running }: Account): string {
  const details = [
    name === null ? null : quote(name),
    running === null ? null : `${running} running`,
  ].filter((part): part is string => part !== null);
  return details.length === 0 ? id : `${id} (${details.join(', ')})`;
}

/** A stop met in one account's lists says which account. */
function inAccount(account: string, error: unknown): unknown {
  if (!(error instanceof RunStopped)) return error;
  return new RunStopped(
    `Account ${account}: ${error.message}`,
    error.reason,
    error.row,
    error.headline,
  );
}
