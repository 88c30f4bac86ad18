// The hostile-server matrix of issue 10 (hostile-*.test.ts), outputs: nothing is silently cut; the
// results file has every row, even after an input error or when `results` is over its budget. Each
// row runs the committed dist/index.js as the runner does (fakes/runner.mjs) against the loopback
// fakes, with the hostile answers injected through the fakes' fault vocabulary (fakes/server.mjs).
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { fakesForEachTest, rowsOf, type Row } from '../helpers/runs.js';

const { connect } = fakesForEachTest({ retries: '0' });

describe('12. nothing is silently cut', () => {
  it('results-file always names a JSON file under RUNNER_TEMP with every row', async () => {
    const { inputs } = await connect(['k1', 'k2']);
    const run = await runAction(inputs);
    expect(run.outputs['results-file']).toMatch(new RegExp(`^${run.runnerTemp}/`));
    expect(JSON.parse(run.resultsFileText ?? 'null')).toEqual(run.rows);
  });

  it('an input error still writes the results file', async () => {
    const { inputs } = await connect(['k1']);
    const run = await runAction({ ...inputs, concurrency: 'many' });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.resultsFileText ?? 'null')).toEqual(run.rows);
  });

  it('rows over the budget of `results`: what fits, a warning with the count, every row in the file', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const { server, inputs } = await connect(keys);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 500,
      body: { code: 1, error: 'e'.repeat(4000) },
    });
    const run = await runAction(inputs);
    const all = JSON.parse(run.resultsFileText ?? '[]') as Row[];
    expect(all).toHaveLength(300);
    const kept = rowsOf(run);
    expect(Buffer.byteLength(run.outputs.results ?? '')).toBeLessThanOrEqual(800_000);
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.length).toBeLessThan(300);
    expect(run.stdout).toMatch(
      new RegExp(`::warning::.*${300 - kept.length} of 300 rows .*results-file`),
    );
    expect(run.outputs.failed).toBe('300');
  });
});
