// The GitHub reader over real HTTP against the fake GitHub API: which requests it sends (the
// fewer of per pull request and repository-wide), paging and its bound, and every answer that
// makes a read unreadable, with the reason and the fix it gives.
import { afterEach, describe, expect, it } from '@jest/globals';
import { gitHubReader, type GitHubReaderOptions } from '../../src/github/comments.js';
import { RequestAborted } from '../../src/http/answer.js';
import { previewComment, requestsCarrying, startGitHub } from '../fakes/github.mjs';
import { openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

type Fake = Awaited<ReturnType<typeof startGitHub>>;

async function github(options: Parameters<typeof startGitHub>[0] = {}) {
  return open.keep(startGitHub(options));
}

/** A reader of `fake`, as the action makes one (no retries unless asked), and its log. */
function readerOf(fake: Fake, options: Partial<GitHubReaderOptions> = {}) {
  const lines: string[] = [];
  const reader = gitHubReader({
    env: fake.env,
    token: fake.token,
    timeoutMs: 5000,
    retries: 0,
    secrets: [],
    log: { info: (line) => lines.push(line), debug: (line) => lines.push(`debug: ${line}`) },
    ...options,
  });
  return { reader, lines };
}

const signal = () => new AbortController().signal;
const paths = (fake: Fake) => fake.calls().map((call) => call.path);
const repo = (fake: Fake) => `/repos/${fake.repository}`;

function addComments(fake: Fake, issue: number, n: number, body = (i: number) => `note ${i}`) {
  for (let i = 0; i < n; i++) fake.addComment({ issue, body: body(i), login: 'reviewer' });
}

describe('GitHub reader: the comments of open pull requests', () => {
  it('reads the one open pull request on its own: no repository-wide probe', async () => {
    const fake = await github({ pulls: [{ number: 7 }, { number: 3, state: 'closed' }] });
    fake.addComment({ issue: 7, body: 'looks good', login: 'octocat', association: 'MEMBER' });
    fake.addComment({ issue: 3, body: 'on the closed one' });
    const read = await readerOf(fake).reader.openPullRequestComments(signal());
    expect(read).toEqual({
      readable: true,
      comments: [
        {
          id: expect.any(Number),
          issue: 7,
          author: 'octocat',
          association: 'MEMBER',
          body: 'looks good',
        },
      ],
      openPulls: [7],
      requests: 2,
    });
    expect(paths(fake)).toEqual([`${repo(fake)}/pulls`, `${repo(fake)}/issues/7/comments`]);
    expect(fake.calls()[0]?.query).toBe('state=open&per_page=100');
  });

  it('reads repository-wide when its pages are no more than the open pull requests', async () => {
    const fake = await github({ pulls: [1, 2, 3, 4].map((number) => ({ number })) });
    for (const issue of [1, 2, 3, 4]) addComments(fake, issue, 40);
    addComments(fake, 99, 30); // an issue, not an open pull request: filtered out
    const { reader, lines } = readerOf(fake);
    const read = await reader.openPullRequestComments(signal());
    if (!read.readable) throw new Error(read.reason);
    // 190 comments since the oldest open pull request: 2 pages, against 4 per pull request.
    expect(read.requests).toBe(3);
    expect(read.comments).toHaveLength(160);
    expect(new Set(read.comments.map((c) => c.issue))).toEqual(new Set([1, 2, 3, 4]));
    expect(read.openPulls).toEqual([4, 3, 2, 1]);
    const wide = fake.calls().filter((call) => call.path.endsWith('/issues/comments'));
    expect(wide).toHaveLength(2);
    // The oldest open pull request is #1: created first (the fake spaces them an hour apart).
    expect(new URLSearchParams(wide[0]?.query).get('since')).toBe('2026-12-01T01:00:00.000Z');
    expect(paths(fake).some((path) => /\/issues\/\d+\/comments$/.test(path))).toBe(false);
    expect(lines.filter((line) => !line.startsWith('debug:'))).toEqual([
      'Read the comments of 4 open pull requests repository-wide: 2 pages, no more requests than one per pull request.',
    ]);
  });

  it('reads per pull request when the repository-wide listing is longer', async () => {
    const fake = await github({
      pulls: [{ number: 5 }, { number: 6 }, { number: 1, state: 'closed' }],
    });
    addComments(fake, 1, 350); // a busy closed pull request: 4 pages repository-wide
    addComments(fake, 5, 2);
    addComments(fake, 6, 1);
    const read = await readerOf(fake).reader.openPullRequestComments(signal());
    if (!read.readable) throw new Error(read.reason);
    // The pulls, the probe (page 1 of 4: 3 left, more than 2), then one listing each.
    expect(read.requests).toBe(4);
    expect(paths(fake)).toEqual([
      `${repo(fake)}/pulls`,
      `${repo(fake)}/issues/comments`,
      `${repo(fake)}/issues/6/comments`,
      `${repo(fake)}/issues/5/comments`,
    ]);
    expect(read.comments.map((c) => [c.issue, c.body])).toEqual([
      [6, 'note 0'],
      [5, 'note 0'],
      [5, 'note 1'],
    ]);
  });

  it('reads per pull request when the repository-wide listing is beyond the page bound', async () => {
    const pulls = Array.from({ length: 12 }, (_, i) => ({ number: i + 1 }));
    const fake = await github({ pulls: [...pulls, { number: 50, state: 'closed' }] });
    addComments(fake, 50, 1001); // 11 pages repository-wide: more than 12 would not be read
    const read = await readerOf(fake).reader.openPullRequestComments(signal());
    expect(read).toMatchObject({ readable: true, comments: [], requests: 1 + 1 + 12 });
  });

  it('sends no comment request when no pull request is open', async () => {
    const fake = await github({ pulls: [{ number: 2, state: 'closed' }] });
    const read = await readerOf(fake).reader.openPullRequestComments(signal());
    expect(read).toEqual({ readable: true, comments: [], openPulls: [], requests: 1 });
  });

  it('follows the Link pages of the open pull requests, 100 a page', async () => {
    const fake = await github({
      pulls: Array.from({ length: 230 }, (_, i) => ({ number: i + 1 })),
    });
    const read = await readerOf(fake).reader.openPullRequestComments(signal());
    if (!read.readable) throw new Error(read.reason);
    expect(read.openPulls).toHaveLength(230);
    // 3 pages of pull requests (GitHub's Link names /repositories/{id}), then one probe.
    expect(paths(fake).slice(0, 3)).toEqual([
      `${repo(fake)}/pulls`,
      '/repositories/7654321/pulls',
      '/repositories/7654321/pulls',
    ]);
    expect(read.requests).toBe(4);
  });
});

describe('GitHub reader: the comments of one pull request', () => {
  it('reads a closed pull request, every page of it, each comment once', async () => {
    const fake = await github({ pulls: [{ number: 12, state: 'closed' }] });
    const deploy = previewComment({
      server: 'https://connect.example.com',
      guid: '951bf3ad-82d0-4bca-bba8-9b27e35c49fa',
      bundles: ['5', '6'],
    });
    fake.addComment({ issue: 12, body: deploy });
    addComments(fake, 12, 249);
    const read = await readerOf(fake).reader.pullRequestComments(12, signal());
    if (!read.readable) throw new Error(read.reason);
    expect(read).toMatchObject({ openPulls: [], requests: 3 });
    expect(read.comments).toHaveLength(250);
    expect(read.comments[0]).toMatchObject({
      author: 'github-actions[bot]',
      association: 'NONE',
      body: deploy,
    });
    expect(new Set(read.comments.map((c) => c.id)).size).toBe(250);
  });

  it('reads 10 pages and no more: an 11th makes the read unreadable', async () => {
    const fake = await github({ pulls: [{ number: 1 }, { number: 2 }] });
    addComments(fake, 1, 1000);
    addComments(fake, 2, 1001);
    const { reader } = readerOf(fake);
    const ten = await reader.pullRequestComments(1, signal());
    expect(ten).toMatchObject({ readable: true, requests: 10 });
    const eleven = await reader.pullRequestComments(2, signal());
    expect(eleven).toEqual({
      readable: false,
      reason:
        'more than 10 pages of the comments of pull request #2 (over 1000): what is not read cannot be told apart',
      fix: expect.stringContaining('10 pages of 100'),
      requests: 10,
    });
  });

  it('asks nothing for a number that names no pull request', async () => {
    const fake = await github({ pulls: [{ number: 1 }] });
    const { reader } = readerOf(fake);
    for (const pull of [0, -3, 1.5, Number.NaN]) {
      expect(await reader.pullRequestComments(pull, signal())).toMatchObject({
        readable: false,
        reason: `${pull} is not a pull request number`,
        requests: 0,
      });
    }
    expect(fake.calls()).toEqual([]);
  });

  it('says what a 404 means for a pull request that is not there', async () => {
    const fake = await github({ pulls: [{ number: 1 }] });
    const read = await readerOf(fake).reader.pullRequestComments(404, signal());
    expect(read).toMatchObject({
      readable: false,
      reason: expect.stringContaining(
        `HTTP 404: "Not Found" listing the comments of pull request #404: no pull request #404 in ${fake.repository}`,
      ),
      requests: 1,
    });
  });
});

describe('GitHub reader: unreadable, with a reason and a fix', () => {
  it('sends nothing without a token', async () => {
    const fake = await github({ pulls: [{ number: 1 }] });
    const read = await readerOf(fake, { token: '' }).reader.openPullRequestComments(signal());
    expect(read).toEqual({
      readable: false,
      reason: 'no GitHub token',
      fix: expect.stringContaining('permissions: pull-requests: read'),
      requests: 0,
    });
    expect(fake.calls()).toEqual([]);
  });

  it('names the permission a 403 lacks', async () => {
    for (const forbidden of [['pulls'], ['comments']] as const) {
      const fake = await github({ pulls: [{ number: 1 }], forbidden: [...forbidden] });
      const read = await readerOf(fake).reader.openPullRequestComments(signal());
      expect(read).toMatchObject({
        readable: false,
        reason: expect.stringMatching(
          /^GitHub refused to list the (open pull requests|comments of pull request #1) \(HTTP 403: "Resource not accessible by integration"\)$/,
        ),
        fix: 'give the job `permissions: pull-requests: read`',
      });
    }
  });

  it('retries a 429 after its Retry-After, then reads', async () => {
    const fake = await github({ pulls: [{ number: 1 }] });
    fake.limit({ times: 1, retryAfter: 1, path: '/pulls' });
    const began = Date.now();
    const read = await readerOf(fake, { retries: 2 }).reader.openPullRequestComments(signal());
    expect(read).toMatchObject({ readable: true, openPulls: [1], requests: 3 });
    expect(Date.now() - began).toBeGreaterThanOrEqual(950);
    expect(paths(fake).slice(0, 2)).toEqual([`${repo(fake)}/pulls`, `${repo(fake)}/pulls`]);
  });

  it('tells a rate-limit 403 from a refusal', async () => {
    const fake = await github({ pulls: [{ number: 1 }] });
    fake.limit({ status: 403, path: '/pulls' });
    const read = await readerOf(fake).reader.openPullRequestComments(signal());
    expect(read).toMatchObject({
      readable: false,
      reason: expect.stringMatching(
        /^GitHub's rate limit stopped the listing of the open pull requests \(HTTP 403: "You have exceeded a secondary rate limit/,
      ),
      fix: 'run the job again once the limit is reset',
    });
  });

  it('refuses a next page on another host, and the token never goes there', async () => {
    const elsewhere = await github({ pulls: [{ number: 1 }] });
    const fake = await github({
      pulls: [{ number: 1 }],
      linkBase: elsewhere.url,
      token: elsewhere.token,
    });
    addComments(fake, 1, 101);
    const read = await readerOf(fake).reader.pullRequestComments(1, signal());
    expect(read).toMatchObject({
      readable: false,
      reason: expect.stringContaining(
        `GitHub named the next page of the comments of pull request #1 at "${elsewhere.url}/repositories/7654321/issues/1/comments?per_page=100&page=2", which is not under ${fake.url}/: not followed`,
      ),
      requests: 1,
    });
    expect(elsewhere.calls()).toEqual([]);
    expect(requestsCarrying(elsewhere.requests, fake.token)).toEqual([]);
  });

  it('refuses a next page outside the API path on the same host (GitHub Enterprise Server)', async () => {
    const options: Parameters<typeof startGitHub>[0] = {
      pulls: [{ number: 1 }],
      apiPrefix: '/api/v3',
    };
    const fake = await github(options);
    addComments(fake, 1, 150);
    const { reader } = readerOf(fake);
    expect(fake.env.GITHUB_API_URL).toBe(`${fake.url}/api/v3`);
    expect(await reader.pullRequestComments(1, signal())).toMatchObject({
      readable: true,
      requests: 2,
    });
    expect(paths(fake)).toEqual([
      `/api/v3${repo(fake)}/issues/1/comments`,
      '/api/v3/repositories/7654321/issues/1/comments',
    ]);
    // The fake reads the option at each answer: from now on its Link leaves /api/v3 out.
    options.linkBase = fake.url;
    const read = await reader.pullRequestComments(1, signal());
    expect(read).toMatchObject({
      readable: false,
      reason: expect.stringContaining(`which is not under ${fake.url}/api/v3/: not followed`),
      requests: 1,
    });
    expect(fake.calls()).toHaveLength(3);
  });

  it('bounds an oversized answer, with or without a Content-Length', async () => {
    for (const chunked of [false, true]) {
      const fake = await github({ pulls: [{ number: 1 }] });
      fake.inject({ kind: 'huge', path: '/pulls', chunked });
      const read = await readerOf(fake).reader.openPullRequestComments(signal());
      expect(read).toMatchObject({
        readable: false,
        reason:
          'GitHub could not be reached listing the open pull requests: answer larger than 10 MB',
        requests: 1,
      });
    }
  });

  it('prints no hostile text raw: not a server message, not a comment, not a deprecation notice', async () => {
    const hostile = '::error::pwned ##[group]x';
    const fake = await github({ pulls: [{ number: 1 }] });
    fake.addComment({ issue: 1, body: `${hostile}\n::warning::again` });
    fake.inject({
      kind: 'status',
      status: 200,
      path: '/issues/1/comments',
      times: 1,
      headers: { deprecation: 'true', sunset: hostile },
      body: [],
    });
    fake.inject({
      kind: 'status',
      status: 500,
      path: '/issues/1/comments',
      times: 1,
      body: { message: hostile },
    });
    const { reader, lines } = readerOf(fake);
    const deprecated = await reader.pullRequestComments(1, signal());
    expect(deprecated).toMatchObject({ readable: true, comments: [] });
    const failed = await reader.pullRequestComments(1, signal());
    expect(failed).toMatchObject({ readable: false });
    if (failed.readable) return;
    expect(failed.reason).toBe(
      'GitHub answered HTTP 500: ": :error::pwned ## [group]x" listing the comments of pull request #1',
    );
    // The comment itself is data for the caller, as GitHub sent it; the log never shows it.
    const read = await reader.pullRequestComments(1, signal());
    expect(read).toMatchObject({
      readable: true,
      comments: [{ body: `${hostile}\n::warning::again` }],
    });
    expect(lines.join('\n')).not.toContain('again');
    expect(lines.some((line) => line.includes('deprecated'))).toBe(true);
    for (const text of [...lines, failed.reason, failed.fix]) {
      expect(text).not.toMatch(/^\s*::|##\[/m);
    }
  });
});

describe('GitHub reader: answers that are not what they should be', () => {
  it('refuses a wrong token, and never prints it', async () => {
    const fake = await github({ pulls: [{ number: 1 }] });
    const token = 'ghs_aWrongTokenOfTheRightShape1234';
    fake.inject({
      kind: 'status',
      status: 500,
      path: '/pulls',
      times: 1,
      body: { message: `token ${token} broke it` },
    });
    const { reader, lines } = readerOf(fake, { token });
    const echoed = await reader.openPullRequestComments(signal());
    expect(echoed).toMatchObject({
      readable: false,
      reason: 'GitHub answered HTTP 500: "token *** broke it" listing the open pull requests',
    });
    const refused = await reader.openPullRequestComments(signal());
    expect(refused).toMatchObject({
      readable: false,
      reason:
        'GitHub refused the token listing the open pull requests (HTTP 401: "Bad credentials")',
      fix: expect.stringContaining('${{ github.token }}'),
    });
    expect(JSON.stringify([echoed, refused, lines])).not.toContain(token);
    expect(fake.calls().map((call) => call.authorization)).toEqual([
      `token ${token}`,
      `token ${token}`,
    ]);
  });

  it('refuses a listing with an item that is not a comment, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ body: null }, '`body` (a string)'],
      [{ user: { login: 7 } }, '`user.login` (a string)'],
      [{ author_association: undefined }, '`author_association` (a string)'],
      [
        { issue_url: 'https://api.github.com/repos/o/r/issues/x' },
        '`issue_url` (ending /issues/{number})',
      ],
      [{ id: -1 }, '`id` (a positive integer)'],
    ];
    for (const [change, field] of cases) {
      const fake = await github({ pulls: [{ number: 1 }] });
      const comment = { ...fake.addComment({ issue: 1, body: 'x' }), ...change };
      fake.inject({ kind: 'status', status: 200, path: '/issues/1/comments', body: [comment] });
      const read = await readerOf(fake).reader.pullRequestComments(1, signal());
      expect(read).toMatchObject({
        readable: false,
        reason: `GitHub listed the comments of pull request #1 with a comment (item 1 of the listing) without ${field}`,
      });
    }
  });

  it('takes a deleted account (user null) as an author of no name', async () => {
    const fake = await github({ pulls: [{ number: 1 }] });
    const comment = { ...fake.addComment({ issue: 1, body: 'x' }), user: null };
    fake.inject({ kind: 'status', status: 200, path: '/issues/1/comments', body: [comment] });
    const read = await readerOf(fake).reader.pullRequestComments(1, signal());
    expect(read).toMatchObject({ readable: true, comments: [{ author: '', association: 'NONE' }] });
  });

  it('refuses pull requests without a number or a date, and a comment of another issue', async () => {
    const fake = await github({ pulls: [{ number: 1 }] });
    fake.inject({ kind: 'status', status: 200, path: '/pulls', times: 1, body: [{ number: 1.5 }] });
    fake.inject({
      kind: 'status',
      status: 200,
      path: '/pulls',
      times: 1,
      body: [{ number: 1, created_at: 'yesterday' }],
    });
    fake.inject({
      kind: 'status',
      status: 200,
      path: '/pulls',
      times: 1,
      // Date.parse reads this one (a comment in brackets): GitHub never writes it.
      body: [{ number: 1, created_at: 'Mon, 01 Dec 2026 00:00:00 GMT (##[group])' }],
    });
    const { reader } = readerOf(fake);
    const fields = [
      '`number` (a positive integer)',
      '`created_at` (a date)',
      '`created_at` (a date)',
    ];
    for (const field of fields) {
      expect(await reader.openPullRequestComments(signal())).toMatchObject({
        readable: false,
        reason: `GitHub listed the open pull requests with a pull request (item 1 of the listing) without ${field}`,
      });
    }
    const stray = fake.addComment({ issue: 2, body: 'elsewhere' });
    fake.inject({ kind: 'status', status: 200, path: '/issues/1/comments', body: [stray] });
    expect(await reader.pullRequestComments(1, signal())).toMatchObject({
      readable: false,
      reason: 'GitHub listed a comment of #2 among the comments of pull request #1',
    });
  });

  it('refuses an answer that is not a JSON list, and a redirect, following neither', async () => {
    const fake = await github({ pulls: [{ number: 1 }] });
    const other = await github({ pulls: [{ number: 1 }], token: fake.token });
    fake.inject({ kind: 'html', status: 200, path: '/pulls', times: 1 });
    fake.inject({ kind: 'status', status: 200, path: '/pulls', times: 1, body: { items: [] } });
    fake.inject({
      kind: 'redirect',
      status: 301,
      path: '/pulls',
      times: 1,
      location: `${other.url}/repos/${fake.repository}/pulls`,
    });
    const { reader } = readerOf(fake);
    const list = "GitHub's answer listing the open pull requests is not a JSON list";
    expect(await reader.openPullRequestComments(signal())).toMatchObject({ reason: list });
    expect(await reader.openPullRequestComments(signal())).toMatchObject({ reason: list });
    expect(await reader.openPullRequestComments(signal())).toMatchObject({
      readable: false,
      reason: `GitHub answered the listing of the open pull requests with HTTP 301, a redirect to "${other.url}/repos/${fake.repository}/pulls": not followed`,
    });
    expect(other.calls()).toEqual([]);
  });

  it('says the settings are wrong before any request', async () => {
    const fake = await github({ pulls: [{ number: 1 }] });
    const env = (vars: Record<string, string>) => ({ ...fake.env, ...vars });
    const cases: [NodeJS.ProcessEnv, string][] = [
      [{ GITHUB_API_URL: fake.url }, 'GITHUB_REPOSITORY is not set'],
      [
        env({ GITHUB_REPOSITORY: 'just-a-name' }),
        'GITHUB_REPOSITORY is "just-a-name", not owner/name',
      ],
      [env({ GITHUB_REPOSITORY: 'o/..' }), 'GITHUB_REPOSITORY is "o/..", not owner/name'],
      [
        env({ GITHUB_API_URL: 'https://user:secret@api.example.com' }),
        'GITHUB_API_URL is "https://***@api.example.com", not an http(s) URL of the API',
      ],
      [
        env({ GITHUB_API_URL: 'ftp://api.example.com' }),
        'GITHUB_API_URL is "ftp://api.example.com", not an http(s) URL of the API',
      ],
    ];
    // A token pasted into the URL is never shown, in any form.
    cases.push([
      env({ GITHUB_API_URL: `https://api.example.com/?token=${fake.token}` }),
      'GITHUB_API_URL is "https://api.example.com/?token=***", not an http(s) URL of the API',
    ]);
    for (const [environment, reason] of cases) {
      const read = await readerOf(fake, { env: environment }).reader.openPullRequestComments(
        signal(),
      );
      expect(read).toMatchObject({ readable: false, reason, requests: 0 });
    }
    expect(fake.calls()).toEqual([]);
  });

  it('stops with the run: a cancelled read throws as every cancelled request does', async () => {
    const fake = await github({ pulls: [{ number: 1 }] });
    fake.inject({ kind: 'hang', path: '/pulls' });
    const run = new AbortController();
    const { reader } = readerOf(fake, { signal: run.signal });
    const read = reader.openPullRequestComments(signal());
    setTimeout(() => run.abort(new Error('received SIGTERM')), 100);
    await expect(read).rejects.toThrow(RequestAborted);
    const step = new AbortController();
    step.abort(new Error('the step is over'));
    await expect(readerOf(fake).reader.pullRequestComments(1, step.signal)).rejects.toThrow(
      RequestAborted,
    );
  });
});
