// Issue 27's clusters against careless and hostile answers: what a server lists or sends about
// a cluster is checked before it names a URL or decides a termination, and neutralised before
// it is printed; a refused key and a page that is not the API's stop or fail as for jobs.
import { afterEach, describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';
import { commands, sent } from '../helpers/runs.js';
import { clustersOf, outcomes } from '../helpers/clusters.js';

const open = openSet();
afterEach(open.closeAll);

const HOUR = 3_600_000;
const idleSince = (agoMs: number) => new Date(Date.now() - agoMs).toISOString();

const oneJob = (cluster: Record<string, unknown> = {}) =>
  open.keep(startXplenty({ jobs: [{ id: 1, cluster_id: 7 }], clusters: [{ id: 7, ...cluster }] }));

describe('cluster answers', () => {
  it('a refused key on a cluster read stops the run, and no cluster is terminated', async () => {
    const server = await oneJob();
    server.inject({
      method: 'GET',
      path: '/clusters/7',
      kind: 'status',
      status: 401,
      body: { message: 'Unauthorized' },
    });
    const run = await runAction(inputsFor(server, { keys: '1', clusters: 'emptied' }));
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('did not accept the API key (GET clusters/7 answered HTTP 401');
    expect(sent(server, 'DELETE')).toEqual(['/xplenation/api/jobs/1']);
  });

  it('a 2xx page that is not the API is no termination: an error row', async () => {
    const server = await oneJob();
    server.inject({ method: 'DELETE', path: '/clusters/7', kind: 'html', status: 200 });
    const run = await runAction(inputsFor(server, { keys: '1', clusters: 'emptied' }));
    expect(outcomes(run)).toEqual([[7, 'error']]);
    expect(clustersOf(run)[0]?.error).toContain('the answer did not come from the Xplenty API');
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('1 of 1 cluster(s) failed');
  });

  it('fail-on-error: false makes a cluster failure a warning', async () => {
    const server = await oneJob();
    server.inject({
      method: 'DELETE',
      path: '/clusters/7',
      kind: 'status',
      status: 500,
      body: { message: 'boom' },
    });
    const run = await runAction(
      inputsFor(server, { keys: '1', clusters: 'emptied', 'fail-on-error': 'false', retries: '0' }),
    );
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual([[7, 'error']]);
    expect(commands(run, 'warning').join('\n')).toContain(
      '1 of 1 cluster(s) failed: cluster 7 error',
    );
  });

  it("a 429 on a cluster's DELETE is waited out (Retry-After) from the run's one budget", async () => {
    const server = await oneJob();
    server.inject({
      method: 'DELETE',
      path: '/clusters/7',
      kind: 'status',
      status: 429,
      times: 1,
      headers: { 'retry-after': '1' },
      body: { message: 'Rate Limit Exceeded' },
    });
    const run = await runAction(inputsFor(server, { keys: '1', clusters: 'emptied' }));
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual([[7, 'terminated']]);
    const deletes = server.requests.filter(
      (r) => r.method === 'DELETE' && r.path.endsWith('/clusters/7'),
    );
    expect(deletes).toHaveLength(2);
    expect((deletes[1]?.at ?? 0) - (deletes[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('a page URL off Xplenty is no link', async () => {
    const server = await oneJob({ html_url: 'https://xplenty.com.evil.example/clusters/7' });
    const run = await runAction(inputsFor(server, { keys: '1', clusters: 'emptied' }));
    expect(outcomes(run)).toEqual([[7, 'terminated']]);
    expect(clustersOf(run)[0]?.page_url).toBeNull();
    expect(run.summary).not.toContain('evil.example');
  });

  it('a status with workflow commands is left alone and printed neutralised', async () => {
    const server = await oneJob();
    server.inject({
      method: 'GET',
      path: '/clusters/7',
      kind: 'status',
      status: 200,
      body: { id: 7, status: '::error::boom', running_jobs_count: 0 },
    });
    const run = await runAction(inputsFor(server, { keys: '1', clusters: 'emptied' }));
    expect(outcomes(run)).toEqual([[7, 'not-ready']]);
    expect(run.stdout).not.toMatch(/^::error::boom/m);
    expect(sent(server, 'DELETE')).toEqual(['/xplenation/api/jobs/1']);
    expect(run.code).toBe(0);
  });

  it('a read without running_jobs_count proves nothing: the cluster is left alone', async () => {
    const server = await oneJob();
    server.inject({
      method: 'GET',
      path: '/clusters/7',
      kind: 'status',
      status: 200,
      body: { id: 7, status: 'idle', idle_since: idleSince(HOUR) },
    });
    const run = await runAction(inputsFor(server, { keys: '1', clusters: 'emptied' }));
    expect(outcomes(run)).toEqual([[7, 'busy']]);
    expect(clustersOf(run)[0]?.error).toBe('no running_jobs_count: left alone');
  });
});

describe('cancelled during the clusters', () => {
  it('sends nothing more, and still writes every considered cluster its row', async () => {
    const server = await open.keep(
      startXplenty({
        jobs: [],
        clusters: [10, 11, 12].map((id) => ({ id, status: 'idle', idleSinceAgoMs: HOUR })),
        latencyMs: 300,
      }),
    );
    let signalledAt = 0;
    const run = await runAction(
      inputsFor(server, { keys: 'none', clusters: 'idle', concurrency: '1' }),
      {
        onLine: (line, child) => {
          if (line.includes('cluster 12: terminated') && signalledAt === 0) {
            signalledAt = Date.now();
            child.kill('SIGTERM');
          }
        },
      },
    );
    expect(signalledAt).toBeGreaterThan(0);
    expect(run.code).toBe(1);
    const rows = clustersOf(run);
    expect(rows.map((row) => row.id)).toEqual([12, 11, 10]);
    expect(rows[0]?.outcome).toBe('terminated');
    expect(rows.slice(1).every((row) => row.outcome === 'error')).toBe(true);
    const late = server.requests.filter((r) => r.method === 'DELETE' && r.at > signalledAt + 50);
    expect(late).toEqual([]);
    expect(run.summary).toContain('The run was cancelled.');
  });
});

describe('idle cluster listings', () => {
  it('names no URL with a listed id that is not a whole number, and trusts no future idle_since', async () => {
    const server = await open.keep(
      startXplenty({ jobs: [], clusters: [{ id: 10, status: 'idle', idleSinceAgoMs: HOUR }] }),
    );
    server.inject({
      method: 'GET',
      path: '/clusters',
      query: 'status=idle',
      kind: 'status',
      status: 200,
      body: [
        { id: '../jobs/1', status: 'idle', idle_since: idleSince(HOUR) },
        { id: 11, status: 'idle', idle_since: idleSince(-HOUR) },
        // A proxy that drops `status`: a cluster not idle is not considered.
        { id: 12, status: 'available', idle_since: null },
        { id: 10, status: 'idle', idle_since: idleSince(HOUR) },
      ],
    });
    const run = await runAction(inputsFor(server, { keys: 'none', clusters: 'idle' }));
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual([[10, 'terminated']]);
    expect(sent(server, 'DELETE')).toEqual(['/xplenation/api/clusters/10']);
    expect(server.requests.some((r) => r.path.includes('jobs/1'))).toBe(false);
    expect(run.stdout).toContain(
      '2 listed cluster(s) not idle or under an id that is not a whole number: left alone.',
    );
    expect(run.stdout).toContain('1 idle cluster(s) idle since no known past time: left alone.');
  });

  it('a cluster listed idle but read busy is left alone (the listing never decides)', async () => {
    const server = await open.keep(
      startXplenty({ jobs: [], clusters: [{ id: 10, status: 'idle', idleSinceAgoMs: HOUR }] }),
    );
    server.inject({
      method: 'GET',
      path: '/clusters/10',
      kind: 'status',
      status: 200,
      body: { id: 10, status: 'available', running_jobs_count: 2 },
    });
    const run = await runAction(inputsFor(server, { keys: 'none', clusters: 'idle' }));
    expect(outcomes(run)).toEqual([[10, 'not-idle']]);
    expect(sent(server, 'DELETE')).toEqual([]);
  });

  it('a listing that cannot be read stops the run with no cluster terminated', async () => {
    const server = await open.keep(
      startXplenty({ jobs: [], clusters: [{ id: 10, status: 'idle', idleSinceAgoMs: HOUR }] }),
    );
    server.inject({ method: 'GET', path: '/clusters', kind: 'html', status: 200 });
    const run = await runAction(inputsFor(server, { keys: 'none', clusters: 'idle' }));
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('Could not list the idle clusters');
    expect(sent(server, 'DELETE')).toEqual([]);
  });

  it('in every account of the key, each cluster named by its account', async () => {
    const server = await open.keep(
      startXplenty({
        jobs: [],
        clusters: [{ id: 10, status: 'idle', idleSinceAgoMs: HOUR }],
        accounts: [
          { account_id: 'other', clusters: [{ id: 10, status: 'idle', idleSinceAgoMs: HOUR }] },
          { account_id: 'quiet' },
        ],
      }),
    );
    const run = await runAction(
      inputsFor(server, { target: 'all', keys: 'none', clusters: 'idle' }),
    );
    expect(run.code).toBe(0);
    expect(clustersOf(run).map((row) => [row.account_id, row.id, row.outcome])).toEqual([
      ['xplenation', 10, 'terminated'],
      ['other', 10, 'terminated'],
    ]);
    expect(sent(server, 'DELETE').sort()).toEqual([
      '/other/api/clusters/10',
      '/xplenation/api/clusters/10',
    ]);
    expect(run.stdout).toContain('other/cluster 10: terminated');
  });
});
