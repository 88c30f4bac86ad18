import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Log } from '../../../src/shared/log.js';
import { terminateJobs } from '../../../src/execute/terminate.js';
import { JOB_FIELDS, XplentyJobs } from '../../../src/vendors/xplenty/index.js';
import { startXplenty } from '../../fakes/xplenty.mjs';
import { openSet } from '../../fakes/setup.mjs';
import { xplentyHttp } from '../../helpers/clients.js';

type Fake = Awaited<ReturnType<typeof startXplenty>>;
const open = openSet();
afterEach(open.closeAll);

async function fake(options: Parameters<typeof startXplenty>[0] = {}): Promise<Fake> {
  return open.keep(startXplenty(options));
}

function client(server: Fake, options: { apiKey?: string; packageId?: number | null } = {}) {
  return new XplentyJobs(
    xplentyHttp(server, { apiKey: options.apiKey }),
    { wait: false },
    { packageId: options.packageId ?? null, olderThan: null },
    server.account,
  );
}

const log: Log = { info: () => {} };
const never = new AbortController().signal;
// No keys: every active job, as `keys: all` asks.
const plan = (keys: string[] = [], dryRun = false, concurrency = 4) => ({
  all: keys.length === 0,
  keys,
  dryRun,
  concurrency,
});

describe('Xplenty client', () => {
  it('terminates a running job: the row is the job as the DELETE reported it', async () => {
    const server = await fake();
    const { rows } = await terminateJobs(client(server), plan(['305']), log, never);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      ...JOB_FIELDS,
      'account_id',
      'code',
      'error',
      'outcome',
      'page_url',
    ]);
    expect(rows[0]).toMatchObject({
      account_id: 'xplenation',
      id: 305,
      status: 'pending_stoppage',
      variables: { InputPath: "'/today'" },
      package_id: 103,
      url: 'https://api.xplenty.com/xplenation/api/jobs/305',
      code: null,
      error: null,
      outcome: 'terminated',
    });
    const del = server.requests.find((r) => r.method === 'DELETE');
    expect(del?.path).toBe('/xplenation/api/jobs/305');
    expect(del?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${server.apiKey}:`).toString('base64')}`,
    );
    expect(del?.headers.accept).toBe('application/vnd.xplenty+json; version=2');
  });

  it('reports a job that already ended as it really is, with the refused DELETE in code/error', async () => {
    const server = await fake();
    const { rows } = await terminateJobs(client(server), plan(['304', '157']), log, never);
    expect(rows.map((r) => [r.id, r.outcome, r.status, r.code, r.error])).toEqual([
      [304, 'not-active', 'failed', 422, 'Job cannot be stopped: it is failed.'],
      [157, 'not-active', 'completed', 422, 'Job cannot be stopped: it is completed.'],
    ]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'DELETE /xplenation/api/jobs/157',
      'DELETE /xplenation/api/jobs/304',
      'GET /xplenation/api/jobs/157',
      'GET /xplenation/api/jobs/304',
    ]);
  });

  it('counts a second kill order for a stopping job as terminated', async () => {
    const server = await fake({ jobs: [{ id: 9, stopAfterMs: 60_000 }] });
    const xplenty = client(server);
    await terminateJobs(xplenty, plan(['9']), log, never);
    // The fake turns pending_stoppage into stopping once a millisecond has passed.
    await sleep(5);
    const { rows } = await terminateJobs(xplenty, plan(['9']), log, never);
    expect(rows[0]).toMatchObject({ id: 9, status: 'stopping', outcome: 'terminated' });
  });

  it('gives an unknown job a not-found row with the requested id and empty job fields', async () => {
    const server = await fake();
    const { rows } = await terminateJobs(client(server), plan(['999']), log, never);
    expect(rows[0]).toEqual({
      ...Object.fromEntries(JOB_FIELDS.map((f) => [f, null])),
      account_id: 'xplenation',
      id: 999,
      code: 404,
      error: 'Item not found.',
      outcome: 'not-found',
      page_url: null,
    });
  });

  it('lists idle, pending, queued and running jobs in pages of 100 and terminates them all', async () => {
    const jobs = [
      ...Array.from({ length: 230 }, (_, i) => ({ id: 1000 + i })),
      ...Array.from({ length: 5 }, (_, i) => ({ id: 2000 + i, status: 'queued' })),
      { id: 3000, status: 'idle' },
      { id: 3001, status: 'pending' },
      { id: 3002, status: 'completed' },
      { id: 3003, status: 'stopping' },
    ];
    const server = await fake({ jobs });
    const { rows } = await terminateJobs(client(server), plan([], false, 8), log, never);
    expect(rows).toHaveLength(237);
    expect(rows.every((r) => r.outcome === 'terminated')).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(237);
    expect(rows.map((r) => r.id)).toEqual(
      [...rows.map((r) => r.id)].sort((a, b) => Number(a) - Number(b)),
    );
    const lists = server.requests.filter((r) => r.method === 'GET');
    expect(lists.map((r) => `${r.query.get('status')}@${r.query.get('offset')}`).sort()).toEqual(
      ['idle@0', 'pending@0', 'queued@0', 'running@0', 'running@100', 'running@200'].sort(),
    );
    expect(lists.every((r) => r.query.get('limit') === '100')).toBe(true);
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(237);
  });

  it("with package-id, lists and terminates only that package's jobs", async () => {
    const server = await fake({
      jobs: [
        { id: 1, package_id: 7 },
        { id: 2, package_id: 8 },
        { id: 3, package_id: 7, status: 'queued' },
      ],
    });
    const { rows } = await terminateJobs(client(server, { packageId: 7 }), plan(), log, never);
    expect(rows.map((r) => r.id)).toEqual([1, 3]);
    expect(
      server.requests
        .filter((r) => r.method === 'GET')
        .every((r) => r.query.get('package_id') === '7'),
    ).toBe(true);
    expect(server.job(2)?.status).toBe('running');
  });

  it('keeps to the package even when the server ignores the package_id filter', async () => {
    const server = await fake({
      ignoresPackageFilter: true,
      jobs: [
        { id: 1, package_id: 7 },
        { id: 2, package_id: 8 },
      ],
    });
    const { rows } = await terminateJobs(client(server, { packageId: 7 }), plan(), log, never);
    expect(rows.map((r) => r.id)).toEqual([1]);
    expect(server.job(2)?.status).toBe('running');
  });

  it('lists the statuses one at a time with concurrency 1', async () => {
    const server = await fake({ latencyMs: 40 });
    // Sockets to spare: only the vendor's own limit can keep the requests apart.
    const http = xplentyHttp(server, { connections: 4 });
    const vendor = new XplentyJobs(http, { wait: false });
    await terminateJobs(vendor, { all: true, keys: [], dryRun: true, concurrency: 1 }, log, never);
    const arrivals = server.requests.map((r) => r.at);
    expect(arrivals).toHaveLength(4);
    const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(35);
  });

  it('stops the run on a 401 and sends nothing more', async () => {
    const server = await fake();
    const {
      rows,
      stop: { message: stopped },
    } = await terminateJobs(
      client(server, { apiKey: 'wrong' }),
      plan(['305', '306', '307'], false, 1),
      log,
      never,
    );
    expect(stopped).toMatch(
      /^Xplenty did not accept the API key \(DELETE jobs\/305 answered HTTP 401: Unauthorized\)/,
    );
    expect(rows.map((r) => [r.id, r.code, r.error])).toEqual([
      [305, 401, 'Unauthorized'],
      [306, null, 'not sent: authentication failed'],
      [307, null, 'not sent: authentication failed'],
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('fails the run when the list cannot be read', async () => {
    const server = await fake();
    server.inject({
      method: 'GET',
      path: '/jobs',
      kind: 'status',
      status: 500,
      body: { message: 'down' },
    });
    const {
      rows,
      stop: { message: stopped },
    } = await terminateJobs(client(server), plan(), log, never);
    expect(rows).toEqual([]);
    expect(stopped).toMatch(
      /^Could not list the \w+ jobs: GET jobs\?status=\w+.* answered HTTP 500: down; nothing was terminated\.$/,
    );
  });

  it('keeps a 403 as a row error (not run-wide, unlike Connect)', async () => {
    const server = await fake();
    server.inject({
      method: 'DELETE',
      path: '/jobs/305',
      kind: 'status',
      status: 403,
      body: { message: 'Forbidden' },
    });
    const {
      rows,
      stop: { message: stopped },
    } = await terminateJobs(client(server), plan(['305', '306']), log, never);
    expect(stopped).toBeNull();
    expect(rows.map((r) => [r.id, r.outcome, r.code])).toEqual([
      [305, 'error', 403],
      [306, 'terminated', null],
    ]);
  });

  it('works behind a gateway path prefix', async () => {
    const server = await fake({ prefix: '/gw/etl' });
    const { rows } = await terminateJobs(client(server), plan(['306']), log, never);
    expect(rows[0]?.outcome).toBe('terminated');
    expect(server.requests[0]?.path).toBe('/gw/etl/xplenation/api/jobs/306');
  });

  describe('dry-run', () => {
    it('lists the active jobs with GETs only and changes nothing', async () => {
      const server = await fake();
      const { rows } = await terminateJobs(client(server), plan([], true), log, never);
      expect(rows.map((r) => [r.id, r.status, r.outcome])).toEqual([
        [305, 'running', 'dry-run'],
        [306, 'running', 'dry-run'],
        [307, 'running', 'dry-run'],
      ]);
      expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
      expect(server.job(305)?.status).toBe('running');
    });

    it('reads each given job once', async () => {
      const server = await fake();
      const { rows } = await terminateJobs(
        client(server),
        plan(['305', '299', '12'], true),
        log,
        never,
      );
      expect(rows.map((r) => [r.id, r.outcome])).toEqual([
        [305, 'dry-run'],
        [299, 'not-active'],
        [12, 'not-found'],
      ]);
      expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
    });
  });
});
