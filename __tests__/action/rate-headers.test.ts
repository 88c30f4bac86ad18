// Issue 26, item 3: a rate header that says nothing usable (empty, blank, negative, not a
// number) is a count unknown, like an answer without it: the wait still polls.
import { afterEach, describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

const open = openSet();
afterEach(open.closeAll);

type Row = Record<string, unknown> & { outcome: string };

describe('an X-RateLimit-Remaining on the kill answer that is no count', () => {
  it.each([
    ['empty', ''],
    ['blank', '  '],
    ['negative', '-1'],
    ['not a number', 'many'],
    ['a fraction', '2.5'],
  ])('%s (%j): the wait polls and sees the job stopped', async (_, remaining) => {
    const server = await open.keep(startXplenty({ jobs: [{ id: 1, status: 'stopped' }] }));
    // The kill answer says the stop is pending; the job has stopped by the first poll.
    server.inject({
      method: 'DELETE',
      path: '/jobs/1',
      kind: 'status',
      status: 200,
      headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': remaining },
      body: { ...server.job(1), status: 'pending_stoppage' },
    });
    const run = await runAction(
      inputsFor(server, { keys: '1', wait: 'true', 'wait-timeout': '3', 'poll-interval': '0.2' }),
    );
    expect((run.rows as Row[])[0]).toMatchObject({ id: 1, outcome: 'ended' });
    expect(run.code).toBe(0);
    expect(server.requests.filter((r) => r.method === 'GET')).not.toHaveLength(0);
  });
});
