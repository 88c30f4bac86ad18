// The hostile-server matrix of issue 10 (hostile-*.test.ts), outside text: a server's messages,
// statuses and Locations, and an input echoed back, reach the log and the summary as data, bounded.
// Each row runs the committed dist/index.js as the runner does (fakes/runner.mjs) against the
// loopback fakes, with the hostile answers injected through the fakes' fault vocabulary
// (fakes/server.mjs).
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { expectClean, MARK } from '../helpers/hostile.js';
import { fakesForEachTest, rowsOf } from '../helpers/runs.js';

const { connect, xplenty } = fakesForEachTest({ retries: '0' });

/** Server text that tries every way into the runner and the summary. */
const HOSTILE = [
  'boom',
  `::set-output name=failed::0`,
  `::add-mask::${MARK}`,
  `\r::error title=${MARK}::owned`,
  `  ::stop-commands::${MARK}`,
  `x ##[add-mask]${MARK} \u001b[31mred\u001b[0m \u0000nul \u009b2J \u2028sep`,
  '',
  `![img](https://evil.example/${MARK}.png)`,
  `# ${MARK} heading`,
  `[link](https://evil.example/${MARK}) <img src=x onerror=alert(1)>`,
].join('\n');

describe('1. outside text is data', () => {
  it('a Connect error message full of workflow commands, ANSI and Markdown: clean log and summary, exact results', async () => {
    const { server, inputs } = await connect(['k1']);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 500,
      body: { code: 1, error: HOSTILE },
    });
    const run = await runAction(inputs);
    expect(run.code).toBe(1);
    expect(rowsOf(run)).toEqual([expect.objectContaining({ job_key: 'k1', outcome: 'error' })]);
    expect(rowsOf(run)[0]!.error).toBe(HOSTILE);
    expect(run.summary).toContain('boom');
    expectClean(run);
  });

  it('an Xplenty status with ##[ and line breaks, and a Location with ##[: neither reaches the runner', async () => {
    const { server, inputs } = await xplenty([305, 306]);
    server.inject({
      method: 'DELETE',
      path: '/jobs/305',
      kind: 'status',
      status: 200,
      body: { id: 305, status: `running\n::set-output name=terminated::99\n##[add-mask]${MARK}` },
    });
    server.inject({
      method: 'DELETE',
      path: '/jobs/306',
      kind: 'redirect',
      location: `http://127.0.0.1:9/##[add-mask]${MARK}?q=::error::${MARK}`,
    });
    const run = await runAction(inputs);
    expect(rowsOf(run).map((row) => row.outcome)).toEqual(['terminated', 'error']);
    expect(rowsOf(run)[0]!.status).toBe(
      `running\n::set-output name=terminated::99\n##[add-mask]${MARK}`,
    );
    expect(run.outputs.terminated).toBe('1');
    expectClean(run);
  });

  it('an input echoed in the error cannot issue a command', async () => {
    const { server, inputs } = await connect(['k1']);
    const run = await runAction({ ...inputs, keys: `k1 ##[add-mask]${MARK}` });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('keys');
    expect(server.requests).toEqual([]);
    expectClean(run);
  });

  it('huge messages: every log line and the whole summary stay bounded', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const { server, inputs } = await connect(keys);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 500,
      body: { code: 1, error: `${'<&'.repeat(10_000)}${'x'.repeat(20_000)}` },
    });
    const run = await runAction(inputs);
    expect(JSON.parse(run.resultsFileText ?? '[]')).toHaveLength(40);
    expect(Buffer.byteLength(run.summary)).toBeLessThan(256 * 1024);
    expectClean(run);
  });
});
