// The hostile-server matrix of issue 10 (hostile-*.test.ts), answer bodies: a poll ends a wait only
// when its body says so, and odd or deep bodies never lose a row. Each row runs the committed
// dist/index.js as the runner does (fakes/runner.mjs) against the loopback fakes, with the hostile
// answers injected through the fakes' fault vocabulary (fakes/server.mjs).
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { fakesForEachTest, rowsOf } from '../helpers/runs.js';

const { connect, xplenty } = fakesForEachTest({ retries: '0' });

describe('5. a wait ends only on an answer that says so', () => {
  it('Connect: a poll answered 200 without a status keeps the job waited on', async () => {
    const { server, inputs } = await connect([], { jobs: [{ key: 'k1', stopAfterMs: 60_000 }] });
    server.inject({
      method: 'GET',
      path: '/jobs/k1',
      kind: 'status',
      status: 200,
      body: { message: 'ok' },
    });
    const run = await runAction({
      ...inputs,
      keys: 'k1',
      wait: 'true',
      'wait-timeout': '1',
      'poll-interval': '0.2',
    });
    expect(rowsOf(run)[0]).toMatchObject({ job_key: 'k1', outcome: 'timed-out' });
    expect(run.code).toBe(1);
  });

  it('Xplenty: a gateway HTML 404 to a poll is not "ended"; its message shows at the deadline', async () => {
    const { server, inputs } = await xplenty([], { jobs: [{ id: 305, stopAfterMs: 60_000 }] });
    server.inject({ method: 'GET', path: '/jobs/305', kind: 'html', status: 404 });
    const run = await runAction({
      ...inputs,
      keys: '305',
      wait: 'true',
      'wait-timeout': '1',
      'poll-interval': '0.2',
    });
    expect(rowsOf(run)[0]).toMatchObject({ id: 305, outcome: 'timed-out' });
    expect(rowsOf(run)[0]!.error).toMatch(/404/);
  });
});

describe('6. rows survive anything', () => {
  const deep = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('Connect: a kill order answered with a 200,000-deep field and an object job_id stays terminated', async () => {
    const { server, inputs } = await connect(['k1', 'k2']);
    server.inject({
      method: 'DELETE',
      path: '/jobs/k1',
      kind: 'status',
      status: 200,
      text: `{"app_id":{"valueOf":1,"toString":1},"job_id":{"toString":1,"valueOf":1},"result":"Order to kill job registered","junk":${deep(200_000)}}`,
    });
    const run = await runAction(inputs);
    expect(rowsOf(run).map((row) => [row.job_key, row.outcome])).toEqual([
      ['k1', 'terminated'],
      ['k2', 'terminated'],
    ]);
    expect(run.outputs).toMatchObject({ terminated: '2', failed: '0' });
    expect(run.code).toBe(0);
    expect(run.summary).toContain('k1');
  });

  it('Xplenty: odd types in kill answers and polls never lose the row of an accepted order', async () => {
    const { server, inputs } = await xplenty([305, 306], {
      jobs: [
        { id: 305, stopAfterMs: 60_000 },
        { id: 306, status: 'stopped' },
      ],
    });
    server.inject({
      method: 'DELETE',
      path: '/jobs/306',
      kind: 'status',
      status: 200,
      text: `{"id":306,"status":"pending_stoppage","variables":${deep(200_000)}}`,
    });
    server.inject({
      method: 'GET',
      path: '/jobs/305',
      kind: 'status',
      status: 200,
      text: '{"id":305,"status":{"toString":1,"valueOf":1},"progress":{"toString":1}}',
    });
    const run = await runAction({
      ...inputs,
      wait: 'true',
      'wait-timeout': '1',
      'poll-interval': '0.2',
    });
    expect(rowsOf(run).map((row) => [row.id, row.outcome])).toEqual([
      [305, 'timed-out'],
      [306, 'ended'],
    ]);
    expect(run.outputs).toMatchObject({ terminated: '2', failed: '1' });
    expect(run.stdout).not.toMatch(/Unexpected failure/);
  });
});
