// Issue 27's clusters through run() of src/main.ts in this process (the suites of action/ run
// the bundle): the cluster phase's paths one by one against the fake, each asserting what the
// rows, the outputs and the log say.
import { afterEach, describe, expect, it } from '@jest/globals';
import { run, type RunContext } from '../../../src/main.js';
import type { Fault } from '../../fakes/server.mjs';
import { inputsFor, openSet } from '../../fakes/setup.mjs';
import { startXplenty } from '../../fakes/xplenty.mjs';
import { fakeCore, runnerEnv } from '../../helpers/core.js';

const open = openSet();
afterEach(open.closeAll);

const context: RunContext = { serverUrl: 'https://github.com', repository: 'o/r', runId: 1 };
const HOUR = 3_600_000;
type Spec = NonNullable<Parameters<typeof startXplenty>[0]>;

type Server = Awaited<ReturnType<typeof startXplenty>>;

async function runWith(
  spec: Spec,
  inputs: Record<string, string>,
  faults: Fault[] | ((server: Server) => Fault[]) = [],
) {
  const server = await open.keep(startXplenty(spec));
  for (const fault of typeof faults === 'function' ? faults(server) : faults) server.inject(fault);
  const { core, record } = fakeCore(inputsFor(server, inputs));
  // The summary goes to the stand-in; the variable only says there is one.
  const env = { ...runnerEnv, GITHUB_STEP_SUMMARY: 'summary.md' };
  await run(core, context, env, new AbortController().signal);
  const clusters = JSON.parse(String(record.outputs.clusters ?? 'null')) as {
    id: unknown;
    outcome: string;
    error: string | null;
    status: unknown;
  }[];
  return { server, record, clusters, outcomes: clusters.map((row) => [row.id, row.outcome]) };
}

const idle = (id: number, more: Record<string, unknown> = {}) => ({
  id,
  status: 'idle',
  idleSinceAgoMs: HOUR,
  ...more,
});

describe('the cluster phase, in process', () => {
  it('terminates, waits by list, and writes rows, outputs and summary', async () => {
    const { record, outcomes } = await runWith(
      { jobs: [{ id: 1, cluster_id: 7 }], clusters: [{ id: 7, terminateAfterMs: 400 }] },
      { keys: '1', clusters: 'emptied', wait: 'true', 'poll-interval': '0.2' },
    );
    expect(outcomes).toEqual([[7, 'ended']]);
    expect(record.failed).toEqual([]);
    expect(record.groups).toEqual(expect.arrayContaining(['Terminate clusters']));
    expect(record.summary).toContain('<h3>Clusters</h3>');
    expect(record.info).toContain('cluster 7: terminated (status pending_terminate)');
  });

  it('says when there is no cluster to terminate', async () => {
    const { record, outcomes } = await runWith(
      { jobs: [], clusters: [] },
      { keys: 'none', clusters: 'idle' },
    );
    expect(outcomes).toEqual([]);
    expect(record.info).toContain('Clusters: none to terminate.');
    expect(record.summary).toContain('No cluster to terminate.');
  });

  it.each([
    ['terminated', 'not-active'],
    ['pending_terminate', 'terminating'],
    ['error', 'not-ready'],
    ['mystery', 'not-ready'],
  ])('a cluster read as %s keeps its own outcome: %s', async (status, outcome) => {
    const { outcomes, record } = await runWith(
      { jobs: [{ id: 1, cluster_id: 7 }], clusters: [{ id: 7 }] },
      { keys: '1', clusters: 'emptied' },
      [
        {
          method: 'GET',
          path: '/clusters/7',
          kind: 'status',
          status: 200,
          body: { id: 7, status, running_jobs_count: 0 },
        },
      ],
    );
    expect(outcomes).toEqual([[7, outcome]]);
    expect(record.failed).toEqual([]);
  });

  it.each([
    [{ kind: 'status', status: 404, body: { message: 'Item not found.' } }, 'not-found'],
    [{ kind: 'status', status: 502, body: { message: 'Bad gateway' } }, 'error'],
  ] as const)('a read answered %j is that row', async (fault, outcome) => {
    const { outcomes, record } = await runWith(
      { jobs: [{ id: 1, cluster_id: 7 }], clusters: [{ id: 7 }] },
      { keys: '1', clusters: 'emptied', retries: '0' },
      [{ method: 'GET', path: '/clusters/7', ...fault }],
    );
    expect(outcomes).toEqual([[7, outcome]]);
    expect(record.failed.join('\n')).toContain('1 of 1 cluster(s) failed');
  });

  it.each([
    [{ kind: 'status', status: 404, body: { message: 'Item not found.' } }, 'not-found'],
    [{ kind: 'status', status: 204, text: '' }, 'terminated'],
    [{ kind: 'status', status: 200, body: { id: 7, status: 'terminated' } }, 'ended'],
    [{ kind: 'status', status: 409, body: { message: 'conflict' } }, 'error'],
  ] as const)('a DELETE answered %j is that row', async (fault, outcome) => {
    const { outcomes } = await runWith(
      { jobs: [{ id: 1, cluster_id: 7 }], clusters: [{ id: 7 }] },
      { keys: '1', clusters: 'emptied', retries: '0' },
      [{ method: 'DELETE', path: '/clusters/7', ...fault }],
    );
    expect(outcomes).toEqual([[7, outcome]]);
  });

  it('a refused DELETE whose read then fails is the refusal', async () => {
    const { outcomes, clusters } = await runWith(
      { jobs: [{ id: 1, cluster_id: 7 }], clusters: [{ id: 7 }] },
      { keys: '1', clusters: 'emptied', retries: '0' },
      // The read before the DELETE goes through, and arms the refusal and the failed read.
      (server) => [
        {
          method: 'GET',
          path: '/clusters/7',
          kind: 'delay',
          ms: 0,
          times: 1,
          then: () => {
            server.inject({
              method: 'DELETE',
              path: '/clusters/7',
              kind: 'status',
              status: 422,
              body: { message: 'no' },
            });
            server.inject({
              method: 'GET',
              path: '/clusters/7',
              kind: 'status',
              status: 500,
              body: {},
            });
          },
        },
      ],
    );
    expect(outcomes).toEqual([[7, 'error']]);
    expect(clusters[0]?.error).toBe('no');
  });

  it('a waiting job that names its cluster by no cluster id keeps every cluster busy', async () => {
    const { outcomes, server } = await runWith(
      { jobs: [], clusters: [idle(10)] },
      { keys: 'none', clusters: 'idle' },
      [
        {
          method: 'GET',
          path: '/jobs',
          query: 'status=queued',
          kind: 'status',
          status: 200,
          body: [{ id: 9, status: 'queued', cluster_id: 'ten' }],
        },
      ],
    );
    expect(outcomes).toEqual([[10, 'busy']]);
    expect(server.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('in a dry run of idle clusters, asks for the waiting jobs and sends no DELETE', async () => {
    const { outcomes, server, record } = await runWith(
      { jobs: [{ id: 4, cluster_id: 11, status: 'queued' }], clusters: [idle(10), idle(11)] },
      { keys: 'none', clusters: 'idle', 'dry-run': 'true' },
    );
    expect(outcomes).toEqual([
      [11, 'busy'],
      [10, 'dry-run'],
    ]);
    expect(server.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(record.groups).toContain('Dry run: look at the clusters');
  });

  it('the wait lists once read, then reads alone what a failed list could not show', async () => {
    const { outcomes, server } = await runWith(
      {
        jobs: [],
        clusters: [idle(10, { terminateAfterMs: 600 }), idle(11, { terminateAfterMs: 600 })],
      },
      { keys: 'none', clusters: 'idle', wait: 'true', 'poll-interval': '0.2' },
      [{ method: 'GET', path: '/clusters', query: 'since=', kind: 'html', status: 200, times: 1 }],
    );
    expect(outcomes).toEqual([
      [11, 'ended'],
      [10, 'ended'],
    ]);
    const alone = server.requests.filter(
      (r) => r.method === 'GET' && /clusters\/\d+$/.test(r.path),
    );
    expect(alone.length).toBeGreaterThan(2);
  });

  it('a cluster gone (404) while waited on has ended', async () => {
    const { outcomes } = await runWith(
      { jobs: [], clusters: [idle(10, { terminateAfterMs: 60_000 })] },
      { keys: 'none', clusters: 'idle', wait: 'true', 'poll-interval': '0.2', 'wait-timeout': '5' },
      [
        // The read before the DELETE goes through; the wait's list fails, the read alone is a 404.
        {
          method: 'GET',
          path: /clusters\/10$/,
          kind: 'delay',
          ms: 0,
          then: () => undefined,
          times: 1,
        },
        { method: 'GET', path: '/clusters', query: 'since=', kind: 'html', status: 200 },
        {
          method: 'GET',
          path: /clusters\/10$/,
          kind: 'status',
          status: 404,
          body: { message: 'Item not found.' },
        },
      ],
    );
    expect(outcomes).toEqual([[10, 'ended']]);
  });

  it('more cluster rows than the output holds: failures first, a warning, all in the file', async () => {
    const ids = Array.from({ length: 260 }, (_, i) => i + 1);
    const { record, clusters } = await runWith(
      { jobs: [], clusters: ids.map((id) => idle(id)) },
      { keys: 'none', clusters: 'idle', concurrency: '64', 'dry-run': 'true' },
    );
    expect(clusters.length).toBeLessThan(260);
    expect(record.warnings.join('\n')).toMatch(
      /cluster rows are only in the file of output results-file/,
    );
    expect(record.summary).toMatch(/more cluster row\(s\) are in the/);
  });
});
