// Issue 27, "Clusters": after the kill, `clusters: emptied` waits for the jobs this run stopped
// and terminates the clusters they leave free; `clusters: idle` terminates the account's idle
// clusters (`idle-for`, `keys: none`). Each cluster is read right before its DELETE; one row
// per cluster considered, in the `clusters` output and the results file.
import { afterEach, describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';
import { clustersOf, outcomes } from '../helpers/clusters.js';
import { rowsOf, sent } from '../helpers/runs.js';

const open = openSet();
afterEach(open.closeAll);

const clusterCalls = (server: { requests: { method: string; path: string }[] }) =>
  server.requests.filter((r) => r.path.includes('/clusters')).map((r) => `${r.method} ${r.path}`);

const HOUR = 3_600_000;

/**
 * Package 103's jobs 1 and 2 run on cluster 7, job 3 (package 104) on cluster 8, job 5
 * (package 105) on cluster 9, for which job 4 is queued. Cluster 10 has been idle for an hour,
 * 11 for a minute, 12 is being created, 13 is idle since a time not given, 14 is idle for an
 * hour but a pending job waits for it.
 */
const account = () =>
  open.keep(
    startXplenty({
      jobs: [
        { id: 1, cluster_id: 7, stopAfterMs: 300 },
        { id: 2, cluster_id: 7, stopAfterMs: 300 },
        { id: 3, cluster_id: 8, package_id: 104 },
        { id: 4, cluster_id: 9, status: 'queued', package_id: 105 },
        { id: 5, cluster_id: 9, package_id: 105 },
        { id: 6, cluster_id: 14, status: 'pending', package_id: 106 },
      ],
      clusters: [
        { id: 7, terminateAfterMs: 300 },
        { id: 8 },
        { id: 9 },
        { id: 10, status: 'idle', idleSinceAgoMs: HOUR },
        { id: 11, status: 'idle', idleSinceAgoMs: 60_000 },
        { id: 12, status: 'creating' },
        { id: 13, status: 'idle', idleSinceAgoMs: null },
        { id: 14, status: 'idle', idleSinceAgoMs: HOUR },
      ],
    }),
  );

describe('clusters: emptied', () => {
  it('waits for the stopped jobs, then terminates the cluster they leave free, read fresh', async () => {
    const server = await account();
    const run = await runAction(
      inputsFor(server, { keys: 'all', 'package-id': '103', clusters: 'emptied' }),
    );
    expect(run.code).toBe(0);
    // The jobs were waited on though `wait` is false: their rows say they ended.
    expect(rowsOf(run).map((row) => [row.id, row.outcome])).toEqual([
      [1, 'ended'],
      [2, 'ended'],
    ]);
    expect(outcomes(run)).toEqual([[7, 'terminated']]);
    expect(clustersOf(run)[0]).toMatchObject({
      status: 'pending_terminate',
      account_id: 'xplenation',
      running_jobs_count: 0,
      page_url: 'https://xplenty.com/xplenation/clusters/7',
    });
    // One read of cluster 7 right before its one DELETE; no other cluster touched.
    expect(clusterCalls(server)).toEqual([
      'GET /xplenation/api/clusters/7',
      'DELETE /xplenation/api/clusters/7',
    ]);
    expect(server.cluster(8)?.status).toBe('available');
    expect(run.stdout).toContain('Clusters: 1 terminated.');
    expect(run.summary).toContain('<h3>Clusters</h3>');
    expect(run.outputs.terminated).toBe('2');
    // The results file holds both arrays.
    const file = JSON.parse(run.resultsFileText ?? 'null');
    expect(file.jobs.map((row: { id: number }) => row.id)).toEqual([1, 2]);
    expect(file.clusters.map((row: { id: number }) => row.id)).toEqual([7]);
  });

  it('leaves alone a cluster another job still runs on', async () => {
    const server = await account();
    const run = await runAction(inputsFor(server, { keys: '1', clusters: 'emptied' }));
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual([[7, 'busy']]);
    expect(clustersOf(run)[0]?.error).toBe('1 running job(s): left alone');
    expect(sent(server, 'DELETE')).toEqual(['/xplenation/api/jobs/1']);
  });

  it('leaves alone a cluster a queued job of the account waits for', async () => {
    const server = await account();
    const run = await runAction(inputsFor(server, { keys: '5', clusters: 'emptied' }));
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual([[9, 'busy']]);
    expect(clustersOf(run)[0]?.error).toContain('an idle, pending or queued job of the account');
    // The account's waiting jobs were listed once per status, not once per cluster.
    const lists = server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/jobs'));
    expect(lists.map((r) => r.query.get('status'))).toEqual(['idle', 'pending', 'queued']);
  });

  it('with wait: true follows the cluster until it reads terminated', async () => {
    const server = await account();
    const run = await runAction(
      inputsFor(server, {
        keys: 'all',
        'package-id': '103',
        clusters: 'emptied',
        wait: 'true',
        'poll-interval': '0.2',
      }),
    );
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual([[7, 'ended']]);
    expect(clustersOf(run)[0]?.status).toBe('terminated');
    expect(run.stdout).toContain('1 of 1 clusters terminated in');
  });

  it('a cluster still terminating at the deadline is timed-out', async () => {
    const server = await open.keep(
      startXplenty({
        jobs: [{ id: 1, cluster_id: 7 }],
        clusters: [{ id: 7, terminateAfterMs: 60_000 }],
      }),
    );
    const run = await runAction(
      inputsFor(server, {
        keys: '1',
        clusters: 'emptied',
        wait: 'true',
        'wait-timeout': '1',
        'poll-interval': '0.2',
      }),
    );
    expect(outcomes(run)).toEqual([[7, 'timed-out']]);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('1 of 1 cluster(s) failed: cluster 7 timed-out');
  });

  it('in a dry run reads the clusters and sends nothing', async () => {
    const server = await account();
    const run = await runAction(
      inputsFor(server, {
        keys: 'all',
        'package-id': '103',
        clusters: 'emptied',
        'dry-run': 'true',
      }),
    );
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual([[7, 'dry-run']]);
    expect(sent(server, 'DELETE')).toEqual([]);
    expect(run.stdout).toContain('Clusters: 1 dry-run; nothing was sent.');
  });

  it('a DELETE refused while the cluster is being created is that row, not a failure', async () => {
    const server = await account();
    // Between the read and the DELETE, the cluster starts over.
    server.inject({
      method: 'DELETE',
      path: '/clusters/8',
      kind: 'delay',
      ms: 0,
      then: () => server.setClusterStatus(8, 'creating'),
    });
    const run = await runAction(inputsFor(server, { keys: '3', clusters: 'emptied' }));
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual([[8, 'not-ready']]);
    expect(clustersOf(run)[0]).toMatchObject({ code: 422, status: 'creating' });
    expect(clusterCalls(server)).toEqual([
      'GET /xplenation/api/clusters/8',
      'DELETE /xplenation/api/clusters/8',
      'GET /xplenation/api/clusters/8',
    ]);
  });
});

describe('clusters: idle', () => {
  it('terminates only the idle clusters older than idle-for with keys: none', async () => {
    const server = await account();
    const run = await runAction(
      inputsFor(server, { keys: 'none', clusters: 'idle', 'idle-for': '30m' }),
    );
    expect(run.code).toBe(0);
    expect(rowsOf(run)).toEqual([]);
    // 14 is idle an hour, but job 6 waits for it; 11 has been idle a minute; 13 since no known time.
    expect(outcomes(run)).toEqual([
      [14, 'busy'],
      [10, 'terminated'],
    ]);
    expect(sent(server, 'DELETE')).toEqual(['/xplenation/api/clusters/10']);
    expect(run.stdout).toContain(
      '2 idle cluster(s) idle for 30m or less, or since no known past time: left alone.',
    );
    expect(server.job(6)?.status).toBe('pending');
    // No job: the heading says what happened to the clusters.
    expect(run.summary).toContain(
      '<h2>✅ 1 cluster told to terminate, 1 still in use on Xplenty</h2>',
    );
  });

  it('with keys: all stops the jobs and terminates the idle clusters', async () => {
    const server = await account();
    const run = await runAction(inputsFor(server, { keys: 'all', clusters: 'idle' }));
    expect(run.code).toBe(0);
    expect(rowsOf(run).map((row) => row.id)).toEqual([1, 2, 3, 4, 5, 6]);
    // Listed idle right after the kill: the clusters that ran jobs are not idle yet.
    expect(outcomes(run).map(([id]) => id)).toEqual(expect.arrayContaining([10, 14]));
  });
});

describe('clusters: none', () => {
  it('sends no cluster request and gives an empty clusters output', async () => {
    const server = await account();
    const run = await runAction(inputsFor(server, { keys: '1' }));
    expect(run.code).toBe(0);
    expect(clusterCalls(server)).toEqual([]);
    expect(run.outputs.clusters).toBe('[]');
    expect(run.summary).not.toContain('Clusters');
    expect(JSON.parse(run.resultsFileText ?? 'null')).toHaveLength(1);
  });
});

describe('cluster inputs', () => {
  it.each([
    [{ keys: 'none', clusters: 'emptied' }, '`emptied` terminates the clusters of the jobs'],
    [{ keys: 'none' }, '`none` touches no job, so it goes only with `clusters: idle`'],
    [{ keys: '1', clusters: 'all' }, 'clusters: got "all", expected `none`, `emptied` or `idle`'],
    [{ keys: '1', clusters: 'emptied', 'idle-for': '1h' }, 'idle-for: only with `clusters: idle`'],
    [{ keys: 'none', clusters: 'idle', 'idle-for': 'soon' }, 'idle-for: got "soon"'],
  ])('refuses %j before any request', async (inputs, said) => {
    const server = await account();
    const run = await runAction(inputsFor(server, inputs));
    expect(run.code).not.toBe(0);
    expect(server.requests).toEqual([]);
    expect(run.stdout).toContain(said);
    expect(run.outputs.clusters).toBe('[]');
  });
});
