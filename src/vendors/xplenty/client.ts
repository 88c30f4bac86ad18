import { isSuccess, type ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { listPages, PageBudget } from '../../http/pager.js';
import { RunStopped } from '../../shared/failures.js';
import type { JobFact, RowFormat } from '../../shared/rows.js';
import type { JobFilter, Listed } from '../../shared/selection.js';
import { lastLines, sentence } from '../../shared/text.js';
import { VendorJobs } from '../base.js';
import { asRecord, shownValue } from '../kit.js';
import type { ClientPlan, ClusterPhase, JobLog, PollResult } from '../vendor.js';
import { describeAnswer, failureRow, xplentyMessage } from './answers.js';
import { XplentyClusterPhase } from './cluster-phase.js';
import { AccountClusters } from './clusters.js';
import { polledJob, XplentyJobLists } from './jobs-list.js';
import {
  accountRows,
  emptyJob,
  jobFacts,
  jobIdOf,
  jobRow,
  type JobNames,
  type XplentyRow,
} from './rows.js';
import { isActive, jobFilters, NO_FILTERS, type XplentyInputs } from './selection.js';
import { ACTIVE, isStopping, isTerminal } from './statuses.js';

// The API's largest page.
const PAGE_SIZE = 100;

/** Xplenty's (Integrate.io ETL) jobs API (`/{account_id}/api/jobs`). */
export class XplentyJobs extends VendorJobs<XplentyRow> {
  readonly rows: RowFormat<XplentyRow>;
  /** The package and cluster names a list embeds (a job's own answer has only their ids). */
  private readonly names = new Map<number, JobNames>();
  override readonly lists = new XplentyJobLists(this.http, describeAnswer, (response, call) =>
    this.stopOnRefusedKey(response, call),
  );
  protected readonly keyAdvice =
    'Check `api-key` or XPLENTY_API_KEY, and that the key belongs to the account in `target`.';

  /**
   * `http` is rooted at the account's API (`{server}/{account}/api/`); `account`, the account
   * it names, goes into every row (null: rows say no account).
   */
  /** The account's clusters, where `clusters` asks for them. */
  readonly accountClusters: AccountClusters | null;
  readonly clusters?: ClusterPhase;

  constructor(
    http: HttpClient,
    plan: ClientPlan,
    private readonly inputs: XplentyInputs = NO_FILTERS,
    readonly account: string | null = null,
    /** Whether this account's clusters are a phase of their own (false: a composite's part). */
    ownPhase = true,
  ) {
    super(http, plan);
    this.rows = accountRows(account);
    const asked = inputs.clusters ?? null;
    this.accountClusters =
      asked === null
        ? null
        : new AccountClusters(http, asked, account, {
            check: (response, call) => this.stopOnRefusedKey(response, call),
            foreign: (response) => this.notTheVendors(response),
            log: (line) => plan.log?.info(line),
          });
    const own = this.accountClusters;
    if (own !== null && ownPhase) {
      const budget = (signal: AbortSignal) => this.readRateBudget(signal);
      const emptied = asked?.mode === 'emptied';
      const concurrency = plan.concurrency ?? 8;
      this.clusters = new XplentyClusterPhase(() => [own], emptied, false, concurrency, budget);
    }
  }

  override async filters(): Promise<JobFilter[]> {
    return jobFilters(this.inputs);
  }

  /**
   * Lists the active statuses one after another, in the order a job goes through them: a job
   * that moves on while they are listed (queued -> running) is found in a later list. Each
   * status is paged (listing.ts); every id is checked before it names a URL.
   */
  async activeJobs(signal: AbortSignal): Promise<Listed<XplentyRow>[]> {
    const active = new Map<string, Listed<XplentyRow>>();
    const budget = new PageBudget();
    for (const status of ACTIVE) {
      await listPages(this.http, this.activeList(status, active), budget, signal);
    }
    const byId = ({ row }: Listed<XplentyRow>): number =>
      typeof row.id === 'number' ? row.id : Infinity;
    return [...active.values()].sort((a, b) => byId(a) - byId(b));
  }

  /** One status's list, oldest first: jobs created while paging land on later pages. */
  private activeList(status: string, active: Map<string, Listed<XplentyRow>>) {
    const { packageId } = this.inputs;
    const query = { status, sort: 'created', direction: 'asc', offset: 0, limit: PAGE_SIZE };
    return {
      what: `the ${status} jobs`,
      noun: 'job',
      path: 'jobs',
      query: packageId === null ? query : { ...query, package_id: packageId },
      offset: { param: 'offset', pageSize: PAGE_SIZE },
      check: (response: ApiResponse, call: string) => this.stopOnRefusedKey(response, call),
      describe: describeAnswer,
      fail: (why: string) =>
        new RunStopped(
          sentence(`Could not list the ${status} jobs: ${why}; nothing was terminated`),
          'listing the jobs failed',
        ),
      idOf: (job: Record<string, unknown>) => String(jobIdOf(job.id) ?? shownValue(job.id)),
      onItem: (job: Record<string, unknown>, key: string) => {
        // A job can move from one status to another between two lists; keep it once, as
        // an active job if one list shows it active.
        if (!isActive(active.get(key)?.job?.status)) active.set(key, this.listed(key, job));
      },
    };
  }

  private listed(key: string, job: Record<string, unknown>): Listed<XplentyRow> {
    const id = jobIdOf(job.id);
    const row =
      id !== null
        ? this.own(jobRow(id, job, 'dry-run'))
        : this.rows.errorRow(
            key,
            'not sent: the server listed this job under an id that is not a whole number from 1 to 2^53 - 1',
          );
    if (id !== null)
      this.names.set(id, { package: nameOf(job.package), cluster: nameOf(job.cluster) });
    // Only what the filters read is kept: the list embeds whole packages and clusters.
    const { started_at, status, package_id } = job;
    return { row, job: { started_at, status, package_id } };
  }

  /**
   * DELETE jobs/{id}. The API does not document its answer for a job that already ended
   * (most likely a 422), so a refused DELETE is followed by a GET that tells what the job is.
   */
  async terminate(key: string, signal: AbortSignal): Promise<XplentyRow> {
    return this.own(await this.kill(checkedId(key), signal));
  }

  private async kill(id: number, signal: AbortSignal): Promise<XplentyRow> {
    const call = `DELETE ${jobPath(id)}`;
    const response = await this.http.request('DELETE', jobPath(id), { signal });
    if (isSuccess(response)) return this.orderRow(id, response);
    this.stopOnRefusedKey(response, call, this.own(failureRow(id, response)));
    const refused = response.status >= 400 && response.status < 500;
    if (!refused || response.status === 404 || response.status === 429) {
      return failureRow(id, response);
    }
    const now = await this.http.request('GET', jobPath(id), { signal });
    const current = asRecord(now.json);
    if (now.status !== 200 || !current) return failureRow(id, response);
    if (isTerminal(current.status)) {
      return {
        ...jobRow(id, current, 'not-active'),
        code: response.status,
        error: xplentyMessage(response),
      };
    }
    if (isStopping(current.status)) {
      return jobRow(id, current, 'terminated');
    }
    return {
      ...jobRow(id, current, 'error'),
      code: response.status,
      error: xplentyMessage(response),
    };
  }

  /** A 2xx answer to a kill order: the job it returns, when it is the API's own answer. */
  private orderRow(id: number, response: ApiResponse): XplentyRow {
    const foreign = this.notTheVendors(response);
    if (foreign !== null) {
      const error = foreign;
      return { ...emptyJob(id), code: response.status, error, outcome: 'error', page_url: null };
    }
    const job = asRecord(response.json);
    if (job === null) {
      return { ...emptyJob(id), code: null, error: null, outcome: 'terminated', page_url: null };
    }
    return jobRow(id, job, isTerminal(job.status) ? 'not-active' : 'terminated');
  }

  async inspect(key: string, signal: AbortSignal): Promise<XplentyRow> {
    const id = checkedId(key);
    const response = await this.http.request('GET', jobPath(id), { signal });
    const job = asRecord(response.json);
    if (response.status === 200 && job) {
      return this.own(jobRow(id, job, isTerminal(job.status) ? 'not-active' : 'dry-run'));
    }
    const failed = this.own(failureRow(id, response));
    this.stopOnRefusedKey(response, `GET ${jobPath(id)}`, failed);
    return failed;
  }

  /** The row, of this account. */
  private own(row: XplentyRow): XplentyRow {
    return { ...row, account_id: this.account };
  }

  /**
   * `GET rate_limit_status`: the key's budget, `{"limits": {"limit", "remaining"}}`, free of
   * charge (the API's "Rate Limits"; the Python client reads it so).
   */
  override async readRateBudget(signal: AbortSignal): Promise<void> {
    const response = await this.http.request('GET', 'rate_limit_status', { signal });
    const limits = asRecord(asRecord(response.json)?.limits);
    const [limit, remaining] = [count(limits?.limit), count(limits?.remaining)];
    if (response.status !== 200 || limit === null || remaining === null || remaining > limit) {
      const said = response.status === 200 ? 'no limits in the answer' : describeAnswer(response);
      throw new Error(`GET rate_limit_status answered ${said}`);
    }
    this.http.gate.record({ limit, remaining });
  }

  protected describeAnswer(response: ApiResponse): string {
    return describeAnswer(response);
  }

  /** `GET jobs/{id}/log`: `{body, url}`, the log's text in one string. */
  override async log(row: XplentyRow, lines: number, signal: AbortSignal): Promise<JobLog> {
    const path = `${jobPath(checkedId(String(row.id)))}/log`;
    const response = await this.http.request('GET', path, { signal });
    const body = asRecord(response.json)?.body;
    if (response.status !== 200 || typeof body !== 'string') {
      return { unavailable: `GET ${path} answered ${describeAnswer(response)}` };
    }
    return { lines: lastLines([body], lines) };
  }

  override facts(row: XplentyRow, now: number): JobFact[] {
    return jobFacts(row, typeof row.id === 'number' ? this.names.get(row.id) : undefined, now);
  }

  async poll(row: XplentyRow, signal: AbortSignal): Promise<PollResult<XplentyRow>> {
    const id = checkedId(String(row.id));
    const response = await this.http.request('GET', jobPath(id), { signal });
    this.stopOnRefusedKey(response, `GET ${jobPath(id)}`);
    const job = asRecord(response.json);
    const polled = response.status === 200 && job ? polledJob(row, id, job) : null;
    if (polled !== null) return polled;
    // Only the API's own 404 (a JSON body) says the job is gone; a gateway's page does not.
    if (response.status === 404 && job !== null) {
      return { ended: true, row: { ...row, status: null, outcome: 'ended' } };
    }
    const said = response.status === 200 ? 'an answer without a job status: ' : '';
    return { ended: false, row, seen: `${said}${xplentyMessage(response)}` };
  }
}

/** The `name` of an embedded package or cluster. */
function nameOf(value: unknown): string | null {
  const name = asRecord(value)?.name;
  return typeof name === 'string' && name !== '' ? name : null;
}

/** A count of credits: a whole number, zero or more; null for anything else. */
function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function jobPath(id: number): string {
  return `jobs/${id}`;
}

/** Keys reach the client checked (inputs, listing); a bug that lets another through stops here. */
function checkedId(key: string): number {
  const id = jobIdOf(key);
  if (id === null) throw new Error(`not a job id: ${JSON.stringify(key)}`);
  return id;
}
