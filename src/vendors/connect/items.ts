import type { ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { RunStopped } from '../../shared/failures.js';
import type { Listed } from '../../shared/selection.js';
import { sentence } from '../../shared/text.js';
import { asRecord, shownValue, toNumber } from '../kit.js';
import { checkTarget, describeAnswer } from './answers.js';
import { ACTIVE } from './jobs-list.js';
import { isJobKey, type ConnectRow } from './rows.js';
import { bundleIdOf } from './selection.js';
import type { Targets } from './targets.js';

const NOT_A_KEY =
  'not sent: the server listed this job under a key that is not a job key (letters, digits, `-` and `_`)';
const LISTED_TWICE = 'not sent: the server listed this job key under two content items';

/** How a listed job becomes a row: a job of the item, or one refused before any order. */
export interface ListedRows {
  jobRow(key: string, job: Record<string, unknown>): ConnectRow;
  refusedRow(name: string, why: string): ConnectRow;
}

/**
 * The content items of a run and what it learns about them: which item each listed job key
 * is in, their titles, the size of their job lists. The client's kill and list calls ask it
 * where a key's requests go.
 */
export class ContentItems {
  /** The content item each listed job key is in, where the run reads several. */
  private readonly itemOfKey = new Map<string, string>();
  /** The titles of the content items read, for the summary. */
  readonly titles = new Map<string, string>();
  /** How many jobs each content item's list held when last read. */
  readonly listSizes = new Map<string, number>();

  constructor(readonly targets: Targets) {}

  /** The run's one content item; '' when it reads several. */
  get guid(): string {
    const { targets } = this;
    return targets.kind === 'items' && targets.items.length === 1
      ? (targets.items[0]?.guid ?? '')
      : '';
  }

  /** The content item a job key was listed under (or given for). */
  itemOf(key: string): string {
    return this.itemOfKey.get(key) ?? this.guid;
  }

  /** The bundles of the draft URLs `target` names this item by (none: the whole item). */
  draftsOf(guid: string): readonly string[] {
    const { targets } = this;
    if (targets.kind !== 'items') return [];
    return targets.items.find((item) => item.guid === guid)?.drafts ?? [];
  }

  /** The item's jobs, or one job of the item its key belongs to. */
  jobsPath(key?: string): string {
    const jobs = `v1/content/${key === undefined ? this.guid : this.itemOf(key)}/jobs`;
    return key === undefined ? jobs : `${jobs}/${encodeURIComponent(key)}`;
  }

  /**
   * The active jobs of one item's list, as dry-run rows. A listed key is checked like a typed
   * one before it names a URL: a key of `..` would address the content item itself. A key
   * listed twice is one job; one listed under two items is sent for neither.
   */
  listed(
    guid: string,
    jobs: unknown[],
    active: string | null | undefined,
    rows: ListedRows,
  ): Listed<ConnectRow>[] {
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
      listed.set(name, {
        row: refused === null ? rows.jobRow(name, job) : rows.refusedRow(name, refused),
        // Only what the filters read is kept: a long list must not hold every whole job.
        job: {
          bundle_id: job.bundle_id,
          tag: job.tag,
          start_time: job.start_time,
          active_bundle: active,
          draft_bundles: this.draftsOf(guid),
        },
      });
    }
    return [...listed.values()];
  }
}

/**
 * The content's active bundle (`GET v1/content/{guid}`, field `bundle_id`). Without it
 * `bundle: previous` cannot tell the versions apart, so the run stops before any kill order.
 * `check` stops the run on an answer that holds for every job (a refused key...).
 */
export async function readActiveBundle(
  http: HttpClient,
  guid: string,
  signal: AbortSignal,
  check: (response: ApiResponse, call: string) => void,
): Promise<string> {
  const path = `v1/content/${guid}`;
  const response = await http.request('GET', path, { signal });
  check(response, `GET ${path}`);
  const unreadable = (why: string): RunStopped =>
    new RunStopped(
      sentence(
        `Could not read the active bundle of content ${guid}, which \`bundle: previous\` needs; nothing was terminated: ${why}`,
      ) + checkTarget(response, guid),
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

/**
 * The one content item's jobs (`GET v1/content/{guid}/jobs`), as the server listed them; an
 * answer that is no list stops the run (nothing shows which jobs are active).
 */
export async function listItemJobs(
  http: HttpClient,
  guid: string,
  signal: AbortSignal,
  check: (response: ApiResponse, call: string) => void,
): Promise<unknown[]> {
  const call = `GET v1/content/${guid}/jobs`;
  const response = await http.request('GET', `v1/content/${guid}/jobs`, { signal });
  check(response, call);
  if (response.status !== 200 || !Array.isArray(response.json)) {
    throw new RunStopped(
      sentence(
        `Could not list the jobs of content ${guid}: ${call} answered ${describeAnswer(response)}`,
      ) + checkTarget(response, guid),
      'listing the jobs failed',
    );
  }
  return response.json;
}
