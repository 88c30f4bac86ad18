import type { ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { asRecord, RunStopped, sentence } from '../vendor.js';

/** The API's largest page. */
export const PAGE_SIZE = 100;
/** Pages one listing may read, all statuses together (README → Limits). */
export const MAX_PAGES = 1_000;
/** Jobs one listing may hold, all statuses together (README → Limits). */
export const MAX_JOBS = 100_000;

/** What one listing has used, across the statuses it pages through. */
export class PageBudget {
  pages = 0;
  jobs = 0;
}

export interface PageHandlers {
  /** For messages: "the running jobs". */
  what: string;
  /** A job's identity, to tell a new page from one seen before. */
  idOf(job: Record<string, unknown>): string;
  onJob(job: Record<string, unknown>, id: string): void;
  /** Throws RunStopped for failures that hold for the whole run (a refused key). */
  check(response: ApiResponse, call: string): void;
  describe(response: ApiResponse): string;
}

/** The first page of one status, oldest first. */
export function firstPage(status: string, packageId: number | null): string {
  return pagePath(status, packageId, 0);
}

function pagePath(status: string, packageId: number | null, offset: number): string {
  const query = new URLSearchParams({
    status,
    sort: 'created',
    // Oldest first: jobs created while paging land on later pages instead of shifting the
    // ones not yet read.
    direction: 'asc',
    offset: String(offset),
    limit: String(PAGE_SIZE),
  });
  if (packageId !== null) query.set('package_id', String(packageId));
  return `jobs?${query}`;
}

/**
 * Pages through one list to its end and hands on each job as its page arrives. The next page
 * is the one the server's `Link: rel="next"` names (v2 sends it, absolute); without a Link
 * header, the next offset, until a short or empty page. The HTTP client refuses a Link out of
 * the API root. A server that pages for ever is stopped: a page asked for twice, a full page
 * with no job not seen before, or more than MAX_PAGES pages / MAX_JOBS jobs end the listing
 * with an error instead of a loop.
 */
export async function listPages(
  http: HttpClient,
  first: string,
  budget: PageBudget,
  signal: AbortSignal,
  handlers: PageHandlers,
): Promise<void> {
  const seenPages = new Set<string>();
  const seenIds = new Set<string>();
  const stop = (why: string): never => {
    throw new RunStopped(
      sentence(`Could not list ${handlers.what}: ${why}; nothing was terminated`),
      'listing the jobs failed',
    );
  };
  let path: string | null = first;
  let offset = 0;
  while (path !== null) {
    if (budget.pages >= MAX_PAGES) {
      stop(`the server kept sending pages (more than ${MAX_PAGES.toLocaleString('en')} pages)`);
    }
    const page = new URL(path, 'http://base/').href;
    if (seenPages.has(page)) stop(`the server sent the page ${path} again (a page seen before)`);
    seenPages.add(page);
    budget.pages++;
    const response = await http.request('GET', path, signal);
    handlers.check(response, `GET ${path}`);
    if (response.status !== 200 || !Array.isArray(response.json)) {
      stop(`GET ${path} answered ${handlers.describe(response)}`);
    }
    const jobs = response.json as unknown[];
    let fresh = 0;
    for (const item of jobs) {
      const job = asRecord(item);
      if (job === null) continue;
      const id = handlers.idOf(job);
      if (!seenIds.has(id)) {
        seenIds.add(id);
        fresh++;
      }
      handlers.onJob(job, id);
    }
    if (jobs.length > 0 && fresh === 0) {
      stop(`the page ${path} brings no new job (all of it was on earlier pages)`);
    }
    budget.jobs += fresh;
    if (budget.jobs > MAX_JOBS) {
      stop(`the server listed more than ${MAX_JOBS.toLocaleString('en')} jobs`);
    }
    const link = response.headers.link;
    if (link !== undefined) {
      path = nextLink(Array.isArray(link) ? link.join(', ') : link);
    } else if (jobs.length < PAGE_SIZE) {
      path = null;
    } else {
      offset += jobs.length;
      path = path.replace(/([?&]offset=)\d+/, `$1${offset}`);
    }
  }
}

/**
 * The `rel="next"` target of an RFC 8288 Link header, or null. Hand-written: one header of
 * one documented shape does not justify a dependency.
 */
export function nextLink(header: string): string | null {
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]*)*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? '');
    const values = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (values.includes('next')) return match[1] ?? null;
  }
  return null;
}
