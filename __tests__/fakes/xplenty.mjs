// A loopback server that behaves like Xplenty's (Integrate.io ETL) jobs API, as captured in
// __tests__/fixtures/xplenty (and described in the project's reference notes): lists embed each
// job's `package` and `cluster` and page with an RFC 8288 `Link` header of absolute URLs. The
// key's user may be a member of several accounts (`GET /accounts`), each with its own jobs under
// `/{account_id}/api/`, all spending the user's one rate budget.
import { readFileSync } from 'node:fs';
import { json, startServer } from './server.mjs';
import { clusterStore } from './xplenty-clusters.mjs';

const fixture = (name) =>
  JSON.parse(readFileSync(new URL(`../fixtures/xplenty/${name}`, import.meta.url), 'utf8'));

export const XPLENTY_ACCOUNT = 'xplenation';
export const XPLENTY_KEY = 'xplenty-fake-api-key-abcdef';

const ACCEPT = /^application\/vnd\.xplenty\+json;\s*version=2$/;
const TERMINAL = new Set(['stopped', 'completed', 'failed']);
const ITEM_NOT_FOUND = { message: 'Item not found.' };
const NOT_STARTED = new Set(['idle', 'pending', 'queued']);

/**
 * @typedef {object} XplentyJobSpec
 * @property {number} id
 * @property {string} [status]       default 'running'
 * @property {number} [package_id]   default 103
 * @property {number} [stopAfterMs]  after DELETE: pending_stoppage, then stopping, then stopped at this time (default 0)
 * @property {string} [finishesAs]   the terminal status it reaches after a stop (default 'stopped')
 * @property {number|null} [startedAgoMs] its `started_at` this long before it was added; null: not
 *           started. Default: null for idle, pending and queued jobs, else the captured time.
 * @property {number} [cluster_id]   default 176
 * @property {string|null} [html_url] its page (default `https://xplenty.com/{account}/jobs/{id}`);
 *           null: the answer has none
 * @property {string[]} [log]        the lines of its log (default: a few lines of a package run)
 */

/**
 * @typedef {object} XplentyAccountSpec  an account of the key besides the main one
 * @property {unknown} account_id     its slug, as URLs name it (a test may give any JSON value)
 * @property {number} [id]            its numeric id (default: its place, from 2)
 * @property {unknown} [name]         default `Account {account_id}`
 * @property {XplentyJobSpec[]} [jobs]
 * @property {import('./xplenty-clusters.mjs').XplentyClusterSpec[]} [clusters]
 */

/**
 * @param {object} [options]
 * @param {string} [options.apiKey]
 * @param {string} [options.account]
 * @param {string} [options.prefix]   a gateway path in front of the API
 * @param {XplentyJobSpec[]} [options.jobs] default: the four captured jobs plus three running ones
 * @param {number} [options.rateLimit]      X-RateLimit-Limit (default 5000)
 * @param {number} [options.rateRemaining]  the budget left at start (default the limit)
 * @param {number} [options.latencyMs]
 * @param {boolean} [options.bom]         every JSON answer starts with a UTF-8 byte order mark
 * @param {boolean} [options.ignoresPackageFilter] behave like a v1 server: no `package_id` filter
 * @param {boolean} [options.ignoresStatusFilter] a proxy that drops `status`: every job, listed under each status
 * @param {number} [options.maxPageSize]   the largest page it gives, whatever `limit` asks (default 100)
 * @param {XplentyAccountSpec[]} [options.accounts] more accounts of the key, after `account`
 * @param {import('./xplenty-clusters.mjs').XplentyClusterSpec[]} [options.clusters] the main
 *        account's clusters (default none)
 */
export async function startXplenty(options = {}) {
  const apiKey = options.apiKey ?? XPLENTY_KEY;
  const account = options.account ?? XPLENTY_ACCOUNT;
  const prefix = options.prefix ?? '';
  const template = fixture('terminate-job-200.json');
  const rate = {
    limit: options.rateLimit ?? 5000,
    remaining: options.rateRemaining ?? options.rateLimit ?? 5000,
  };
  /** @type {Map<number, any>} */
  const jobs = new Map();
  /** Every account of the key, the main one first: its listing entry and its jobs. */
  const accounts = new Map([[account, { id: 1, name: 'Xplenation', jobs, clusters: null }]]);
  /** @param {XplentyJobSpec} spec @param {string} [accountId] the account it is added to */
  const addJob = (spec, accountId = account) => {
    const jobs = /** @type {any} */ (accounts.get(accountId)).jobs;
    const account = accountId;
    const status = spec.status ?? 'running';
    const packageId = spec.package_id ?? 103;
    const clusterId = spec.cluster_id ?? 176;
    const startedAgo =
      spec.startedAgoMs === undefined && NOT_STARTED.has(status) ? null : spec.startedAgoMs;
    const job = {
      ...template,
      id: spec.id,
      status,
      package_id: packageId,
      cluster_id: clusterId,
      started_at:
        startedAgo === undefined
          ? template.started_at
          : startedAgo === null
            ? null
            : new Date(Date.now() - startedAgo).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      created_at: new Date(Date.UTC(2024, 0, 1) + spec.id * 1000).toISOString().replace('.000', ''),
      completed_at: null,
      url: `https://api.xplenty.com/${account}/api/jobs/${spec.id}`,
      ...(spec.html_url === null
        ? {}
        : { html_url: spec.html_url ?? `https://xplenty.com/${account}/jobs/${spec.id}` }),
      package: embeddedPackage(account, packageId),
      cluster: embeddedCluster(account, clusterId),
      stopAfterMs: spec.stopAfterMs ?? 0,
      finishesAs: spec.finishesAs ?? 'stopped',
      stoppedAt: null,
      log: spec.log,
    };
    jobs.set(spec.id, job);
    return job;
  };
  if (options.jobs) for (const spec of options.jobs) addJob(spec);
  else {
    for (const job of fixture('list-jobs.json'))
      jobs.set(job.id, { ...job, stopAfterMs: 0, finishesAs: 'stopped', stoppedAt: null });
    for (const id of [305, 306, 307]) addJob({ id });
  }
  for (const [index, spec] of (options.accounts ?? []).entries()) {
    const name = 'name' in spec ? spec.name : `Account ${spec.account_id}`;
    accounts.set(spec.account_id, {
      id: spec.id ?? index + 2,
      name,
      jobs: new Map(),
      clusters: null,
    });
    for (const job of spec.jobs ?? []) addJob(job, spec.account_id);
  }
  // Each account's clusters follow its jobs as the API shows them.
  for (const [accountId, entry] of accounts) {
    entry.clusters = clusterStore(String(accountId), () => [...entry.jobs.values()].map(current));
  }
  for (const spec of options.clusters ?? []) accounts.get(account).clusters.add(spec);
  for (const spec of options.accounts ?? []) {
    for (const cluster of spec.clusters ?? []) accounts.get(spec.account_id).clusters.add(cluster);
  }

  /** The job as the API shows it now: a stop moves through stopping to its end. */
  const current = (job) => {
    if (job.stoppedAt !== null && !TERMINAL.has(job.status)) {
      const elapsed = Date.now() - job.stoppedAt;
      if (elapsed >= job.stopAfterMs) {
        job.status = job.finishesAs;
        job.completed_at = new Date().toISOString();
      } else if (elapsed > 0) job.status = 'stopping';
    }
    const {
      stopAfterMs: _d,
      finishesAs: _f,
      stoppedAt: _s,
      package: _p,
      cluster: _c,
      log: _l,
      ...visible
    } = job;
    return visible;
  };

  /** `{prefix}/{account_id}/api/{path}`: the account's jobs and the rest of the path; else null. */
  const underAccount = (pathname) => {
    const match = /^\/([^/]+)\/api\/(.*)$/.exec(pathname.slice(prefix.length));
    const found = pathname.startsWith(prefix) && match && accounts.get(match[1]);
    return found
      ? { account: match[1], jobs: found.jobs, clusters: found.clusters, path: match[2] }
      : null;
  };
  const server = await startServer((req, url) => {
    if (req.method === 'GET' && underAccount(url.pathname)?.path === 'rate_limit_status') {
      return rateLimitStatus(req);
    }
    const headers = {};
    if (rate.remaining <= 0) {
      return json(
        429,
        { message: 'Rate Limit Exceeded' },
        { 'x-ratelimit-limit': String(rate.limit), 'x-ratelimit-remaining': '0' },
      );
    }
    rate.remaining--;
    headers['x-ratelimit-limit'] = String(rate.limit);
    headers['x-ratelimit-remaining'] = String(rate.remaining);
    if (!ACCEPT.test(req.headers.accept ?? ''))
      return json(404, { message: 'Not found (missing API version in Accept).' }, headers);
    if (req.headers.authorization !== `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`) {
      return json(401, { message: 'Unauthorized' }, headers);
    }
    if (url.pathname === `${prefix}/accounts` && req.method === 'GET') {
      return listAccounts(url.searchParams, headers);
    }
    const scoped = underAccount(url.pathname);
    if (!scoped) return json(404, ITEM_NOT_FOUND, headers);
    const { path, jobs, account } = scoped;
    if (path === 'jobs' && req.method === 'GET') return list(url.searchParams, headers, scoped);
    if (path === 'clusters' && req.method === 'GET') {
      const { page, more } = scoped.clusters.list(url.searchParams, options.maxPageSize ?? 100);
      if (more) {
        const next = new URLSearchParams(url.searchParams);
        const limit = Math.min(Number(next.get('limit') ?? 20), options.maxPageSize ?? 100);
        next.set('offset', String(Number(next.get('offset') ?? 0) + limit));
        next.set('limit', String(limit));
        headers.link = `<${server.url}${prefix}/${account}/api/clusters?${next}>; rel="next"`;
      }
      return json(200, page, headers);
    }
    const clusterMatch = /^clusters\/(\d+)$/.exec(path);
    if (clusterMatch) {
      const id = Number(clusterMatch[1]);
      if (!scoped.clusters.has(id)) return json(404, ITEM_NOT_FOUND, headers);
      if (req.method === 'GET') return json(200, scoped.clusters.current(id), headers);
      if (req.method !== 'DELETE') return json(405, { message: 'Method not allowed' }, headers);
      const answer = scoped.clusters.terminate(id);
      return json(answer.status, answer.body, headers);
    }
    const match = /^jobs\/(\d+)(\/log)?$/.exec(path);
    if (!match) return json(404, ITEM_NOT_FOUND, headers);
    const job = jobs.get(Number(match[1]));
    if (!job) return json(404, ITEM_NOT_FOUND, headers);
    if (match[2] !== undefined) {
      if (req.method !== 'GET') return json(405, { message: 'Method not allowed' }, headers);
      // "Get Job Log Summary": the log in one string, and the log's own API URL.
      const body = (job.log ?? defaultLog(job)).join('\n');
      return json(
        200,
        { body, url: `https://api.xplenty.com/${account}/api/jobs/${job.id}/log` },
        headers,
      );
    }
    if (req.method === 'GET') return json(200, current(job), headers);
    if (req.method !== 'DELETE') return json(405, { message: 'Method not allowed' }, headers);
    const now = current(job);
    // Undocumented by the API; the Python client's tests say a validation error.
    if (TERMINAL.has(now.status))
      return json(422, { message: `Job cannot be stopped: it is ${now.status}.` }, headers);
    if (job.stoppedAt === null) {
      job.stoppedAt = Date.now();
      job.status = 'pending_stoppage';
      // The answer to the DELETE itself always shows the stop as just requested.
      return json(200, { ...current(job), status: 'pending_stoppage' }, headers);
    }
    return json(200, now, headers);
  }, options);

  /** `GET rate_limit_status`: the budget, free of charge (it spends no credit). */
  function rateLimitStatus(req) {
    const headers = {
      'x-ratelimit-limit': String(rate.limit),
      'x-ratelimit-remaining': String(Math.max(0, rate.remaining)),
    };
    if (req.headers.authorization !== `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`) {
      return json(401, { message: 'Unauthorized' }, headers);
    }
    return json(
      200,
      { limits: { limit: rate.limit, remaining: Math.max(0, rate.remaining) } },
      headers,
    );
  }

  /** GET /accounts?sort=&direction=&offset=&limit=: the key's accounts, in the order added. */
  function listAccounts(query, headers) {
    const limit = Math.min(Number(query.get('limit') ?? 20), options.maxPageSize ?? 100);
    const offset = Number(query.get('offset') ?? 0);
    const all = [...accounts.entries()].map(([accountId, { id, name, jobs }]) => {
      const running = [...jobs.values()].filter((job) => current(job).status === 'running');
      return {
        id,
        account_id: accountId,
        name,
        uname: `u_${id}`,
        region: 'amazon-web-services::us-east-1',
        created_at: '2015-02-04T12:51:04Z',
        updated_at: '2015-02-04T12:51:04Z',
        role: 'member',
        jobs_count: jobs.size,
        running_jobs_count: running.length,
        url: `https://api.xplenty.com/accounts/${accountId}`,
      };
    });
    if (query.get('direction') === 'desc') all.reverse();
    if (offset + limit < all.length) {
      const next = new URLSearchParams(query);
      next.set('offset', String(offset + limit));
      headers.link = `<${server.url}${prefix}/accounts?${next}>; rel="next"`;
    }
    return json(200, all.slice(offset, offset + limit), headers);
  }

  /** GET jobs?status=&package_id=&sort=&direction=&offset=&limit= */
  function list(query, headers, { jobs, account }) {
    const limit = Math.min(Number(query.get('limit') ?? 20), options.maxPageSize ?? 100);
    const offset = Number(query.get('offset') ?? 0);
    const status = query.get('status') ?? 'all';
    const packageId = query.get('package_id');
    const direction = query.get('direction') ?? 'desc';
    let all = [...jobs.values()].map(current);
    if (status !== 'all' && !options.ignoresStatusFilter) {
      all = all.filter((job) => job.status === status);
    }
    if (packageId && !options.ignoresPackageFilter) {
      all = all.filter((job) => Number(job.package_id) === Number(packageId));
    }
    all.sort((a, b) => (a.created_at < b.created_at ? -1 : 1) * (direction === 'asc' ? 1 : -1));
    const page = all.slice(offset, offset + limit).map((job) => {
      const { package: pkg, cluster } = jobs.get(job.id);
      return { ...job, package: pkg, cluster };
    });
    const links = [];
    if (offset + limit < all.length)
      links.push(pageLink(query, offset + limit, limit, 'next', account));
    if (offset > 0)
      links.push(pageLink(query, Math.max(0, offset - limit), limit, 'prev', account));
    if (links.length > 0) headers.link = links.join(', ');
    return json(200, page, headers);
  }

  /** One entry of the `Link` header: the same list at another offset, as an absolute URL. */
  function pageLink(query, offset, limit, rel, account) {
    const target = new URLSearchParams(query);
    target.set('offset', String(offset));
    target.set('limit', String(limit));
    return `<${server.url}${prefix}/${account}/api/jobs?${target}>; rel="${rel}"`;
  }

  return {
    ...server,
    vendor: 'xplenty',
    target: account,
    apiKey,
    account,
    rate,
    /** The `server` input as a user would give it. */
    server: `${server.url}${prefix}`,
    addJob,
    /** @param {number} id @param {string} [accountId] default: the main account */
    cluster: (id, accountId = account) => accounts.get(accountId)?.clusters.current(id),
    /** @param {number} id @param {string} status @param {string} [accountId] */
    setClusterStatus: (id, status, accountId = account) =>
      accounts.get(accountId)?.clusters.force(id, status),
    /** @param {number} id @param {string} [accountId] default: the main account */
    job: (id, accountId = account) => {
      const job = accounts.get(accountId)?.jobs.get(id);
      return job && current(job);
    },
  };
}

/** The package a list embeds in each job (the job's own GET does not). */
function embeddedPackage(account, id) {
  return {
    id,
    name: `Nightly load ${id}`,
    description: "Loads the day's orders into the warehouse.",
    variables: {},
    owner_id: 12,
    created_at: '2023-09-14T10:02:11Z',
    updated_at: '2024-02-20T08:45:00Z',
    url: `https://api.xplenty.com/${account}/api/packages/${id}`,
    status: 'active',
  };
}

/** The cluster a list embeds in each job. */
function embeddedCluster(account, id) {
  return {
    id,
    name: `etl-cluster-${id}`,
    description: 'Shared ETL cluster',
    status: 'available',
    owner_id: 12,
    plan_id: 3,
    nodes: 4,
    type: 'production',
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:05:00Z',
    available_since: '2024-01-01T00:05:00Z',
    terminated_at: null,
    running_jobs_count: 1,
    queued_jobs_count: 0,
    terminate_on_idle: true,
    time_to_idle: 3600,
    terminated_on_idle: false,
    region: 'amazon-web-services::us-east-1',
    zone: 'us-east-1a',
    master_instance_type: 'm5.xlarge',
    slave_instance_type: 'm5.xlarge',
    url: `https://api.xplenty.com/${account}/api/clusters/${id}`,
    html_url: `https://xplenty.com/${account}/clusters/${id}`,
  };
}

/** Jobs `npm run fakes` adds to the captured ones: running, stopping a while after a kill. */
export const XPLENTY_RUNNING = { 103: [305, 306, 307], 104: [310, 311] };

/**
 * This fake as `npm run fakes` and the demo start and describe it (scripts/fakes.mjs finds it
 * here, as it finds every fake of this folder that exports one).
 */
export const vendorFake = {
  /** Its short name: `--port-xplenty`, `FAKE_XPLENTY_*`, `fakes.xplenty`. */
  id: 'xplenty',
  title: 'Xplenty',
  /** The captured jobs (all ended) and the running ones of XPLENTY_RUNNING. */
  start: async ({ port, stopAfterMs }) => {
    const fake = await startXplenty({ port });
    for (const [packageId, ids] of Object.entries(XPLENTY_RUNNING)) {
      for (const id of ids) fake.addJob({ id, package_id: Number(packageId), stopAfterMs });
    }
    return fake;
  },
  env: (fake) => ({ SERVER: fake.server, ACCOUNT: fake.account, API_KEY: fake.apiKey }),
  facts: (fake, stopAfterMs) => [
    ['account', fake.account],
    ['API key', fake.apiKey],
    [
      'jobs',
      `${XPLENTY_RUNNING[103].join(', ')} running (package 103); ${XPLENTY_RUNNING[104].join(', ')} running (package 104);`,
    ],
    [
      '',
      `each stops ${stopAfterMs / 1000} s after its kill order; 304, 303 failed, 299 stopped, 157 completed`,
    ],
    ['rate limit', `${fake.rate.remaining} of ${fake.rate.limit} calls left`],
  ],
  example: (fake) => ({
    does: "terminate package 104's running jobs and wait until they stopped",
    env: {
      INPUT_SERVER: fake.server,
      XPLENTY_API_KEY: fake.apiKey,
      INPUT_VENDOR: 'xplenty',
      INPUT_TARGET: fake.account,
      INPUT_KEYS: 'all',
      'INPUT_PACKAGE-ID': '104',
      INPUT_WAIT: 'true',
      'INPUT_POLL-INTERVAL': '0.5',
    },
  }),
};

/** What a fake job logs when a test gives nothing: a package run in progress. */
function defaultLog(job) {
  return [
    `Job ${job.id} of package ${job.package_id} submitted to cluster ${job.cluster_id}`,
    'Reading source: orders (s3://warehouse-in/orders/)',
    'Joining orders with customers',
    `Writing to destination: warehouse.orders_daily (progress ${Math.round((job.progress ?? 0) * 100)} %)`,
  ];
}
