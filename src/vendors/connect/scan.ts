import { type ApiResponse, TransportError } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import type { Log } from '../../shared/log.js';
import { mapLimited } from '../../shared/pool.js';
import type { Listed } from '../../shared/selection.js';
import { count, someOf } from '../../shared/text.js';
import { asRecord, textOf, toNumber } from '../kit.js';
import { connectCode, describeAnswer } from './answers.js';
import { listContent, type ContentItem, type ServerWideCheck } from './content-list.js';
import type { ConnectRow } from './rows.js';
import { bundleIdOf } from './selection.js';
import type { ContentChoice } from './selection.js';
import { guidsOf, type Targets } from './targets.js';

// Scanning several content items: the list of every item the key can see (`GET v1/content`),
// then each item's jobs, `concurrency` items at once. Connect has no server-wide job list, so
// a scan is one request per item; only concurrency makes it fast.

/** What a scan needs of the client: its HTTP, its checks, and how it makes rows. */
export interface ScanHost {
  readonly http: HttpClient;
  /** Throws for answers that hold for every item (a refused key, no jobs API). */
  check: ServerWideCheck;
  /** The active jobs of one item's list as dry-run rows, judged against its `active` bundle. */
  listedJobs(
    guid: string,
    jobs: unknown[],
    active: string | null | undefined,
  ): Listed<ConnectRow>[];
  /** The error row of a content item that was not scanned (it names no job). */
  itemRow(fields: Pick<ConnectRow, 'app_guid' | 'code' | 'error' | 'outcome'>): ConnectRow;
  /** Where the titles of the items read go, for the summary. */
  titles: Map<string, string>;
}

/** What to scan, and how. */
export interface ScanPlan {
  targets: Targets;
  /** What narrows `target: all`. */
  content: ContentChoice;
  /** `bundle: previous`: each item's active bundle is needed. */
  readsBundles: boolean;
  concurrency: number;
  log: Log | undefined;
  /**
   * Named items whose failure is of these kinds go to `unreached`, not error rows of their own:
   * a pull request's comments named them, not the user (one since deleted holds nothing to
   * stop; a keyless key is for one content item, the others are not its to stop).
   */
  spare?: { kinds: readonly ('gone' | 'forbidden')[]; unreached: string[] };
}

/**
 * Several content items: those `target` names, or every item the key can see (narrowed by
 * `content-tag` and `content-name`), each item's jobs listed. An item that cannot be read is
 * an error row of its own when `target` named it; under `all`, one that vanished or refuses
 * access is a note in the log (it holds nothing this key may stop), others error rows.
 */
export async function scanContent(
  host: ScanHost,
  signal: AbortSignal,
  plan: ScanPlan,
): Promise<Listed<ConnectRow>[]> {
  const { targets } = plan;
  const content =
    targets.kind === 'all'
      ? await listContent(host.http, plan.content, host.check, signal)
      : {
          items: guidsOf(targets).map((guid) => ({ guid, title: null, bundle: undefined })),
          odd: [],
          said: null,
        };
  const scans = await mapLimited(content.items, plan.concurrency, (item) =>
    scanItem(host, plan, item, signal),
  );
  plan.log?.info(describeScan(scans, content.said));
  const odd = content.odd.map((shown) => {
    const error = `not scanned: the server listed a content item under a GUID that is not a UUID: ${shown}`;
    return {
      row: host.itemRow({ app_guid: null, code: null, error, outcome: 'error' }),
      job: null,
    };
  });
  // Under `all`, an item that vanished or refuses access holds nothing this key may stop.
  const spared = (scan: ItemScan): boolean =>
    scan.kind !== 'listed' &&
    scan.kind !== 'failed' &&
    (targets.kind === 'all' || (plan.spare?.kinds.includes(scan.kind) ?? false));
  for (const scan of scans.filter(spared)) plan.spare?.unreached.push(scan.item.guid);
  const rows = scans.flatMap((scan) => (spared(scan) ? [] : scanned(host, scan)));
  return [...odd, ...rows];
}

/** One item: its active bundle first where `bundle: previous` needs it and it is not known. */
async function scanItem(
  host: ScanHost,
  plan: ScanPlan,
  item: ContentItem,
  signal: AbortSignal,
): Promise<ItemScan> {
  if (item.title !== null) host.titles.set(item.guid, item.title);
  if (plan.readsBundles && item.bundle === undefined) {
    const path = `v1/content/${item.guid}`;
    const read = await readItem(host, item, path, signal);
    if (read.kind !== 'answered') return read;
    const content = asRecord(read.response.json);
    if (read.response.status !== 200 || !content) return itemFailure(item, path, read.response);
    const known = { ...item, title: textOf(content.title), bundle: bundleIdOf(content.bundle_id) };
    return scanItem(host, plan, known, signal);
  }
  const path = `v1/content/${item.guid}/jobs`;
  const read = await readItem(host, item, path, signal);
  if (read.kind !== 'answered') return read;
  const { json } = read.response;
  if (read.response.status !== 200 || !Array.isArray(json)) {
    return itemFailure(item, path, read.response);
  }
  const listed = host.listedJobs(item.guid, json, item.bundle);
  return { item, kind: 'listed', listed, active: activeCount(json) };
}

/** The rows of a scanned item: its jobs, or its own error row. */
function scanned(host: ScanHost, scan: ItemScan): Listed<ConnectRow>[] {
  if (scan.kind === 'listed') return scan.listed;
  const { guid } = scan.item;
  const row = host.itemRow({
    app_guid: guid,
    code: scan.code,
    error: `content ${guid} not scanned: ${scan.error}`,
    outcome: scan.kind === 'gone' ? 'not-found' : 'error',
  });
  return [{ row, job: null }];
}

/** What reading one content item gave: its active jobs as rows, or why there are none. */
export type ItemScan = { item: ContentItem } & (
  | { kind: 'listed'; listed: Listed<ConnectRow>[]; active: number }
  /** `gone`: Connect's own 404 (deleted during the scan); `forbidden`: 403. */
  | { kind: 'gone' | 'forbidden' | 'failed'; error: string; code: number | null }
);

/** Why an item was not scanned. */
export type ItemFailure = Exclude<ItemScan, { kind: 'listed' }>;

/**
 * Reads `path` of one content item. What holds for every item stops the run (`check`, a rate
 * limit, the cancellation); what concerns this item alone comes back as its failure.
 */
async function readItem(
  { http, check }: ScanHost,
  item: ContentItem,
  path: string,
  signal: AbortSignal,
): Promise<{ kind: 'answered'; response: ApiResponse } | ItemFailure> {
  let response: ApiResponse;
  try {
    response = await http.request('GET', path, { signal });
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    return { item, kind: 'failed', error: `GET ${path}: ${error.message}`, code: null };
  }
  check(response, `GET ${path}`);
  return { kind: 'answered', response };
}

/** An answer about one item that is not the one hoped for: why the item was not scanned. */
function itemFailure(item: ContentItem, path: string, response: ApiResponse): ItemFailure {
  const code = connectCode(response);
  const error = `GET ${path} answered ${describeAnswer(response)}`;
  if (response.status === 404 && code !== null) return { item, kind: 'gone', error, code };
  if (response.status === 403) return { item, kind: 'forbidden', error, code };
  return { item, kind: 'failed', error, code };
}

/** The jobs of an item's list that are active (status 0), for the log. */
function activeCount(jobs: unknown[]): number {
  return jobs.filter((job) => toNumber(asRecord(job)?.status) === 0).length;
}

/**
 * The log's account of a scan: "Scanned 3 content item(s): 2 had active jobs; 1 vanished
 * during the scan (guid)." `listed` says what the content list held, for `target: all`.
 */
function describeScan(scans: readonly ItemScan[], listed: string | null): string {
  const withJobs = scans.filter((scan) => scan.kind === 'listed' && scan.active > 0).length;
  const notes = (
    [
      ['gone', 'vanished during the scan (not found)'],
      ['forbidden', 'refused access (not allowed)'],
      ['failed', 'could not be read'],
    ] as const
  ).flatMap(([kind, what]) => {
    const guids = scans.filter((scan) => scan.kind === kind).map((scan) => scan.item.guid);
    return guids.length > 0 ? [`${count(guids.length)} ${what}: ${someOf(guids)}`] : [];
  });
  const n = count(scans.length);
  const head = listed === null ? `Scanned ${n} content item(s)` : `${listed}; scanned ${n}`;
  return `${[`${head}: ${count(withJobs)} had active jobs`, ...notes].join('; ')}.`;
}
