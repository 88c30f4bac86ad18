import { failureText, type ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { forEachLimited } from '../../pool.js';
import { olderThan, type Duration, type JobFilter, type Listed } from '../../selection.js';
import { asRecord, RunStopped, sentence, type JobVendor, type PollResult } from '../vendor.js';
import { emptyJob, jobRow, xplentyRows, type XplentyRow } from './rows.js';

const ACTIVE = ['idle', 'pending', 'queued', 'running'] as const;
const STOPPING = new Set(['pending_stoppage', 'stopping']);
// Unknown statuses count as not terminal: a new status must not end a wait early.
const TERMINAL = new Set(['stopped', 'completed', 'failed']);
/** The API's largest page. */
const PAGE_SIZE = 100;

export interface XplentyOptions {
  /** With no keys, only the active jobs of this package. */
  packageId: number | null;
  /** Most list requests in flight at once. */
  concurrency: number;
  /** `older-than`: only the jobs that started longer ago. */
  olderThan?: Duration | null;
}

/** Xplenty's (Integrate.io ETL) jobs API (`/{account_id}/api/jobs`). */
export class XplentyJobs implements JobVendor<XplentyRow> {
  readonly rows = xplentyRows;

  constructor(
    private readonly http: HttpClient,
    private readonly options: XplentyOptions,
  ) {}

  async prepare(): Promise<void> {}

  /** The package is a filter of the list request itself; the age is judged here. */
  async filters(): Promise<JobFilter[]> {
    const age = this.options.olderThan;
    return age ? [olderThan(age, (job) => job.started_at)] : [];
  }

  /** Lists each active status in pages of 100. */
  async activeJobs(signal: AbortSignal): Promise<Listed<XplentyRow>[]> {
    const active = new Map<number, Listed<XplentyRow>>();
    // The statuses side by side, within the run's concurrency: a request waiting for a free
    // connection would use up its own timeout.
    await forEachLimited(ACTIVE, this.options.concurrency, (status) =>
      this.listStatus(status, signal, (job) => {
        // A job can move from one status to another between two pages; keep it once. The
        // package is checked here too: a server that ignored `package_id` would otherwise
        // have every job of the account terminated.
        const { id } = job;
        const wanted = this.options.packageId === null || job.package_id === this.options.packageId;
        // Only what the filters read is kept: the list embeds whole packages and clusters.
        if (typeof id === 'number' && wanted) {
          active.set(id, { row: jobRow(id, job, 'dry-run'), job: { started_at: job.started_at } });
        }
      }),
    );
    return [...active.values()].sort((a, b) => a.row.id - b.row.id);
  }

  /**
   * DELETE jobs/{id}. The API does not document its answer for a job that already ended
   * (most likely a 422), so a refused DELETE is followed by a GET that tells what the job is.
   */
  async terminate(key: string, signal: AbortSignal): Promise<XplentyRow> {
    const id = Number(key);
    const call = `DELETE ${jobPath(id)}`;
    const response = await this.http.request('DELETE', jobPath(id), signal);
    const job = asRecord(response.json);
    if (response.status === 200 && job) {
      return jobRow(id, job, isTerminal(job.status) ? 'not-active' : 'terminated');
    }
    stopOnRunWideFailure(response, call, id);
    const refused = response.status >= 400 && response.status < 500;
    if (!refused || response.status === 404 || response.status === 429) {
      return failureRow(id, response);
    }
    const now = await this.http.request('GET', jobPath(id), signal);
    const current = asRecord(now.json);
    if (now.status !== 200 || !current) return failureRow(id, response);
    if (isTerminal(current.status)) {
      return {
        ...jobRow(id, current, 'not-active'),
        code: response.status,
        error: xplentyMessage(response),
      };
    }
    if (STOPPING.has(String(current.status))) return jobRow(id, current, 'terminated');
    return {
      ...jobRow(id, current, 'error'),
      code: response.status,
      error: xplentyMessage(response),
    };
  }

  async inspect(key: string, signal: AbortSignal): Promise<XplentyRow> {
    const id = Number(key);
    const response = await this.http.request('GET', jobPath(id), signal);
    const job = asRecord(response.json);
    if (response.status === 200 && job) {
      return jobRow(id, job, isTerminal(job.status) ? 'not-active' : 'dry-run');
    }
    stopOnRunWideFailure(response, `GET ${jobPath(id)}`, id);
    return failureRow(id, response);
  }

  async poll(row: XplentyRow, signal: AbortSignal): Promise<PollResult<XplentyRow>> {
    const response = await this.http.request('GET', jobPath(row.id), signal);
    const job = asRecord(response.json);
    if (response.status === 200 && job) {
      const polled = { ...jobRow(row.id, job, row.outcome), code: row.code, error: row.error };
      return isTerminal(job.status)
        ? { ended: true, row: { ...polled, outcome: 'ended' } }
        : { ended: false, row: polled, seen: `still ${String(job.status)}` };
    }
    if (response.status === 404) {
      return { ended: true, row: { ...row, status: null, outcome: 'ended' } };
    }
    return { ended: false, row, seen: xplentyMessage(response) };
  }

  /** Pages through one status, handing each job on as its page arrives. */
  private async listStatus(
    status: string,
    signal: AbortSignal,
    onJob: (job: Record<string, unknown>) => void,
  ): Promise<void> {
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const query = new URLSearchParams({
        status,
        sort: 'created',
        // Oldest first: jobs created while paging land on later pages instead of shifting
        // the ones not yet read.
        direction: 'asc',
        offset: String(offset),
        limit: String(PAGE_SIZE),
      });
      if (this.options.packageId !== null) query.set('package_id', String(this.options.packageId));
      const path = `jobs?${query}`;
      const response = await this.http.request('GET', path, signal);
      stopOnRunWideFailure(response, `GET ${path}`);
      if (response.status !== 200 || !Array.isArray(response.json)) {
        throw new RunStopped(
          sentence(
            `Could not list the ${status} jobs: GET ${path} answered ${describeAnswer(response)}`,
          ),
          'listing the jobs failed',
        );
      }
      for (const job of response.json) {
        const record = asRecord(job);
        if (record) onJob(record);
      }
      if (response.json.length < PAGE_SIZE) return;
    }
  }
}

function jobPath(id: number): string {
  return `jobs/${id}`;
}

function isTerminal(status: unknown): boolean {
  return typeof status === 'string' && TERMINAL.has(status);
}

function failureRow(id: number, response: ApiResponse): XplentyRow {
  return {
    ...emptyJob(id),
    code: response.status,
    error: xplentyMessage(response),
    outcome: response.status === 404 ? 'not-found' : 'error',
  };
}

/** A 401 means the key (or account) is wrong for every job: stop the run. */
function stopOnRunWideFailure(response: ApiResponse, call: string, id?: number): void {
  if (response.status !== 401) return;
  throw new RunStopped(
    `Xplenty did not accept the API key (${call} answered ${describeAnswer(response)}). Check \`api-key\` or XPLENTY_API_KEY, and that the key belongs to the account in \`target\`.`,
    'authentication failed',
    id === undefined ? undefined : failureRow(id, response),
  );
}

/** Xplenty's error text: `message`, or `error_message` on a few endpoints. */
function xplentyMessage(response: ApiResponse): string {
  const body = asRecord(response.json);
  const message = body?.message ?? body?.error_message;
  return failureText(response, typeof message === 'string' && message !== '' ? message : null);
}

function describeAnswer(response: ApiResponse): string {
  return `HTTP ${response.status}: ${xplentyMessage(response)}`;
}
