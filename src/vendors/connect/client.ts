import { isSuccess, type ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import type { JobFact, Outcome, RowFormat } from '../../shared/rows.js';
import type { JobFilter, Listed } from '../../shared/selection.js';
import { VendorJobs } from '../base.js';
import { asRecord } from '../kit.js';
import type { ClientPlan, JobLog, Notice, PollResult } from '../vendor.js';
import { connectCode, connectMessage, describeAnswer, refuseForbiddenItem } from './answers.js';
import { ConnectFacts, readConnectLog } from './facts.js';
import { ContentItems, listItemJobs, readActiveBundle } from './items.js';
import { ACTIVE, ConnectJobLists, polledJob } from './jobs-list.js';
import {
  connectRows,
  contentPage,
  emptyFields,
  failureOutcome,
  jobFields,
  jobPage,
  orderFields,
  withStatusField,
  type ConnectRow,
} from './rows.js';
import { draftsPossible } from './bundles.js';
import { listCommented } from './commented.js';
import {
  commentsOnce,
  judgeBundles,
  previewQuestion,
  serverOf,
  type PreviewSources,
} from './previews.js';
import { scanContent, type ScanHost, type ScanPlan } from './scan.js';
import { connectFilters, NO_FILTERS, type ConnectInputs } from './selection.js';
import { refuseNoJobsApi, refuseOldServer } from './server.js';
import { itemsOf, type Targets } from './targets.js';

// Items scanned at once when the plan does not say.
const SCAN_CONCURRENCY = 8;

/**
 * Posit Connect's content jobs API (`/__api__/v1/content/{guid}/jobs`); the plan's target is
 * one content GUID, several joined by commas, or `all`. With `wait`, every row carries the
 * job's last seen `status`.
 */
export class ConnectJobs extends VendorJobs<ConnectRow> {
  readonly rows: RowFormat<ConnectRow>;
  protected readonly keyAdvice = 'Check `api-key` or CONNECT_API_KEY.';
  override readonly targetPage: string | null;
  private readonly items: ContentItems;
  private readonly seen = new ConnectFacts();
  override readonly lists: ConnectJobLists;
  // The server's version ('' hidden, null before `prepare`), the single item's active bundle
  // (once the selection read it), and what the judged bundles left running.
  private version: string | null = null;
  private active: string | null = null;
  private said: readonly Notice[] = [];
  constructor(
    http: HttpClient,
    plan: ClientPlan & { target: Targets },
    private readonly inputs: ConnectInputs = NO_FILTERS,
  ) {
    super(http, plan);
    this.items = new ContentItems(plan.target);
    this.rows = connectRows(
      plan.wait,
      (key) => this.page(key),
      this.items.titles,
      (key) => this.itemOf(key),
    );
    this.targetPage = this.guid === '' ? null : contentPage(http.root, this.guid);
    this.lists = new ConnectJobLists(
      http,
      (row) => this.items.itemOf(row.job_key),
      this.items.listSizes,
      (response, call) => this.stopOnRefusedKey(response, call),
    );
  }

  /** The run's one content item; '' when it reads several. */
  private get guid(): string {
    return this.items.guid;
  }

  /** Reads `server_settings` once; a visible version older than 2022.10.0 stops the run. */
  override async prepare(signal: AbortSignal): Promise<void> {
    const response = await this.http.request('GET', 'server_settings', { signal });
    this.stopOnRunWideFailure(response, 'GET server_settings');
    this.version = refuseOldServer(response);
  }

  /** Bundle, then tag, then age: the order the log counts them in. */
  override filters(signal: AbortSignal): Promise<JobFilter[]> {
    return connectFilters(
      this.inputs,
      this.guid === '',
      async () => {
        this.active = await readActiveBundle(this.http, this.guid, signal, (response, call) =>
          this.stopOnRunWideFailure(response, call),
        );
        return this.active;
      },
      draftsPossible(this.version ?? ''),
    );
  }

  /** The active jobs; for `bundle: previous` and `pull-request`, their bundles judged. */
  async activeJobs(signal: AbortSignal): Promise<Listed<ConnectRow>[]> {
    const question = previewQuestion(this.inputs);
    const sources: PreviewSources = {
      http: this.http,
      check: (response, call) => this.stopOnServerWideFailure(response, call),
      version: this.version ?? '',
      server: serverOf(this.http.root),
      github: this.plan.github,
      concurrency: this.plan.concurrency ?? SCAN_CONCURRENCY,
      ...(this.plan.log ? { log: this.plan.log } : {}),
    };
    if (question === null) return this.listActive(signal, sources);
    sources.comments = commentsOnce(question, sources, signal);
    const listed = await this.listActive(signal, sources);
    this.said = [...this.said, ...(await judgeBundles(listed, question, signal, sources))];
    return listed;
  }

  override notices(): readonly Notice[] {
    return this.said;
  }

  private async listActive(signal: AbortSignal, sources: PreviewSources) {
    const { targets } = this.items;
    if (this.guid !== '') {
      const jobs = await listItemJobs(this.http, this.guid, signal, (response, call) =>
        this.stopOnRunWideFailure(response, call),
      );
      return this.listedJobs(this.guid, jobs, this.active);
    }
    if (targets.kind !== 'commented') return this.scan(targets, signal);
    const keyless = !!this.plan.keyAdvice; // only a keyless sign-in sets it: a key for one item
    const found = await listCommented(targets.pull, sources, keyless, (guids, spare) =>
      this.scan(itemsOf(guids), signal, spare),
    );
    this.said = found.notices;
    return found.listed;
  }

  private scan(targets: Targets, signal: AbortSignal, spare?: ScanPlan['spare']) {
    return scanContent(this.scanHost(), signal, {
      targets,
      content: this.inputs.content,
      readsBundles: previewQuestion(this.inputs) !== null,
      concurrency: this.plan.concurrency ?? SCAN_CONCURRENCY,
      log: this.plan.log,
      ...(spare ? { spare } : {}),
    });
  }

  /** The active jobs of one item's list, as dry-run rows (see ContentItems.listed). */
  private listedJobs(guid: string, jobs: unknown[], active?: string | null): Listed<ConnectRow>[] {
    return this.items.listed(guid, jobs, active, {
      jobRow: (key, job) => {
        this.seen.remember(key, job);
        return this.jobRow(key, job, 'dry-run');
      },
      refusedRow: (name, why) => ({ ...this.rows.errorRow(name, why), app_guid: guid }),
    });
  }

  /** What the scan of several content items needs of this client. */
  private scanHost(): ScanHost {
    return {
      http: this.http,
      check: (response, call) => this.stopOnServerWideFailure(response, call),
      listedJobs: (guid, jobs, active) => this.listedJobs(guid, jobs, active),
      itemRow: (fields) => this.row({ ...emptyFields(''), ...fields }),
      titles: this.items.titles,
    };
  }

  async terminate(key: string, signal: AbortSignal): Promise<ConnectRow> {
    const response = await this.http.request('DELETE', this.items.jobsPath(key), { signal });
    const foreign = isSuccess(response) ? this.notTheVendors(response) : null;
    if (foreign !== null) {
      return this.row({ ...emptyFields(key), code: null, error: foreign, outcome: 'error' });
    }
    if (isSuccess(response)) {
      return this.row(orderFields(response.json, key, this.items.itemOf(key)));
    }
    return this.failureRow(key, response, `DELETE ${this.items.jobsPath(key)}`);
  }

  async inspect(key: string, signal: AbortSignal): Promise<ConnectRow> {
    const response = await this.http.request('GET', this.items.jobsPath(key), { signal });
    const job = asRecord(response.json);
    if (response.status === 200 && job) {
      this.seen.remember(key, job);
      return this.jobRow(key, job, job.status === ACTIVE ? 'dry-run' : 'not-active');
    }
    return this.failureRow(key, response, `GET ${this.items.jobsPath(key)}`);
  }

  async poll(row: ConnectRow, signal: AbortSignal): Promise<PollResult<ConnectRow>> {
    const path = this.items.jobsPath(row.job_key);
    const response = await this.http.request('GET', path, { signal });
    this.stopOnRefusedKey(response, `GET ${path}`);
    const job = asRecord(response.json);
    if (response.status === 200 && job) {
      this.seen.remember(row.job_key, job);
      return (
        polledJob(row, job) ?? {
          ended: false,
          row,
          seen: `an answer without a job status (${connectMessage(response)})`,
        }
      );
    }
    if (response.status === 404 && connectCode(response) !== null) {
      return { ended: true, row: { ...row, status: null, outcome: 'ended' } };
    }
    return { ended: false, row, seen: connectMessage(response) };
  }

  override log(row: ConnectRow, lines: number, signal: AbortSignal): Promise<JobLog> {
    return readConnectLog(
      this.http,
      `${this.items.jobsPath(row.job_key)}/log`,
      lines,
      signal,
      describeAnswer,
    );
  }

  override facts(row: ConnectRow, now: number): JobFact[] {
    return this.seen.of(row.job_key, now);
  }

  /** The job's log view in the dashboard, on the server the run talks to. */
  private page(key: string): string | null {
    const guid = this.itemOf(key);
    return guid === null ? null : jobPage(this.http.root, guid, key);
  }

  /** The key's content item: the one target, or the item whose list named it; else null. */
  private itemOf(key: string): string | null {
    return this.items.itemOf(key) || null;
  }

  /** A row from a Job object (dry-run and inspection). */
  private jobRow(key: string, job: Record<string, unknown>, outcome: Outcome): ConnectRow {
    return this.row(jobFields(job, key, outcome));
  }

  /**
   * connectapi's error row: `app_id`, `job_id` and `result` are null, `code`/`error` from
   * Connect; `app_guid` is the item the run sent the request to (row()).
   */
  private failureRow(key: string, response: ApiResponse, call: string): ConnectRow {
    this.stopOnRunWideFailure(response, call, key);
    const code = connectCode(response);
    const outcome = failureOutcome(response.status, code);
    return this.row({ ...emptyFields(key), code, error: connectMessage(response), outcome });
  }

  /**
   * Failures that hold for every job of the content: a bad key (401), no permission on the
   * content (403, granted per item), or no jobs API at all (a 404 without Connect's JSON code).
   */
  private stopOnRunWideFailure(response: ApiResponse, call: string, key?: string): void {
    const row = key
      ? this.row({
          ...emptyFields(key),
          code: connectCode(response),
          error: connectMessage(response),
          outcome: 'error',
        })
      : undefined;
    this.stopOnServerWideFailure(response, call, row);
    refuseForbiddenItem(response, call, this.guid, row);
  }

  /** Failures that hold for every content item: a bad key (401), or no jobs API at all. */
  private stopOnServerWideFailure(response: ApiResponse, call: string, row?: ConnectRow): void {
    this.stopOnRefusedKey(response, call, row);
    refuseNoJobsApi(response, call, this.http.origin, row);
  }

  protected describeAnswer(response: ApiResponse): string {
    return describeAnswer(response);
  }

  /**
   * A row with its item, when the answer did not name one, and its page: none for a job the
   * server said does not exist.
   */
  private row(fields: Omit<ConnectRow, 'page_url'>): ConnectRow {
    const page_url = fields.outcome === 'not-found' ? null : this.page(fields.job_key);
    const app_guid = fields.app_guid ?? this.itemOf(fields.job_key);
    return withStatusField({ ...fields, app_guid, page_url }, this.plan.wait);
  }
}
