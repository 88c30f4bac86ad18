// The fault matrix of issue 4 (network-*.test.ts), failures: a server that never answers, refuses
// the key, answers with an HTML page or redirects elsewhere. Each row runs the committed
// dist/index.js as the runner does (fakes/runner.mjs) against the loopback fakes.
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { json, startServer } from '../fakes/server.mjs';
import {
  commands,
  deletes,
  expectNoStack,
  expectOneRowPerKey,
  fakesForEachTest,
  rowsOf,
  type Logged,
} from '../helpers/runs.js';

const { connect, xplenty, keep } = fakesForEachTest();

describe('fault matrix, through dist/index.js', () => {
  it('a server that never answers: fails after timeout x attempts, not longer', async () => {
    const { server, inputs } = await connect(['k1']);
    server.inject({ method: 'DELETE', kind: 'hang' });
    const run = await runAction({ ...inputs, timeout: '0.5', retries: '1' });
    expect(run.code).toBe(1);
    expectOneRowPerKey(run, ['k1']);
    expect(rowsOf(run)[0]).toMatchObject({
      outcome: 'error',
      code: null,
      error: 'no complete answer within 0.5 s',
    });
    const sent = deletes(server);
    expect(sent).toHaveLength(2);
    // Two attempts of 0.5 s and one pause of 250-500 ms; then the run ends, within the second
    // attempt's 0.5 s and its exit (records, and under `npm test` its V8 coverage: 0.6 s
    // quiet, 1.6 s seen on a loaded machine). Start-up, which load stretches most, comes before
    // the first request and is left out. A run kept alive by a socket or a timer takes seconds.
    expect(run.durationMs).toBeGreaterThanOrEqual(1250);
    expect(run.endedAt - (sent[1] as Logged).at).toBeLessThan(3000);
    expect(commands(run, 'error')).toEqual([
      '1 of 1 job(s) failed: k1 error (no complete answer within 0.5 s)',
    ]);
    expectNoStack(run);
  });

  it('a server that never answers at all: the run stops with one message, a row per key', async () => {
    const { server, inputs } = await connect(['k1', 'k2', 'k3']);
    server.inject({ kind: 'hang' });
    const run = await runAction({ ...inputs, timeout: '0.5', retries: '1' });
    expect(run.code).toBe(1);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/__api__/server_settings',
      '/__api__/server_settings',
    ]);
    expectOneRowPerKey(run, ['k1', 'k2', 'k3']);
    for (const row of rowsOf(run)) {
      expect(row).toMatchObject({
        outcome: 'error',
        error: 'not sent: the server could not be reached',
      });
    }
    expect(commands(run, 'error')).toEqual([
      'Could not reach the server: no complete answer within 0.5 s.',
    ]);
    // The second attempt's 0.5 s and the exit, not more (see the test above).
    expect(run.endedAt - (server.requests[1] as Logged).at).toBeLessThan(3000);
  });

  it.each(['posit-connect', 'xplenty'] as const)(
    '401 from %s: one clear failure, no further DELETE sent, a row for every key',
    async (vendor) => {
      const fake =
        vendor === 'posit-connect'
          ? await connect(['k1', 'k2', 'k3', 'k4'])
          : await xplenty([305, 306, 307, 308]);
      const keys = fake.inputs.keys!.split(' ');
      const run = await runAction({ ...fake.inputs, 'api-key': 'wrong-key', concurrency: '1' });
      expect(run.code).toBe(1);
      expect(deletes(fake.server)).toHaveLength(1);
      expectOneRowPerKey(run, keys);
      const [first, ...rest] = rowsOf(run);
      expect(first).toMatchObject({ outcome: 'error', code: vendor === 'xplenty' ? 401 : 30 });
      for (const row of rest) {
        expect(row).toMatchObject({ outcome: 'error', error: 'not sent: authentication failed' });
      }
      const errors = commands(run, 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/did not accept the API key/);
      expect(run.outputs.failed).toBe('4');
    },
  );

  it.each(['posit-connect', 'xplenty'] as const)(
    'an HTML 502 page from %s: a clear error, no JSON parse stack',
    async (vendor) => {
      const fake = vendor === 'posit-connect' ? await connect(['k1']) : await xplenty([305]);
      fake.server.inject({ method: 'DELETE', kind: 'html', status: 502 });
      const run = await runAction({ ...fake.inputs, retries: '1' });
      expect(run.code).toBe(1);
      expectOneRowPerKey(run, [fake.inputs.keys!]);
      const message =
        'HTTP 502 with a text/html body, not JSON: 502 Bad Gateway 502 Bad Gateway nginx';
      expect(rowsOf(run)[0]).toMatchObject({
        outcome: 'error',
        code: vendor === 'xplenty' ? 502 : null,
        error: message,
      });
      expect(deletes(fake.server)).toHaveLength(2); // 502 is retried
      expect(commands(run, 'error')).toEqual([
        `1 of 1 job(s) failed: ${fake.inputs.keys} error (${message})`,
      ]);
      expect(run.summary).not.toContain('<html>');
      expectNoStack(run);
    },
  );

  it('a redirect to another origin is not followed: the other origin receives nothing', async () => {
    const { server, inputs } = await connect(['k1']);
    const elsewhere = await keep(startServer(() => json(200, { stolen: true })));
    const location = `${elsewhere.url}/collect`;
    server.inject({ method: 'DELETE', kind: 'redirect', status: 307, location });
    const run = await runAction(inputs);
    expect(elsewhere.requests).toEqual([]);
    expect(run.code).toBe(1);
    expectOneRowPerKey(run, ['k1']);
    expect(rowsOf(run)[0]).toMatchObject({
      outcome: 'error',
      code: null,
      error: `HTTP 307 redirect to ${location}: not followed, the API should answer directly`,
    });
    expect(deletes(server)).toHaveLength(1); // a redirect is not retried either
  });
});
