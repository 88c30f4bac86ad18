import type { Log } from '../shared/log.js';
import { count } from '../shared/text.js';
import { allItems, firstPage, MAX_PAGES, Unreadable, type Page, type Reading } from './pages.js';
import { issueComments, openPulls, type IssueComment } from './records.js';
import type { Repository } from './repository.js';

/** A read's requests and the repository they are about. */
export interface RepoReading extends Reading {
  repository: Repository;
}

/** What a read of comments found. */
export interface Found {
  comments: IssueComment[];
  openPulls: number[];
}

/**
 * The comments of every open pull request, in as few requests as the counts allow.
 *
 * First the open pull requests (one page per 100). Then their comments, one of two ways:
 * - per pull request (`issues/{n}/comments`): at least one request for each, more for one
 *   with over 100 comments;
 * - repository-wide (`issues/comments?since=` the oldest open pull request's `created_at`:
 *   no comment on an open pull request is older), filtered to the open ones: as many
 *   requests as its pages, whatever the pull requests, but it holds the comments of every
 *   issue and closed pull request updated since then too.
 * Page 1 of the repository-wide listing tells its length (`Link: rel="last"`). It goes on
 * repository-wide when its pages left are no more than the open pull requests (the least the
 * other way could cost) and it stays within MAX_PAGES; else it reads per pull request, and
 * the probe was one request spent to know. With one open pull request there is no probe: its
 * own listing is never longer than the repository's.
 */
export async function openPullComments(at: RepoReading, log?: Log): Promise<Found> {
  const pulls = await openPullsOf(at);
  const numbers = pulls.map((pull) => pull.number);
  if (pulls.length <= 1) {
    const comments = pulls.length === 0 ? [] : await perPull(at, numbers);
    return { comments, openPulls: numbers };
  }
  const oldest = pulls.reduce((a, b) =>
    Date.parse(b.createdAt) < Date.parse(a.createdAt) ? b : a,
  );
  const listing = {
    what: `the repository's comments since ${oldest.createdAt}`,
    notFound: notVisible(at.repository),
  };
  const { owner, name: repo } = at.repository;
  const probe = await firstPage(at, listing, 'GET /repos/{owner}/{repo}/issues/comments', {
    owner,
    repo,
    since: oldest.createdAt,
  });
  const pagesLeft = pagesAfter(probe);
  if (pagesLeft < MAX_PAGES && pagesLeft <= pulls.length) {
    log?.info(
      `Read the comments of ${count(pulls.length)} open pull requests repository-wide: ${pages(pagesLeft + 1)}, no more requests than one per pull request.`,
    );
    const open = new Set(numbers);
    const comments = issueComments(await allItems(at, listing, probe), listing.what);
    return { comments: unique(comments.filter((c) => open.has(c.issue))), openPulls: numbers };
  }
  log?.info(
    `Read the comments of ${count(pulls.length)} open pull requests one pull request at a time: the repository-wide listing has ${pagesLeft === Infinity ? 'an untold number of pages' : pages(pagesLeft + 1)}.`,
  );
  return { comments: await perPull(at, numbers), openPulls: numbers };
}

/** Pages after the first: from `rel="last"`; Infinity when a next page is named without it. */
function pagesAfter(page: Page): number {
  if (page.next === null) return 0;
  return page.last === null ? Infinity : Math.max(1, page.last - 1);
}

async function openPullsOf(at: RepoReading) {
  const { owner, name: repo } = at.repository;
  const listing = { what: 'the open pull requests', notFound: notVisible(at.repository) };
  const first = await firstPage(at, listing, 'GET /repos/{owner}/{repo}/pulls', {
    owner,
    repo,
    state: 'open',
  });
  const pulls = openPulls(await allItems(at, listing, first), listing.what);
  return [...new Map(pulls.map((pull) => [pull.number, pull])).values()];
}

/** Each pull request's comments, one after the other (GitHub asks for requests in series). */
async function perPull(at: RepoReading, pulls: readonly number[]): Promise<IssueComment[]> {
  const comments: IssueComment[] = [];
  for (const pull of pulls) comments.push(...(await commentsOf(at, pull)));
  return comments;
}

/** The comments of one pull request (or issue), open or closed. */
export async function commentsOf(at: RepoReading, pull: number): Promise<IssueComment[]> {
  const { owner, name: repo } = at.repository;
  const listing = {
    what: `the comments of pull request #${pull}`,
    notFound: `no pull request #${pull} in ${owner}/${repo}, or the token may not read it`,
  };
  const first = await firstPage(
    at,
    listing,
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    {
      owner,
      repo,
      issue_number: pull,
    },
  );
  const comments = issueComments(await allItems(at, listing, first), listing.what);
  const stray = comments.find((comment) => comment.issue !== pull);
  if (stray !== undefined) {
    throw new Unreadable(
      `GitHub listed a comment of #${stray.issue} among ${listing.what}`,
      'check that GITHUB_API_URL is the GitHub REST API',
    );
  }
  return unique(comments);
}

/** Each comment once (a comment added while paging can push another onto the next page). */
function unique(comments: readonly IssueComment[]): IssueComment[] {
  return [...new Map(comments.map((comment) => [comment.id, comment])).values()];
}

function pages(n: number): string {
  return `${count(n)} ${n === 1 ? 'page' : 'pages'}`;
}

function notVisible(repository: Repository): string {
  return `the repository ${repository.owner}/${repository.name} is not there, or the token may not read it`;
}
