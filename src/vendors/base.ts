import { failureText, type ApiResponse } from '../http/answer.js';
import type { HttpClient } from '../http/client.js';
import { RunStopped } from '../shared/failures.js';
import type { JobFact, JobRow, RowFormat } from '../shared/rows.js';
import type { JobFilter, Listed } from '../shared/selection.js';
import { asRecord } from './kit.js';
import type { ClientPlan, JobLists, JobLog, JobVendor, Notice, PollResult } from './vendor.js';

/**
 * What most vendors' clients share, as setup-node's base distribution does for its
 * distributions: nothing to check before the first job, no filters of their own, no lists for
 * the wait, no rate budget to read, no job log, no facts beyond the row, no page of the target,
 * and the refused key (401) that stops the run. A vendor overrides what it has.
 */
export abstract class VendorJobs<Row extends JobRow> implements JobVendor<Row> {
  abstract readonly rows: RowFormat<Row>;
  readonly lists: JobLists<Row> | null = null;
  /** Said after a refused key: where the key comes from, and what else to check. */
  protected abstract readonly keyAdvice: string;

  constructor(
    protected readonly http: HttpClient,
    protected readonly plan: ClientPlan,
  ) {}

  async prepare(_signal: AbortSignal): Promise<void> {}

  async filters(_signal: AbortSignal): Promise<JobFilter[]> {
    return [];
  }

  abstract activeJobs(signal: AbortSignal): Promise<Listed<Row>[]>;
  abstract terminate(key: string, signal: AbortSignal): Promise<Row>;
  abstract inspect(key: string, signal: AbortSignal): Promise<Row>;
  abstract poll(row: Row, signal: AbortSignal): Promise<PollResult<Row>>;

  async readRateBudget(_signal: AbortSignal): Promise<void> {}

  async log(_row: Row, _lines: number, _signal: AbortSignal): Promise<JobLog> {
    return { unavailable: `${this.rows.title} has no job log API` };
  }

  facts(_row: Row, _now: number): JobFact[] {
    return [];
  }

  readonly targetPage: string | null = null;

  notices(): readonly Notice[] {
    return [];
  }

  /** The answer, for messages: status, the vendor's code and its own words. */
  protected abstract describeAnswer(response: ApiResponse): string;

  /**
   * Why a 2xx answer to a kill order is not the vendor's word, or null when it is (an empty
   * body, or a JSON object). A sign-in portal's or a proxy's page (HTML, text) can come with
   * any status: the order is then not claimed.
   */
  protected notTheVendors(response: ApiResponse): string | null {
    if (response.text.trim() === '' || asRecord(response.json) !== null) return null;
    return `the answer did not come from the ${this.rows.title} API (${failureText(response, null)}); the kill order is not known to have been registered`;
  }

  /**
   * A 401 means the key is wrong for every job: the run stops, `row` (the requesting job's
   * own row, when there is one) keeps what this job's answer said.
   */
  protected stopOnRefusedKey(response: ApiResponse, call: string, row?: Row): void {
    if (response.status !== 401) return;
    throw new RunStopped(
      `${this.rows.title} did not accept the API key (${call} answered ${this.describeAnswer(response)}). ${this.plan.keyAdvice ?? this.keyAdvice}`,
      'authentication failed',
      row,
      'the API key was refused',
    );
  }
}
