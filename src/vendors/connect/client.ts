import { isSuccess, type ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import type { Outcome } from '../../outcomes.js';
import { olderThan, type Duration, type JobFilter, type Listed } from '../../selection.js';
import { RunStopped, sentence } from '../../failures.js';
import { VendorJobs } from '../base.js';
import {
  asRecord,
  shownValue,
  toNumber,
  type ClientPlan,
  type JobFact,
  type JobLog,
  type PollResult,
  type RowFormat,
} from '../vendor.js';
import { connectCode, connectMessage, describeAnswer, idText } from './answers.js';
import { ACTIVE, ConnectJobLists, polledJob } from './jobs-list.js';
import { ConnectFacts, readConnectLog } from './facts.js';
import {
  connectRows,
  contentPage,
  emptyFields,
  isJobKey,
  jobPage,
  withStatusField,
  type ConnectRow,
} from './rows.js';
import { scanContent, type ScanHost } from './scan.js';
import {
  bundleIdOf,
  notOnBundle,
  notOnItemsActiveBundle,
  onBundle,
  taggedAs,
  UUID,
  type BundleChoice,
} from './selection.js';
import { targetsOf, type ContentChoice, type Targets } from './targets.js';

const NOT_ACTIVE_CODE = 163;
const NOT_A_KEY =
  'not sent: the server listed this job under a key that is not a job key (letters, digits, `-` and `_`)';
const LISTED_TWICE = 'not sent: the server listed this job key under two content items';
/** The jobs endpoints exist since this release. */
export const MINIMUM_VERSION = '2022.10.0';

/**
 * What narrows `keys: all` on Connect (the inputs `bundle`, `tag`, `older-than`), and
 * `target: all` (`content-tag`, `content-name`).
 */
export interface ConnectInputs {
  bundle: BundleChoice | null;
  tags: readonly string[];
  olderThan: Duration | null;
  content: ContentChoice;
}

/** Explicit keys: nothing narrows them. */
export const NO_FILTERS: ConnectInputs = {
  bundle: null,
  tags: [],
  olderThan: null,
  content: { tags: [], names: [] },
};
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
  private readonly targets: Targets;
  private readonly seen = new ConnectFacts();
  /** The content item each listed job key is in, where the run reads several. */
  private readonly itemOfKey = new Map<string, string>();
  /** The titles of the content items read, for the summary. */
  private readonly titles = new Map<string, string>();
  /** How many jobs each content item's list held when last read. */
  private readonly listSizes = new Map<string, number>();
  override readonly lists = new ConnectJobLists(
    this.http,
    (row) => this.itemOf(row.job_key),
    this.listSizes,
    (response, call) => this.stopOnRefusedKey(response, call),
  );

  constructor(
    http: HttpClient,
    plan: ClientPlan,
    private readonly inputs: ConnectInputs = NO_FILTERS,
  ) {
    super(http, plan);
    this.targets = targetsOf(plan.target);
    this.rows = connectRows(plan.wait, (key) => this.page(key), this.titles);
    this.targetPage = this.guid === '' ? null : contentPage(http.root, this.guid);
  }

  /** The run's one content item; '' when it reads several. */
  private get guid(): string {
    const { targets } = this;
    return targets.kind === 'items' && targets.guids.length === 1 ? (targets.guids[0] ?? '') : '';
  }

  /** The content item a job key was listed under (or given for). */
  private itemOf(key: string): string {
    return this.itemOfKey.get(key) ?? this.guid;
  }

  /** Reads `server_settings` once; a visible version older than 2022.10.0 stops the run. */
  override async prepare(signal: AbortSignal): Promise<void> {
    const response = await this.http.request('GET', 'server_settings', { signal });
    this.stopOnRunWideFailure(response, 'GET server_settings');
    const version = (asRecord(response.json)?.version as unknown) ?? '';
    if (response.status === 200 && typeof version === 'string' && version !== '') {
      if (compareVersions(version, MINIMUM_VERSION) < 0) {
        throw new RunStopped(
          `Posit Connect ${version} has no API to terminate jobs: it needs ${MINIMUM_VERSION} or newer.`,
          `Connect ${version} is older than ${MINIMUM_VERSION}`,
        );
      }
    }
  }

  /** Bundle, then tag, then age: the order the log counts them in. */
  override async filters(signal: AbortSignal): Promise<JobFilter[]> {
    const { bundle, tags, olderThan: age } = this.inputs;
    const filters: JobFilter[] = [];
    if (bundle?.kind === 'previous') {
      // Several items: each job against its own item's active bundle, read during the scan.
      filters.push(
        this.guid === '' ? notOnItemsActiveBundle() : notOnBundle(await this.activeBundle(signal)),
      );
    }
    if (bundle?.kind === 'id') filters.push(onBundle(bundle.id));
    if (tags.length > 0) filters.push(taggedAs(tags));
    if (age) filters.push(olderThan(age, (job) => job.start_time));
    return filters;
  }

  /**
   * The content's active bundle (`GET v1/content/{guid}`, field `bundle_id`). Without it
   * `bundle: previous` cannot tell the versions apart, so the run stops before any kill order.
   */
  private async activeBundle(signal: AbortSignal): Promise<string> {
    const path = `v1/content/${this.guid}`;
    const response = await this.http.request('GET', path, { signal });
    this.stopOnRunWideFailure(response, `GET ${path}`);
    const unreadable = (why: string): RunStopped =>
      new RunStopped(
        sentence(
          `Could not read the active bundle of content ${this.guid}, which \`bundle: previous\` needs; nothing was terminated: ${why}`,
        ),
        'the active bundle is unknown',
      );
    const content = asRecord(response.json);
    if (response.status !== 200 || !content) {
      throw unreadable(`GET ${path} answered ${describeAnswer(response)}`);
    }
    const bundle = bundleIdOf(content.bundle_id);
    if (bundle === null) {
      throw unreadable('the content names no active bundle (it has never been deployed?)');
    }
    return bundle;
  }

  async activeJobs(signal: AbortSignal): Promise<Listed<ConnectRow>[]> {
    if (this.guid === '') {
      return scanContent(this.scanHost(), signal, {
        targets: this.targets,
        content: this.inputs.content,
        readsBundles: this.inputs.bundle?.kind === 'previous',
        concurrency: this.plan.concurrency ?? SCAN_CONCURRENCY,
        log: this.plan.log,
      });
    }
    const call = `GET ${this.jobsPath()}`;
    const response = await this.http.request('GET', this.jobsPath(), { signal });
    this.stopOnRunWideFailure(response, call);
    if (response.status !== 200 || !Array.isArray(response.json)) {
      throw new RunStopped(
        sentence(
          `Could not list the jobs of content ${this.guid}: ${call} answered ${describeAnswer(response)}`,
        ),
        'listing the jobs failed',
      );
    }
    return this.listedJobs(this.guid, response.json);
  }

  /**
   * The active jobs of one item's list, as dry-run rows. A listed key is checked like a typed
   * one before it names a URL: a key of `..` would address the content item itself. A key
   * listed twice is one job; one listed under two items is sent for neither.
   */
  private listedJobs(guid: string, jobs: unknown[], active?: string | null): Listed<ConnectRow>[] {
    this.listSizes.set(guid, jobs.length);
    const listed = new Map<string, Listed<ConnectRow>>();
    for (const job of jobs.map(asRecord)) {
      if (job === null || toNumber(job.status) !== ACTIVE) continue;
      const key = isJobKey(job.key) ? job.key : null;
      const name = key ?? shownValue(job.key);
      if (listed.has(name)) continue;
      const elsewhere = key !== null && (this.itemOfKey.get(key) ?? guid) !== guid;
      if (key !== null && !elsewhere && this.guid === '') this.itemOfKey.set(key, guid);
      const refused = key === null ? NOT_A_KEY : elsewhere ? LISTED_TWICE : null;
      if (key !== null && refused === null) this.seen.remember(key, job);
      listed.set(name, {
        row:
          refused === null
            ? this.jobRow(name, job, 'dry-run')
            : { ...this.rows.errorRow(name, refused), app_guid: guid },
        // Only what the filters read is kept: a long list must not hold every whole job.
        job: {
          bundle_id: job.bundle_id,
          tag: job.tag,
          start_time: job.start_time,
          active_bundle: active,
        },
      });
    }
    return [...listed.values()];
  }

  /** What the scan of several content items needs of this client. */
  private scanHost(): ScanHost {
    return {
      http: this.http,
      check: (response, call) => this.stopOnServerWideFailure(response, call),
      listedJobs: (guid, jobs, active) => this.listedJobs(guid, jobs, active),
      itemRow: (fields) => this.row({ ...emptyFields(''), ...fields }),
      titles: this.titles,
    };
  }

  async terminate(key: string, signal: AbortSignal): Promise<ConnectRow> {
    const response = await this.http.request('DELETE', this.jobsPath(key), { signal });
    const foreign = isSuccess(response) ? this.notTheVendors(response) : null;
    if (foreign !== null) {
      return this.row({ ...emptyFields(key), code: null, error: foreign, outcome: 'error' });
    }
    if (isSuccess(response)) {
      // Any 2xx registers the order (posit-sdk reads it so): its body fills the row where it
      // can, in the fields of old servers (`app_*`) or new ones (`content_*`).
      const order = asRecord(response.json) ?? {};
      const guid = order.app_guid ?? order.content_guid;
      return this.row({
        app_id: toNumber(order.app_id ?? order.content_id),
        app_guid: typeof guid === 'string' && UUID.test(guid) ? guid : this.itemOf(key),
        job_key: key,
        job_id: idText(order.job_id),
        result: typeof order.result === 'string' ? order.result : null,
        code: null,
        error: null,
        outcome: 'terminated',
      });
    }
    return this.failureRow(key, response, `DELETE ${this.jobsPath(key)}`);
  }

  async inspect(key: string, signal: AbortSignal): Promise<ConnectRow> {
    const response = await this.http.request('GET', this.jobsPath(key), { signal });
    const job = asRecord(response.json);
    if (response.status === 200 && job) {
      this.seen.remember(key, job);
      return this.jobRow(key, job, job.status === ACTIVE ? 'dry-run' : 'not-active');
    }
    return this.failureRow(key, response, `GET ${this.jobsPath(key)}`);
  }

  async poll(row: ConnectRow, signal: AbortSignal): Promise<PollResult<ConnectRow>> {
    const path = this.jobsPath(row.job_key);
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
      `${this.jobsPath(row.job_key)}/log`,
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
    return guid === '' ? null : jobPage(this.http.root, guid, key);
  }

  private jobsPath(key?: string): string {
    const jobs = `v1/content/${key === undefined ? this.guid : this.itemOf(key)}/jobs`;
    return key === undefined ? jobs : `${jobs}/${encodeURIComponent(key)}`;
  }

  /** A row from a Job object (dry-run and inspection), where ids are strings. */
  private jobRow(key: string, job: Record<string, unknown>, outcome: Outcome): ConnectRow {
    return this.row({
      app_id: toNumber(job.app_id ?? job.content_id),
      app_guid: this.itemOf(key),
      job_key: key,
      job_id: idText(job.id),
      result: null,
      code: null,
      error: null,
      outcome,
    });
  }

  /** connectapi's error row: the four success fields are null, `code`/`error` from Connect. */
  private failureRow(key: string, response: ApiResponse, call: string): ConnectRow {
    this.stopOnRunWideFailure(response, call, key);
    const code = connectCode(response);
    const outcome: Outcome =
      response.status === 409 && code === NOT_ACTIVE_CODE
        ? 'not-active'
        : response.status === 404
          ? 'not-found'
          : 'error';
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
    // Permission is granted per content item: with several, a 403 is that item's (or that
    // job's) alone, a row of its own.
    if (response.status === 403 && this.guid !== '') {
      throw new RunStopped(
        `Not allowed to terminate the jobs of content ${this.guid} (${call} answered ${describeAnswer(response)}): only its owner, collaborators and administrators may.`,
        'permission denied',
        row,
      );
    }
  }

  /** Failures that hold for every content item: a bad key (401), or no jobs API at all. */
  private stopOnServerWideFailure(response: ApiResponse, call: string, row?: ConnectRow): void {
    this.stopOnRefusedKey(response, call, row);
    if (response.status === 404 && connectCode(response) === null) {
      throw new RunStopped(
        `No jobs API at ${this.http.origin} (${call} answered a 404 without Connect's error code): Posit Connect ${MINIMUM_VERSION} or newer is needed, or \`server\` is not the Connect server URL.`,
        'no jobs API at the server',
        row,
      );
    }
  }

  protected describeAnswer(response: ApiResponse): string {
    return describeAnswer(response);
  }

  /** A row with its page: none for a job the server said does not exist. */
  private row(fields: Omit<ConnectRow, 'page_url'>): ConnectRow {
    const page_url = fields.outcome === 'not-found' ? null : this.page(fields.job_key);
    return withStatusField({ ...fields, page_url }, this.plan.wait);
  }
}

/**
 * Compares Connect's calendar versions (`2024.08.0`, sometimes with a suffix). They are not
 * semver (months carry a leading zero), so compare the numbers part by part.
 */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] => (v.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
