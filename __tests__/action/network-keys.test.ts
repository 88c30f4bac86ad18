// The fault matrix of issue 4 (network-*.test.ts), keys: a key that would leave the job's path is
// an input error before any request; 5,000 keys in one input are one row each. Runs the committed
// dist/index.js as the runner does (fakes/runner.mjs) against the loopback fakes.
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import {
  commands,
  deletes,
  escapeRegExp,
  expectOneRowPerKey,
  fakesForEachTest,
  rowsOf,
  type Run,
} from '../helpers/runs.js';

const { connect, xplenty } = fakesForEachTest();

describe('fault matrix, through dist/index.js', () => {
  it.each([
    ['posit-connect', '../k1'],
    ['posit-connect', 'k1%2F..%2Fk2'],
    ['posit-connect', 'k1?x=1'],
    ['posit-connect', 'k1#top'],
    ['xplenty', '../305'],
    ['xplenty', '305%2F306'],
    ['xplenty', '305?x=1'],
    ['xplenty', '305#top'],
  ] as const)('%s key %s: a clear input error and no request at all', async (vendor, bad) => {
    const fake = vendor === 'posit-connect' ? await connect(['k1']) : await xplenty([305]);
    const run = await runAction({ ...fake.inputs, keys: `${fake.inputs.keys} ${bad}` });
    expect(run.code).toBe(1);
    expect(fake.server.requests).toEqual([]);
    const errors = commands(run, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^Invalid input: keys: ${escapeRegExp(JSON.stringify(bad))} is not a job`),
    );
    // The outputs are written; whatever rows there are say nothing was sent.
    expect(run.outputs.results).toBeDefined();
    for (const row of rowsOf(run)) {
      expect(row).toMatchObject({ outcome: 'error', error: 'not sent: invalid input' });
    }
  });

  it('5,000 keys in one input: one row per key, in order, every request on the job path', async () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `job-${String(i).padStart(5, '0')}-abcdef`);
    const text = keys.join('\n');
    // About what a runner can pass in one environment variable (128 KiB at most).
    expect(Buffer.byteLength(text)).toBeGreaterThan(64 * 1024);
    expect(Buffer.byteLength(text)).toBeLessThan(128 * 1024);
    const { server, inputs } = await connect([]);
    for (const key of keys) server.addJob({ key });
    const run = await runAction({ ...inputs, keys: text, concurrency: '32' });
    expect(run.code).toBe(0);
    // 5,000 rows are more than `results` holds: every row is in the results file.
    const all = { ...run, rows: JSON.parse(run.resultsFileText ?? '[]') } as Run;
    expectOneRowPerKey(all, keys);
    expect(rowsOf(all).every((row) => row.outcome === 'terminated')).toBe(true);
    expect(run.outputs).toMatchObject({ terminated: '5000', failed: '0' });
    const jobs = `/__api__/v1/content/${server.guid}/jobs/`;
    const sent = deletes(server).map((request) => request.path);
    expect(sent).toHaveLength(5000);
    expect(new Set(sent)).toEqual(new Set(keys.map((key) => `${jobs}${key}`)));
    expect(server.requests.filter((r) => r.method !== 'DELETE').map((r) => r.path)).toEqual([
      '/__api__/server_settings',
    ]);
    expect(run.summary).toContain('4500 more row(s) are in the <code>results-file</code> output.');
    expect(run.durationMs).toBeLessThan(30_000);
  }, 60_000);
});
