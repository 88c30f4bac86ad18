// The hostile-server matrix of issue 10 (hostile-*.test.ts), rate limits: a 429 asking to wait
// beyond the run patience stops the run at once, during the kills or the wait. Each row runs the
// committed dist/index.js as the runner does (fakes/runner.mjs) against the loopback fakes, with
// the hostile answers injected through the fakes' fault vocabulary (fakes/server.mjs).
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { fakesForEachTest, rowsOf, sent } from '../helpers/runs.js';

const { connect, xplenty } = fakesForEachTest({ retries: '0' });

describe('7. rate limits beyond the run patience stop the run', () => {
  it('429 with Retry-After: 86400 stops sending at once; unsent keys say until when', async () => {
    const keys = ['k1', 'k2', 'k3', 'k4'];
    const { server, inputs } = await connect(keys);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '86400' },
      body: { code: 1, error: 'slow down' },
    });
    const run = await runAction(
      { ...inputs, concurrency: '1', retries: '4' },
      { killAfterMs: 30_000 },
    );
    expect(run.durationMs).toBeLessThan(10_000);
    expect(run.code).toBe(1);
    expect(sent(server, 'DELETE')).toHaveLength(1);
    const rows = rowsOf(run);
    expect(rows).toHaveLength(4);
    expect(rows[0]!.error).toMatch(/rate limited until \d{4}-/);
    for (const row of rows.slice(1))
      expect(row.error).toMatch(/^not sent: rate limited until \d{4}-/);
  }, 40_000);
  it('an Xplenty 429 whose X-RateLimit-Reset is an hour away stops the run too', async () => {
    const { server, inputs } = await xplenty([305, 306, 307]);
    const reset = String(Math.ceil(Date.now() / 1000) + 3600);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 429,
      headers: { 'x-ratelimit-reset': reset, 'x-ratelimit-remaining': '0' },
      body: { message: 'Rate Limit Exceeded' },
    });
    const run = await runAction(
      { ...inputs, concurrency: '1', retries: '4' },
      { killAfterMs: 30_000 },
    );
    expect(run.durationMs).toBeLessThan(10_000);
    expect(sent(server, 'DELETE')).toHaveLength(1);
    expect(rowsOf(run).map((row) => row.error)).toEqual([
      expect.stringMatching(/rate limited until \d{4}-/),
      expect.stringMatching(/^not sent: rate limited until \d{4}-/),
      expect.stringMatching(/^not sent: rate limited until \d{4}-/),
    ]);
  }, 40_000);

  it('a 429 beyond the run patience during the wait ends the wait at once; the row says why', async () => {
    const { server, inputs } = await connect([], { jobs: [{ key: 'k1', stopAfterMs: 60_000 }] });
    server.inject({
      method: 'GET',
      path: '/jobs/k1',
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '86400' },
      body: { code: 1, error: 'slow down' },
    });
    const run = await runAction(
      { ...inputs, keys: 'k1', wait: 'true', 'wait-timeout': '120', 'poll-interval': '0.2' },
      { killAfterMs: 60_000 },
    );
    expect(run.durationMs).toBeLessThan(10_000);
    expect(rowsOf(run)[0]).toMatchObject({ job_key: 'k1', outcome: 'timed-out' });
    expect(rowsOf(run)[0]!.error).toMatch(/not polled further: rate limited until \d{4}-/);
    expect(run.outputs).toMatchObject({ terminated: '1', failed: '1' });
  }, 70_000);
});
