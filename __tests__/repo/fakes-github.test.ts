// The fakes of issue 25 answer as the real services do, over real HTTP: the GitHub REST API's
// pull requests and issue comments (paging, 401/403/404/429), connect-actions' deploy comments,
// and Connect's bundle listing (metadata, drafts, server versions).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { CONNECT_GUID, liveMetadata, previewMetadata, startConnect } from '../fakes/connect.mjs';
import {
  ACTIONS_BOT,
  GITHUB_REPOSITORY,
  GITHUB_REPOSITORY_ID,
  previewComment,
  requestsCarrying,
  serviceFake,
  startGitHub,
} from '../fakes/github.mjs';
import { openSet } from '../fakes/setup.mjs';

const SCRIPT = fileURLToPath(new URL('../../scripts/fakes.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const open = openSet();
afterEach(open.closeAll);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies of any shape, read by the assertions
type Body = any;

/** The patterns connect-actions' cleanup-previews reads a deploy comment with (rewritten here). */
const PREVIEW_URL = /(https?:\/\/\S+?)\/connect\/#\/apps\/([^/\s]+)\/draft\/(\d+)/;
const BUNDLE_LIST = /<!-- preview-bundles:([\d,]+) -->/;

async function github(options: Parameters<typeof startGitHub>[0] = {}) {
  const fake = await open.keep(startGitHub(options));
  const get = async (path: string, token: string | null = fake.token) => {
    const url = path.startsWith('http') ? path : `${fake.url}${path}`;
    const response = await fetch(url, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    return { response, body: (await response.json()) as Body };
  };
  return { fake, get };
}

/** The `Link` header's URLs by rel. */
function links(header: string | null): Record<string, string> {
  const rels: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>;\s*rel="(\w+)"/.exec(part);
    if (match) rels[match[2] as string] = match[1] as string;
  }
  return rels;
}

describe('fake GitHub API: pull requests', () => {
  const pulls = [1, 2, 3, 4, 5].map((number) => ({ number }));

  it('lists the open ones newest first, paged by per_page and page with a Link header', async () => {
    const { fake, get } = await github({ pulls: [...pulls, { number: 6, state: 'closed' }] });
    const path = `/repos/${GITHUB_REPOSITORY}/pulls`;
    const first = await get(`${path}?state=open&per_page=2`);
    expect(first.response.status).toBe(200);
    expect(first.body.map((pull: Body) => pull.number)).toEqual([5, 4]);
    expect(first.body[0]).toEqual(
      expect.objectContaining({
        state: 'open',
        title: 'Change 5',
        head: expect.objectContaining({ ref: 'feature-5', sha: expect.stringMatching(/^\d{40}$/) }),
        user: expect.objectContaining({ login: 'octocat' }),
      }),
    );
    // GitHub's Link URLs name the repository by id and keep the query.
    const repo = `${fake.url}/repositories/${GITHUB_REPOSITORY_ID}/pulls`;
    expect(first.response.headers.get('link')).toBe(
      `<${repo}?state=open&per_page=2&page=2>; rel="next", <${repo}?state=open&per_page=2&page=3>; rel="last"`,
    );
    const second = await get(links(first.response.headers.get('link')).next as string);
    expect(second.body.map((pull: Body) => pull.number)).toEqual([3, 2]);
    expect(links(second.response.headers.get('link'))).toEqual({
      prev: `${repo}?state=open&per_page=2&page=1`,
      next: `${repo}?state=open&per_page=2&page=3`,
      last: `${repo}?state=open&per_page=2&page=3`,
      first: `${repo}?state=open&per_page=2&page=1`,
    });
    const third = await get(links(second.response.headers.get('link')).next as string);
    expect(third.body.map((pull: Body) => pull.number)).toEqual([1]);
    expect(links(third.response.headers.get('link')).next).toBeUndefined();
    expect(fake.calls().map((call) => call.path)).toEqual([
      `/repos/${GITHUB_REPOSITORY}/pulls`,
      `/repositories/${GITHUB_REPOSITORY_ID}/pulls`,
      `/repositories/${GITHUB_REPOSITORY_ID}/pulls`,
    ]);
  });

  it('defaults to open and 30 a page, caps per_page at 100; state=all and closed', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ number: i + 1 }));
    const { fake, get } = await github({ pulls: many });
    fake.closePull(120);
    const plain = await get(`/repos/${GITHUB_REPOSITORY}/pulls`);
    expect(plain.body).toHaveLength(30);
    expect(plain.body[0].number).toBe(119);
    const capped = await get(`/repos/${GITHUB_REPOSITORY}/pulls?per_page=500`);
    expect(capped.body).toHaveLength(100);
    const closed = await get(`/repos/${GITHUB_REPOSITORY}/pulls?state=closed`);
    expect(closed.body.map((pull: Body) => [pull.number, pull.state])).toEqual([[120, 'closed']]);
    expect(closed.body[0].closed_at).toEqual(expect.any(String));
    const all = await get(`/repos/${GITHUB_REPOSITORY}/pulls?state=all&per_page=100&page=2`);
    expect(all.body).toHaveLength(20);
  });

  it('can write Link URLs with /repos/owner/name, and serves both forms', async () => {
    const { fake, get } = await github({ pulls, linkStyle: 'repos' });
    const first = await get(`/repositories/${GITHUB_REPOSITORY_ID}/pulls?per_page=4`);
    expect(links(first.response.headers.get('link')).next).toBe(
      `${fake.url}/repositories/${GITHUB_REPOSITORY_ID}/pulls?per_page=4&page=2`,
    );
    const other = await get(`/repos/${GITHUB_REPOSITORY}/pulls?per_page=4`);
    expect(links(other.response.headers.get('link')).next).toBe(
      `${fake.url}/repos/${GITHUB_REPOSITORY}/pulls?per_page=4&page=2`,
    );
  });
});

describe('fake GitHub API: issue comments', () => {
  const server = 'https://connect.example.com/rsc';
  const guid = '0b7a4e51-6c3d-4f1e-9a2b-8d5c7e3f1a90';

  it('writes the deploy comment as connect-actions does, and cleanup-previews can read it', () => {
    const body = previewComment({ server, guid, bundles: ['310', '314'], sha: 'abcdef1234567' });
    expect(body).toBe(
      `**Preview deployed to Connect** (\`connect.example.com\`): [${server}/connect/#/apps/${guid}/draft/314](${server}/connect/#/apps/${guid}/draft/314)\n\nDeployed from commit abcdef1.\n<!-- preview-bundles:310,314 -->`,
    );
    // The server keeps its subpath: what comes before /connect/, not the origin.
    expect(PREVIEW_URL.exec(body)?.slice(1)).toEqual([server, guid, '314']);
    expect(BUNDLE_LIST.exec(body)?.[1]).toBe('310,314');
  });

  it("lists a pull request's comments oldest first, with user.login, author_association and body", async () => {
    const { get } = await github({
      pulls: [{ number: 12 }, { number: 13 }],
      comments: [
        { issue: 12, body: previewComment({ server, guid, bundles: ['310'] }) },
        { issue: 13, body: 'unrelated', login: 'reviewer', association: 'MEMBER' },
        {
          issue: 12,
          body: previewComment({ server, guid, bundles: ['1', '2'] }),
          login: 'drive-by',
          association: 'NONE',
        },
      ],
    });
    const { response, body } = await get(`/repos/${GITHUB_REPOSITORY}/issues/12/comments`);
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toBeNull();
    expect(body.map((c: Body) => [c.user.login, c.author_association])).toEqual([
      [ACTIONS_BOT, 'NONE'],
      ['drive-by', 'NONE'],
    ]);
    expect(body[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        body: expect.stringContaining('<!-- preview-bundles:310 -->'),
        user: expect.objectContaining({ login: ACTIONS_BOT, type: 'Bot' }),
        issue_url: expect.stringMatching(/\/issues\/12$/),
        html_url: expect.stringContaining('/pull/12#issuecomment-'),
      }),
    );
    expect(body[0].id).toBeLessThan(body[1].id);
    const none = await get(`/repos/${GITHUB_REPOSITORY}/issues/99/comments`);
    expect(none.response.status).toBe(404);
  });

  it('lists the whole repository with per_page and page, and since', async () => {
    const { fake, get } = await github({ pulls: [{ number: 12 }, { number: 13 }] });
    for (let i = 0; i < 5; i++) fake.addComment({ issue: 12 + (i % 2), body: `c${i}` });
    const first = await get(`/repos/${GITHUB_REPOSITORY}/issues/comments?per_page=2&page=3`);
    expect(first.body.map((c: Body) => c.body)).toEqual(['c4']);
    expect(Object.keys(links(first.response.headers.get('link')))).toEqual(['prev', 'first']);
    const edited = fake.editComment(first.body[0].id - 4, 'c0 again');
    const since = await get(
      `/repos/${GITHUB_REPOSITORY}/issues/comments?since=${encodeURIComponent(edited.updated_at)}`,
    );
    expect(since.body.map((c: Body) => c.body)).toContain('c0 again');
  });
});

describe('fake GitHub API: refusals', () => {
  it('answers 403 without pull-requests: read, naming the permission', async () => {
    const { get } = await github({ forbidden: ['pulls', 'comments'], pulls: [{ number: 1 }] });
    const pulls = await get(`/repos/${GITHUB_REPOSITORY}/pulls`);
    expect(pulls.response.status).toBe(403);
    expect(pulls.body.message).toBe('Resource not accessible by integration');
    expect(pulls.response.headers.get('x-accepted-github-permissions')).toBe('pull_requests=read');
    const comments = await get(`/repos/${GITHUB_REPOSITORY}/issues/1/comments`);
    expect(comments.response.status).toBe(403);
    const wide = await get(`/repos/${GITHUB_REPOSITORY}/issues/comments`);
    expect(wide.response.status).toBe(403);
  });

  it('answers 429 with Retry-After as often as asked, then the page', async () => {
    const { fake, get } = await github({ pulls: [{ number: 1 }] });
    fake.limit({ times: 2, retryAfter: 7 });
    const path = `/repos/${GITHUB_REPOSITORY}/pulls`;
    const limited = await get(path);
    expect(limited.response.status).toBe(429);
    expect(limited.response.headers.get('retry-after')).toBe('7');
    expect(limited.response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.body.message).toMatch(/secondary rate limit/);
    expect((await get(path)).response.status).toBe(429);
    const served = await get(path);
    expect(served.response.status).toBe(200);
    expect(served.response.headers.get('x-ratelimit-remaining')).toBe('4999');
    fake.limit({ status: 403, path: '/issues/comments' });
    const other = await get(`/repos/${GITHUB_REPOSITORY}/issues/comments`);
    expect([other.response.status, other.response.headers.get('retry-after')]).toEqual([403, '1']);
  });

  it('answers 401 to a wrong token and hides a private repository from anonymous readers', async () => {
    const { get } = await github({ pulls: [{ number: 1 }] });
    const path = `/repos/${GITHUB_REPOSITORY}/pulls`;
    expect((await get(path, 'ghs_wrong')).response.status).toBe(401);
    expect((await get(path, null)).response.status).toBe(404);
    expect((await get(`/repos/someone/else/pulls`)).response.status).toBe(404);
    const visible = await github({ public: true, pulls: [{ number: 1 }] });
    expect((await visible.get(path, null)).body).toHaveLength(1);
  });

  it('records every request with its Authorization, to count and to trace the token', async () => {
    const { fake, get } = await github({ pulls: [{ number: 1 }] });
    const connect = await open.keep(startConnect({ jobs: [{ key: 'a1' }] }));
    await get(`/repos/${GITHUB_REPOSITORY}/pulls?state=open`);
    await get(`/repos/${GITHUB_REPOSITORY}/issues/1/comments`);
    await fetch(`${connect.server}/__api__/v1/content/${connect.guid}/bundles`, {
      headers: { authorization: `Key ${connect.apiKey}` },
    });
    expect(fake.calls()).toEqual([
      {
        method: 'GET',
        path: `/repos/${GITHUB_REPOSITORY}/pulls`,
        query: 'state=open',
        authorization: `Bearer ${fake.token}`,
      },
      {
        method: 'GET',
        path: `/repos/${GITHUB_REPOSITORY}/issues/1/comments`,
        query: '',
        authorization: `Bearer ${fake.token}`,
      },
    ]);
    expect(requestsCarrying(fake.requests, fake.token)).toHaveLength(2);
    expect(requestsCarrying(connect.requests, fake.token)).toEqual([]);
    expect(fake.env).toEqual({
      GITHUB_API_URL: fake.url,
      GITHUB_REPOSITORY,
      GITHUB_TOKEN: fake.token,
    });
  });

  it('is started by npm run fakes, its comment naming the fake Connect', async () => {
    // A child process: the fakes script imports every module of __tests__/fakes/, loader
    // hooks included, which Jest cannot host.
    const dir = mkdtempSync(join(tmpdir(), 'fakes-github-'));
    const envFile = join(dir, 'fakes.env');
    const child = spawn(process.execPath, [SCRIPT, '--quiet', '--env-out', envFile], {
      stdio: 'ignore',
    });
    try {
      const deadline = Date.now() + 15_000;
      while (!existsSync(envFile) && Date.now() < deadline) await sleep(50);
      const env = Object.fromEntries(
        readFileSync(envFile, 'utf8')
          .trim()
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      expect(env.FAKE_GITHUB_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(env.FAKE_GITHUB_REPOSITORY).toBe(GITHUB_REPOSITORY);
      const response = await fetch(
        `${env.FAKE_GITHUB_API_URL}/repos/${env.FAKE_GITHUB_REPOSITORY}/issues/12/comments`,
        { headers: { authorization: `token ${env.FAKE_GITHUB_TOKEN}` } },
      );
      const comments = (await response.json()) as Body[];
      const trusted = comments.filter((c) => c.user.login === ACTIONS_BOT);
      expect(trusted).toHaveLength(1);
      expect(PREVIEW_URL.exec(trusted[0].body)?.slice(1)).toEqual([
        env.FAKE_CONNECT_SERVER,
        env.FAKE_CONNECT_GUID,
        '127016',
      ]);
      expect(comments.find((c) => c.user.login !== ACTIONS_BOT)?.author_association).toBe('NONE');
      // The Connect fake's state stays the one CI and the demo expect: no bundle added.
      const bundles = await fetch(
        `${env.FAKE_CONNECT_SERVER}/__api__/v1/content/${env.FAKE_CONNECT_GUID}/bundles`,
        { headers: { authorization: `Key ${env.FAKE_CONNECT_API_KEY}` } },
      );
      expect(((await bundles.json()) as Body[]).map((b) => b.id)).toEqual(['127015']);
    } finally {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('as a service fake, names the Connect fake it is started after', async () => {
    const connect = await open.keep(startConnect());
    const fake = await open.keep(serviceFake.start({ started: { connect } }));
    expect(serviceFake.env(fake)).toEqual({
      API_URL: fake.url,
      REPOSITORY: GITHUB_REPOSITORY,
      TOKEN: fake.token,
    });
    const alone = await open.keep(serviceFake.start({}));
    expect(alone.calls()).toEqual([]);
    const response = await fetch(`${fake.url}/repos/${GITHUB_REPOSITORY}/issues/12/comments`, {
      headers: { authorization: `Bearer ${fake.token}` },
    });
    expect(((await response.json()) as Body[])[0].body).toContain(
      `${connect.server}/connect/#/apps/${connect.guid}/draft/127016`,
    );
  });
});

describe('fake Posit Connect: bundles', () => {
  async function connect(options: Parameters<typeof startConnect>[0] = {}) {
    const fake = await open.keep(startConnect(options));
    const get = async (path: string) => {
      const response = await fetch(`${fake.server}/__api__/${path}`, {
        headers: { authorization: `Key ${fake.apiKey}` },
      });
      const text = await response.text();
      return {
        response,
        body: (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as Body,
      };
    };
    return { fake, get };
  }

  it("lists the active bundle and its jobs' bundles once, ids as strings, never paged", async () => {
    const { get } = await connect({
      bundle: '127016',
      jobs: [
        { key: 'old1', bundle: '127015' },
        { key: 'old2', bundle: '127015' },
        { key: 'new1', bundle: '127016' },
      ],
    });
    const { response, body } = await get(`v1/content/${CONNECT_GUID}/bundles`);
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toBeNull();
    expect(body.map((b: Body) => [b.id, b.active])).toEqual([
      ['127015', false],
      ['127016', true],
    ]);
    expect(Object.keys(body[0])).toEqual([
      'id',
      'content_guid',
      'created_time',
      'cluster_name',
      'image_name',
      'r_version',
      'r_environment_management',
      'py_version',
      'py_environment_management',
      'quarto_version',
      'active',
      'size',
      'metadata',
    ]);
    expect(body[0].content_guid).toBe(CONNECT_GUID);
    expect(Date.parse(body[0].created_time)).toBeLessThan(Date.parse(body[1].created_time));
    // No deploy metadata: the source fields are null, the archive's hashes are there.
    expect(body[0].metadata).toEqual({
      source: null,
      source_repo: null,
      source_branch: null,
      source_commit: null,
      archive_md5: expect.stringMatching(/^[0-9a-f]{32}$/),
      archive_sha1: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    const one = await get(`v1/content/${CONNECT_GUID}/bundles/127016`);
    expect(one.body).toEqual(body[1]);
    expect((await get(`v1/content/${CONNECT_GUID}/bundles/9`)).response.status).toBe(404);
  });

  it("carries connect-actions' metadata, and a draft newer than the active one runs jobs", async () => {
    const { fake, get } = await connect({
      version: '2025.12.0',
      bundle: '200',
      jobs: [{ key: 'live1', bundle: '200' }],
      bundles: [{ id: '200', metadata: liveMetadata() }],
    });
    const draft = fake.deployDraft({
      metadata: previewMetadata({ number: 12, title: 'New chart' }),
    });
    expect(draft).toEqual({
      id: '201',
      url: `${fake.server}/connect/#/apps/${CONNECT_GUID}/draft/201`,
    });
    fake.addJob({ key: 'preview1', bundle: draft.id });
    const { body } = await get(`v1/content/${CONNECT_GUID}/bundles`);
    expect(body.map((b: Body) => [b.id, b.active])).toEqual([
      ['200', true],
      ['201', false],
    ]);
    expect(body[1].metadata).toEqual(
      expect.objectContaining({
        source: 'github-actions',
        source_pull_request: '12',
        source_branch: 'feature-12',
        source_description: 'New chart (#12)',
        source_commit: expect.stringMatching(/^[0-9a-f]{40}$/),
        archive_md5: expect.any(String),
      }),
    );
    expect(body[0].metadata).not.toHaveProperty('source_pull_request');
    expect(body[0].metadata.source_branch).toBe('main');
    const jobs = (await get(`v1/content/${CONNECT_GUID}/jobs`)).body;
    expect(jobs.find((job: Body) => job.key === 'preview1').bundle_id).toBe('201');
    // Content still names the active bundle; activating the draft moves `active`.
    expect((await get(`v1/content/${CONNECT_GUID}`)).body.bundle_id).toBe('200');
    fake.activateBundle('201');
    expect(fake.bundles().map((b: Body) => b.active)).toEqual([false, true]);
  });

  it('can leave metadata out, delete a bundle, list newest first, and serve other items', async () => {
    const other = '6f0c2d1e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
    const { fake, get } = await connect({
      version: '2025.12.0',
      bundleOrder: 'newest-first',
      bundles: [
        { id: '127020', metadata: 'absent' },
        { id: '127021', deleted: true },
      ],
      items: [
        {
          guid: other,
          bundle: '500',
          jobs: [{ key: 'x1', bundle: '499' }],
          bundles: [{ id: '501', metadata: previewMetadata({ number: 7 }) }],
        },
      ],
    });
    const { body } = await get(`v1/content/${CONNECT_GUID}/bundles`);
    expect(body.map((b: Body) => b.id)).toEqual(['127020', '127015']);
    expect(body[0]).not.toHaveProperty('metadata');
    expect((await get(`v1/content/${CONNECT_GUID}/bundles/127021`)).response.status).toBe(404);
    const theirs = (await get(`v1/content/${other}/bundles`)).body;
    expect(
      theirs.map((b: Body) => [b.id, b.active, b.metadata.source_pull_request ?? null]),
    ).toEqual([
      ['501', false, '7'],
      ['500', true, null],
      ['499', false, null],
    ]);
    expect(fake.deployDraft({}, other).id).toBe('502');
    fake.activateBundle('501', other);
    expect((await get(`v1/content/${other}`)).body.bundle_id).toBe('501');
  });

  it('answers server_settings with the version a test picks, or none; drafts from 2025.06.0', async () => {
    for (const version of ['2025.05.0', '2025.06.0', '2025.12.0']) {
      const { get } = await connect({ version });
      expect((await get('server_settings')).body.version).toBe(version);
    }
    const hidden = await connect({ version: null });
    expect((await hidden.get('server_settings')).body).not.toHaveProperty('version');
    expect(hidden.fake.deployDraft().id).toBe('127016');
    // Before 2025.06.0 there are no drafts; a newer bundle is one rolled back from.
    const older = await connect({ version: '2025.05.1' });
    expect(() => older.fake.deployDraft()).toThrow(/no drafts/);
    older.fake.addBundle({ id: '127016' });
    expect(older.fake.bundles().map((b: Body) => [b.id, b.active])).toEqual([
      ['127015', true],
      ['127016', false],
    ]);
  });

  it('refuses like the rest of the item: 404 on a legacy server, 403 and 404 per item', async () => {
    const legacy = await connect({ legacy: true });
    const bare = await legacy.get(`v1/content/${CONNECT_GUID}/bundles`);
    expect([bare.response.status, bare.body]).toEqual([404, '404 page not found']);
    const guarded = '1a2b3c4d-0000-4000-8000-000000000001';
    const gone = '1a2b3c4d-0000-4000-8000-000000000002';
    const { get } = await connect({
      items: [
        { guid: guarded, refuses: 'forbidden' },
        { guid: gone, refuses: 'gone' },
      ],
    });
    expect((await get(`v1/content/${guarded}/bundles`)).body.code).toBe(22);
    expect((await get(`v1/content/${gone}/bundles`)).body.code).toBe(4);
  });
});
