// The wait reads lists where they cost fewer requests than one poll per job: one content
// item's jobs on Connect, the waited-on statuses on Xplenty. Real HTTP against the fakes.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { HttpClient } from '../../src/http/client.js';
import type { Log } from '../../src/shared/log.js';
import { terminateJobs } from '../../src/execute/terminate.js';
import { waitForJobs } from '../../src/execute/wait.js';
import { ConnectJobs } from '../../src/vendors/connect/index.js';
import type { JobRow } from '../../src/shared/rows.js';
import type { JobVendor } from '../../src/vendors/vendor.js';
import { XplentyJobs } from '../../src/vendors/xplenty/index.js';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';
import { connectTarget, connectHttp, xplentyHttp } from '../helpers/clients.js';

const open = openSet();
afterEach(open.closeAll);

const lines: string[] = [];
const log: Log = { info: (m) => lines.push(m) };
const never = new AbortController().signal;

interface Logged {
  method: string;
  path: string;
  query: URLSearchParams;
  at: number;
}

/** Kill orders for `keys` (or every active job), then a wait; the requests of the wait. */
async function killAndWait<Row extends JobRow>(
  vendor: JobVendor<Row>,
  http: HttpClient,
  server: { requests: Logged[] },
  keys: string[] | 'all',
  wait: { timeoutMs: number; intervalMs: number },
) {
  const plan = { all: keys === 'all', keys: keys === 'all' ? [] : keys };
  const { rows } = await terminateJobs(
    vendor,
    { ...plan, dryRun: false, concurrency: 8 },
    log,
    never,
  );
  const before = server.requests.length;
  const { rows: final } = await waitForJobs(
    vendor,
    rows,
    { ...wait, concurrency: 8 },
    http.gate,
    log,
    never,
  );
  return { rows: final, requests: server.requests.slice(before) };
}

const keys = (n: number, prefix = 'listJob') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(8, '0')}`);

async function connectFake(options: Parameters<typeof startConnect>[0]) {
  const server = await open.keep(startConnect(options));
  const http = connectHttp(server, { connections: 8, timeoutMs: 2000 });
  return {
    server,
    http,
    vendor: new ConnectJobs(http, { target: connectTarget(server.guid), wait: true }),
  };
}

async function xplentyFake(options: Parameters<typeof startXplenty>[0]) {
  const server = await open.keep(startXplenty(options));
  const http = xplentyHttp(server, { connections: 8, timeoutMs: 2000 });
  return { server, http, vendor: new XplentyJobs(http, { wait: true }) };
}

describe('waiting for Connect jobs by list', () => {
  it('reads the content item once per round, not each job, and ends every row as a poll would', async () => {
    const { server, http, vendor } = await connectFake({
      jobs: keys(30).map((key) => ({ key, stopAfterMs: 400 })),
    });
    const { rows, requests } = await killAndWait(vendor, http, server, keys(30), {
      timeoutMs: 5000,
      intervalMs: 150,
    });
    expect(rows.every((row) => row.outcome === 'ended' && row.status === 2)).toBe(true);
    expect(rows[0]).toEqual({
      status: 2,
      app_id: 52389,
      app_guid: server.guid,
      job_key: 'listJob00000000',
      job_id: expect.any(String),
      result: 'Order to kill job registered',
      code: null,
      error: null,
      outcome: 'ended',
      page_url: expect.stringContaining('logKey=listJob00000000'),
    });
    const lists = requests.filter((r) => r.path.endsWith('/jobs'));
    expect(lists.length).toBe(requests.length);
    // 400 ms at one list per 150 ms: 3 to 5 rounds, never 30 requests a round.
    expect(lists.length).toBeGreaterThanOrEqual(3);
    expect(lists.length).toBeLessThanOrEqual(6);
    // Paced, not back to back: the rounds are spaced from when each list is sent, but these
    // are arrival times at the fake, and each carries its own request's delay (tens of ms on
    // a loaded CI machine; a CI run saw 131 ms). Rounds without pacing arrive a few ms apart.
    const gaps = lists.slice(1).map((r, i) => r.at - (lists[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
  });

  it('polls a job the list leaves out on its own, from then on', async () => {
    const { server, http, vendor } = await connectFake({
      jobs: [
        ...keys(5).map((key) => ({ key, stopAfterMs: 300 })),
        { key: 'hiddenJob0000001', stopAfterMs: 600, unlisted: true },
      ],
    });
    const { rows, requests } = await killAndWait(
      vendor,
      http,
      server,
      [...keys(5), 'hiddenJob0000001'],
      { timeoutMs: 5000, intervalMs: 100 },
    );
    expect(rows.map((row) => row.outcome)).toEqual(Array(6).fill('ended'));
    const own = requests.filter((r) => r.path.endsWith('/jobs/hiddenJob0000001'));
    const others = requests.filter((r) => /\/jobs\/listJob/.test(r.path));
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(others).toEqual([]);
    // Listed once with the others, then only on its own.
    const lists = requests.filter((r) => r.path.endsWith('/jobs'));
    expect(lists.length).toBeLessThanOrEqual(5);
  });

  it('polls two jobs of a long list one by one once it knows the length', async () => {
    const finished = keys(250, 'doneJob').map((key) => ({ key, status: 2 }));
    const { server, http, vendor } = await connectFake({
      jobs: [...finished, ...keys(2).map((key) => ({ key, stopAfterMs: 500 }))],
    });
    const { rows, requests } = await killAndWait(vendor, http, server, keys(2), {
      timeoutMs: 5000,
      intervalMs: 100,
    });
    expect(rows.map((row) => row.outcome)).toEqual(['ended', 'ended']);
    // A list of 252 jobs weighs 3 requests: more than the 2 polls it would spare.
    expect(requests.filter((r) => r.path.endsWith('/jobs')).length).toBe(1);
    expect(requests.filter((r) => /\/jobs\/listJob/.test(r.path)).length).toBeGreaterThanOrEqual(6);
  });

  it('knows the length from the kill phase: `keys: all` on a long list never lists again', async () => {
    const finished = keys(250, 'doneJob').map((key) => ({ key, status: 2 }));
    const { server, http, vendor } = await connectFake({
      jobs: [...finished, ...keys(2).map((key) => ({ key, stopAfterMs: 300 }))],
    });
    const { rows, requests } = await killAndWait(vendor, http, server, 'all', {
      timeoutMs: 5000,
      intervalMs: 100,
    });
    expect(rows.map((row) => row.outcome)).toEqual(['ended', 'ended']);
    expect(requests.filter((r) => r.path.endsWith('/jobs'))).toEqual([]);
  });

  it('keeps waiting through list answers that say nothing: errors, pages, odd statuses', async () => {
    const { server, http, vendor } = await connectFake({
      jobs: keys(4).map((key) => ({ key, stopAfterMs: 400 })),
    });
    server.inject({ method: 'GET', path: /\/jobs$/, times: 2, kind: 'html', status: 502 });
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      times: 2,
      kind: 'status',
      status: 200,
      body: keys(4).map((key) => ({ key, status: 'finished' })),
    });
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      times: 1,
      kind: 'status',
      status: 200,
      body: {},
    });
    const { rows } = await killAndWait(vendor, http, server, keys(4), {
      timeoutMs: 5000,
      intervalMs: 50,
    });
    expect(rows.map((row) => [row.outcome, row.status])).toEqual(Array(4).fill(['ended', 2]));
  });

  it('reads each job on its own when the content item is gone: ended, as a poll would say', async () => {
    const { server, http, vendor } = await connectFake({
      jobs: keys(3).map((key) => ({ key, stopAfterMs: Infinity })),
    });
    const gone = { code: 4, error: 'The requested object does not exist.', payload: null };
    server.inject({
      method: 'GET',
      path: /\/jobs(\/.*)?$/,
      kind: 'status',
      status: 404,
      body: gone,
    });
    const { rows, requests } = await killAndWait(vendor, http, server, keys(3), {
      timeoutMs: 3000,
      intervalMs: 100,
    });
    expect(rows.map((row) => [row.outcome, row.status])).toEqual(Array(3).fill(['ended', null]));
    expect(requests.map((r) => r.path.split('/').pop()).sort()).toEqual(['jobs', ...keys(3)]);
  });

  it('reads the jobs of a failing list on their own, and says what they were last seen as', async () => {
    const { server, http, vendor } = await connectFake({
      jobs: keys(3).map((key) => ({ key, stopAfterMs: Infinity })),
    });
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      kind: 'status',
      status: 500,
      body: { code: 1, error: 'database is locked', payload: null },
    });
    const { rows, requests } = await killAndWait(vendor, http, server, keys(3), {
      timeoutMs: 800,
      intervalMs: 100,
    });
    // Issue 26, item 7: a list that fails is no answer about its jobs; each is read alone.
    expect(rows[0]).toMatchObject({
      outcome: 'timed-out',
      error: 'still active after 1 s (last seen: still active (status 0))',
    });
    expect(requests.some((r) => r.path.endsWith(`/jobs/${keys(3)[0]}`))).toBe(true);
  });
});

/** The list requests of the wait, and the jobs read on their own. */
function xplentyCalls(requests: Logged[]) {
  const lists = requests.filter((r) => r.path.endsWith('/jobs'));
  const reads = requests.filter((r) => /\/jobs\/\d+$/.test(r.path));
  return { lists, reads, statuses: lists.map((r) => r.query.get('status')) };
}

/** `count` Xplenty jobs from id `first` that stop `stopAfterMs` after their kill: killed and waited on. */
async function stoppingJobs(count: number, first: number, stopAfterMs: number, intervalMs: number) {
  const jobs = Array.from({ length: count }, (_, i) => ({ id: first + i, stopAfterMs }));
  const { server, http, vendor } = await xplentyFake({ jobs });
  const ids = jobs.map((job) => String(job.id));
  const wait = await killAndWait(vendor, http, server, ids, { timeoutMs: 5000, intervalMs });
  return { jobs, server, ...wait };
}

describe('waiting for Xplenty jobs by list', () => {
  it('lists the stopping statuses per round and reads each job once when it leaves them', async () => {
    const { jobs, server, rows, requests } = await stoppingJobs(30, 500, 400, 150);
    expect(rows.every((row) => row.outcome === 'ended' && row.status === 'stopped')).toBe(true);
    expect(rows[0]).toMatchObject({ id: 500, code: null, error: null, package_id: 103 });
    const { lists, reads, statuses } = xplentyCalls(requests);
    // Kill orders answer pending_stoppage: the active statuses are not listed again.
    expect(new Set(statuses)).toEqual(new Set(['pending_stoppage', 'stopping']));
    expect(lists.length).toBeLessThanOrEqual(2 * 5);
    expect(reads.map((r) => r.path).sort()).toEqual(
      jobs.map((job) => `/${server.account}/api/jobs/${job.id}`).sort(),
    );
  });

  it('pages a status list of more than 100 jobs; reads are about one per job', async () => {
    const { rows, requests } = await stoppingJobs(150, 1000, 1500, 100);
    expect(rows.filter((row) => row.outcome === 'ended')).toHaveLength(150);
    const { lists, reads } = xplentyCalls(requests);
    expect(lists.some((r) => r.query.get('offset') === '100')).toBe(true);
    expect(new Set(reads.map((r) => r.path)).size).toBe(150);
    // Jobs that leave a status while it is paged shift the offsets: a job the next page
    // skipped is read while still stopping, then polled on its own. A few, not all.
    expect(reads.length).toBeLessThanOrEqual(150 + 30);
  });

  it('reads the jobs on their own when a status list fails', async () => {
    const { server, http, vendor } = await xplentyFake({
      jobs: [
        { id: 1, stopAfterMs: Infinity },
        { id: 2, stopAfterMs: Infinity },
        { id: 3, stopAfterMs: Infinity },
      ],
    });
    server.inject({ method: 'GET', path: /\/jobs$/, kind: 'html', status: 502 });
    const { rows, requests } = await killAndWait(vendor, http, server, ['1', '2', '3'], {
      timeoutMs: 700,
      intervalMs: 100,
    });
    expect(rows.map((row) => row.outcome)).toEqual(['timed-out', 'timed-out', 'timed-out']);
    // Issue 26, item 7: what the list could not say, each job's own read does.
    expect(rows[0]?.error).toMatch(/^still active after 1 s \(last seen: still /);
    expect(xplentyCalls(requests).reads.map((r) => r.path.split('/').pop())).toEqual(
      expect.arrayContaining(['1', '2', '3']),
    );
  });

  it('lists only its own jobs: other jobs of the account in the same status are not read', async () => {
    const others = Array.from({ length: 40 }, (_, i) => ({ id: 900 + i, status: 'stopping' }));
    const { server, http, vendor } = await xplentyFake({
      jobs: [...others, ...[1, 2, 3].map((id) => ({ id, stopAfterMs: 300 }))],
    });
    const { rows, requests } = await killAndWait(vendor, http, server, ['1', '2', '3'], {
      timeoutMs: 5000,
      intervalMs: 100,
    });
    expect(rows.map((row) => row.outcome)).toEqual(['ended', 'ended', 'ended']);
    expect(xplentyCalls(requests).reads.map((r) => r.path.split('/').pop())).toEqual(
      expect.arrayContaining(['1', '2', '3']),
    );
    expect(xplentyCalls(requests).reads).toHaveLength(3);
  });

  it('reads the rate budget, free, before a long wait; not before a short one', async () => {
    const { server, http, vendor } = await xplentyFake({
      jobs: [1, 2, 3].map((id) => ({ id, stopAfterMs: 200 })),
      rateLimit: 500,
    });
    const short = await killAndWait(vendor, http, server, ['1', '2'], {
      timeoutMs: 5000,
      intervalMs: 100,
    });
    expect(short.requests.filter((r) => r.path.endsWith('/rate_limit_status'))).toEqual([]);
    const long = await killAndWait(vendor, http, server, ['3'], {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    expect(long.requests[0]?.path).toBe(`/${server.account}/api/rate_limit_status`);
    expect(long.rows[0]).toMatchObject({ id: 3, outcome: 'ended' });
    const spent = server.requests.filter((r) => !r.path.endsWith('/rate_limit_status')).length;
    expect(server.rate.remaining).toBe(500 - spent);
  });

  it('takes the budget from rate_limit_status, not from the last answer before it', async () => {
    const { server, http, vendor } = await xplentyFake({ jobs: [{ id: 1 }], rateLimit: 800 });
    await vendor.inspect('1', never);
    expect(http.gate.rateLimit).toEqual({ limit: 800, remaining: 799 });
    server.rate.remaining = 120; // another tool spent the rest
    await vendor.readRateBudget(never);
    expect(http.gate.rateLimit).toEqual({ limit: 800, remaining: 120 });
    expect(server.rate.remaining).toBe(120);
  });

  it.each([
    ['a body without limits', { kind: 'status', status: 200, body: { limit: 5000 } }],
    [
      'remaining above the limit',
      { kind: 'status', status: 200, body: { limits: { limit: 10, remaining: 11 } } },
    ],
    ['a gateway page', { kind: 'html', status: 502 }],
  ] as const)('an odd rate_limit_status answer (%s) changes no budget', async (_, fault) => {
    const { server, http, vendor } = await xplentyFake({ jobs: [{ id: 1 }], rateLimit: 800 });
    await vendor.inspect('1', never);
    server.inject({ path: '/rate_limit_status', ...fault });
    await expect(vendor.readRateBudget(never)).rejects.toThrow(/^GET rate_limit_status answered/);
    expect(http.gate.rateLimit).toEqual({ limit: 800, remaining: 799 });
  });
});

describe('dist/index.js waiting by list', () => {
  it('Connect: 40 jobs stop; the wait uses a handful of requests, rows as before', async () => {
    const server = await open.keep(
      startConnect({ jobs: keys(40).map((key) => ({ key, stopAfterMs: 500 })) }),
    );
    const run = await runAction(
      inputsFor(server, { keys: 'all', wait: 'true', 'poll-interval': '0.2' }),
    );
    expect(run.code).toBe(0);
    expect(run.outputs.terminated).toBe('40');
    expect(run.rows.every((r: { outcome: string }) => r.outcome === 'ended')).toBe(true);
    const used = Number(/the wait used (\d+) request\(s\)/.exec(run.stdout)?.[1]);
    expect(used).toBeGreaterThanOrEqual(2);
    expect(used).toBeLessThanOrEqual(8);
  });

  it('Xplenty: a long wait reads the budget, then lists; each job is read once at its end', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    const server = await open.keep(
      startXplenty({ jobs: ids.map((id) => ({ id, stopAfterMs: 500 })) }),
    );
    const run = await runAction(
      inputsFor(server, { keys: ids.join(' '), wait: 'true', 'poll-interval': '0.2' }),
    );
    expect(run.code).toBe(0);
    expect(run.rows.every((r: { status: string }) => r.status === 'stopped')).toBe(true);
    const used = Number(/the wait used (\d+) request\(s\)/.exec(run.stdout)?.[1]);
    // One free budget read, 2 lists a round for about 3 rounds, one read per job.
    expect(used).toBeLessThanOrEqual(1 + 2 * 5 + 40);
    expect(server.rate.limit - server.rate.remaining).toBe(
      server.requests.filter((r) => !r.path.endsWith('/rate_limit_status')).length,
    );
  });
});
