// The GitHub reader's bound on one read's requests, every listing together (MAX_REQUESTS):
// a repository whose listings each stay within their pages but never end in total is stopped
// by it, over real HTTP against the fake GitHub API.
import { afterEach, describe, expect, it } from '@jest/globals';
import { gitHubReader } from '../../src/github/comments.js';
import { MAX_REQUESTS } from '../../src/github/pages.js';
import { startGitHub } from '../fakes/github.mjs';
import { openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

/**
 * 300 open pull requests (3 pages) and 1,001 comments on a closed one (11 pages, past the
 * repository-wide bound): every open pull request's comments are one listing of its own.
 */
async function manyOpenPulls() {
  const pulls = Array.from({ length: 300 }, (_, i) => ({ number: i + 1 }));
  const fake = await open.keep(
    startGitHub({ pulls: [...pulls, { number: 900, state: 'closed' }] }),
  );
  for (let i = 0; i < 1001; i++) fake.addComment({ issue: 900, body: `note ${i}`, login: 'a' });
  return fake;
}

describe('GitHub reader: the bound of one read', () => {
  it(`sends ${MAX_REQUESTS} requests at most, every listing together, and says the read is unreadable`, async () => {
    const fake = await manyOpenPulls();
    const reader = gitHubReader({
      env: fake.env,
      token: fake.token,
      timeoutMs: 5000,
      retries: 0,
      secrets: [],
    });
    const read = await reader.openPullRequestComments(new AbortController().signal);
    expect(read).toMatchObject({ readable: false, requests: MAX_REQUESTS });
    if (read.readable) return;
    expect(read.reason).toMatch(
      new RegExp(
        `^${MAX_REQUESTS} requests sent to GitHub, the bound of one read .* with the comments of pull request #\\d+ still unread`,
      ),
    );
    expect(read.fix).toMatch(/keep the open pull requests under 190/);
    expect(fake.calls()).toHaveLength(MAX_REQUESTS);
  });
});
