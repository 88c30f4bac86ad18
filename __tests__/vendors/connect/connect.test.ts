import { afterEach, describe, expect, it } from '@jest/globals';
import type { Log } from '../../../src/shared/log.js';
import { terminateJobs } from '../../../src/execute/terminate.js';
import { compareVersions, ConnectJobs } from '../../../src/vendors/connect/index.js';
import { startConnect } from '../../fakes/connect.mjs';
import { openSet } from '../../fakes/setup.mjs';
import { connectHttp, connectTarget } from '../../helpers/clients.js';

type Fake = Awaited<ReturnType<typeof startConnect>>;
const open = openSet();
afterEach(open.closeAll);

async function fake(options: Parameters<typeof startConnect>[0] = {}): Promise<Fake> {
  return open.keep(startConnect(options));
}

function client(server: Fake, apiKey = server.apiKey) {
  return new ConnectJobs(connectHttp(server, { apiKey }), {
    target: connectTarget(server.guid),
    wait: false,
  });
}

const lines: string[] = [];
const log: Log = { info: (m) => lines.push(m) };
const never = new AbortController().signal;
// No keys: every active job, as `keys: all` asks.
const plan = (keys: string[] = [], dryRun = false) => ({
  all: keys.length === 0,
  keys,
  dryRun,
  concurrency: 4,
});

describe('Posit Connect client', () => {
  it('terminates the active jobs only, when no keys are given, with connectapi rows', async () => {
    const server = await fake();
    const {
      rows,
      stop: { message: stopped },
    } = await terminateJobs(client(server), plan(), log, never);
    expect(stopped).toBeNull();
    expect(rows).toEqual([
      {
        app_id: 52389,
        app_guid: server.guid,
        job_key: 'waaTO7v75I84S1hQ',
        job_id: '40793542',
        result: 'Order to kill job registered',
        code: null,
        error: null,
        outcome: 'terminated',
        page_url: `${server.server}/connect/#/apps/${server.guid}/logs?logKey=waaTO7v75I84S1hQ`,
      },
      expect.objectContaining({
        job_key: 'k3sHkEoWJNwQim7g',
        job_id: '40669829',
        outcome: 'terminated',
      }),
    ]);
    const deletes = server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(deletes).toEqual([
      `/__api__/v1/content/${server.guid}/jobs/waaTO7v75I84S1hQ`,
      `/__api__/v1/content/${server.guid}/jobs/k3sHkEoWJNwQim7g`,
    ]);
  });

  it('sends the key as `Authorization: Key <key>`', async () => {
    const server = await fake();
    await terminateJobs(client(server), plan(['k3sHkEoWJNwQim7g']), log, never);
    const del = server.requests.find((r) => r.method === 'DELETE');
    expect(del?.headers.authorization).toBe(`Key ${server.apiKey}`);
  });

  it('says "No active jobs found." and returns no rows when nothing is active', async () => {
    const server = await fake({ jobs: [{ key: 'doneJob00000001', status: 2 }] });
    lines.length = 0;
    const {
      rows,
      stop: { message: stopped },
    } = await terminateJobs(client(server), plan(), log, never);
    expect(rows).toEqual([]);
    expect(stopped).toBeNull();
    expect(lines).toContain('No active jobs found.');
    expect(server.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('reports a job that already ended as not-active (409, code 163), in key order', async () => {
    const server = await fake();
    const { rows } = await terminateJobs(
      client(server),
      plan(['QBZ5jkKfmf9iT9k8', 'waaTO7v75I84S1hQ', 'unknownKey000000']),
      log,
      never,
    );
    expect(rows.map((r) => [r.job_key, r.outcome, r.code])).toEqual([
      ['QBZ5jkKfmf9iT9k8', 'not-active', 163],
      ['waaTO7v75I84S1hQ', 'terminated', null],
      ['unknownKey000000', 'not-found', 4],
    ]);
    // connectapi's error row, but for its item (issue 26, item 4): the run knows it.
    expect(rows[0]).toEqual({
      app_id: null,
      app_guid: server.guid,
      job_key: 'QBZ5jkKfmf9iT9k8',
      job_id: null,
      result: null,
      code: 163,
      error: 'The specified job cannot be terminated because it is not active',
      outcome: 'not-active',
      page_url: `${server.server}/connect/#/apps/${server.guid}/logs?logKey=QBZ5jkKfmf9iT9k8`,
    });
    // No page for a job the server does not know.
    expect(rows[2]?.page_url).toBeNull();
  });

  it('turns a job killed twice into not-active the second time', async () => {
    const server = await fake();
    const connect = client(server);
    await terminateJobs(connect, plan(['waaTO7v75I84S1hQ']), log, never);
    const { rows } = await terminateJobs(connect, plan(['waaTO7v75I84S1hQ']), log, never);
    expect(rows[0]?.outcome).toBe('not-active');
  });

  it('stops the whole run on a bad key, sending no DELETE after the 401', async () => {
    const server = await fake();
    const {
      rows,
      stop: { message: stopped },
    } = await terminateJobs(
      client(server, 'wrong-key'),
      {
        all: false,
        keys: ['waaTO7v75I84S1hQ', 'k3sHkEoWJNwQim7g', 'QBZ5jkKfmf9iT9k8'],
        dryRun: false,
        concurrency: 1,
      },
      log,
      never,
    );
    expect(stopped).toMatch(
      /^Posit Connect did not accept the API key \(DELETE .* answered HTTP 401, code 30/,
    );
    expect(rows.map((r) => [r.job_key, r.outcome, r.code, r.error])).toEqual([
      ['waaTO7v75I84S1hQ', 'error', 30, expect.stringContaining("couldn't log you in")],
      ['k3sHkEoWJNwQim7g', 'error', null, 'not sent: authentication failed'],
      ['QBZ5jkKfmf9iT9k8', 'error', null, 'not sent: authentication failed'],
    ]);
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('stops the whole run on 403: permission holds for every job of the content', async () => {
    const server = await fake({ forbidden: true });
    const {
      rows,
      stop: { message: stopped },
    } = await terminateJobs(
      client(server),
      { all: false, keys: ['waaTO7v75I84S1hQ', 'k3sHkEoWJNwQim7g'], dryRun: false, concurrency: 1 },
      log,
      never,
    );
    expect(stopped).toMatch(/only its owner, collaborators and administrators may/);
    expect(rows.map((r) => r.error)).toEqual([
      "You don't have permission to perform this operation.",
      'not sent: permission denied',
    ]);
  });

  it('fails the run when the server has no jobs API (a bare 404 from a Connect older than 2022.10.0)', async () => {
    const server = await fake({ legacy: true, version: '' });
    const {
      rows,
      stop: { message: stopped },
    } = await terminateJobs(client(server), plan(['waaTO7v75I84S1hQ']), log, never);
    expect(stopped).toMatch(
      /^No jobs API at http:\/\/127\.0\.0\.1:\d+ \(DELETE .* answered a 404 without Connect's error code\): Posit Connect 2022\.10\.0 or newer is needed/,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.outcome).toBe('error');
  });

  it('refuses a visible server version below 2022.10.0 before any DELETE', async () => {
    const server = await fake({ legacy: true });
    const {
      rows,
      stop: { message: stopped },
    } = await terminateJobs(client(server), plan(['waaTO7v75I84S1hQ']), log, never);
    expect(stopped).toBe(
      'Posit Connect 1.8.8 has no API to terminate jobs: it needs 2022.10.0 or newer.',
    );
    expect(rows[0]?.error).toBe('not sent: Connect 1.8.8 is older than 2022.10.0');
    expect(server.requests.map((r) => r.path)).toEqual(['/__api__/server_settings']);
  });

  it('goes on when the server hides its version', async () => {
    const server = await fake({ version: null });
    const { rows } = await terminateJobs(client(server), plan(['waaTO7v75I84S1hQ']), log, never);
    expect(rows[0]?.outcome).toBe('terminated');
  });

  it('works under a path prefix', async () => {
    const server = await fake({ prefix: '/rsc' });
    const { rows } = await terminateJobs(client(server), plan(['k3sHkEoWJNwQim7g']), log, never);
    expect(rows[0]?.outcome).toBe('terminated');
    expect(server.requests.at(-1)?.path).toBe(
      `/rsc/__api__/v1/content/${server.guid}/jobs/k3sHkEoWJNwQim7g`,
    );
  });

  it('fails the run when the job list cannot be read', async () => {
    const server = await fake();
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      kind: 'status',
      status: 500,
      body: { code: 1, error: 'boom', payload: null },
    });
    const {
      rows,
      stop: { message: stopped },
    } = await terminateJobs(client(server), plan(), log, never);
    expect(rows).toEqual([]);
    expect(stopped).toBe(
      `Could not list the jobs of content ${server.guid}: GET v1/content/${server.guid}/jobs answered HTTP 500, code 1: boom.`,
    );
  });

  describe('dry-run', () => {
    it('lists the active jobs with GETs only', async () => {
      const server = await fake();
      const { rows } = await terminateJobs(client(server), plan([], true), log, never);
      expect(rows).toEqual([
        {
          app_id: 52389,
          app_guid: server.guid,
          job_key: 'waaTO7v75I84S1hQ',
          job_id: '40793542',
          result: null,
          code: null,
          error: null,
          outcome: 'dry-run',
          page_url: `${server.server}/connect/#/apps/${server.guid}/logs?logKey=waaTO7v75I84S1hQ`,
        },
        expect.objectContaining({ job_key: 'k3sHkEoWJNwQim7g', outcome: 'dry-run' }),
      ]);
      expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
      expect(server.job('waaTO7v75I84S1hQ')?.status).toBe(0);
    });

    it('reads each given key once and says what would happen to it', async () => {
      const server = await fake();
      const { rows } = await terminateJobs(
        client(server),
        plan(['waaTO7v75I84S1hQ', 'QBZ5jkKfmf9iT9k8', 'unknownKey000000'], true),
        log,
        never,
      );
      expect(rows.map((r) => [r.job_key, r.outcome, r.job_id])).toEqual([
        ['waaTO7v75I84S1hQ', 'dry-run', '40793542'],
        ['QBZ5jkKfmf9iT9k8', 'not-active', '40096649'],
        ['unknownKey000000', 'not-found', null],
      ]);
      expect(server.requests.filter((r) => r.path.includes('/jobs/'))).toHaveLength(3);
      expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    });
  });
});

describe('compareVersions', () => {
  it.each([
    ['2024.08.0', '2022.10.0', 1],
    ['2022.10.0', '2022.10.0', 0],
    ['2022.09.1', '2022.10.0', -1],
    ['1.8.8-11', '2022.10.0', -1],
    ['2022.10', '2022.10.0', 0],
  ])('%s against %s is %d', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});
