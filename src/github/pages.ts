import { RateLimited, RequestAborted } from '../http/answer.js';
import type { getOctokit } from '../runtime/octokit.js';
import { messageOf } from '../shared/failures.js';
import { oneLine, quoteUpTo } from '../shared/text.js';

export type Octokit = ReturnType<typeof getOctokit>;

/** Items a page holds, at most: GitHub's largest `per_page`. */
export const PER_PAGE = 100;
/**
 * Pages one listing may read. Past them, what is not read cannot be told apart from what
 * is: the listing is unreadable rather than taken as complete.
 */
export const MAX_PAGES = 10;
/**
 * Requests one read may have sent before it asks for another page, every listing together
 * (MAX_PAGES bounds one listing; a read of every open pull request is one listing per pull
 * request, so without this the pages would be bounded only by how many are open). The job's
 * token may send 1,000 requests an hour per repository (GitHub's limit for GITHUB_TOKEN): a
 * read stays within a fifth of it, so one step cannot starve the repository's other jobs. That
 * reads the open pull requests (10 pages at most) and then the comments of some 190 of them one
 * at a time; past it the read is unreadable, like a listing past its pages.
 */
export const MAX_REQUESTS = 200;
/** GitHub's REST API version the reads are written against. */
const API_VERSION = '2022-11-28';

/** The permission the reads need, as a workflow grants it. */
export const PERMISSION_FIX = 'give the job `permissions: pull-requests: read`';

/** A read that cannot go on: why, for people, and what they can do about it. */
export class Unreadable extends Error {
  override name = 'Unreadable';
  constructor(
    readonly reason: string,
    readonly fix: string,
  ) {
    super(reason);
  }
}

/** Where a read's requests go: Octokit over the run's HTTP layer, under one API root. */
export interface Reading {
  octokit: Octokit;
  /** The API root (GITHUB_API_URL, ending in `/`): the token goes nowhere else. */
  root: string;
  signal: AbortSignal;
  /** The requests this read has sent so far (retries included), for MAX_REQUESTS. */
  sent(): number;
}

/** One page of a listing and where its `Link` header points. */
export interface Page {
  items: unknown[];
  /** The next page's URL, as the server wrote it; null on the last page. */
  next: string | null;
  /** The number of the last page (`rel="last"`), when the server named one. */
  last: number | null;
}

/** What a listing is, for messages ("the open pull requests"), and a 404's meaning. */
export interface Listing {
  what: string;
  notFound: string;
}

/** The first page of `route` (an Octokit route, its parameters filled from `params`). */
export function firstPage(
  reading: Reading,
  listing: Listing,
  route: string,
  params: Readonly<Record<string, string | number>>,
): Promise<Page> {
  return pageOf(reading, listing, () =>
    reading.octokit.request(route, {
      ...params,
      per_page: PER_PAGE,
      headers: { 'x-github-api-version': API_VERSION },
      request: { signal: reading.signal },
    }),
  );
}

/**
 * Every item of a listing whose first page is `first`: its `Link: rel="next"` pages, at most
 * MAX_PAGES in all, each under the API root (a next page elsewhere is never asked for: the
 * request would carry the token there).
 */
export async function allItems(
  reading: Reading,
  listing: Listing,
  first: Page,
): Promise<unknown[]> {
  const items = [...first.items];
  let page = first;
  for (let pages = 1; page.next !== null; pages++) {
    if (pages >= MAX_PAGES) {
      throw new Unreadable(
        `more than ${MAX_PAGES} pages of ${listing.what} (over ${MAX_PAGES * PER_PAGE}): what is not read cannot be told apart`,
        `keep ${listing.what} under ${MAX_PAGES * PER_PAGE}; each listing is read to ${MAX_PAGES} pages of ${PER_PAGE} at most`,
      );
    }
    const next = underRoot(page.next, reading.root, listing);
    page = await pageOf(reading, listing, () =>
      reading.octokit.request({
        method: 'GET',
        url: next,
        headers: { 'x-github-api-version': API_VERSION },
        request: { signal: reading.signal },
      }),
    );
    items.push(...page.items);
  }
  return items;
}

/** A `Link` URL, refused unless it is under the API root (same origin, same path prefix). */
function underRoot(link: string, root: string, listing: Listing): string {
  let url: URL | null = null;
  try {
    url = new URL(link);
  } catch {
    // Not a URL at all: refused below like one elsewhere.
  }
  if (url === null || url.origin !== new URL(root).origin || !url.href.startsWith(root)) {
    throw new Unreadable(
      `GitHub named the next page of ${listing.what} at ${quoteUpTo(oneLine(link, 300), 300)}, which is not under ${root}: not followed (the token is sent only to GITHUB_API_URL)`,
      'check GITHUB_API_URL, and that no proxy rewrites the API’s `Link` headers',
    );
  }
  // As a URL writes it: a `{` in the text is percent-encoded, never an Octokit template.
  return url.href;
}

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  data: unknown;
}

async function pageOf(
  reading: Reading,
  listing: Listing,
  send: () => Promise<Answer>,
): Promise<Page> {
  if (reading.sent() >= MAX_REQUESTS) {
    throw new Unreadable(
      `${MAX_REQUESTS} requests sent to GitHub, the bound of one read (every listing together), with ${listing.what} still unread: what is not read cannot be told apart`,
      `keep the open pull requests under ${MAX_REQUESTS - MAX_PAGES}: where the repository's comments are too many to read at once, each one's comments take a request or more`,
    );
  }
  const { signal } = reading;
  let answer: Answer;
  try {
    answer = await send();
  } catch (error) {
    throw failureOf(error, listing, signal);
  }
  if (answer.status !== 200) throw statusFailure(answer, listing);
  if (!Array.isArray(answer.data)) {
    throw new Unreadable(
      `GitHub's answer listing ${listing.what} is not a JSON list`,
      'check that GITHUB_API_URL is the GitHub REST API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server)',
    );
  }
  return { items: answer.data, ...links(answer.headers.link) };
}

/** What an exception from Octokit means: an HTTP status, or no answer at all. */
function failureOf(error: unknown, listing: Listing, signal: AbortSignal): Error {
  // A cancelled run stops as every request of the run does, not as "unreadable".
  if (signal.aborted) return new RequestAborted(String(signal.reason ?? 'aborted'));
  const { status, response } = error as { status?: unknown; response?: Partial<Answer> };
  if (typeof status === 'number' && response !== undefined) {
    return statusFailure({ status, headers: response.headers ?? {}, data: response.data }, listing);
  }
  // Octokit wraps what fetch threw (the HTTP layer's TransportError) as the error's cause.
  const cause = (error as { cause?: unknown }).cause ?? error;
  if (cause instanceof RateLimited) {
    return new Unreadable(
      `GitHub asked the listing of ${listing.what} to wait longer than the run may: ${cause.reason}`,
      'run the job again after that time',
    );
  }
  return new Unreadable(
    `GitHub could not be reached listing ${listing.what}: ${oneLine(messageOf(cause), 300)}`,
    'check GITHUB_API_URL and the runner’s network (HTTPS_PROXY, NO_PROXY)',
  );
}

/** A status other than 200, in words, with the fix for it. */
function statusFailure(answer: Answer, listing: Listing): Unreadable {
  const { status, headers } = answer;
  const said = serverMessage(answer.data);
  const http = `HTTP ${status}${said}`;
  if (status >= 300 && status < 400) {
    const location = typeof headers.location === 'string' ? headers.location : '(no Location)';
    return new Unreadable(
      `GitHub answered the listing of ${listing.what} with ${http}, a redirect to ${quoteUpTo(oneLine(location, 300), 300)}: not followed`,
      'set GITHUB_API_URL to the API itself (https://api.github.com, or https://HOST/api/v3)',
    );
  }
  if (status === 401) {
    return new Unreadable(
      `GitHub refused the token listing ${listing.what} (${http})`,
      'pass a valid token: the job’s own is `${{ github.token }}`',
    );
  }
  if (status === 429 || (status === 403 && isRateLimit(headers))) {
    return new Unreadable(
      `GitHub's rate limit stopped the listing of ${listing.what} (${http})`,
      'run the job again once the limit is reset',
    );
  }
  if (status === 403) {
    return new Unreadable(`GitHub refused to list ${listing.what} (${http})`, PERMISSION_FIX);
  }
  if (status === 404) {
    return new Unreadable(
      `GitHub answered ${http} listing ${listing.what}: ${listing.notFound}`,
      `check GITHUB_REPOSITORY, and ${PERMISSION_FIX}`,
    );
  }
  return new Unreadable(
    `GitHub answered ${http} listing ${listing.what}`,
    'run the job again; if it lasts, see https://www.githubstatus.com',
  );
}

/** A 403 that is GitHub's rate limit, not a refusal: no calls left, or a pause asked for. */
function isRateLimit(headers: Record<string, unknown>): boolean {
  return headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined;
}

/** GitHub's `message`, quoted and made one safe line; '' when there is none. */
function serverMessage(data: unknown): string {
  const message = (data as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.trim() !== ''
    ? `: ${quoteUpTo(oneLine(message, 200), 200)}`
    : '';
}

/** `Link`'s next URL and last page number (RFC 8288, as GitHub writes it). */
function links(header: unknown): Pick<Page, 'next' | 'last'> {
  const found: Pick<Page, 'next' | 'last'> = { next: null, last: null };
  if (typeof header !== 'string') return found;
  for (const [, url = '', rels = ''] of header.matchAll(/<([^>]*)>\s*;\s*rel="([^"]*)"/g)) {
    const names = rels.split(/\s+/);
    if (names.includes('next')) found.next ??= url;
    if (names.includes('last')) found.last ??= pageNumber(url);
  }
  return found;
}

function pageNumber(url: string): number | null {
  try {
    const page = Number(new URL(url).searchParams.get('page'));
    return Number.isSafeInteger(page) && page > 0 ? page : null;
  } catch {
    return null;
  }
}
