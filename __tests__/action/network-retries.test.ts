// The fault matrix of issue 4 (network-*.test.ts), retries: what a user sees when the server
// answers 429, 503 or 500, or the connection drops before the whole answer. Each row runs the
// committed dist/index.js as the runner does (fakes/runner.mjs) against the loopback fakes, with
// faults injected at the fake (fakes/server.mjs) or by the pieces in fakes/proxy.mjs.
import { describe, expect, it } from '@jest/globals';
import { startLossyFront } from '../fakes/proxy.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';
import {
  commands,
  deletes,
  expectNoStack,
  expectOneRowPerKey,
  fakesForEachTest,
  gaps,
  rowsOf,
} from '../helpers/runs.js';

const { connect, xplenty, keep } = fakesForEachTest();

/** Loopback http gets no "travels unencrypted" warning. */
function expectNoPlainHttpWarning(run: Awaited<ReturnType<typeof runAction>>): void {
  expect(commands(run, 'warning').filter((w) => w.includes('plain http'))).toEqual([]);
}

describe('fault matrix, through dist/index.js', () => {
  it('429 with Retry-After: 1, then success: retried once after about a second', async () => {
    const { server, inputs } = await xplenty([305]);
    server.inject({
      method: 'DELETE',
      times: 1,
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'Rate Limit Exceeded' },
    });
    const run = await runAction(inputs);
    expect(run.code).toBe(0);
    expectOneRowPerKey(run, [305]);
    expect(rowsOf(run)[0]).toMatchObject({ outcome: 'terminated', status: 'pending_stoppage' });
    expect(run.outputs).toMatchObject({ terminated: '1', failed: '0' });
    const sent = deletes(server);
    expect(sent).toHaveLength(2);
    // Retry-After, not the 250-500 ms backoff: the second DELETE came a second later.
    expect(gaps(sent)[0]).toBeGreaterThanOrEqual(950);
    expect(gaps(sent)[0]).toBeLessThan(2000);
    expect(run.durationMs).toBeGreaterThanOrEqual(1000);
    expect(run.durationMs).toBeLessThan(6000);
    expectNoPlainHttpWarning(run);
  });

  it('503 three times, then success: retried with growing, jittered backoff', async () => {
    const { server, inputs } = await connect(['k1']);
    server.inject({
      method: 'DELETE',
      times: 3,
      kind: 'status',
      status: 503,
      body: { code: 0, error: 'Service Unavailable', payload: null },
    });
    const run = await runAction(inputs);
    expect(run.code).toBe(0);
    expectOneRowPerKey(run, ['k1']);
    expect(rowsOf(run)[0]).toMatchObject({ outcome: 'terminated', code: null, error: null });
    const sent = deletes(server);
    expect(sent).toHaveLength(4);
    // 500 ms doubling, equal jitter: [250, 500], [500, 1000], [1000, 2000] (+ loopback time).
    const [first, second, third] = gaps(sent) as [number, number, number];
    expect(first).toBeGreaterThanOrEqual(240);
    expect(first).toBeLessThan(900);
    expect(second).toBeGreaterThanOrEqual(490);
    expect(second).toBeLessThan(1500);
    expect(third).toBeGreaterThanOrEqual(990);
    expect(third).toBeLessThan(2600);
    expect(run.durationMs).toBeLessThan(8000);
  });

  it.each(['reset-mid-body', 'reset'] as const)(
    'a connection %s before the whole answer: retried, row terminated',
    async (kind) => {
      const { server, inputs } = await connect(['k1', 'k2']);
      server.inject({ method: 'DELETE', path: '/jobs/k2', times: 1, kind });
      const run = await runAction(inputs);
      expect(run.code).toBe(0);
      expectOneRowPerKey(run, ['k1', 'k2']);
      expect(rowsOf(run).map((row) => row.outcome)).toEqual(['terminated', 'terminated']);
      expect(deletes(server).filter((r) => r.path.endsWith('/k2'))).toHaveLength(2);
      expect(deletes(server).filter((r) => r.path.endsWith('/k1'))).toHaveLength(1);
      expect(run.durationMs).toBeLessThan(5000);
      expectNoStack(run);
    },
  );

  it('a Connect DELETE retried after its answer was lost meets 409/163: row not-active', async () => {
    const { server, inputs } = await connect(['k1']);
    const front = await keep(startLossyFront(server.url));
    front.loseAnswers({ method: 'DELETE', times: 1 });
    const run = await runAction({ ...inputs, server: front.url });
    // The first DELETE killed the job (the fake answered 200), the client never saw it.
    expect(front.lost).toEqual([expect.objectContaining({ method: 'DELETE', status: 200 })]);
    expect(deletes(server)).toHaveLength(2);
    expect(run.code).toBe(0);
    expectOneRowPerKey(run, ['k1']);
    expect(rowsOf(run)[0]).toEqual({
      app_id: null,
      // The item the key was sent to (the row of a refused order keeps it).
      app_guid: server.guid,
      job_key: 'k1',
      job_id: null,
      result: null,
      code: 163,
      error: 'The specified job cannot be terminated because it is not active',
      outcome: 'not-active',
      // The page is on the server the action was given: here the front in its place.
      page_url: `${front.url}/connect/#/apps/${server.guid}/logs?logKey=k1`,
    });
    expect(run.outputs).toMatchObject({ terminated: '0', failed: '0' });
  });

  it('an Xplenty DELETE retried after its answer was lost finds the job stopping: terminated', async () => {
    const server = await keep(startXplenty({ jobs: [{ id: 305, stopAfterMs: 60_000 }] }));
    const front = await keep(startLossyFront(server.url));
    front.loseAnswers({ method: 'DELETE', times: 1 });
    const run = await runAction(inputsFor(server, { server: front.url, keys: '305' }));
    expect(front.lost).toEqual([expect.objectContaining({ method: 'DELETE', status: 200 })]);
    expect(run.code).toBe(0);
    expectOneRowPerKey(run, [305]);
    expect(rowsOf(run)[0]).toMatchObject({ outcome: 'terminated', status: 'stopping' });
  });

  it('500 every time: row error after retries + 1 attempts, step fails', async () => {
    const { server, inputs } = await xplenty([305, 306]);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 500,
      body: { message: 'Internal Server Error' },
    });
    const run = await runAction({ ...inputs, retries: '2' });
    expect(run.code).toBe(1);
    expectOneRowPerKey(run, [305, 306]);
    for (const row of rowsOf(run)) {
      expect(row).toMatchObject({
        outcome: 'error',
        code: 500,
        error: 'Internal Server Error',
        status: null,
      });
    }
    for (const id of [305, 306]) {
      expect(deletes(server).filter((r) => r.path.endsWith(`/jobs/${id}`))).toHaveLength(3);
    }
    expect(server.requests).toHaveLength(6); // 500 is no refusal: no follow-up GET
    expect(run.outputs).toMatchObject({ terminated: '0', failed: '2' });
    expect(commands(run, 'error')).toEqual([
      '2 of 2 job(s) failed: 305 error (Internal Server Error); 306 error (Internal Server Error)',
    ]);
    // Two pauses per key, 250-500 and 500-1000 ms, the two keys side by side.
    expect(run.durationMs).toBeGreaterThanOrEqual(750);
    expect(run.durationMs).toBeLessThan(5000);
  });
});
