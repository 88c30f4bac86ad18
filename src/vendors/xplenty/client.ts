import { failureText, type ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { olderThan, type Duration, type JobFilter, type Listed } from '../../selection.js';
import { asRecord, RunStopped, type JobVendor, type PollResult } from '../vendor.js';
import { firstPage, listPages, PageBudget } from './listing.js';
import { emptyJob, jobIdOf, jobRow, xplentyRows, type XplentyRow } from './rows.js';

// In the order a job goes through them.
const ACTIVE = ['idle', 'pending', 'queued', 'running'] as const;
const STOPPING = new Set(['pending_stoppage', 'stopping']);
// Unknown statuses count as not terminal: a new status must not end a wait early.
const TERMINAL = new Set(['stopped', 'completed', 'failed']);

export interface XplentyOptions {
  /** With `keys: all`, only the active jobs of this package. */
  packageId: number | null;
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

  /**
   * Lists the active statuses one after another, in the order a job goes through them: a job
   * that moves on while they are listed (queued -> running) is found in a later list. Each
   * status is paged (listing.ts); every id is checked before it names a URL.
   */
  async activeJobs(signal: AbortSignal): Promise<Listed<XplentyRow>[]> {
    const active = new Map<string, Listed<XplentyRow>>();
    const budget = new PageBudget();
    for (const status of ACTIVE) {
      await listPages(this.http, firstPage(status, this.options.packageId), budget, signal, {
        what: `the ${status} jobs`,
        check: stopOnRunWideFailure,
        describe: describeAnswer,
        idOf: (job) => String(jobIdOf(job.id) ?? shownId(job.id)),
        onJob: (job, key) => {
          // The package is checked here too: a server that ignored `package_id` would
          // otherwise have every job of the account terminated. Compared by value: "200" is 200.
          const { packageId } = this.options;
          if (packageId !== null && jobIdOf(job.package_id) !== packageId) return;
          // A job can move from one status to another between two lists; keep it once.
          if (active.has(key)) return;
          const id = jobIdOf(job.id);
          const row =
            id !== null
              ? jobRow(id, job, 'dry-run')
              : this.rows.errorRow(
                  key,
                  'not sent: the server listed this job under an id that is not a whole number from 1 to 2^53 - 1',
                );
          // Only what the filters read is kept: the list embeds whole packages and clusters.
          active.set(key, { row, job: { started_at: job.started_at } });
        },
      });
    }
    const byId = ({ row }: Listed<XplentyRow>): number =>
      typeof row.id === 'number' ? row.id : Infinity;
    return [...active.values()].sort((a, b) => byId(a) - byId(b));
  }

  /**
   * DELETE jobs/{id}. The API does not document its answer for a job that already ended
   * (most likely a 422), so a refused DELETE is followed by a GET that tells what the job is.
   */
  async terminate(key: string, signal: AbortSignal): Promise<XplentyRow> {
    const id = checkedId(key);
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
    if (typeof current.status === 'string' && STOPPING.has(current.status)) {
      return jobRow(id, current, 'terminated');
    }
    return {
      ...jobRow(id, current, 'error'),
      code: response.status,
      error: xplentyMessage(response),
    };
  }

  async inspect(key: string, signal: AbortSignal): Promise<XplentyRow> {
    const id = checkedId(key);
    const response = await this.http.request('GET', jobPath(id), signal);
    const job = asRecord(response.json);
    if (response.status === 200 && job) {
      return jobRow(id, job, isTerminal(job.status) ? 'not-active' : 'dry-run');
    }
    stopOnRunWideFailure(response, `GET ${jobPath(id)}`, id);
    return failureRow(id, response);
  }

  async poll(row: XplentyRow, signal: AbortSignal): Promise<PollResult<XplentyRow>> {
    const id = checkedId(String(row.id));
    const response = await this.http.request('GET', jobPath(id), signal);
    const job = asRecord(response.json);
    if (response.status === 200 && job && typeof job.status === 'string') {
      const polled = { ...jobRow(id, job, row.outcome), code: row.code, error: row.error };
      return isTerminal(job.status)
        ? { ended: true, row: { ...polled, outcome: 'ended' } }
        : { ended: false, row: polled, seen: `still ${job.status}` };
    }
    // Only the API's own 404 (a JSON body) says the job is gone; a gateway's page does not.
    if (response.status === 404 && job !== null) {
      return { ended: true, row: { ...row, status: null, outcome: 'ended' } };
    }
    const said = response.status === 200 ? 'an answer without a job status: ' : '';
    return { ended: false, row, seen: `${said}${xplentyMessage(response)}` };
  }
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

/** A listed id that is not one, as text for its row (the digits of an unsafe integer). */
function shownId(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : (JSON.stringify(value) ?? '');
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
