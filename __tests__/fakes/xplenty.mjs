// A loopback server that behaves like Xplenty's (Integrate.io ETL) jobs API, as captured in
// __tests__/fixtures/xplenty (and described in the project's reference notes).
import { readFileSync } from 'node:fs';
import { json, startServer } from './server.mjs';

const fixture = (name) =>
  JSON.parse(readFileSync(new URL(`../fixtures/xplenty/${name}`, import.meta.url), 'utf8'));

export const XPLENTY_ACCOUNT = 'xplenation';
export const XPLENTY_KEY = 'xplenty-fake-api-key-abcdef';

const ACCEPT = /^application\/vnd\.xplenty\+json;\s*version=2$/;
const TERMINAL = new Set(['stopped', 'completed', 'failed']);
const ITEM_NOT_FOUND = { message: 'Item not found.' };

/**
 * @typedef {object} XplentyJobSpec
 * @property {number} id
 * @property {string} [status]       default 'running'
 * @property {number} [package_id]   default 103
 * @property {number} [stopAfterMs]  after DELETE: pending_stoppage, then stopping, then stopped at this time (default 0)
 * @property {string} [finishesAs]   the terminal status it reaches after a stop (default 'stopped')
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
 * @param {boolean} [options.ignoresPackageFilter] behave like a v1 server: no `package_id` filter
 * @param {number} [options.maxPageSize]   the largest page it gives, whatever `limit` asks (default 100)
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
  /** @param {XplentyJobSpec} spec */
  const addJob = (spec) => {
    const job = {
      ...template,
      id: spec.id,
      status: spec.status ?? 'running',
      package_id: spec.package_id ?? 103,
      created_at: new Date(Date.UTC(2024, 0, 1) + spec.id * 1000).toISOString().replace('.000', ''),
      completed_at: null,
      url: `https://api.xplenty.com/${account}/api/jobs/${spec.id}`,
      stopAfterMs: spec.stopAfterMs ?? 0,
      finishesAs: spec.finishesAs ?? 'stopped',
      stoppedAt: null,
    };
    jobs.set(spec.id, job);
    return job;
  };
  if (options.jobs) options.jobs.forEach(addJob);
  else {
    for (const job of fixture('list-jobs.json'))
      jobs.set(job.id, { ...job, stopAfterMs: 0, finishesAs: 'stopped', stoppedAt: null });
    for (const id of [305, 306, 307]) addJob({ id });
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
      ...visible
    } = job;
    return visible;
  };

  const api = `${prefix}/${account}/api/`;
  const server = await startServer((req, url) => {
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
    if (!url.pathname.startsWith(api)) return json(404, ITEM_NOT_FOUND, headers);
    const path = url.pathname.slice(api.length);
    if (path === 'jobs' && req.method === 'GET') return list(url.searchParams, headers, req);
    const match = /^jobs\/(\d+)$/.exec(path);
    if (!match) return json(404, ITEM_NOT_FOUND, headers);
    const job = jobs.get(Number(match[1]));
    if (!job) return json(404, ITEM_NOT_FOUND, headers);
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

  /** GET jobs?status=&package_id=&sort=&direction=&offset=&limit= */
  function list(query, headers, req) {
    const limit = Math.min(Number(query.get('limit') ?? 20), options.maxPageSize ?? 100);
    const offset = Number(query.get('offset') ?? 0);
    const status = query.get('status') ?? 'all';
    const packageId = query.get('package_id');
    const direction = query.get('direction') ?? 'desc';
    let all = [...jobs.values()].map(current);
    if (status !== 'all') all = all.filter((job) => job.status === status);
    if (packageId && !options.ignoresPackageFilter) {
      all = all.filter((job) => Number(job.package_id) === Number(packageId));
    }
    all.sort((a, b) => (a.created_at < b.created_at ? -1 : 1) * (direction === 'asc' ? 1 : -1));
    const page = all.slice(offset, offset + limit);
    if (offset + limit < all.length) {
      // As the v2 API does: absolute URLs, the filters kept, the offset moved.
      const next = new URLSearchParams(query);
      next.set('offset', String(offset + limit));
      next.set('limit', String(limit));
      headers.link = `<http://${req.headers.host}${api}jobs?${next}>; rel="next"`;
    }
    if (offset > 0) {
      const prev = new URLSearchParams(query);
      prev.set('offset', String(Math.max(0, offset - limit)));
      const link = `<http://${req.headers.host}${api}jobs?${prev}>; rel="prev"`;
      headers.link = headers.link ? `${headers.link}, ${link}` : link;
    }
    return json(200, page, headers);
  }

  return {
    ...server,
    apiKey,
    account,
    rate,
    /** The `server` input as a user would give it. */
    server: `${server.url}${prefix}`,
    addJob,
    /** @param {number} id */
    job: (id) => {
      const job = jobs.get(id);
      return job && current(job);
    },
  };
}
