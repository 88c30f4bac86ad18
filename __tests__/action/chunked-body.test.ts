// Issue 26, item 14 (c): the bound on an answer's size holds when the server states no
// Content-Length and streams the body in chunks: the answer is refused once it passes the
// bound, not read to its end, and not asked for again.
import { afterEach, describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

const open = openSet();
afterEach(open.closeAll);

type Row = Record<string, unknown> & { outcome: string; error: string | null };

describe('a kill answer of 11 MB in 64 KiB chunks, without Content-Length', () => {
  it('is refused once as too large: an error row, no retry, quickly', async () => {
    const server = await open.keep(startXplenty({ jobs: [{ id: 1 }] }));
    server.inject({ method: 'DELETE', path: '/jobs/1', kind: 'huge', chunked: true });
    const started = Date.now();
    const run = await runAction(inputsFor(server, { keys: '1', retries: '3' }));
    const elapsed = Date.now() - started;
    const rows = run.rows as Row[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.outcome).toBe('error');
    expect(rows[0]?.error).toMatch(/answer larger than 10 MB/);
    expect(run.outputs.terminated).toBe('0');
    expect(server.requests.filter((r: { method: string }) => r.method === 'DELETE')).toHaveLength(
      1,
    );
    // A retry's backoff alone is a second or more; the run itself takes a few hundred ms.
    expect(elapsed).toBeLessThan(5000);
  });
});
