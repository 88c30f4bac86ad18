// A loopback stand-in for the GitHub REST API, the part a run reaches through GITHUB_API_URL
// with the job's token: a repository's pull requests and issue comments (the deploy comments
// posit-dev/connect-actions leaves on a pull request's preview), paged with per_page, page and
// a `Link` header, with the 401, 403, 404 and 429 answers GitHub gives.
import { randomBytes } from 'node:crypto';
import { json, startServer } from './server.mjs';

export const GITHUB_REPOSITORY = 'octo-org/deploy-app';
/** The repository's numeric id: GitHub's `Link` URLs name it, not owner/name. */
export const GITHUB_REPOSITORY_ID = 7654321;
/** The author of comments made with a workflow's default token. */
export const ACTIONS_BOT = 'github-actions[bot]';
/** What connect-actions' deploy and cleanup look for in a comment, besides the preview URL. */
export const PREVIEW_MARKER = 'Preview deployed to Connect';

const DOCS = 'https://docs.github.com/rest';
const NOT_FOUND = { message: 'Not Found', documentation_url: DOCS, status: '404' };
const BAD_CREDENTIALS = { message: 'Bad credentials', documentation_url: DOCS, status: '401' };
/** A job token without the permission the endpoint needs. */
const NOT_ACCESSIBLE = {
  message: 'Resource not accessible by integration',
  documentation_url: `${DOCS}/issues/comments#list-issue-comments-for-a-repository`,
  status: '403',
};

/**
 * @typedef {object} PullSpec
 * @property {number} number
 * @property {'open'|'closed'} [state]   default open
 * @property {string} [title]            default `Change {number}`
 * @property {string} [branch]           its head ref (default `feature-{number}`)
 * @property {string} [sha]              its head commit (default 40 hex digits from the number)
 * @property {string} [author]           default `octocat`
 * @property {boolean} [merged]          closed by a merge (merged_at set)
 */

/**
 * @typedef {object} CommentSpec
 * @property {number} issue              the pull request (or issue) it is on
 * @property {string} body
 * @property {string} [login]            its author (default ACTIONS_BOT)
 * @property {'OWNER'|'MEMBER'|'COLLABORATOR'|'CONTRIBUTOR'|'FIRST_TIME_CONTRIBUTOR'|'FIRST_TIMER'|'MANNEQUIN'|'NONE'} [association]
 *           its `author_association` (default NONE, what the bot's comments carry)
 * @property {number} [agoMs]            created this long before it was added (default 0)
 */

/**
 * @param {object} [options]
 * @param {string} [options.token]       the token it accepts (default a fresh `ghs_…`)
 * @param {string} [options.repository]  owner/name (default GITHUB_REPOSITORY)
 * @param {PullSpec[]} [options.pulls]
 * @param {CommentSpec[]} [options.comments]
 * @param {boolean} [options.public]     a public repository: reads without a token are answered
 *        (else 404, as GitHub hides a private repository from anonymous readers)
 * @param {Array<'pulls'|'comments'>} [options.forbidden] what the token may not read: 403
 *        "Resource not accessible by integration" (a job without `pull-requests: read`)
 * @param {'repositories'|'repos'} [options.linkStyle] how `Link` URLs name the repository:
 *        `/repositories/{id}/…` as GitHub writes them (default), or `/repos/{owner}/{name}/…`
 * @param {string} [options.apiPrefix] a path the API is served under, as GitHub Enterprise
 *        Server's `/api/v3` (default none): GITHUB_API_URL is then the URL with it
 * @param {string} [options.linkBase]  where `Link` URLs point (default the fake's own URL): a
 *        server or proxy that names the next page on another host, or outside the API's path
 * @param {number} [options.rateLimit]   X-RateLimit-Limit (default 5000)
 * @param {number} [options.port]
 * @param {number} [options.latencyMs]
 */
export async function startGitHub(options = {}) {
  const token = options.token ?? `ghs_${randomBytes(18).toString('hex')}`;
  const repository = options.repository ?? GITHUB_REPOSITORY;
  const forbidden = new Set(options.forbidden ?? []);
  const rate = { limit: options.rateLimit ?? 5000, used: 0 };
  /** @type {Map<number, any>} */
  const pulls = new Map();
  /** @type {any[]} */
  const comments = [];
  let nextCommentId = 2_400_000_001;

  /** @param {PullSpec} spec */
  const addPull = (spec) => {
    const created = new Date(Date.UTC(2026, 11, 1) + spec.number * 3_600_000).toISOString();
    const closed = spec.state === 'closed' ? new Date().toISOString() : null;
    const sha = spec.sha ?? String(spec.number).padStart(8, '0').repeat(5).slice(0, 40);
    const author = user(spec.author ?? 'octocat');
    const pull = {
      url: `${api}/repos/${repository}/pulls/${spec.number}`,
      id: 1_900_000_000 + spec.number,
      html_url: `https://github.com/${repository}/pull/${spec.number}`,
      issue_url: `${api}/repos/${repository}/issues/${spec.number}`,
      comments_url: `${api}/repos/${repository}/issues/${spec.number}/comments`,
      number: spec.number,
      state: spec.state ?? 'open',
      locked: false,
      title: spec.title ?? `Change ${spec.number}`,
      user: author,
      body: null,
      created_at: created,
      updated_at: closed ?? created,
      closed_at: closed,
      merged_at: spec.merged ? closed : null,
      draft: false,
      head: {
        label: `${author.login}:${spec.branch ?? `feature-${spec.number}`}`,
        ref: spec.branch ?? `feature-${spec.number}`,
        sha,
      },
      base: { label: `${repository.split('/')[0]}:main`, ref: 'main', sha: 'b'.repeat(40) },
      author_association: 'MEMBER',
    };
    pulls.set(spec.number, pull);
    return pull;
  };

  /** @param {CommentSpec} spec */
  const addComment = (spec) => {
    const id = nextCommentId++;
    const at = new Date(Date.now() - (spec.agoMs ?? 0)).toISOString();
    const login = spec.login ?? ACTIONS_BOT;
    const comment = {
      url: `${api}/repos/${repository}/issues/comments/${id}`,
      html_url: `https://github.com/${repository}/pull/${spec.issue}#issuecomment-${id}`,
      issue_url: `${api}/repos/${repository}/issues/${spec.issue}`,
      id,
      node_id: `IC_kwDO${Buffer.from(String(id)).toString('base64url')}`,
      user: user(login),
      created_at: at,
      updated_at: at,
      author_association: spec.association ?? 'NONE',
      body: spec.body,
      performed_via_github_app:
        login === ACTIONS_BOT ? { id: 15368, slug: 'github-actions' } : null,
    };
    comments.push(comment);
    return comment;
  };

  /** A comment edited in place (what the deploy does on the next push). */
  const editComment = (id, body) => {
    const comment = comments.find((c) => c.id === id);
    if (!comment) throw new Error(`no comment ${id}`);
    comment.body = body;
    comment.updated_at = new Date().toISOString();
    return comment;
  };

  const prefix = options.apiPrefix ?? '';
  /** The path under the API's prefix; null outside it. @param {URL} url */
  const apiPath = (url) =>
    url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : null;
  const [owner, name] = repository.split('/');
  const repoPaths = [`/repos/${owner}/${name}/`, `/repositories/${GITHUB_REPOSITORY_ID}/`];
  let api = '';

  const server = await startServer((req, url) => {
    const pathname = apiPath(url);
    const base = repoPaths.find((path) => pathname?.startsWith(path));
    if (pathname === null || !base) return answer(404, NOT_FOUND);
    const rest = pathname.slice(base.length).replace(/\/$/, '');
    const authorization = req.headers.authorization;
    if (authorization !== undefined && !/^(?:token|Bearer) /i.test(authorization))
      return answer(401, BAD_CREDENTIALS);
    const given = authorization?.replace(/^(?:token|Bearer) /i, '');
    if (given !== undefined && given !== token) return answer(401, BAD_CREDENTIALS);
    if (given === undefined && !options.public) return answer(404, NOT_FOUND);
    if (req.method !== 'GET') return answer(404, NOT_FOUND);

    if (rest === 'pulls') {
      if (forbidden.has('pulls')) return refuse('pull_requests=read');
      const state = url.searchParams.get('state') ?? 'open';
      const all = [...pulls.values()]
        .filter((pull) => state === 'all' || pull.state === state)
        .sort((a, b) => b.number - a.number);
      return page(url, all);
    }
    const own = /^issues\/(\d+)\/comments$/.exec(rest);
    if (own || rest === 'issues/comments') {
      if (forbidden.has('comments')) return refuse('issues=read; pull_requests=read');
      const since = url.searchParams.get('since');
      const listed = comments
        .filter((comment) => !own || comment.issue_url.endsWith(`/issues/${own[1]}`))
        .filter((comment) => !since || comment.updated_at >= since);
      if (own && !pulls.has(Number(own[1])) && listed.length === 0) return answer(404, NOT_FOUND);
      return page(url, listed);
    }
    return answer(404, NOT_FOUND);
  }, options);
  api = `${server.url}${prefix}`;

  /** Every answer counts against the rate limit and says so, as GitHub's do. */
  const answer = (status, body, headers = {}) => {
    rate.used += 1;
    return json(status, body, {
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': String(rate.limit),
      'x-ratelimit-remaining': String(Math.max(0, rate.limit - rate.used)),
      'x-ratelimit-used': String(rate.used),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...headers,
    });
  };
  const refuse = (permissions) =>
    answer(403, NOT_ACCESSIBLE, { 'x-accepted-github-permissions': permissions });

  /**
   * One page of `items`: per_page (default 30, at most 100) from page (default 1), and a
   * `Link` header with prev, next, last and first as GitHub orders them, keeping the query.
   */
  const page = (url, items) => {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page')) || 30));
    const number = Math.max(1, Number(url.searchParams.get('page')) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n) => {
      const target = new URL(url.href);
      target.searchParams.set('page', String(n));
      const path =
        options.linkStyle === 'repos'
          ? apiPath(url)
          : String(apiPath(url)).replace(
              /^\/repos\/[^/]+\/[^/]+\//,
              `/repositories/${GITHUB_REPOSITORY_ID}/`,
            );
      return `<${options.linkBase ?? api}${path}?${target.searchParams}>`;
    };
    const rels = [];
    if (number > 1) rels.push(`${link(Math.min(number - 1, last))}; rel="prev"`);
    if (number < last) rels.push(`${link(number + 1)}; rel="next"`, `${link(last)}; rel="last"`);
    if (number > 1) rels.push(`${link(1)}; rel="first"`);
    const body = items.slice((number - 1) * perPage, number * perPage);
    return answer(200, body, rels.length > 0 ? { link: rels.join(', ') } : {});
  };

  for (const spec of options.pulls ?? []) addPull(spec);
  for (const spec of options.comments ?? []) addComment(spec);

  return {
    ...server,
    token,
    repository,
    rate,
    addPull,
    addComment,
    editComment,
    /** @param {number} number */
    closePull: (number) => {
      const pull = pulls.get(number);
      if (!pull) throw new Error(`no pull request ${number}`);
      pull.state = 'closed';
      pull.closed_at = pull.updated_at = new Date().toISOString();
    },
    /**
     * GitHub's rate limit for the next `times` requests (matching `path` if given): 429 (or
     * 403, GitHub's other answer for it) with `Retry-After`, the secondary limit's message.
     * @param {{ times?: number, retryAfter?: number, status?: 403|429, path?: string|RegExp }} [limit]
     */
    limit: (limit = {}) =>
      server.inject({
        kind: 'status',
        status: limit.status ?? 429,
        times: limit.times ?? 1,
        path: limit.path,
        headers: {
          'retry-after': String(limit.retryAfter ?? 1),
          'x-ratelimit-limit': String(rate.limit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + (limit.retryAfter ?? 1)),
        },
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
          status: String(limit.status ?? 429),
        },
      }),
    /** What each request was: method, path, query and the Authorization it carried. */
    calls: () =>
      server.requests.map((request) => ({
        method: request.method,
        path: request.path,
        query: request.query.toString(),
        authorization: request.headers.authorization ?? null,
      })),
    /** What a runner sets for a step that reaches this API. */
    env: {
      GITHUB_API_URL: api,
      GITHUB_REPOSITORY: repository,
      GITHUB_TOKEN: token,
    },
  };
}

/** @param {string} login */
function user(login) {
  const bot = login.endsWith('[bot]');
  return {
    login,
    id: bot ? 41898282 : 583231,
    type: bot ? 'Bot' : 'User',
    site_admin: false,
  };
}

/**
 * A deploy comment in the shape connect-actions' deploy writes for a pull request's draft
 * (deploy/action.yml, "Comment preview URL on PR"): the preview URL of the newest draft, the
 * short commit, and the hidden list of every bundle the pull request deployed to this item.
 * @param {object} preview
 * @param {string} preview.server   the Connect server URL, subpath included, no trailing `/`
 * @param {string} preview.guid     the content item
 * @param {string[]} preview.bundles every draft bundle id, oldest first; the URL names the last
 * @param {string} [preview.sha]    the head commit (default 40 hex digits)
 */
export function previewComment(preview) {
  const newest = preview.bundles[preview.bundles.length - 1];
  const url = `${preview.server}/connect/#/apps/${preview.guid}/draft/${newest}`;
  const host = new URL(url).host;
  const short = (preview.sha ?? 'd'.repeat(40)).slice(0, 7);
  return `**${PREVIEW_MARKER}** (\`${host}\`): [${url}](${url})\n\nDeployed from commit ${short}.\n<!-- preview-bundles:${preview.bundles.join(',')} -->`;
}

/**
 * The requests (of any fake: its `requests`) that carried `secret` anywhere: a header, the
 * path or query, the body. For "the token is sent only to GITHUB_API_URL".
 * @param {import('./server.mjs').LoggedRequest[]} requests
 * @param {string} secret
 */
export function requestsCarrying(requests, secret) {
  return requests.filter(
    (request) =>
      JSON.stringify(request.headers).includes(secret) ||
      request.path.includes(secret) ||
      request.query.toString().includes(secret) ||
      request.body.includes(secret),
  );
}

/** The pull request `npm run fakes` serves: an open one with a draft on the fake Connect. */
const DEMO_PULL = 12;
const DEMO_DRAFTS = ['127016'];

/**
 * This fake as `npm run fakes` and the demo start and describe it (scripts/fakes.mjs finds it
 * here): pull request #12 open, with the deploy's comment naming a draft of the fake Connect's
 * content (when that fake was started first) and one planted by an outsider.
 */
export const serviceFake = {
  /** Its short name: `--port-github`, `FAKE_GITHUB_*`, `fakes.github`. */
  id: 'github',
  title: 'GitHub API',
  /** @param {{ port?: number, started?: Record<string, any> }} options */
  start: async ({ port, started }) => {
    const fake = await startGitHub({ port, pulls: [{ number: DEMO_PULL, title: 'New chart' }] });
    const connect = started?.connect;
    if (connect) {
      fake.addComment({
        issue: DEMO_PULL,
        body: previewComment({ server: connect.server, guid: connect.guid, bundles: DEMO_DRAFTS }),
      });
      fake.addComment({
        issue: DEMO_PULL,
        login: 'drive-by',
        association: 'NONE',
        body: previewComment({
          server: connect.server,
          guid: connect.guid,
          bundles: ['127015'],
        }),
      });
    }
    return fake;
  },
  /** What the runner sets, without the FAKE_GITHUB_ prefix. */
  env: (fake) => ({ API_URL: fake.url, REPOSITORY: fake.repository, TOKEN: fake.token }),
  facts: (fake) => [
    ['GITHUB_API_URL', fake.url],
    ['GITHUB_REPOSITORY', fake.repository],
    ['token', fake.token],
    [
      'pull requests',
      `#${DEMO_PULL} open: the deploy's preview comment (draft ${DEMO_DRAFTS.join(', ')}), and an outsider's`,
    ],
    ['', 'set FAKE_GITHUB_API_URL, FAKE_GITHUB_REPOSITORY and FAKE_GITHUB_TOKEN as'],
    ['', 'GITHUB_API_URL, GITHUB_REPOSITORY and the github-token input'],
  ],
};
