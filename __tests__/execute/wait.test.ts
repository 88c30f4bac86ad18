import { afterEach, describe, expect, it } from '@jest/globals';
import type { HttpClient } from '../../src/http/client.js';
import { RateGate } from '../../src/http/rate-gate.js';
import type { Log } from '../../src/shared/log.js';
import { terminateJobs } from '../../src/execute/terminate.js';
import { PollCredits } from '../../src/execute/poll-credits.js';
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

async function xplentyFake(options: Parameters<typeof startXplenty>[0]) {
  const server = await open.keep(startXplenty(options));
  const http = xplentyHttp(server, { connections: 8, timeoutMs: 2000 });
  return { server, http, vendor: new XplentyJobs(http, { wait: true }) };
}

/** Kill orders for `keys`, then a wait; returns the final rows and how long the wait took. */
async function killAndWait<Row extends JobRow>(
  vendor: JobVendor<Row>,
  http: HttpClient,
  keys: string[],
  wait: { timeoutMs: number; intervalMs: number },
  cancel = never,
) {
  const { rows } = await terminateJobs(
    vendor,
    { all: false, keys, dryRun: false, concurrency: 8 },
    log,
    cancel,
  );
  const started = Date.now();
  const final = await waitForJobs(
    vendor,
    rows,
    { ...wait, concurrency: 8 },
    http.gate,
    log,
    cancel,
  );
  return { rows: final.rows, stopped: final.stop.message, waitedMs: Date.now() - started };
}

function pollsOf(
  server: { requests: { method: string; path: string; at: number }[] },
  suffix: string,
) {
  return server.requests.filter((r) => r.method === 'GET' && r.path.endsWith(suffix));
}

describe('waiting for Xplenty jobs', () => {
  it('polls a job until it reports stopped, never more often than the poll interval', async () => {
    const { server, http, vendor } = await xplentyFake({ jobs: [{ id: 1, stopAfterMs: 500 }] });
    // When each poll is sent, on this side: arrival times at the server add the request's
    // latency, which a loaded machine stretches and shrinks.
    const sent: number[] = [];
    const poll = vendor.poll.bind(vendor);
    vendor.poll = (row, signal) => {
      sent.push(Date.now());
      return poll(row, signal);
    };
    const { rows } = await killAndWait(vendor, http, ['1'], { timeoutMs: 10_000, intervalMs: 150 });
    expect(rows[0]).toMatchObject({
      id: 1,
      status: 'stopped',
      outcome: 'ended',
      code: null,
      error: null,
    });
    const polls = pollsOf(server, '/jobs/1');
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(polls.length).toBeLessThanOrEqual(6);
    expect(sent).toHaveLength(polls.length);
    const gaps = sent.slice(1).map((at, i) => at - (sent[i] ?? 0));
    // The wait spaces polls from its own clock reading just before the call; this one is read
    // inside the call, and may cross a millisecond the wait's did not: 1 ms of slack.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(149);
  });

  it('ends the wait on any terminal status: a job asked to stop may complete first', async () => {
    const { http, vendor } = await xplentyFake({
      jobs: [{ id: 2, stopAfterMs: 200, finishesAs: 'completed' }],
    });
    const { rows } = await killAndWait(vendor, http, ['2'], { timeoutMs: 5000, intervalMs: 100 });
    expect(rows[0]).toMatchObject({ id: 2, status: 'completed', outcome: 'ended' });
  });

  it('marks a job that never stops timed-out at the one deadline, saying what it last saw', async () => {
    const { http, vendor } = await xplentyFake({
      jobs: [
        { id: 3, stopAfterMs: Infinity },
        { id: 4, stopAfterMs: 100 },
      ],
    });
    const { rows, waitedMs } = await killAndWait(vendor, http, ['3', '4'], {
      timeoutMs: 1200,
      intervalMs: 100,
    });
    expect(rows.map((r) => [r.id, r.outcome])).toEqual([
      [3, 'timed-out'],
      [4, 'ended'],
    ]);
    expect(rows[0]?.status).toBe('stopping');
    expect(rows[0]?.error).toBe('still active after 1 s (last seen: still stopping)');
    expect(waitedMs).toBeGreaterThanOrEqual(1150);
    expect(waitedMs).toBeLessThan(1200 + 2000 + 300);
  });

  it('holds the deadline even while a poll hangs', async () => {
    const { server, http, vendor } = await xplentyFake({
      jobs: [{ id: 9, stopAfterMs: Infinity }],
    });
    server.inject({ method: 'GET', path: '/jobs/9', kind: 'hang' });
    const { rows, waitedMs } = await killAndWait(vendor, http, ['9'], {
      timeoutMs: 600,
      intervalMs: 100,
    });
    expect(rows[0]).toMatchObject({
      outcome: 'timed-out',
      error: 'still active after 1 s (last seen: not polled yet)',
    });
    // Not the hanging poll's own 2 s timeout: the deadline (room left for a loaded machine).
    expect(waitedMs).toBeGreaterThanOrEqual(590);
    expect(waitedMs).toBeLessThan(1500);
  });

  it('takes a job that answers 404 while waited on as gone: ended, status null', async () => {
    const { server, http, vendor } = await xplentyFake({
      jobs: [{ id: 5, stopAfterMs: Infinity }],
    });
    server.inject({
      method: 'GET',
      path: '/jobs/5',
      kind: 'status',
      status: 404,
      body: { message: 'Item not found.' },
    });
    const { rows } = await killAndWait(vendor, http, ['5'], { timeoutMs: 3000, intervalMs: 100 });
    expect(rows[0]).toMatchObject({ id: 5, status: null, outcome: 'ended' });
  });

  it('keeps waiting through failed polls', async () => {
    const { server, http, vendor } = await xplentyFake({ jobs: [{ id: 6, stopAfterMs: 100 }] });
    server.inject({
      method: 'GET',
      path: '/jobs/6',
      times: 2,
      kind: 'status',
      status: 500,
      body: { message: 'oops' },
    });
    const { rows } = await killAndWait(vendor, http, ['6'], { timeoutMs: 5000, intervalMs: 100 });
    expect(rows[0]).toMatchObject({ id: 6, status: 'stopped', outcome: 'ended' });
    expect(pollsOf(server, '/jobs/6')).toHaveLength(3);
  });

  it('does not poll rows that were not terminated', async () => {
    const { server, http, vendor } = await xplentyFake({ jobs: [{ id: 7, status: 'completed' }] });
    const { rows } = await killAndWait(vendor, http, ['7', '8'], {
      timeoutMs: 2000,
      intervalMs: 100,
    });
    expect(rows.map((r) => r.outcome)).toEqual(['not-active', 'not-found']);
    // The one GET is the DELETE's follow-up for the completed job; no polls.
    expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  it('waits out a 429 Retry-After before polling any job again', async () => {
    const { server, http, vendor } = await xplentyFake({
      jobs: [
        { id: 10, stopAfterMs: 300 },
        { id: 11, stopAfterMs: 300 },
      ],
    });
    server.inject({
      method: 'GET',
      times: 1,
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'Rate Limit Exceeded' },
    });
    const { rows } = await killAndWait(vendor, http, ['10', '11'], {
      timeoutMs: 8000,
      intervalMs: 100,
    });
    expect(rows.map((r) => r.outcome)).toEqual(['ended', 'ended']);
    const [limited, ...later] = server.requests.filter((r) => r.method === 'GET');
    // The other job's first poll went out in the same round as the one the 429 answered (on a
    // loaded machine it may arrive well after it); nothing else comes before the second is up.
    const early = later.filter((r) => r.at - (limited?.at ?? 0) < 950);
    expect(early.length).toBeLessThanOrEqual(1);
    for (const poll of early) expect(poll.path).not.toBe(limited?.path);
  });

  it('stretches the interval when the rate budget runs low, so the wait fits in it', async () => {
    const jobs = Array.from({ length: 10 }, (_, i) => ({ id: 100 + i, stopAfterMs: 1500 }));
    const { server, http, vendor } = await xplentyFake({ jobs, rateLimit: 100, rateRemaining: 60 });
    const { rows } = await killAndWait(
      vendor,
      http,
      jobs.map((j) => String(j.id)),
      // Time enough that more credits are left when the jobs stop than there are jobs (the
      // spending is front-loaded; with 4 s, 11 credits for 10 jobs: one late answer on a
      // loaded machine left a job unpolled).
      { timeoutMs: 6000, intervalMs: 50 },
    );
    expect(rows.every((r) => r.outcome === 'ended')).toBe(true);
    const polls = server.requests.filter((r) => r.method === 'GET').length;
    // 10 jobs polled every 50 ms for 1.5 s would be about 300 polls; 50 remain after the kill
    // orders, of which 20 % of the limit are kept back.
    expect(polls).toBeLessThanOrEqual(30 + 10);
    expect(server.rate.remaining).toBeGreaterThan(0);
  });

  it('never polls jobs that do not stop beyond the budget, keeps the reserve, and polls to the deadline', async () => {
    const jobs = [
      { id: 40, stopAfterMs: Infinity },
      { id: 41, stopAfterMs: Infinity },
    ];
    const { server, http, vendor } = await xplentyFake({ jobs, rateLimit: 100, rateRemaining: 62 });
    const { rows } = await killAndWait(vendor, http, ['40', '41'], {
      timeoutMs: 2000,
      intervalMs: 50,
    });
    expect(rows.map((r) => r.outcome)).toEqual(['timed-out', 'timed-out']);
    const polls = server.requests.filter((r) => r.method === 'GET');
    // 60 credits left after the two kill orders, 20 (20 % of 100) kept back: 40 for the wait.
    // Polling at the interval would take about 80.
    expect(polls.length).toBeLessThanOrEqual(40);
    expect(server.rate.remaining).toBeGreaterThanOrEqual(20);
    // Not spent at once: the budget lasts into the last quarter of the wait.
    const first = polls[0]?.at ?? 0;
    expect(polls.some((poll) => poll.at - first >= 1500)).toBe(true);
  });

  it('says how far the wait has come, at most once per progress period', async () => {
    const { http, vendor } = await xplentyFake({
      jobs: [
        { id: 30, stopAfterMs: 100 },
        { id: 31, stopAfterMs: Infinity },
      ],
    });
    const { rows } = await terminateJobs(
      vendor,
      { all: false, keys: ['30', '31'], dryRun: false, concurrency: 8 },
      log,
      never,
    );
    lines.length = 0;
    await waitForJobs(
      vendor,
      rows,
      { timeoutMs: 1000, intervalMs: 100, concurrency: 8, progressEveryMs: 300 },
      http.gate,
      log,
      never,
    );
    const progress = lines.filter((line) =>
      /^1 of 2 jobs ended, waiting up to \d+ s more$/.test(line),
    );
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(4);
    expect(lines).toContain('30: ended (status stopped)');
  });

  it('returns at once when cancelled, with the jobs still waited on as timed-out', async () => {
    const { http, vendor } = await xplentyFake({ jobs: [{ id: 20, stopAfterMs: Infinity }] });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new Error('received SIGTERM')), 400);
    const { rows, waitedMs } = await killAndWait(
      vendor,
      http,
      ['20'],
      { timeoutMs: 30_000, intervalMs: 100 },
      cancel.signal,
    );
    expect(rows[0]).toMatchObject({
      outcome: 'timed-out',
      error: 'cancelled while waiting (last seen: still stopping)',
    });
    // Cancelled at 0.4 s of a 30 s wait (room left for a loaded machine).
    expect(waitedMs).toBeLessThan(2500);
  });
});

describe('waiting for Connect jobs', () => {
  it('polls until status is no longer 0 and gives every row a status field', async () => {
    const server = await open.keep(
      startConnect({
        jobs: [
          { key: 'slowJob000000001', stopAfterMs: 400 },
          { key: 'doneJob000000001', status: 2 },
        ],
      }),
    );
    const http = connectHttp(server, { timeoutMs: 2000 });
    const vendor = new ConnectJobs(http, { target: connectTarget(server.guid), wait: true });
    const { rows } = await killAndWait(
      vendor,
      http,
      ['slowJob000000001', 'doneJob000000001', 'missing'],
      {
        timeoutMs: 5000,
        intervalMs: 100,
      },
    );
    expect(rows).toEqual([
      {
        status: 2,
        app_id: 52389,
        app_guid: server.guid,
        job_key: 'slowJob000000001',
        job_id: expect.any(String),
        result: 'Order to kill job registered',
        code: null,
        error: null,
        outcome: 'ended',
        page_url: `${server.server}/connect/#/apps/${server.guid}/logs?logKey=slowJob000000001`,
      },
      expect.objectContaining({
        job_key: 'doneJob000000001',
        status: null,
        outcome: 'not-active',
        code: 163,
      }),
      expect.objectContaining({ job_key: 'missing', status: null, outcome: 'not-found' }),
    ]);
    expect(pollsOf(server, '/jobs/slowJob000000001').length).toBeGreaterThanOrEqual(3);
    expect(pollsOf(server, '/jobs/doneJob000000001')).toHaveLength(0);
  });
});

describe('PollCredits', () => {
  /** Takes and spends every credit there is at `now`, as the server would count them. */
  function spendAll(credits: PollCredits, rateLimit: { remaining: number }, now: number): number {
    let polls = 0;
    while (credits.take(now)) {
      rateLimit.remaining--;
      credits.settle();
      polls++;
    }
    return polls;
  }

  it('gives every poll a credit while the budget is unknown', () => {
    const rateLimit = { limit: null, remaining: Infinity };
    const credits = new PollCredits({ rateLimit }, { timeoutMs: 1000, intervalMs: 10 }, 0);
    for (let i = 0; i < 1000; i++) expect(credits.take(0)).toBe(true);
    expect(credits.nextAt(0)).toBe(0);
  });

  it('front-loads what is left beyond the reserve: half in the first quarter, all by the deadline', () => {
    // 5,000 left of 5,000, 1,000 (20 %) kept back: 4,000 for a wait of 400 s.
    const rateLimit = { limit: 5000, remaining: 5000 };
    const credits = new PollCredits({ rateLimit }, { timeoutMs: 400_000, intervalMs: 0 }, 0);
    expect(spendAll(credits, rateLimit, 25_000)).toBe(1000);
    expect(spendAll(credits, rateLimit, 100_000)).toBe(1000);
    expect(credits.nextAt(100_000)).toBeGreaterThan(100_000);
    expect(spendAll(credits, rateLimit, 399_999)).toBe(1999);
    expect(spendAll(credits, rateLimit, 10_000_000)).toBe(1);
    expect(rateLimit.remaining).toBe(1000);
    expect(credits.nextAt(10_000_000)).toBe(Infinity);
  });

  it('counts polls in flight and credits that others spend', () => {
    const rateLimit = { limit: 100, remaining: 30 };
    const credits = new PollCredits({ rateLimit }, { timeoutMs: 1000, intervalMs: 0 }, 0);
    // 10 credits beyond the reserve of 20, all allowed at the deadline.
    for (let i = 0; i < 10; i++) expect(credits.take(1000)).toBe(true);
    expect(credits.take(1000)).toBe(false);
    rateLimit.remaining = 22; // another step used 8 while these were in flight
    for (let i = 0; i < 10; i++) credits.settle();
    expect(credits.take(1000)).toBe(true);
    expect(credits.take(1000)).toBe(true);
    expect(credits.take(1000)).toBe(false);
  });
});

describe('RateGate', () => {
  it('takes a count whose window has reset (X-RateLimit-Reset past) as a fresh budget of unknown size', () => {
    const now = 1_700_000_000_000;
    const gate = new RateGate();
    const past = String(now / 1000 - 60);
    const future = String(now / 1000 + 60);
    gate.note({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': future }, now);
    expect(gate.rateLimit.remaining).toBe(0);
    gate.note({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': past }, now);
    expect(gate.rateLimit.remaining).toBe(Infinity);
    gate.note({ 'x-ratelimit-remaining': '42', 'x-ratelimit-limit': '50' }, now);
    expect(gate.rateLimit).toEqual({ remaining: 42, limit: 50 });
  });
});

describe('dist/index.js waiting', () => {
  it('waits for Xplenty jobs to stop and logs how many requests the wait used', async () => {
    const server = await open.keep(
      startXplenty({
        jobs: [
          { id: 1, stopAfterMs: 400 },
          { id: 2, stopAfterMs: 200 },
        ],
      }),
    );
    const run = await runAction(
      inputsFor(server, { keys: '1 2', wait: 'true', 'poll-interval': '0.2' }),
    );
    expect(run.code).toBe(0);
    expect(run.rows.map((r: { status: string; outcome: string }) => [r.status, r.outcome])).toEqual(
      [
        ['stopped', 'ended'],
        ['stopped', 'ended'],
      ],
    );
    expect(run.outputs.terminated).toBe('2');
    const polls = server.requests.filter((r) => r.method === 'GET').length;
    expect(run.stdout).toContain(`2 of 2 jobs ended in`);
    expect(run.stdout).toContain(`the wait used ${polls} request(s).`);
  });

  it('fails a wait that hits its deadline', async () => {
    const server = await open.keep(
      startConnect({
        jobs: [{ key: 'stuckJob00000001', stopAfterMs: Infinity }],
      }),
    );
    const run = await runAction(
      inputsFor(server, { keys: 'all', wait: 'true', 'wait-timeout': '1', 'poll-interval': '0.2' }),
    );
    expect(run.code).toBe(1);
    expect(run.rows[0]).toMatchObject({
      status: 0,
      outcome: 'timed-out',
      error: 'still active after 1 s (last seen: still active (status 0))',
    });
    expect(run.outputs.terminated).toBe('1');
    expect(run.outputs.failed).toBe('1');
  });

  it('on SIGTERM during the wait, writes outputs and summary and exits non-zero at once', async () => {
    const server = await open.keep(startXplenty({ jobs: [{ id: 1, stopAfterMs: Infinity }] }));
    let signalledAt = 0;
    const run = await runAction(
      inputsFor(server, { keys: '1', wait: 'true', 'poll-interval': '0.2' }),
      {
        onLine: (line, child) => {
          if (line.startsWith('Waiting up to') && !signalledAt) {
            signalledAt = performance.now();
            setTimeout(() => child.kill('SIGTERM'), 300);
          }
        },
      },
    );
    expect(signalledAt).toBeGreaterThan(0);
    expect(run.code).not.toBe(0);
    expect(run.rows[0]).toMatchObject({
      id: 1,
      outcome: 'timed-out',
      error: 'cancelled while waiting (last seen: still stopping)',
    });
    expect(run.summary).toContain('The run was cancelled.');
    expect(run.durationMs).toBeLessThan(10_000);
  });

  it('on SIGTERM during the kill phase, sends nothing more and gives unsent keys their rows', async () => {
    const server = await open.keep(
      startXplenty({
        jobs: Array.from({ length: 20 }, (_, i) => ({ id: i + 1 })),
        latencyMs: 100,
      }),
    );
    let signalled = false;
    const run = await runAction(
      inputsFor(server, {
        keys: Array.from({ length: 20 }, (_, i) => i + 1).join(','),
        concurrency: '1',
      }),
      {
        onLine: (line, child) => {
          if (/^\d+: terminated/.test(line) && !signalled) {
            signalled = true;
            child.kill('SIGTERM');
          }
        },
      },
    );
    expect(run.code).not.toBe(0);
    expect(run.rows).toHaveLength(20);
    const outcomes = run.rows.map(
      (r: { outcome: string; error: string | null }) => r.error ?? r.outcome,
    );
    expect(outcomes[0]).toBe('terminated');
    expect(outcomes.at(-1)).toBe('cancelled before it was sent');
    const sent = server.requests.filter((r) => r.method === 'DELETE').length;
    expect(sent).toBeLessThan(5);
    expect(
      outcomes.filter((o: string) => o === 'cancelled before it was sent').length,
    ).toBeGreaterThanOrEqual(20 - sent - 1);
  });
});
