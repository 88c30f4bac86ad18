// Issue 18, trust round two: a key that escapes itself, a rate window already over, a byte order
// mark, a key no header can carry, and a poll interval longer than the wait. Each runs the
// committed dist/index.js as the runner does, against the loopback fakes.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

const open = openSet();
afterEach(open.closeAll);

type Run = Awaited<ReturnType<typeof runAction>>;
type Row = Record<string, unknown> & { outcome: string; error: string | null };
const rowsOf = (run: Run): Row[] => run.rows as Row[];

/** What a reader of the run sees: outputs, summary, and the log without the runner's masks. */
const visible = (run: Run): string =>
  [run.outputsText, run.summary, run.resultsFileText ?? '', run.stdout, run.stderr]
    .join('\n')
    .replace(/^::add-mask::.*$/gm, '');

describe('a key that holds %XX and \\uXXXX itself', () => {
  // Generated passwords hold such sequences; the server echoes the key partly escaped.
  const apiKey = 'Pa%41ss%2Fw\\u0041rd-0123';
  const echoes = {
    // JSON: one letter escaped, the key's own backslash written `\\`: decodes to the key.
    k1: 'P\\u0061%41ss%2Fw\\\\u0041rd-0123',
    // URL-encoded in part, lower-case hex: neither the key nor its encodeURIComponent.
    k2: 'Pa%2541ss%2Fw%5cu0041rd-0123',
  };

  it('is redacted from rows, summary and log, whatever the mix', async () => {
    const server = await open.keep(startConnect({ apiKey, jobs: [{ key: 'k1' }, { key: 'k2' }] }));
    server.inject({
      method: 'DELETE',
      path: '/jobs/k1',
      kind: 'status',
      status: 500,
      text: `{"code":1,"error":"bad key ${echoes.k1}"}`,
    });
    server.inject({
      method: 'DELETE',
      path: '/jobs/k2',
      kind: 'status',
      status: 502,
      headers: { 'content-type': 'text/plain' },
      text: `gateway refused key ${echoes.k2}`,
    });
    const run = await runAction(inputsFor(server, { keys: 'k1 k2', retries: '0' }));
    expect(rowsOf(run).map((row) => row.error)).toEqual([
      'bad key ***',
      'HTTP 502 with a text/plain body, not JSON: gateway refused key ***',
    ]);
    const seen = visible(run);
    for (const form of [apiKey, echoes.k1, echoes.k2, 'Pa%41ss', 'rd-0123']) {
      expect({ form, leaked: seen.includes(form) }).toEqual({ form, leaked: false });
    }
  });
});

describe('a rate limit whose reset time has passed', () => {
  it('counts as a fresh budget: the wait polls and sees the job stopped', async () => {
    const server = await open.keep(startXplenty({ jobs: [{ id: 1, status: 'stopped' }] }));
    // The kill answer still states the old window's 0, though that window ended a minute ago.
    const pastReset = String(Math.floor(Date.now() / 1000) - 60);
    server.inject({
      method: 'DELETE',
      path: '/jobs/1',
      kind: 'status',
      status: 200,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': pastReset,
      },
      body: { ...server.job(1), status: 'pending_stoppage' },
    });
    const run = await runAction(
      inputsFor(server, { keys: '1', wait: 'true', 'wait-timeout': '3', 'poll-interval': '0.2' }),
    );
    expect(rowsOf(run)[0]).toMatchObject({ id: 1, status: 'stopped', outcome: 'ended' });
    expect(run.code).toBe(0);
    expect(server.requests.filter((r) => r.method === 'GET')).not.toHaveLength(0);
  });
});

describe('a UTF-8 byte order mark before JSON', () => {
  it('is ignored in an Xplenty kill answer: the row is terminated with the job', async () => {
    const server = await open.keep(startXplenty({ bom: true, jobs: [{ id: 7 }] }));
    const run = await runAction(inputsFor(server, { keys: '7', retries: '0' }));
    expect(rowsOf(run)[0]).toMatchObject({
      id: 7,
      status: 'pending_stoppage',
      outcome: 'terminated',
    });
    expect(run.code).toBe(0);
  });

  it('is ignored in lists, kill answers and polls of both vendors', async () => {
    const xplenty = await open.keep(
      startXplenty({ bom: true, jobs: [{ id: 8, package_id: 104, stopAfterMs: 300 }] }),
    );
    const connect = await open.keep(
      startConnect({ bom: true, jobs: [{ key: 'bomJob', stopAfterMs: 300 }] }),
    );
    const waiting = { keys: 'all', wait: 'true', 'wait-timeout': '10', 'poll-interval': '0.2' };
    const [x, c] = await Promise.all([
      runAction(inputsFor(xplenty, { ...waiting, 'package-id': '104' })),
      runAction(inputsFor(connect, waiting)),
    ]);
    expect(rowsOf(x)).toEqual([expect.objectContaining({ id: 8, outcome: 'ended' })]);
    expect(rowsOf(c)).toEqual([
      expect.objectContaining({ job_key: 'bomJob', job_id: expect.any(String), outcome: 'ended' }),
    ]);
    expect([x.code, c.code]).toEqual([0, 0]);
  });
});

describe('an API key that cannot travel in an HTTP header', () => {
  it.each([
    ['posit-connect', 'a bell', 'connect-key\u0007-0123'],
    ['posit-connect', 'a tab inside', 'connect-key\t-0123'],
    ['xplenty', 'a euro sign', 'xplenty-key-€-0123'],
    ['posit-connect', 'an emoji', 'connect-key-\u{1F511}-0123'],
  ])('%s, %s: an input error naming api-key, before any request', async (vendor, _, apiKey) => {
    const server =
      vendor === 'xplenty'
        ? await open.keep(startXplenty({ jobs: [{ id: 1 }] }))
        : await open.keep(startConnect());
    const run = await runAction(
      inputsFor(server, { keys: vendor === 'xplenty' ? '1' : 'k1', 'api-key': apiKey }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error::Invalid input: api-key: contains a control character or one outside Latin-1/m,
    );
    expect(server.requests).toEqual([]);
    expect(visible(run)).not.toContain('-0123');
  });
});

describe('a poll-interval longer than wait-timeout', () => {
  it('is an input error naming both, before any request', async () => {
    const server = await open.keep(startConnect({ jobs: [{ key: 'k1', stopAfterMs: Infinity }] }));
    const run = await runAction(
      inputsFor(server, { keys: 'k1', wait: 'true', 'wait-timeout': '2', 'poll-interval': '3' }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error::Invalid input: poll-interval: 3 s is longer than wait-timeout \(2 s\)/m,
    );
    expect(server.requests).toEqual([]);
    expect(rowsOf(run)).toEqual([expect.objectContaining({ job_key: 'k1', outcome: 'error' })]);
  });

  it('is no error without wait', async () => {
    const server = await open.keep(startConnect({ jobs: [{ key: 'k1' }] }));
    const run = await runAction(
      inputsFor(server, { keys: 'k1', 'wait-timeout': '2', 'poll-interval': '3' }),
    );
    expect(run.code).toBe(0);
    expect(rowsOf(run)[0]?.outcome).toBe('terminated');
  });
});
