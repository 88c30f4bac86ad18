// Issue 27: with `wait: true` the wait follows the clusters it terminated until `terminated`,
// within the jobs' deadline, reading the account's list of clusters updated since the phase
// began where that is cheaper than one read per cluster.
import { afterEach, describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';
import { outcomes } from '../helpers/clusters.js';

const open = openSet();
afterEach(open.closeAll);

const HOUR = 3_600_000;

describe('the wait on clusters', () => {
  it('reads the list of clusters updated since, not each cluster, and sees them terminated', async () => {
    const ids = [10, 11, 12, 13, 14, 15];
    const server = await open.keep(
      startXplenty({
        jobs: [],
        clusters: [
          ...ids.map((id) => ({ id, status: 'idle', idleSinceAgoMs: HOUR, terminateAfterMs: 700 })),
          // Never touched: a list since the phase began does not show it.
          { id: 99, status: 'creating' },
        ],
      }),
    );
    const run = await runAction(
      inputsFor(server, { keys: 'none', clusters: 'idle', wait: 'true', 'poll-interval': '0.2' }),
    );
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual([...ids].reverse().map((id) => [id, 'ended']));
    const lists = server.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith('/clusters') && r.query.get('since') !== null,
    );
    expect(lists.length).toBeGreaterThan(0);
    expect(lists[0]?.query.get('sort')).toBe('updated');
    // After the read before each DELETE, no cluster was read alone: the lists showed them all.
    const reads = server.requests.filter(
      (r) => r.method === 'GET' && /clusters\/\d+$/.test(r.path),
    );
    expect(reads).toHaveLength(ids.length);
    expect(run.stdout).toMatch(/6 of 6 clusters terminated in \d+ s; the wait used \d+ request/);
  });

  it('keeps one deadline for the jobs and the clusters', async () => {
    const server = await open.keep(
      startXplenty({
        jobs: [{ id: 1, cluster_id: 7, stopAfterMs: 1500 }],
        clusters: [{ id: 7, terminateAfterMs: 60_000 }],
      }),
    );
    const started = Date.now();
    const run = await runAction(
      inputsFor(server, {
        keys: '1',
        clusters: 'emptied',
        wait: 'true',
        'wait-timeout': '3',
        'poll-interval': '0.2',
      }),
    );
    // 1.5 s for the job, what is left of 3 s for the cluster: not 3 s more.
    expect(Date.now() - started).toBeLessThan(5500);
    expect(outcomes(run)).toEqual([[7, 'timed-out']]);
    expect(run.stdout).toMatch(/Waiting up to [12] s for 1 cluster\(s\) to be terminated\./);
  });
});
