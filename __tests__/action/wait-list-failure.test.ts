// Issue 26, item 7: when a content item's job list fails during the wait, its jobs are polled on
// their own (as a job the list leaves out already is), so the jobs that stopped are `ended`,
// not `timed-out`.
import { afterEach, describe, expect, it } from '@jest/globals';
import { CONNECT_GUID, startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

interface Logged {
  method: string;
  path: string;
}

const LIST = `/__api__/v1/content/${CONNECT_GUID}/jobs`;

describe('a job list that fails during the wait', () => {
  it.each([
    ['answers 500', { kind: 'status', status: 500, body: { error: 'list broke' } }],
    ['answers a proxy page', { kind: 'html', status: 502 }],
    ['gives no answer', { kind: 'reset' }],
  ] as const)("when the item's list %s, its jobs are polled alone and end", async (_, fault) => {
    const server = await open.keep(
      startConnect({
        jobs: [
          { key: 'stopsSoon1', stopAfterMs: 300 },
          { key: 'stopsSoon2', stopAfterMs: 300 },
          { key: 'stopsSoon3', stopAfterMs: 300 },
          // Still running at the deadline: its row says what the list answered.
          { key: 'neverStops', stopAfterMs: 60_000 },
        ],
      }),
    );
    // Explicit keys: the kill phase lists nothing, so every list read is the wait's.
    server.inject({ ...fault, method: 'GET', path: /\/jobs$/ });
    const run = await runAction({
      vendor: 'posit-connect',
      keys: 'stopsSoon1,stopsSoon2,stopsSoon3,neverStops',
      'api-key': server.apiKey,
      server: server.server,
      target: CONNECT_GUID,
      wait: 'true',
      'wait-timeout': '3',
      'poll-interval': '0.2',
      retries: '0',
    });
    const outcomes = Object.fromEntries(
      (run.rows as { job_key: string; outcome: string }[]).map((row) => [row.job_key, row.outcome]),
    );
    expect(outcomes).toEqual({
      stopsSoon1: 'ended',
      stopsSoon2: 'ended',
      stopsSoon3: 'ended',
      neverStops: 'timed-out',
    });
    const requests = server.requests as Logged[];
    // The list was tried in the wait, and the jobs were read on their own after it failed.
    expect(requests.filter((r) => r.method === 'GET' && r.path === LIST).length).toBeGreaterThan(1);
    expect(requests.some((r) => r.method === 'GET' && r.path === `${LIST}/stopsSoon1`)).toBe(true);
    expect(run.code).toBe(1);
  });
});
