import type { ApiResponse } from './answer.js';
import type { HttpClient } from './client.js';

/** Pages one listing may read, all its lists together (docs/security.md → Limits). */
export const MAX_PAGES = 1_000;
/** Items one listing may hold, all its lists together (docs/security.md → Limits). */
export const MAX_ITEMS = 100_000;

/** What one listing has used, across the lists it pages through (one per status, say). */
export class PageBudget {
  pages = 0;
  items = 0;
}

/** One list of a vendor's API and what to do with what it holds. */
export interface PagedList {
  /** For messages: "the running jobs". */
  what: string;
  /** What an item is, for messages: "job". */
  noun: string;
  /** The first page: a path under the API root and its query. */
  path: string;
  query: Readonly<Record<string, string | number>>;
  /**
   * Offset paging when the server sends no `Link: rel="next"`: the query parameter that
   * counts items, and the page size (a shorter page is the last one).
   */
  offset: { param: string; pageSize: number };
  /** An item's identity, to tell a new page from one seen before. */
  idOf(item: Record<string, unknown>): string;
  onItem(item: Record<string, unknown>, id: string): void;
  /** Throws for answers that hold for the whole run (a refused key). */
  check(response: ApiResponse, call: string): void;
  describe(response: ApiResponse): string;
  /** The error that ends the listing, for `why` it cannot go on. */
  fail(why: string): Error;
  /** Larger pages are refused (default: the HTTP client's cap). */
  maxBodyBytes?: number;
}

/**
 * Pages through one list to its end and hands on each item as its page arrives. The next page
 * is the one the server's `Link: rel="next"` names; without a Link header, the next offset,
 * until a short or empty page. The HTTP client refuses a Link out of the API root. A server
 * that pages for ever is stopped: a page asked for twice, a full page with no item not seen
 * before, or more than MAX_PAGES pages / MAX_ITEMS items end the listing with an error
 * instead of a loop.
 */
export async function listPages(
  http: HttpClient,
  list: PagedList,
  budget: PageBudget,
  signal: AbortSignal,
): Promise<void> {
  const seen = { pages: new Set<string>(), ids: new Set<string>() };
  let page: PageRequest | null = { path: list.path, query: { ...list.query } };
  while (page !== null) {
    const call = `GET ${pageName(page)}`;
    spend(list, budget, seen.pages, page);
    const { maxBodyBytes } = list;
    const response = await http.request('GET', page.path, {
      query: page.query,
      signal,
      maxBodyBytes,
    });
    list.check(response, call);
    if (response.status !== 200 || !Array.isArray(response.json)) {
      throw list.fail(`${call} answered ${list.describe(response)}`);
    }
    const items = response.json as unknown[];
    const fresh = readItems(list, items, seen.ids);
    if (items.length > 0 && fresh === 0) {
      throw list.fail(
        `the page ${pageName(page)} brings no new ${list.noun} (all of it was on earlier pages)`,
      );
    }
    budget.items += fresh;
    if (budget.items > MAX_ITEMS) {
      throw list.fail(
        `the server listed more than ${MAX_ITEMS.toLocaleString('en')} ${list.noun}s`,
      );
    }
    page = nextPage(list, page, response, items.length);
  }
}

interface PageRequest {
  path: string;
  query: Record<string, string | number>;
}

function pageName({ path, query }: PageRequest): string {
  const search = new URLSearchParams(
    Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  return search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path;
}

/** Counts the page against the budget; a page asked for twice or one too many ends it. */
function spend(list: PagedList, budget: PageBudget, pages: Set<string>, page: PageRequest): void {
  if (budget.pages >= MAX_PAGES) {
    throw list.fail(
      `the server kept sending pages (more than ${MAX_PAGES.toLocaleString('en')} pages)`,
    );
  }
  const name = new URL(pageName(page), 'http://base/').href;
  if (pages.has(name)) {
    throw list.fail(`the server sent the page ${pageName(page)} again (a page seen before)`);
  }
  pages.add(name);
  budget.pages++;
}

/** Hands on each object of a page; returns how many were not seen before. */
function readItems(list: PagedList, items: readonly unknown[], ids: Set<string>): number {
  let fresh = 0;
  for (const value of items) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const item = value as Record<string, unknown>;
    const id = list.idOf(item);
    if (!ids.has(id)) {
      ids.add(id);
      fresh++;
    }
    list.onItem(item, id);
  }
  return fresh;
}

function nextPage(
  list: PagedList,
  page: PageRequest,
  response: ApiResponse,
  count: number,
): PageRequest | null {
  const link = response.headers.link;
  if (link !== undefined) {
    const next = nextLink(Array.isArray(link) ? link.join(', ') : link);
    return next === null ? null : { path: next, query: {} };
  }
  if (count < list.offset.pageSize) return null;
  const offset = Number(page.query[list.offset.param] ?? 0) + count;
  return { path: page.path, query: { ...page.query, [list.offset.param]: offset } };
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
