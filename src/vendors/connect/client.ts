import type { ApiResponse } from '../../http/answer.js';
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
  type PollResult,
  type RowFormat,
} from '../vendor.js';
import { connectCode, connectMessage, describeAnswer, idText } from './answers.js';
import { ACTIVE, ConnectJobLists, polledJob } from './jobs-list.js';
import { connectRows, emptyFields, isJobKey, withStatusField, type ConnectRow } from './rows.js';
import {
  bundleIdOf,
  notOnBundle,
  onBundle,
  taggedAs,
  UUID,
  type BundleChoice,
} from './selection.js';

const NOT_ACTIVE_CODE = 163;
/** The jobs endpoints exist since this release. */
export const MINIMUM_VERSION = '2022.10.0';

/** What narrows `keys: all` on Connect (the inputs `bundle`, `tag`, `older-than`). */
export interface ConnectInputs {
  bundle: BundleChoice | null;
  tags: readonly string[];
  olderThan: Duration | null;
}

/** Explicit keys: nothing narrows them. */
export const NO_FILTERS: ConnectInputs = { bundle: null, tags: [], olderThan: null };

/**
 * Posit Connect's content jobs API (`/__api__/v1/content/{guid}/jobs`); the plan's target is
 * the content GUID. With `wait`, every row carries the job's last seen `status`.
 */
export class ConnectJobs extends VendorJobs<ConnectRow> {
  readonly rows: RowFormat<ConnectRow>;
  protected readonly keyAdvice = 'Check `api-key` or CONNECT_API_KEY.';
  /** How many jobs each content item's list held when last read. */
  private readonly listSizes = new Map<string, number>();
  override readonly lists = new ConnectJobLists(
    this.http,
    (row) => this.itemOf(row.job_key),
    this.listSizes,
  );

  constructor(
    http: HttpClient,
    plan: ClientPlan,
    private readonly inputs: ConnectInputs = NO_FILTERS,
  ) {
    super(http, plan);
    this.rows = connectRows(plan.wait);
  }

  private get guid(): string {
    return this.plan.target;
  }

  /** The content item a job key was listed under (or given for). */
  private itemOf(_key: string): string {
    return this.guid;
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
    if (bundle?.kind === 'previous') filters.push(notOnBundle(await this.activeBundle(signal)));
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
    this.listSizes.set(this.guid, response.json.length);
    // A listed key is checked like a typed one before it names a URL: a key of `..` would
    // address the content item itself. A key listed twice is one job.
    const listed = new Map<string, Listed<ConnectRow>>();
    for (const job of response.json.map(asRecord)) {
      if (job === null || toNumber(job.status) !== ACTIVE) continue;
      const key = isJobKey(job.key) ? job.key : null;
      const name = key ?? shownValue(job.key);
      if (listed.has(name)) continue;
      listed.set(name, {
        row:
          key !== null
            ? this.jobRow(key, job, 'dry-run')
            : this.rows.errorRow(
                name,
                'not sent: the server listed this job under a key that is not a job key (letters, digits, `-` and `_`)',
              ),
        // Only what the filters read is kept: a long list must not hold every whole job.
        job: { bundle_id: job.bundle_id, tag: job.tag, start_time: job.start_time },
      });
    }
    return [...listed.values()];
  }

  async terminate(key: string, signal: AbortSignal): Promise<ConnectRow> {
    const response = await this.http.request('DELETE', this.jobsPath(key), { signal });
    if (response.status >= 200 && response.status < 300) {
      // Any 2xx registers the order (posit-sdk reads it so): its body fills the row where it
      // can, in the fields of old servers (`app_*`) or new ones (`content_*`).
      const order = asRecord(response.json) ?? {};
      const guid = order.app_guid ?? order.content_guid;
      return this.row({
        app_id: toNumber(order.app_id ?? order.content_id),
        app_guid: typeof guid === 'string' && UUID.test(guid) ? guid : this.guid,
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
      return this.jobRow(key, job, job.status === ACTIVE ? 'dry-run' : 'not-active');
    }
    return this.failureRow(key, response, `GET ${this.jobsPath(key)}`);
  }

  async poll(row: ConnectRow, signal: AbortSignal): Promise<PollResult<ConnectRow>> {
    const response = await this.http.request('GET', this.jobsPath(row.job_key), { signal });
    const job = asRecord(response.json);
    if (response.status === 200 && job) {
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

  private jobsPath(key?: string): string {
    const jobs = `v1/content/${this.guid}/jobs`;
    return key === undefined ? jobs : `${jobs}/${encodeURIComponent(key)}`;
  }

  /** A row from a Job object (dry-run and inspection), where ids are strings. */
  private jobRow(key: string, job: Record<string, unknown>, outcome: Outcome): ConnectRow {
    return this.row({
      app_id: toNumber(job.app_id ?? job.content_id),
      app_guid: this.guid,
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
    const code = connectCode(response);
    const row = key
      ? this.row({
          ...emptyFields(key),
          code,
          error: connectMessage(response),
          outcome: 'error',
        })
      : undefined;
    this.stopOnRefusedKey(response, call, row);
    const said = `${call} answered ${describeAnswer(response)}`;
    if (response.status === 403) {
      throw new RunStopped(
        `Not allowed to terminate the jobs of content ${this.guid} (${said}): only its owner, collaborators and administrators may.`,
        'permission denied',
        row,
      );
    }
    if (response.status === 404 && code === null) {
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

  private row(fields: ConnectRow): ConnectRow {
    return withStatusField(fields, this.plan.wait);
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
