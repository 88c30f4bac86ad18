// Choosing the jobs with `keys: all` and the filters (`bundle`, `tag`, `older-than`), run
// through the committed dist/index.js as the runner runs it, against the fakes over real HTTP.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

const open = openSet();
afterEach(open.closeAll);

const HOUR = 3_600_000;
const ACTIVE_BUNDLE = '127016';
const PREVIOUS_BUNDLE = '127015';

/** Seven active jobs: four on the active bundle, three on the previous one; one ended job. */
const DEPLOYED = [
  { key: 'newApp0000000001', bundle: ACTIVE_BUNDLE, startedAgoMs: 0.1 * HOUR },
  { key: 'newApp0000000002', bundle: ACTIVE_BUNDLE, startedAgoMs: 0.2 * HOUR },
  { key: 'newReport0000003', bundle: ACTIVE_BUNDLE, tag: 'build_report', startedAgoMs: 9 * HOUR },
  { key: 'newApp0000000004', bundle: ACTIVE_BUNDLE, startedAgoMs: 0.3 * HOUR },
  { key: 'oldApp0000000001', bundle: PREVIOUS_BUNDLE, startedAgoMs: 30 * HOUR },
  { key: 'oldReport0000002', bundle: PREVIOUS_BUNDLE, tag: 'build_report', startedAgoMs: 8 * HOUR },
  { key: 'oldApp0000000003', bundle: PREVIOUS_BUNDLE, startedAgoMs: 2 * HOUR },
  { key: 'oldEnded00000004', bundle: PREVIOUS_BUNDLE, status: 2 },
];

type ConnectRow = { job_key: string; outcome: string };
type XplentyRow = { id: number; outcome: string };

async function connect(options: Parameters<typeof startConnect>[0] = {}) {
  const server = await open.keep(
    startConnect({ bundle: ACTIVE_BUNDLE, jobs: DEPLOYED, ...options }),
  );
  const inputs = inputsFor(server, {
    keys: 'all',
    // One request at a time: the fake's request log is then in the order of the rows.
    concurrency: '1',
  });
  const deletes = () =>
    server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop());
  return { server, inputs, deletes };
}

const keysOf = (rows: ConnectRow[]) => rows.map((row) => [row.job_key, row.outcome]);

describe('bundle: previous', () => {
  it("terminates only the jobs not on the content's active bundle, reading it once", async () => {
    const { server, inputs, deletes } = await connect();
    const run = await runAction({ ...inputs, bundle: 'previous' });
    expect(run.code).toBe(0);
    expect(keysOf(run.rows)).toEqual([
      ['oldApp0000000001', 'terminated'],
      ['oldReport0000002', 'terminated'],
      ['oldApp0000000003', 'terminated'],
    ]);
    expect(deletes()).toEqual(['oldApp0000000001', 'oldReport0000002', 'oldApp0000000003']);
    const contentReads = server.requests.filter((r) => r.path.endsWith(`/content/${server.guid}`));
    expect(contentReads).toHaveLength(1);
    expect(run.stdout).toContain(
      'Found 7 active job(s); 4 are on the active bundle 127016 and are left alone.',
    );
    expect(run.summary).toContain('every active job not on the active bundle 127016');
  });

  it('applies the same selection in dry-run, sending only GETs', async () => {
    const { server, inputs } = await connect();
    const run = await runAction({ ...inputs, bundle: 'previous', 'dry-run': 'true' });
    expect(run.code).toBe(0);
    expect(keysOf(run.rows)).toEqual([
      ['oldApp0000000001', 'dry-run'],
      ['oldReport0000002', 'dry-run'],
      ['oldApp0000000003', 'dry-run'],
    ]);
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(run.stdout).toContain('4 are on the active bundle 127016 and are left alone.');
    expect(run.summary).toContain('Dry run');
    expect(run.summary).toContain('every active job not on the active bundle 127016');
  });

  it.each([
    ['the content GET fails', { kind: 'status', status: 500, body: { code: 1, error: 'boom' } }],
    ['the content is unknown', { kind: 'status', status: 404, body: { code: 4, error: 'gone' } }],
  ] as const)('stops before any DELETE when %s, and says why', async (_, fault) => {
    const { server, inputs, deletes } = await connect();
    server.inject({ method: 'GET', path: new RegExp(`/content/${server.guid}$`), ...fault });
    const run = await runAction({ ...inputs, bundle: 'previous', retries: '0' });
    expect(run.code).toBe(1);
    expect(deletes()).toEqual([]);
    expect(run.stdout).toMatch(/::error::Could not read the active bundle of content .*HTTP \d{3}/);
    expect(run.rows).toEqual([]);
    // No selection is claimed that was never made; the summary says why the run stopped.
    expect(run.summary).not.toContain('Selection:');
    expect(run.summary).toContain(
      '<strong>Stopped before any job was terminated:</strong> Could not read the active bundle',
    );
  });

  it('stops before any DELETE when the content names no bundle_id', async () => {
    const { inputs, deletes } = await connect({ bundle: null });
    const run = await runAction({ ...inputs, bundle: 'previous' });
    expect(run.code).toBe(1);
    expect(deletes()).toEqual([]);
    expect(run.stdout).toMatch(/::error::.*names no active bundle/);
  });
});

describe('bundle: <id>, tag, older-than', () => {
  it('bundle: an id keeps only that bundle, compared by value', async () => {
    const { inputs, deletes } = await connect();
    const run = await runAction({ ...inputs, bundle: '0127015' });
    expect(run.code).toBe(0);
    expect(deletes()).toEqual(['oldApp0000000001', 'oldReport0000002', 'oldApp0000000003']);
    expect(run.stdout).toContain(
      'Found 7 active job(s); 4 are not on bundle 127015 and are left alone.',
    );
  });

  it('tag keeps only the jobs with one of the tags, case-sensitive', async () => {
    const { inputs, deletes } = await connect();
    const run = await runAction({ ...inputs, tag: 'build_report, Run_app' });
    expect(run.code).toBe(0);
    expect(deletes()).toEqual(['newReport0000003', 'oldReport0000002']);
    expect(run.stdout).toContain(
      'Found 7 active job(s); 5 are not tagged build_report or Run_app and are left alone.',
    );
  });

  it('older-than keeps only the jobs that started longer ago; not started or future: left alone', async () => {
    const { inputs, deletes } = await connect({
      jobs: [
        ...DEPLOYED,
        { key: 'notStarted000001', startedAgoMs: null },
        { key: 'inTheFuture00001', startedAgoMs: -3 * HOUR },
      ],
    });
    const run = await runAction({ ...inputs, 'older-than': '6H' });
    expect(run.code).toBe(0);
    expect(deletes()).toEqual(['newReport0000003', 'oldApp0000000001', 'oldReport0000002']);
    expect(run.stdout).toContain(
      'Found 9 active job(s); 6 have not been running for more than 6h and are left alone.',
    );
    expect(run.summary).toContain('running for more than 6h');
  });

  it('combines the filters: a job must pass all of them, each counted in the log', async () => {
    const { inputs, deletes } = await connect();
    const run = await runAction({
      ...inputs,
      bundle: 'previous',
      tag: 'run_app',
      'older-than': '1.5h',
    });
    expect(run.code).toBe(0);
    expect(deletes()).toEqual(['oldApp0000000001', 'oldApp0000000003']);
    expect(run.stdout).toContain(
      'Found 7 active job(s); 4 are on the active bundle 127016 and are left alone; 1 is not tagged run_app and is left alone; 0 have not been running for more than 1.5h and are left alone.',
    );
    expect(run.summary).toContain(
      'every active job not on the active bundle 127016, tagged run_app, running for more than 1.5h',
    );
  });

  it('succeeds with no row when the filters leave every job alone', async () => {
    const { inputs, deletes } = await connect();
    const run = await runAction({ ...inputs, bundle: 'previous', 'older-than': '2d' });
    expect(run.code).toBe(0);
    expect(deletes()).toEqual([]);
    expect(run.outputs).toEqual({
      results: '[]',
      'results-file': expect.stringMatching(/terminate-jobs-results-.*\.json$/),
      terminated: '0',
      failed: '0',
      clusters: '[]',
    });
  });

  it('reports a job that ended between the list and its kill order as not-active (409/163)', async () => {
    const { inputs } = await connect({
      jobs: [{ key: 'racing0000000001', bundle: PREVIOUS_BUNDLE, endsBeforeKill: true }],
    });
    const run = await runAction({ ...inputs, bundle: 'previous' });
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([
      expect.objectContaining({ job_key: 'racing0000000001', outcome: 'not-active', code: 163 }),
    ]);
  });
});

describe('Xplenty: older-than', () => {
  async function xplenty() {
    const server = await open.keep(
      startXplenty({
        jobs: [
          { id: 401, startedAgoMs: 7 * HOUR },
          { id: 402, startedAgoMs: 1 * HOUR },
          { id: 403, status: 'queued' },
          { id: 404, startedAgoMs: 30 * HOUR, package_id: 104 },
          { id: 405, status: 'completed', startedAgoMs: 40 * HOUR },
          { id: 406, startedAgoMs: null },
        ],
      }),
    );
    const inputs = inputsFor(server, {
      keys: 'ALL',
    });
    return { server, inputs };
  }

  it('terminates the jobs running for longer; queued and unstarted ones are left alone', async () => {
    const { inputs } = await xplenty();
    const run = await runAction({ ...inputs, 'older-than': '21600' });
    expect(run.code).toBe(0);
    expect(run.rows.map((r: XplentyRow) => [r.id, r.outcome])).toEqual([
      [401, 'terminated'],
      [404, 'terminated'],
    ]);
    expect(run.stdout).toContain(
      'Found 5 active job(s); 3 have not been running for more than 21600s and are left alone.',
    );
  });

  it('combines older-than with package-id', async () => {
    const { server, inputs } = await xplenty();
    const run = await runAction({ ...inputs, 'older-than': '6h', 'package-id': '103' });
    expect(run.code).toBe(0);
    expect(run.rows.map((r: XplentyRow) => r.id)).toEqual([401]);
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      `/${server.account}/api/jobs/401`,
    ]);
  });
});
